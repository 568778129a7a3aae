package evidence

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hds-oze/pronote-oze/checks"
)

// readOne reads data as file into fresh evidence.
func readOne(t *testing.T, file string, data []byte) (*checks.Evidence, error) {
	t.Helper()
	ev := &checks.Evidence{}
	_, err := Read(file, bytes.NewReader(data), checks.Default(), ev, IdentityOptions{})
	return ev, err
}

// TestIdentityEdgeCases: inputs a spreadsheet opens without complaint, read the same way, with
// a warning where the reading is a choice.
func TestIdentityEdgeCases(t *testing.T) {
	tests := []struct {
		name       string
		data       string
		rows       int
		lines      []int  // lines of the filled identifiers
		warn       string // in the one warning expected, "" for none
		sameHashes bool   // the identifiers are all the same one
	}{
		{name: "bare quote in an unquoted field is text, as in Excel",
			data: "Nom;Id. CAS\n=HYPERLINK(\"x\");a\nB \"Bob\" C;b\n", rows: 2, lines: []int{2, 3},
			warn: `read as text, as Excel and LibreOffice do (4 in all, at line:column 2:12, 2:14, 3:3, 3:7)`},
		{name: "old Mac line ends (CR only)",
			data: "Nom;Id. CAS\rA;a\rB;b\r", rows: 2, lines: []int{2, 3}},
		{name: "a lone CR in a CRLF file ends a line",
			data: "Nom;Id. CAS\r\nA;a\rB;b\r\nC;c\r\n", rows: 3, lines: []int{2, 3, 4}},
		{name: "a CR cut from its LF by the read buffer's edge",
			data: "Nom;Id. CAS\r\n" + strings.Repeat("A;\r\n", 1<<18) + "B;b\r\n", rows: 1<<18 + 1, lines: []int{1<<18 + 2}},
		{name: "a BOM inside a field is not part of the identifier",
			data: "Nom;Id. CAS\nA;abc\nB;\ufeffabc\nC;abc\ufeff \n", rows: 3, lines: []int{2, 3, 4}, sameHashes: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := readOne(t, "eleves.csv", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			l := ev.Identities[0]
			var lines []int
			for _, id := range l.IDs {
				lines = append(lines, id.Line)
				if tt.sameHashes && id.Hash != l.IDs[0].Hash {
					t.Errorf("identifier at line %d differs from the first", id.Line)
				}
			}
			if l.Rows != tt.rows || !slices.Equal(lines, tt.lines) {
				t.Errorf("rows %d, identifiers at %v; want %d, %v", l.Rows, lines, tt.rows, tt.lines)
			}
			switch {
			case tt.warn == "" && len(ev.Warnings) > 0:
				t.Errorf("warnings %+v, want none", ev.Warnings)
			case tt.warn != "" && (len(ev.Warnings) != 1 || !strings.Contains(ev.Warnings[0].Msg.EN, tt.warn) || ev.Warnings[0].Source != "eleves.csv"):
				t.Errorf("warnings %+v, want one with %q", ev.Warnings, tt.warn)
			case tt.warn != "" && ev.Warnings[0].Msg.FR == "":
				t.Errorf("warning without French")
			}
		})
	}
}

// TestIdentityBounds: a record is at most MaxRecord long; an unclosed quote is reported where
// it opened.
func TestIdentityBounds(t *testing.T) {
	long := strings.Repeat("x", MaxRecord+1)
	tests := []struct{ name, data, want string }{
		{"unclosed quote, at its line", "Nom;Id. CAS\nA;a\n\"B;b\nC;c\nD;d\n", "f:3:1: quote opened here and never closed"},
		{"unclosed quote in a later field", "Nom;Id. CAS\nA;a\nB;\"b\nC;c\n", "f:3:3: quote opened here and never closed"},
		{"one line longer than the limit", "Nom;Id. CAS\nA;" + long + "\n", "f:2: line longer than 1024 KiB"},
		{"no line end at all", long + long, "f:1: line longer than 1024 KiB"},
		{"header too long", "Nom;Id. CAS" + long, "f:1: line longer than 1024 KiB"},
		{"a quoted field running on past the limit", "Nom;Id. CAS\nA;a\nB;\"b\n" + strings.Repeat("yyyyyyy\n", MaxRecord/8+1), "f:3:3: quote opened here and not closed within the next 1024 KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readOne(t, "f", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error with %q", err, tt.want)
			}
			var ie *InputError
			if !errors.As(err, &ie) || ie.Msg.FR == "" || ie.Msg.FR == ie.Msg.EN {
				t.Errorf("error %#v is not an input error in both languages", err)
			}
		})
	}
	// Exactly the limit is accepted.
	if _, err := readOne(t, "f", []byte("Nom;Id. CAS\n"+long[1:]+"\r\nB;b\n")); err != nil {
		t.Errorf("a line of MaxRecord bytes: %v", err)
	}
}

// TestSameFileTwice: the same export given twice (same SHA-256) is read once and said to be
// the same, instead of every identifier being shared with itself.
func TestSameFileTwice(t *testing.T) {
	data := []byte("Nom;Id. CAS\nA;a\nB;b\n")
	ev := &checks.Evidence{}
	for _, name := range []string{"eleves.csv", "eleves.csv", "copie eleves.csv"} {
		if _, err := Read(name, bytes.NewReader(data), checks.Default(), ev, IdentityOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if len(ev.Identities) != 1 {
		t.Errorf("%d lists, want 1", len(ev.Identities))
	}
	if len(ev.Warnings) != 2 || ev.Warnings[1].Source != "copie eleves.csv" || !strings.Contains(ev.Warnings[1].Msg.EN, "same content as eleves.csv (same SHA-256)") {
		t.Errorf("warnings %+v", ev.Warnings)
	}
	rep := checks.Run(checks.Default(), ev, checks.Options{Mode: checks.Hosted})
	for _, r := range rep.Results {
		if r.Status == checks.Fail {
			t.Errorf("%s fails: %s", r.Item.ID, r.Message.EN)
		}
	}
}

func TestUTF16JSON(t *testing.T) {
	for _, enc := range encodings {
		if !strings.HasPrefix(enc.name, "utf16") {
			continue
		}
		t.Run(enc.name, func(t *testing.T) {
			ev, err := readOne(t, "InfoMobileApp.json", enc.encode(sampleInfo))
			if err != nil {
				t.Fatal(err)
			}
			if ev.Info == nil || ev.Info.School != "COLLÈGE ANDRÉ MALRAUX" || len(ev.Info.Espaces) != 2 {
				t.Errorf("info %+v", ev.Info)
			}
			_, err = readOne(t, "broken.json", enc.encode("{\n \"nomEtab\": ]\n}"))
			if err == nil || !strings.Contains(err.Error(), "broken.json:2:13: invalid JSON") {
				t.Errorf("broken UTF-16 JSON: %v", err)
			}
		})
	}
}

func TestDuplicateJSONKeys(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string // the warnings' texts, with their line
	}{
		{"InfoMobileApp.json", "{\"nomEtab\": \"A\",\n \"CAS\": {\"actif\": false, \"actif\": true},\n \"nomEtab\": \"B\"}",
			[]string{`2: key "actif" appears twice in the same object (first at line 2): only the last value is read`, `3: key "nomEtab" appears twice in the same object (first at line 1): only the last value is read`}},
		{"answers", "{\"kind\": \"pronote-oze-answers\", \"format\": 1, \"items\": {\n\"net.cas-url\": {\"checked\": false},\n\"net.cas-url\": {\"checked\": true}}}",
			[]string{`3: key "net.cas-url" appears twice in the same object (first at line 2): only the last value is read`}},
		{"same key in two objects is no duplicate", `{"espaces": [{"nom": "a"}, {"nom": "b"}], "CAS": {"nom": "c"}}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := readOne(t, "f.json", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range ev.Warnings {
				got = append(got, fmt.Sprintf("%d: %s", w.Line, w.Msg.EN))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestIdentitiesKeptUpToTheCap: an export keeps checks.MaxIdentifiers identifiers for the
// duplicate check and counts the others (15 million short ones took 831 MB).
func TestIdentitiesKeptUpToTheCap(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Nom;Id. CAS\n")
	for i := range checks.MaxIdentifiers + 3 {
		fmt.Fprintf(&b, ";%x\n", i)
	}
	ev, err := readOne(t, "eleves.csv", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	l := ev.Identities[0]
	if len(l.IDs) != checks.MaxIdentifiers || l.Unkept != 3 || l.Filled() != checks.MaxIdentifiers+3 || l.Rows != l.Filled() {
		t.Errorf("kept %d, unkept %d, filled %d, rows %d; want %d kept, 3 more counted", len(l.IDs), l.Unkept, l.Filled(), l.Rows, checks.MaxIdentifiers)
	}
}

// exportOf returns an identity export of n distinct identifiers, each starting with prefix.
func exportOf(prefix string, n int) []byte {
	var b bytes.Buffer
	b.WriteString("Nom;Id. CAS\n")
	for i := range n {
		fmt.Fprintf(&b, ";%s%x\n", prefix, i)
	}
	return b.Bytes()
}

// TestIdentifiersCappedAcrossExports: the exports of one check keep checks.MaxIdentifiers
// identifiers in all, not each (32 exports of a million took 1.15 GB); each export counts
// those it could not keep. On the check page, an export replaced frees its share first.
func TestIdentifiersCappedAcrossExports(t *testing.T) {
	type step struct {
		file string
		ids  int
	}
	big := checks.MaxIdentifiers - 2
	tests := []struct {
		name      string
		replacing bool
		steps     []step
		kept      map[string]int // per export left, what it keeps; Filled() is always ids
	}{
		{"the first exports take the cap, the next one keeps what is left, the last none", false,
			[]step{{"eleves.csv", big}, {"profs.csv", 5}, {"personnels.csv", 1}},
			map[string]int{"eleves.csv": big, "profs.csv": 2, "personnels.csv": 0}},
		{"on the check page too, and a smaller export replacing the big one frees its share", true,
			[]step{{"eleves.csv", big}, {"profs.csv", 5}, {"eleves-2.csv", 4}, {"personnels.csv", 5}},
			map[string]int{"eleves-2.csv": 4, "profs.csv": 2, "personnels.csv": 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := &checks.Evidence{}
			filled := map[string]int{}
			for i, s := range tt.steps {
				var err error
				r := bytes.NewReader(exportOf(fmt.Sprint(i, "_"), s.ids))
				if tt.replacing {
					_, _, err = ReadReplacing(s.file, r, checks.Default(), ev, IdentityOptions{})
				} else {
					_, err = Read(s.file, r, checks.Default(), ev, IdentityOptions{})
				}
				if err != nil {
					t.Fatalf("%s: %v", s.file, err)
				}
				filled[s.file] = s.ids
			}
			total := 0
			for _, l := range ev.Identities {
				total += len(l.IDs)
				if want, ok := tt.kept[l.Source]; !ok || len(l.IDs) != want || l.Filled() != filled[l.Source] {
					t.Errorf("%s keeps %d and counts %d, want %d of %d", l.Source, len(l.IDs), l.Filled(), want, filled[l.Source])
				}
			}
			if len(ev.Identities) != len(tt.kept) || total > checks.MaxIdentifiers {
				t.Errorf("%d exports keep %d identifiers in all, want %d exports and at most %d", len(ev.Identities), total, len(tt.kept), checks.MaxIdentifiers)
			}
		})
	}
}

// TestLineCounterScansOnce: the line of each key of an object is found by counting each byte
// once, as the decoder advances, not from the start for each key (a one-line object of 300 000
// keys took over a minute); the lines are lineCol's.
func TestLineCounterScansOnce(t *testing.T) {
	var b strings.Builder
	b.WriteString("{\"nomEtab\": \"A\",\n\"x\": {")
	for i := range 5000 {
		fmt.Fprintf(&b, "\"u%d\": {},", i)
		if i%1000 == 999 {
			b.WriteString("\n")
		}
	}
	b.WriteString("\"u0\": {}}}")
	data := []byte(b.String())
	lc := lineCounter{data: data}
	for off := int64(0); off <= int64(len(data))+10; off += 7 {
		want, _ := lineCol(data, off)
		if got := lc.at(off); got != want {
			t.Fatalf("line of offset %d: %d, want %d", off, got, want)
		}
	}
	if lc.scanned > int64(len(data)) {
		t.Errorf("scanned %d bytes of %d", lc.scanned, len(data))
	}
	ev, err := readOne(t, "a.json", data)
	if err != nil || len(ev.Warnings) != 1 || ev.Warnings[0].Line != 7 {
		t.Errorf("warnings %+v, %v: want one, at line 7", ev.Warnings, err)
	}
}

// FuzzRead feeds Read whole inputs, as they are or saved as UTF-16 (the dispatch must tell
// JSON from an export in either), then the same bytes again under another name: the first read
// either says what it read or returns an *InputError naming the file; the second is
// recognised as the same file (same SHA-256), adds nothing to the evidence and says so; every
// warning names its file in both languages.
func FuzzRead(f *testing.F) {
	f.Add([]byte(sampleInfo), false)
	f.Add([]byte(sampleInfo), true)
	f.Add([]byte(`{"kind": "pronote-oze-answers", "format": 1, "items": {"a": {}, "a": {"checked": true}}}`), true)
	f.Add([]byte(export(";")), true)
	f.Add([]byte("Nom;Id. CAS\r=HYPERLINK(\"x\");\ufeffa\r\"b\nc\";d"), false)
	f.Fuzz(func(t *testing.T, data []byte, wide bool) {
		if wide {
			data = append([]byte{0xFF, 0xFE}, utf16le(string(data))...)
		}
		ev := &checks.Evidence{}
		kind, err := Read("a", bytes.NewReader(data), checks.Default(), ev, IdentityOptions{})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.File != "a" || ie.Msg.FR == "" || ie.Msg.EN == "" {
				t.Fatalf("error %v (%T) is not an *InputError naming the file in both languages", err, err)
			}
			return
		}
		n, lists := len(ev.Warnings), len(ev.Identities)
		info, answers := ev.Info, ev.Answers
		kind2, err := Read("b", bytes.NewReader(data), checks.Default(), ev, IdentityOptions{})
		if err != nil || kind2 != kind {
			t.Fatalf("the same bytes again: %s, %v; first read as %s", kind2, err, kind)
		}
		if len(ev.Identities) != lists || ev.Info != info || ev.Answers != answers {
			t.Errorf("the same file read twice changed the evidence")
		}
		if len(ev.Warnings) != n+1 || ev.Warnings[n].Source != "b" || !strings.Contains(ev.Warnings[n].Msg.EN, "same content as a ") {
			t.Errorf("warnings %+v: want one more saying b is a", ev.Warnings)
		}
		for _, w := range ev.Warnings {
			if w.Source == "" || w.Msg.FR == "" || w.Msg.EN == "" || w.Line < 0 {
				t.Errorf("warning %+v", w)
			}
		}
	})
}
