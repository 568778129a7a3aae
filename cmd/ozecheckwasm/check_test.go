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

// TestCheckGoesOnPastBadFiles gives a good InfoMobileApp.json among a file the browser cannot
// read, a binary file and a file too large to read: each bad one has its message in both
// languages, and the good one is judged.
func TestCheckGoesOnPastBadFiles(t *testing.T) {
	info := `{"nomEtab": "X", "espaces": [{"nom": "E", "URL": "https://0920000a.index-education.net/pronote/eleve.html", "genreEspace": 6, "avecDelegation": true, "protocole": "Cas"}], "CAS": {"actif": true, "casURL": "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas"}}`
	out := check(request{Lang: "en"}, []input{
		{Name: "moved.csv", Size: 10, R: failingReader{}},
		{Name: "photo.png", Size: 16, R: strings.NewReader("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")},
		{Name: "huge.csv", Size: 2 << 30, R: failingReader{}},
		{Name: "InfoMobileApp.json", Size: int64(len(info)), R: strings.NewReader(info)},
	}, time.Unix(0, 0))
	if len(out.Files) != 4 {
		t.Fatalf("%d files reported", len(out.Files))
	}
	for _, f := range out.Files[:3] {
		if f.Error == nil || f.Error.FR == "" || f.Error.EN == "" || f.Error.FR == f.Error.EN || !strings.HasPrefix(f.Error.EN, f.Name+":") {
			t.Errorf("%s: error %+v, want one naming the file in both languages", f.Name, f.Error)
		}
	}
	if e := out.Files[2].Error; e == nil || !strings.Contains(e.EN, "2048 MiB") || !strings.Contains(e.FR, "vérificateur téléchargé") {
		t.Errorf("2 GB file: %+v", e)
	}
	if out.Files[3].Kind != "infomobileapp" || out.Files[3].Error != nil {
		t.Errorf("good file: %+v", out.Files[3])
	}
	if out.ModeError != nil || out.HTML == "" || !strings.Contains(out.HTML, "<html") {
		t.Fatalf("no report: %+v", out.ModeError)
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

// TestCheckUndecidedMode: with nothing to decide the mode, the page still gets a report, which
// says the mode is undecided.
func TestCheckUndecidedMode(t *testing.T) {
	out := check(request{Lang: "fr"}, nil, time.Unix(0, 0))
	if out.ModeError != nil || !strings.Contains(out.JSON[checks.FR], `"mode": "undecided"`) {
		t.Errorf("outcome = %+v", out)
	}
	var back outcome
	if err := json.Unmarshal([]byte(encode(out)), &back); err != nil || back.JSON == nil {
		t.Errorf("encoded outcome does not read back: %v", err)
	}
}

// TestBrowserAnswers reads the answers ticked in the browser only when no answers file was
// dropped: a dropped file wins, and no "second answers file" error is made up.
func TestBrowserAnswers(t *testing.T) {
	ticks := `{"kind": "pronote-oze-answers", "format": 1, "profile": "oze", "checklist": "onprem", "items": {"net.unpublished": {"checked": true}}}`
	file := `{"kind": "pronote-oze-answers", "format": 1, "profile": "oze", "checklist": "hosted", "items": {}}`
	req := request{Lang: "en", Answers: ticks, AnswersName: "answers of this browser.json"}
	out := check(req, nil, time.Unix(0, 0))
	if len(out.Files) != 1 || out.Files[0].Kind != "answers" || !strings.Contains(out.JSON[checks.EN], `"mode": "onprem"`) {
		t.Errorf("browser answers alone: %+v", out.Files)
	}
	out = check(req, []input{{Name: "reponses.json", Size: int64(len(file)), R: strings.NewReader(file)}}, time.Unix(0, 0))
	if len(out.Files) != 1 || out.Files[0].Name != "reponses.json" || !strings.Contains(out.JSON[checks.EN], `"mode": "hosted"`) {
		t.Errorf("with an answers file: %+v", out.Files)
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
	if out.ModeError != nil || len(out.Files) != 1 || out.Files[0].Error != nil {
		t.Fatalf("outcome %+v", out)
	}
	for what, rep := range map[string]string{"JSON fr": out.JSON[checks.FR], "JSON en": out.JSON[checks.EN], "HTML": out.HTML} {
		if strings.Contains(rep, "prenom.nom") || !strings.Contains(rep, "eleves.csv:2") {
			t.Errorf("%s report: want eleves.csv:2 and no folder of the file", what)
		}
	}
}
