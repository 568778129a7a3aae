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
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		foldRune(&b, r)
	}
	return b.String()
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
