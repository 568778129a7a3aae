package evidence

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"github.com/hds-oze/pronote-oze/checks"
	"golang.org/x/text/encoding/charmap"
)

// encodings turn UTF-8 text into the bytes Client PRONOTE or a spreadsheet may save.
var encodings = []struct {
	name, detected string
	encode         func(s string) []byte
}{
	{"utf8", "UTF-8", func(s string) []byte { return []byte(s) }},
	{"utf8-bom", "UTF-8 (BOM)", func(s string) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, s...) }},
	{"utf16le-bom", "UTF-16LE (BOM)", func(s string) []byte { return append([]byte{0xFF, 0xFE}, utf16le(s)...) }},
	{"utf16be-bom", "UTF-16BE (BOM)", func(s string) []byte { return append([]byte{0xFE, 0xFF}, utf16be(s)...) }},
	{"utf16le", "UTF-16LE", utf16le},
	{"windows-1252", "Windows-1252", func(s string) []byte {
		b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
		if err != nil {
			panic(err)
		}
		return b
	}},
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16be(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

// export builds an identity export with separator sep: French names, a field that holds the
// separator (quoted), a quoted newline, CRLF line ends.
func export(sep string) string {
	rows := [][]string{
		{"Nom", "Prénom", "Id. connexion", "Identifiant fournisseur identités"},
		{"LEFÈVRE", "François", "flefevre", ""},
		{`"Garçon` + sep + ` Œuvre"`, "Zoé « Zo »", "zgarcon", "a1b2-c3"},
		{"Nguyễn", "Chloé", "cnguyen", ""},
		{`"Dupont` + "\r\n" + `Moreau"`, "Anaïs", "adupont", "ff00"},
		{"", "", "", ""},
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, sep) + "\r\n")
	}
	return b.String()
}

func TestIdentityMatrix(t *testing.T) {
	for _, enc := range encodings {
		for _, sep := range []string{"\t", ";", ","} {
			name := fmt.Sprintf("%s/%q", enc.name, sep)
			t.Run(name, func(t *testing.T) {
				src := export(sep)
				if enc.name == "windows-1252" {
					src = strings.ReplaceAll(src, "Nguyễn", "Nguyen") // ễ is not in Windows-1252
				}
				ev := &checks.Evidence{}
				kind, err := Read("eleves.csv", bytes.NewReader(enc.encode(src)), checks.Default(), ev, IdentityOptions{})
				if err != nil {
					t.Fatal(err)
				}
				if kind != KindIdentities {
					t.Fatalf("kind = %s", kind)
				}
				l := ev.Identities[0]
				want := &checks.IdentityList{
					Source: "eleves.csv", Column: "Identifiant fournisseur identités", UserType: "eleves",
					Encoding: enc.detected, Separator: []rune(sep)[0], Rows: 4,
					FirstFilled: []checks.Row{
						{Line: 3, Name: "Garçon" + sep + " Œuvre Zoé « Zo »", Login: "zgarcon", Identifier: "a1b2-c3"},
						{Line: 5, Name: "Dupont\nMoreau Anaïs", Login: "adupont", Identifier: "ff00"},
					},
				}
				if diff := cmp.Diff(want, l, cmpIgnore()); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
				if len(l.IDs) != 2 || l.IDs[0].Line != 3 || l.IDs[1].Line != 5 {
					t.Errorf("IDs = %+v", l.IDs)
				}
				if len(l.SHA256) != 64 {
					t.Errorf("SHA256 = %q", l.SHA256)
				}
			})
		}
	}
}

func cmpIgnore() cmp.Option {
	return cmp.FilterPath(func(p cmp.Path) bool {
		s := p.String()
		return s == "IDs" || s == "SHA256"
	}, cmp.Ignore())
}

func TestHeaderAliases(t *testing.T) {
	for _, h := range []string{"Identifiant fournisseur identités", "IDENTIFIANT FOURNISSEUR D’IDENTITES", "Id. CAS", "id cas", "Identifiant  CAS"} {
		ev := &checks.Evidence{}
		_, err := Read("x.txt", strings.NewReader("Nom\t"+h+"\r\nA\tb\r\n"), checks.Default(), ev, IdentityOptions{UserType: "professeurs"})
		if err != nil {
			t.Errorf("header %q: %v", h, err)
			continue
		}
		if l := ev.Identities[0]; l.Filled() != 1 || l.UserType != "professeurs" {
			t.Errorf("header %q: %+v", h, l)
		}
	}
}

func TestExcelSepLine(t *testing.T) {
	ev := &checks.Evidence{}
	_, err := Read("profs.csv", strings.NewReader("sep=|\r\nNom|Id. CAS\r\nA|x\r\nB|\r\nC|y|extra\r\n"), checks.Default(), ev, IdentityOptions{})
	if err != nil {
		t.Fatal(err)
	}
	l := ev.Identities[0]
	if l.Separator != '|' || l.Rows != 3 || l.Filled() != 2 || l.UserType != "professeurs" || l.FirstFilled[1].Line != 5 {
		t.Errorf("got %+v", l)
	}
}

func TestUserTypeColumn(t *testing.T) {
	ev := &checks.Evidence{}
	_, err := Read("liste.csv", strings.NewReader("Type;Nom;Id. CAS\nÉlève;A;\n"), checks.Default(), ev, IdentityOptions{UserType: "personnels"})
	if err != nil {
		t.Fatal(err)
	}
	if got := ev.Identities[0].UserType; got != "eleves" {
		t.Errorf("UserType = %q, want eleves (the column wins over the option)", got)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
		is   error
	}{
		{"empty", nil, "f: empty file", ErrEmpty},
		{"blank", []byte(" \r\n\t"), "f: empty file", ErrEmpty},
		{"binary", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 1, 2, 3, 4, 5, 6}, "binary data", ErrBinary},
		{"truncated UTF-16", append([]byte{0xFF, 0xFE}, utf16le("Nom\tId. CAS\r\nA\tb\r\n")[:21]...), "truncated UTF-16", ErrTruncated},
		{"other JSON", []byte(`{"name": "x"}`), "neither InfoMobileApp.json", ErrUnknownJSON},
		{"JSON array", []byte(`[1, 2]`), "f:1:1: expected a JSON object", nil},
		{"broken JSON", []byte("{\n  \"nomEtab\": \"x\",\n  \"CAS\": {,}\n}"), "f:3:11: invalid JSON", nil},
		{"no ID column", []byte("Nom;Prénom;Id. connexion\nA;B;c\n"), "f:1: no CAS identifier column: the header has «\u00a0Nom\u00a0», «\u00a0Prénom\u00a0», «\u00a0Id. connexion\u00a0»", ErrNoIDColumn},
		{"bad quote", []byte("Nom,Id. CAS\n\"A\"x,b\n"), "f:2:", nil},
		{"answers too new", []byte(`{"kind":"pronote-oze-answers","format":9,"items":{}}`), "newer than this checker", ErrTooNew},
		{"answers no format", []byte(`{"kind":"pronote-oze-answers","items":{}}`), "missing \"format\"", nil},
		{"answers wrong type", []byte(`{"kind":"pronote-oze-answers","format":1,"items":{"net.cas-url":{"checked":"yes"}}}`), "must be bool", nil},
		{"CAS not an object", []byte(`{"CAS": 3}`), "\"CAS\" must be an object", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("f", bytes.NewReader(tt.data), checks.Default(), &checks.Evidence{}, IdentityOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Read() = %v, want an error containing %q", err, tt.want)
			}
			var ie *InputError
			if !errors.As(err, &ie) || ie.File != "f" {
				t.Errorf("error %T does not name the file", err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error is not %v", tt.is)
			}
		})
	}
}

const sampleInfo = `{
  "nomEtab": "COLLÈGE ANDRÉ MALRAUX",
  "version": [2026, 0, 3],
  "date": "2026-09-01",
  "modeModif": false,
  "unknownField": {"x": 1},
  "espaces": [
    {"nom": "Espace Professeurs", "URL": "https://0920000a.index-education.net/pronote/professeur.html", "genreEspace": 8, "avecDelegation": true, "protocole": "Cas"},
    {"nom": "Espace Entreprise", "URL": "https://0920000a.index-education.net/pronote/entreprise.html", "genreEspace": "39", "avecDelegation": false}
  ],
  "CAS": {"actif": true, "casURL": "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas", "jetonCAS": "abc"}
}`

func TestInfoMobileApp(t *testing.T) {
	ev := &checks.Evidence{}
	kind, err := Read("InfoMobileApp.json", strings.NewReader("\ufeff"+sampleInfo), checks.Default(), ev, IdentityOptions{})
	if err != nil || kind != KindInfoMobileApp {
		t.Fatalf("Read() = %s, %v", kind, err)
	}
	tr, fa, casURL, prot := true, false, checks.OZE().CASURL, "Cas"
	want := &checks.Info{
		Source: "InfoMobileApp.json", School: "COLLÈGE ANDRÉ MALRAUX", Version: []int{2026, 0, 3}, Date: "2026-09-01", HasEspaces: true,
		UAI: "0920000A", UAIFrom: "https://0920000a.index-education.net/pronote/professeur.html",
		Espaces: []checks.InfoEspace{
			{Name: "Espace Professeurs", URL: "https://0920000a.index-education.net/pronote/professeur.html", Genre: 8, Delegation: &tr, Protocol: &prot},
			{Name: "Espace Entreprise", URL: "https://0920000a.index-education.net/pronote/entreprise.html", Genre: 39, Delegation: &fa},
		},
		CAS: &checks.InfoCAS{Active: &tr, URL: &casURL},
	}
	if diff := cmp.Diff(want, ev.Info, cmp.FilterPath(func(p cmp.Path) bool { return p.String() == "SHA256" }, cmp.Ignore())); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A minimal file: fields missing are nil, not errors.
	ev = &checks.Evidence{}
	if _, err := Read("i.json", strings.NewReader(`{"nomEtab": "X"}`), checks.Default(), ev, IdentityOptions{}); err != nil {
		t.Fatal(err)
	}
	if ev.Info.CAS != nil || ev.Info.HasEspaces {
		t.Errorf("missing fields read as present: %+v", ev.Info)
	}
}

// TestInfoVersion reads "version" in every form seen or plausible; what cannot be read as
// numbers is kept as text for the report, never dropped.
func TestInfoVersion(t *testing.T) {
	tests := []struct {
		name, json string
		want       []int
		unread     string
	}{
		{"array of numbers, as public clients read it", `[2024, 3, 7]`, []int{2024, 3, 7}, ""},
		{"dotted string", `"2024.3.7"`, []int{2024, 3, 7}, ""},
		{"array of strings", `["2024", "3"]`, []int{2024, 3}, ""},
		{"lone number", `2025`, []int{2025}, ""},
		{"string that is no version", `"v2024-beta"`, nil, "v2024-beta"},
		{"array with a word", `[2024, "x"]`, nil, `[2024, "x"]`},
		{"object", `{"annee": 2024}`, nil, `{"annee": 2024}`},
		{"empty array", `[]`, nil, `[]`},
		{"long string, shortened", `"` + strings.Repeat("a", 60) + `"`, nil, strings.Repeat("a", 40) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := &checks.Evidence{}
			if _, err := Read("i.json", strings.NewReader(`{"nomEtab": "X", "version": `+tt.json+`}`), checks.Default(), ev, IdentityOptions{}); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ev.Info.Version, tt.want) || ev.Info.VersionUnread != tt.unread {
				t.Errorf("version %s read as %v, unread %q; want %v, %q", tt.json, ev.Info.Version, ev.Info.VersionUnread, tt.want, tt.unread)
			}
		})
	}
}

// TestInfoUnreadValues: a value the rules need that cannot be read as its type is kept as
// text for the report, not dropped as if the field were missing.
func TestInfoUnreadValues(t *testing.T) {
	ev := &checks.Evidence{}
	src := `{"CAS": {"actif": "bof"}, "espaces": [{"nom": "E", "genreEspace": "prof", "avecDelegation": "peut-être", "protocole": "daCAS"}]}`
	if _, err := Read("i.json", strings.NewReader(src), checks.Default(), ev, IdentityOptions{}); err != nil {
		t.Fatal(err)
	}
	e := ev.Info.Espaces[0]
	if ev.Info.CAS.Active != nil || ev.Info.CAS.ActiveUnread != "bof" {
		t.Errorf("CAS.actif read as %v, unread %q; want nil, \"bof\"", ev.Info.CAS.Active, ev.Info.CAS.ActiveUnread)
	}
	if e.Genre != 0 || e.GenreUnread != "prof" || e.Delegation != nil || e.DelegationUnread != "peut-être" {
		t.Errorf("espace read as %+v", e)
	}
}

func TestAnswers(t *testing.T) {
	src := `{"kind": "pronote-oze-answers", "format": 1, "profile": "oze", "lang": "en", "checklist": "hosted",
	  "saved": "2026-11-29T10:00:00Z", "school": {"name": " Collège Jean Moulin ", "uai": "0921234a"},
	  "items": {
	    "net.cas-url": {"checked": true, "at": "2026-11-29T09:58:00+01:00", "value": "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas", "comment": "vu « ok »", "fp": "abc"},
	    "net.unpublished": {"checked": false},
	    "old.removed": {"checked": true}
	  }}`
	ev := &checks.Evidence{}
	if _, err := Read("réponses.json", strings.NewReader(src), checks.Default(), ev, IdentityOptions{}); err != nil {
		t.Fatal(err)
	}
	a := ev.Answers
	if a.Lang != checks.EN || a.Checklist != "hosted" || len(a.Items) != 2 || !a.Items["net.cas-url"].Checked || a.Items["net.cas-url"].Comment != "vu « ok »" {
		t.Errorf("got %+v", a)
	}
	if diff := cmp.Diff([]string{"old.removed"}, a.Ignored); diff != "" {
		t.Errorf("Ignored (-want +got):\n%s", diff)
	}
	if a.SchoolName != "Collège Jean Moulin" || a.SchoolUAI != "0921234A" {
		t.Errorf("school = %q, %q; want the name trimmed and the UAI in upper case", a.SchoolName, a.SchoolUAI)
	}
	if _, err := Read("other.json", strings.NewReader(src+" "), checks.Default(), ev, IdentityOptions{}); err == nil || !strings.Contains(err.Error(), "second answers file") {
		t.Errorf("second answers file: %v", err)
	}
	// The same file again is not a second answers file: it is said to be the same.
	if _, err := Read("copie.json", strings.NewReader(src), checks.Default(), ev, IdentityOptions{}); err != nil || ev.Answers != a {
		t.Errorf("same answers file again: %v, answers %p want %p", err, ev.Answers, a)
	}
	if len(ev.Warnings) != 1 || ev.Warnings[0].Source != "copie.json" || !strings.Contains(ev.Warnings[0].Msg.EN, "same content as réponses.json") {
		t.Errorf("warnings %+v, want one saying copie.json is réponses.json", ev.Warnings)
	}
}

// FuzzIdentities feeds Read (the dispatch by content, then the reader it picks) identity
// exports in every encoding and JSON inputs of each kind: it must not panic, must say what it
// read or return an *InputError naming the file, and must fill the evidence of the kind it
// reports.
func FuzzIdentities(f *testing.F) {
	for _, enc := range encodings {
		f.Add(enc.encode(strings.ReplaceAll(export(";"), "Nguyễn", "Nguyen")))
	}
	f.Add([]byte("sep=,\nId. CAS\n\"a"))
	f.Add([]byte(sampleInfo))
	f.Add([]byte(`{"kind": "pronote-oze-answers", "format": 1, "items": {"net.cas-url": {"checked": true}}}`))
	f.Add([]byte(`  {"nomEtab": "x"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ev := &checks.Evidence{}
		kind, err := Read("f", bytes.NewReader(data), checks.Default(), ev, IdentityOptions{})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.File != "f" {
				t.Fatalf("error %v (%T) is not an *InputError naming the file", err, err)
			}
			return
		}
		switch kind {
		case KindIdentities:
			if len(ev.Identities) != 1 {
				t.Errorf("read as identities, %d lists in the evidence", len(ev.Identities))
			}
		case KindInfoMobileApp:
			if ev.Info == nil {
				t.Error("read as InfoMobileApp.json, no Info in the evidence")
			}
		case KindAnswers:
			if ev.Answers == nil {
				t.Error("read as answers, no Answers in the evidence")
			}
		default:
			t.Errorf("no error and unknown kind %q", kind)
		}
	})
}

func FuzzInfoMobileApp(f *testing.F) {
	f.Add([]byte(sampleInfo))
	f.Add([]byte(`{"CAS": {"actif": "1"}, "espaces": [{}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		obj, err := decodeObject("f", data)
		if err != nil {
			return
		}
		_, _ = parseInfo("f", obj)
	})
}

func FuzzAnswers(f *testing.F) {
	f.Add([]byte(`{"kind": "pronote-oze-answers", "format": 1, "items": {"net.cas-url": {"checked": true, "value": "x"}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = parseAnswers("f", data, checks.Default())
	})
}
