package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
)

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("NotReadableError") }

const (
	hostedInfo   = `{"nomEtab": "X", "espaces": [{"nom": "E", "URL": "https://0920000a.index-education.net/pronote/eleve.html", "genreEspace": 6, "avecDelegation": true, "protocole": "Cas"}], "CAS": {"actif": true, "casURL": "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas"}}`
	relativeInfo = `{"nomEtab": "X", "espaces": [{"nom": "E", "URL": "mobile.eleve.html", "genreEspace": 6, "avecDelegation": true, "protocole": "daCAS"}], "CAS": {"actif": true, "casURL": "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas"}}`
	wrongInfo    = `{"nomEtab": "X", "espaces": [{"nom": "E", "URL": "mobile.eleve.html", "genreEspace": 6, "avecDelegation": true, "protocole": "daCAS"}], "CAS": {"actif": true, "casURL": "https://enc.hauts-de-seine.fr/auth/realms/oze_hd/protocol/cas/login"}}`
)

func in(name, body string) input {
	return input{Name: name, Size: int64(len(body)), R: strings.NewReader(body)}
}

// TestCheckGoesOnPastBadFiles gives a good InfoMobileApp.json among a file the browser cannot
// read, a binary file and a file too large to read: each bad one says why in both languages,
// as a sentence for the page (a capital first, no file name repeated), and the good one is
// judged.
func TestCheckGoesOnPastBadFiles(t *testing.T) {
	out := check(request{Lang: "en"}, []input{
		{Name: "moved.csv", Size: 10, R: failingReader{}},
		in("photo.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		{Name: "huge.csv", Size: 2 << 30, R: failingReader{}},
		in("InfoMobileApp.json", hostedInfo),
	}, time.Unix(0, 0))
	if len(out.Files) != 4 {
		t.Fatalf("%d files reported", len(out.Files))
	}
	for _, f := range out.Files[:3] {
		if !f.Unused || f.Says == nil || f.Says.FR == f.Says.EN || strings.Contains(f.Says.EN, f.Name) || strings.ToUpper(f.Says.EN[:1]) != f.Says.EN[:1] {
			t.Errorf("%s: %+v, want a sentence in both languages", f.Name, f.Says)
		}
	}
	if e := out.Files[2].Says; !strings.HasPrefix(e.EN, "File of 2048 MiB") || !strings.Contains(e.FR, "vérificateur téléchargé") {
		t.Errorf("2 GB file: %+v", e)
	}
	if f := out.Files[3]; f.Kind != "infomobileapp" || f.Unused {
		t.Errorf("good file: %+v", f)
	}
	if out.Error != nil || !strings.Contains(out.HTML, "<html") || out.Status.EN != "Check done: 1 file read, 3 files not used. The verdicts also show beside the procedures' steps." {
		t.Fatalf("no report, or status %+v: %+v", out.Status, out.Error)
	}
	if out.Mode.By != "espaces" || !strings.HasPrefix(out.Mode.Says.FR, "Mode hébergé\u202f: InfoMobileApp.json publie les espaces sous index-education.net") {
		t.Errorf("mode %+v", out.Mode)
	}
	for _, l := range checks.Langs() {
		var doc struct {
			Lang   string
			Inputs []struct{ File string }
		}
		if err := json.Unmarshal([]byte(out.JSON[l]), &doc); err != nil {
			t.Fatalf("%s report: %v", l, err)
		}
		if doc.Lang != string(l) || len(doc.Inputs) != 1 {
			t.Errorf("%s report: lang %q, %d inputs", l, doc.Lang, len(doc.Inputs))
		}
	}
}

// TestCheckUndecidedMode: with nothing to decide the mode, the page gets a report that says
// so, a headline that asks for attention, and its own sentence, without a flag.
func TestCheckUndecidedMode(t *testing.T) {
	out := check(request{Lang: "fr"}, []input{in("InfoMobileApp.json", relativeInfo)}, time.Unix(0, 0))
	if out.Error != nil || !strings.Contains(out.JSON[checks.FR], `"mode": "undecided"`) {
		t.Fatalf("outcome = %+v", out)
	}
	if out.Mode.By != "undecided" || out.Verdict.Level != "attention" || strings.Contains(out.Mode.Says.FR+out.Verdict.Says.EN, "--") {
		t.Errorf("mode %+v, verdict %+v", out.Mode, out.Verdict)
	}
	var back outcome
	if err := json.Unmarshal([]byte(encode(out)), &back); err != nil || back.JSON == nil || back.Mode == nil {
		t.Errorf("encoded outcome does not read back: %v", err)
	}
}

// counts returns the request's count of the steps ticked on each mode's page.
func counts(hosted, onprem int) (c struct {
	Hosted int `json:"hosted"`
	OnPrem int `json:"onprem"`
}) {
	c.Hosted, c.OnPrem = hosted, onprem
	return c
}

// TestCheckDecidesTheMode: the address typed on the page, then the ticks of this browser,
// decide a mode that relative espace addresses leave open; the page says which did.
func TestCheckDecidesTheMode(t *testing.T) {
	hostedTicks := `{"kind": "pronote-oze-answers", "format": 1, "profile": "oze", "checklist": "hosted", "items": {"hosted.net-open": {"checked": true}, "net.unpublished": {"checked": true}}}`
	onpremTicks := `{"kind": "pronote-oze-answers", "format": 1, "profile": "oze", "checklist": "onprem", "items": {"onprem.net-open": {"checked": true}}}`
	onpremMore := `{"kind": "pronote-oze-answers", "format": 1, "profile": "oze", "checklist": "onprem", "items": {"onprem.net-open": {"checked": true}, "net.unpublished": {"checked": true}, "net.cas-dialog": {"checked": true}}}`
	ticks := map[string]string{"hosted": hostedTicks, "onprem": onpremTicks}
	ticked := counts(2, 1)
	cases := []struct {
		name     string
		req      request
		by, mode string
		says     string // in French
		ticks    string // the file outcome of the ticks used, "" when none
	}{
		{"the address typed", request{Address: "https://0920000a.index-education.net/pronote/"}, "address", "hosted",
			"l'adresse de PRONOTE saisie sur cette page, https://0920000a.index-education.net/pronote/, est sous index-education.net", ""},
		{"the ticks of this browser", request{Ticks: ticks, Ticked: ticked}, "ticks", "hosted",
			"Mode hébergé\u202f: vous avez coché plus d'étapes dans ce navigateur sur la page du mode hébergé", "2 réponses, pour le mode hébergé."},
		{"a hosted address beats more ticks on the other page; its mode's ticks are used", request{Address: "https://0920000a.index-education.net/pronote/", Ticks: map[string]string{"hosted": hostedTicks, "onprem": onpremMore}, Ticked: counts(2, 3)}, "address", "hosted",
			"est sous index-education.net", "2 réponses, pour le mode hébergé."},
		{"the ticks beat an address elsewhere (the site's inference)", request{Address: "https://pronote.college.fr/pronote/", Ticks: ticks, Ticked: ticked}, "ticks", "hosted",
			"sur la page du mode hébergé", "2 réponses, pour le mode hébergé."},
		{"the person's choice", request{Mode: "onprem", Ticks: ticks, Ticked: ticked}, "flag", "onprem", "Mode non hébergé\u202f: choisi ci-dessus.",
			"1 réponse, pour le mode non hébergé."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.Lang, tc.req.TicksName = "fr", "Vos réponses dans ce navigateur"
			out := check(tc.req, []input{in("InfoMobileApp.json", relativeInfo)}, time.Unix(0, 0))
			if out.Mode == nil || out.Mode.By != tc.by || out.Mode.Mode != tc.mode || !strings.Contains(out.Mode.Says.FR, tc.says) {
				t.Fatalf("mode %+v, want %s by %s saying %q", out.Mode, tc.mode, tc.by, tc.says)
			}
			var used string
			if len(out.Files) == 2 {
				used = out.Files[1].Says.FR
			}
			if used != tc.ticks {
				t.Errorf("ticks used: %q, want %q", used, tc.ticks)
			}
		})
	}
}

// TestCheckReplacesEvidence drops a good InfoMobileApp.json, then a new one with a wrong CAS
// address: the second replaces the first, says so, and the headline is the second's.
func TestCheckReplacesEvidence(t *testing.T) {
	out := check(request{Lang: "en", Mode: "hosted"}, []input{in("InfoMobileApp.json", relativeInfo), in("InfoMobileApp (1).json", wrongInfo)}, time.Unix(0, 0))
	first, second := out.Files[0], out.Files[1]
	if !first.Replaced || first.Says.EN != "Replaced by InfoMobileApp (1).json, dropped later: it is no longer judged." {
		t.Errorf("first file: %+v %+v", first, first.Says)
	}
	if second.Replaced || second.Unused || second.Says.FR != "InfoMobileApp.json, qui remplace InfoMobileApp.json, déposé avant." {
		t.Errorf("second file: %+v %+v", second, second.Says)
	}
	if !out.Failed || out.Verdict.Level != "fail" || !strings.Contains(out.JSON[checks.EN], `"file": "InfoMobileApp (1).json"`) || strings.Contains(out.JSON[checks.EN], `"file": "InfoMobileApp.json"`) {
		t.Errorf("the report is not the second file's: failed %v, %+v", out.Failed, out.Verdict)
	}
	// Both files were read; the status counts them and says one was replaced.
	if !strings.HasPrefix(out.Status.EN, "Check done: 2 files read, including 1 replaced.") || !strings.HasPrefix(out.Status.FR, "Vérification faite\u202f: 2 fichiers lus, dont 1 remplacé.") {
		t.Errorf("status %q / %q", out.Status.EN, out.Status.FR)
	}
	same := check(request{Lang: "fr", Mode: "hosted"}, []input{in("InfoMobileApp.json", wrongInfo), in("InfoMobileApp.json", relativeInfo)}, time.Unix(0, 0))
	if same.Files[0].Says.FR != "Remplacé par le fichier du même nom déposé après\u202f: il n'est plus jugé." || same.Failed {
		t.Errorf("a file replaced by one of the same name: %+v, failed %v", same.Files[0].Says, same.Failed)
	}
}

// TestBrowserReportNamesFilesByBaseName: a browser may give a file's path (a folder dropped,
// or a path typed in a file dialog); the reports made in the browser name it by its base name,
// as the command's do, and the page's list of files by the name it was given.
func TestBrowserReportNamesFilesByBaseName(t *testing.T) {
	export := "Nom;Identifiant CAS\nA;x1\nB;x1\n"
	out := check(request{Lang: "fr", Mode: "hosted"}, []input{
		{Name: `C:\Users\prenom.nom\Downloads\eleves.csv`, Size: int64(len(export)), R: strings.NewReader(export)},
	}, time.Unix(0, 0))
	if out.Error != nil || len(out.Files) != 1 || out.Files[0].Unused {
		t.Fatalf("outcome %+v", out)
	}
	for what, rep := range map[string]string{"JSON fr": out.JSON[checks.FR], "JSON en": out.JSON[checks.EN], "HTML": out.HTML} {
		if strings.Contains(rep, "prenom.nom") || !strings.Contains(rep, "eleves.csv:2") {
			t.Errorf("%s report: want eleves.csv:2 and no folder of the file", what)
		}
	}
}
