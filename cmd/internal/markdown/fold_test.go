package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldWhole is Fold as first written: the whole string decomposed at once. Fold's ASCII fast
// path must give the same.
func foldWhole(s string) string {
	var b []byte
	for _, r := range norm.NFD.String(s) {
		b = appendFoldRune(b, r)
	}
	return string(b)
}

// foldSamples are strings where decomposing by runs could differ from decomposing the whole:
// combining marks after ASCII, reordered marks, long runs of marks, Hangul, invalid UTF-8.
var foldSamples = []string{
	"",
	"Élèves de l’ENT : « Œuvre » et æther",
	"e\u0301te\u0301 A\u0323\u0301 a\u0301\u0323",
	"x" + strings.Repeat("\u0301", 40) + "y" + strings.Repeat("\u0323\u0301", 20),
	"한국어 CAS Ǆ ǅ İstanbul ΣΑΣ",
	"ok\xffbad\xc3 \xe2\x80 é\x80x",
	"\u0301 leading mark, then ASCII",
	"ﬁ ﬂ ½ ㎏ Å Ω",
}

func TestFoldMatchesWholeDecomposition(t *testing.T) {
	for _, s := range foldSamples {
		if got, want := Fold(s), foldWhole(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q (whole-string NFD)", s, got, want)
		}
	}
}

// TestFoldCommon checks foldTable against the whole decomposition for every character it
// covers, alone and beside the characters it could reorder with.
func TestFoldCommon(t *testing.T) {
	covered := 0
	for r := rune(utf8.RuneSelf); r < foldTableEnd; r++ {
		if !foldTable[r].ok {
			continue
		}
		covered++
		for _, s := range []string{string(r), "a" + string(r) + "\u0323\u0301", string(r) + "é" + string(r), "\u0301" + string(r)} {
			if got, want := Fold(s), foldWhole(s); got != want {
				t.Errorf("Fold(%q) = %q, want %q (whole-string NFD)", s, got, want)
			}
		}
	}
	for _, r := range "éèêëàâçôûùîïœæÉÈÀÇŒ’«»\u00a0\u202f–—…" {
		if !foldTable[r].ok {
			t.Errorf("%q is not in foldTable: French text would take the slow path", r)
		}
	}
	if covered < 300 {
		t.Errorf("foldTable covers %d characters, want the Latin and punctuation blocks (> 300)", covered)
	}
}

func TestFoldWords(t *testing.T) {
	tests := []struct {
		name  string
		parts []string
	}{
		{"none", nil},
		{"empty parts", []string{"", " ", "\t\n"}},
		{"title, ID and text", []string{"Vérifier l’URL", "net.cas-url", "  Le  serveur\tCAS \n répond. "}},
		{"no-break spaces split words, as strings.Fields", []string{"Élèves\u00a0: « Œuvre\u202f»", "a\u2003b\u3000c"}},
		{"a word cut by the parts", []string{"ab", "cd"}},
		{"invalid UTF-8", []string{"ok\xffbad\xc3", " \xe2\x80 é\x80x"}},
		{"mark after a space", []string{"e \u0301te\u0301"}},
		{"a word of marks only, folded to nothing", []string{"\u0301", "x \u0301 y", "\u0301\u0323"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := Fold(strings.Join(strings.Fields(strings.Join(tt.parts, " ")), " "))
			if got := FoldWords(tt.parts...); got != want {
				t.Errorf("FoldWords(%q) = %q, want %q", tt.parts, got, want)
			}
		})
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range foldSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), foldWhole(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q (whole-string NFD), valid UTF-8: %v", s, got, want, utf8.ValidString(s))
		}
	})
}

func FuzzFoldWords(f *testing.F) {
	for _, s := range foldSamples {
		f.Add(s, "x "+s)
	}
	f.Fuzz(func(t *testing.T, s, s2 string) {
		if got, want := FoldWords(s, s2), foldWhole(strings.Join(strings.Fields(s+" "+s2), " ")); got != want {
			t.Errorf("FoldWords(%q, %q) = %q, want %q", s, s2, got, want)
		}
	})
}

func BenchmarkFold(b *testing.B) {
	s := strings.Repeat("net.cas-url Vérifiez que l’URL du serveur CAS est https://cas.example.fr/cas ; ", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Fold(s)
	}
}

func BenchmarkFoldWhole(b *testing.B) {
	s := strings.Repeat("net.cas-url Vérifiez que l’URL du serveur CAS est https://cas.example.fr/cas ; ", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		foldWhole(s)
	}
}

func BenchmarkFoldWords(b *testing.B) {
	s := strings.Repeat("net.cas-url Vérifiez que l’URL du serveur CAS est https://cas.example.fr/cas ;\n ", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		FoldWords("Vérifier l’URL", "net.cas-url", s)
	}
}

// BenchmarkFoldFields is what FoldWords replaces.
func BenchmarkFoldFields(b *testing.B) {
	s := strings.Repeat("net.cas-url Vérifiez que l’URL du serveur CAS est https://cas.example.fr/cas ;\n ", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Fold(strings.Join(strings.Fields("Vérifier l’URL"+" "+"net.cas-url"+" "+s), " "))
	}
}

// BenchmarkWordFolder folds a section's text as search does: one WordFolder for every
// section, the text added segment by segment.
func BenchmarkWordFolder(b *testing.B) {
	segs := strings.SplitAfter(strings.Repeat("net.cas-url Vérifiez que l’URL du serveur CAS est https://cas.example.fr/cas ;\n ", 20), " ")
	n := 0
	for _, s := range segs {
		n += len(s)
	}
	b.SetBytes(int64(n))
	var f WordFolder
	for b.Loop() {
		f.Reset()
		f.Add("Vérifier l’URL")
		for _, s := range segs {
			f.Add(s)
		}
		_ = f.String()
	}
}

// TestWordFolderReset checks that a WordFolder reused after Reset folds as a new one: no word,
// and no invalid UTF-8, left from before.
func TestWordFolderReset(t *testing.T) {
	var f WordFolder
	for _, before := range [][]string{{"Élèves de l’ENT"}, {"ok\xffbad", "é"}, nil} {
		for _, parts := range [][]string{{"Vérifier l’URL", "net.cas-url", " Le\u00a0serveur "}, {"e \u0301te\u0301"}, nil} {
			f.Reset()
			for _, p := range before {
				f.Add(p)
			}
			f.Reset()
			for _, p := range parts {
				f.AddBytes([]byte(p))
			}
			if got, want := f.String(), FoldWords(parts...); got != want {
				t.Errorf("after %q, then Reset: %q gives %q, want %q", before, parts, got, want)
			}
		}
	}
}
