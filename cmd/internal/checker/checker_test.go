package checker

import (
	"bytes"
	"errors"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/evidence"
	"github.com/hds-oze/pronote-oze/checks/report"
)

// TestDecide decides the mode of a session from the flag, the address and the evidence, and
// refuses an unknown flag in both languages.
func TestDecide(t *testing.T) {
	hostedInfo := &checks.Info{Espaces: []checks.InfoEspace{{URL: "https://0920000a.index-education.net/pronote/eleve.html"}}}
	relativeInfo := &checks.Info{Espaces: []checks.InfoEspace{{URL: "mobile.eleve.html"}}}
	cases := []struct {
		name string
		o    Options
		ev   checks.Evidence
		want checks.ModeDecision
		err  bool
	}{
		{name: "flag wins over the evidence", o: Options{Mode: "onprem"}, ev: checks.Evidence{Info: hostedInfo},
			want: checks.ModeDecision{Mode: checks.OnPrem, By: checks.ByFlag, From: "onprem"}},
		{name: "unknown flag", o: Options{Mode: "cloud"}, err: true},
		{name: "relative espaces, no flag: undecided", ev: checks.Evidence{Info: relativeInfo}, want: checks.ModeDecision{By: checks.Undecided}},
		{name: "relative espaces fetched from a hosted address", o: Options{Address: "https://0920000a.index-education.net/pronote/"}, ev: checks.Evidence{Info: relativeInfo},
			want: checks.ModeDecision{Mode: checks.Hosted, By: checks.ByAddress, From: "https://0920000a.index-education.net/pronote/"}},
		{name: "identity exports and the purge: no mode needed", o: Options{Purge: true}, ev: checks.Evidence{Identities: []*checks.IdentityList{{Source: "e.csv"}}},
			want: checks.ModeDecision{Mode: checks.AnyMode, By: checks.ByPurgeOnly}},
		{name: "nothing to go by", want: checks.ModeDecision{By: checks.Undecided}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := New(false, "")
			s.Evidence = &tc.ev
			got, err := s.Decide(tc.o)
			if (err != nil) != tc.err {
				t.Fatalf("Decide = %+v, %v; want error %v", got, err, tc.err)
			}
			var ce *Error
			if err != nil && (!errors.As(err, &ce) || len(ce.Msg.Missing()) > 0) {
				t.Errorf("error %v, want one in both languages", err)
			}
			got.Against = nil
			if got.Mode != tc.want.Mode || got.By != tc.want.By || got.From != tc.want.From {
				t.Errorf("Decide = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestUnreadableInputLeavesSession reads a bad file between two good ones: the session keeps
// the good ones and judges them.
func TestUnreadableInputLeavesSession(t *testing.T) {
	s := New(false, "")
	if _, err := s.Read("info.json", strings.NewReader(`{"nomEtab": "X", "espaces": [{"nom": "E", "URL": "https://0920000a.index-education.net/pronote/eleve.html", "genreEspace": 6, "avecDelegation": true, "protocole": "Cas"}], "CAS": {"actif": true, "casURL": "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas"}}`)); err != nil {
		t.Fatal(err)
	}
	_, err := s.Read("image.png", strings.NewReader("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	var ie *evidence.InputError
	if !errors.As(err, &ie) || ie.File != "image.png" {
		t.Fatalf("bad file: %v", err)
	}
	if _, err := s.Read("eleves.csv", strings.NewReader("Nom;Identifiant CAS\nA;\n")); err != nil {
		t.Fatal(err)
	}
	if s.Evidence.Info == nil || len(s.Evidence.Identities) != 1 {
		t.Fatalf("session lost a good input: %+v", s.Evidence)
	}
	rep, doc, err := s.Judge(Options{}, report.Meta{Version: "t", Generated: time.Unix(0, 0), Lang: checks.EN, SiteURL: "https://x.example/"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Mode != checks.Hosted || len(doc.Inputs) != 2 {
		t.Errorf("mode %v, %d inputs; want hosted, 2", rep.Mode, len(doc.Inputs))
	}
}

// TestJudgeUndecided judges a session with nothing to decide the mode: no error, a report
// that says the mode is undecided.
func TestJudgeUndecided(t *testing.T) {
	rep, doc, err := New(false, "").Judge(Options{}, report.Meta{Lang: checks.FR})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Mode != 0 || doc.Mode != "undecided" || !doc.Undecided() || !strings.Contains(doc.ModeDecision.Says, "Mode non décidé") {
		t.Errorf("mode %v, doc %q, %+v", rep.Mode, doc.Mode, doc.ModeDecision)
	}
}

// TestJudgePurgeOnly: identity exports with the purge asked need no mode, and the report holds
// the purge's steps only; with a file of the procedure the mode is still needed, and
// undecided without a clue.
func TestJudgePurgeOnly(t *testing.T) {
	cases := []struct {
		name          string
		purge         bool
		files         map[string]string
		wantUndecided bool
	}{
		{name: "exports and --purge", purge: true, files: map[string]string{"eleves.csv": "Nom;Identifiant CAS\nA;x1\n"}},
		{name: "exports without --purge", files: map[string]string{"eleves.csv": "Nom;Identifiant CAS\nA;x1\n"}, wantUndecided: true},
		{name: "procedure evidence too", purge: true, files: map[string]string{"eleves.csv": "Nom;Identifiant CAS\nA;\n", "info.json": `{"nomEtab": "X"}`}, wantUndecided: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := New(false, "")
			for name, body := range tc.files {
				if _, err := s.Read(name, strings.NewReader(body)); err != nil {
					t.Fatal(err)
				}
			}
			rep, doc, err := s.Judge(Options{Purge: tc.purge}, report.Meta{Lang: checks.EN, Generated: time.Unix(0, 0)})
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantUndecided {
				if rep.Mode != 0 || rep.Decision.By != checks.Undecided {
					t.Fatalf("mode %v by %q, want undecided", rep.Mode, rep.Decision.By)
				}
				return
			}
			if !rep.Purge || rep.Mode != checks.AnyMode || doc.Mode != "any" || len(rep.Results) == 0 {
				t.Fatalf("purge %v, mode %v (%q), %d results", rep.Purge, rep.Mode, doc.Mode, len(rep.Results))
			}
			for _, r := range rep.Results {
				if r.Checklist.ID != checks.PurgeID {
					t.Errorf("%s of checklist %s in a purge-only report", r.Item.ID, r.Checklist.ID)
				}
			}
			if !rep.Failed() {
				t.Error("an identifier left does not fail the purge")
			}
		})
	}
}

// TestReportsNameFilesByBaseName: the folders a file was given in hold the admin's user name;
// the text, HTML and JSON reports and every evidence line name the file by its base name,
// unless personal data is shown. An error, which stays on the admin's screen, names the file
// as given.
func TestReportsNameFilesByBaseName(t *testing.T) {
	info := `{"nomEtab": "X", "espaces": [{"nom": "E", "URL": "https://0920000a.index-education.net/pronote/eleve.html", "genreEspace": 6, "avecDelegation": true, "protocole": "Cas"}], "CAS": {"actif": true, "casURL": "https://wrong.example/cas"}}`
	files := []struct{ name, body string }{
		{`C:\Users\prenom.nom\Downloads\InfoMobileApp.json`, info},
		{"/home/prenom.nom/exports/eleves.csv", "Nom;Identifiant CAS\nA;x1\nB;x2\n"},
		{"/home/prenom.nom/old/eleves.csv", "Nom;Identifiant CAS\nC;y1\nD;y1\n"},
	}
	cases := []struct {
		name         string
		showPersonal bool
		want         []string // in every report
		wantEvidence string   // in the evidence lines and every report
		wantNot      []string // in none
	}{
		{name: "masked by default", want: []string{"InfoMobileApp.json", "eleves.csv"}, wantEvidence: "eleves.csv (2):2", wantNot: []string{"prenom.nom", "Users", "home"}},
		{name: "shown with --show-personal-data", showPersonal: true, want: []string{`C:\Users\prenom.nom\Downloads\InfoMobileApp.json`, "/home/prenom.nom/exports/eleves.csv"}, wantEvidence: "/home/prenom.nom/old/eleves.csv:2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := New(tc.showPersonal, "")
			for _, f := range files {
				if _, err := s.Read(f.name, strings.NewReader(f.body)); err != nil {
					t.Fatal(err)
				}
			}
			_, err := s.Read("/home/prenom.nom/photo.png", strings.NewReader("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
			var ie *evidence.InputError
			if !errors.As(err, &ie) || ie.File != "/home/prenom.nom/photo.png" {
				t.Errorf("error %v: want it to name the file as given", err)
			}
			rep, doc, err := s.Judge(Options{}, report.Meta{Version: "t", Generated: time.Unix(0, 0), Lang: checks.EN, SiteURL: "https://x.example/"})
			if err != nil {
				t.Fatal(err)
			}
			var evidenceLines []string
			for _, r := range rep.Results {
				evidenceLines = append(evidenceLines, r.Evidence)
			}
			var text, page, js bytes.Buffer
			for _, err := range []error{report.Text(&text, doc, false), report.HTML(&page, doc, tc.showPersonal), report.JSON(&js, doc)} {
				if err != nil {
					t.Fatal(err)
				}
			}
			outputs := map[string]string{"text": text.String(), "html": html.UnescapeString(page.String()), "json": js.String(), "evidence lines": strings.Join(evidenceLines, "\n")}
			for what, out := range outputs {
				want := []string{tc.wantEvidence}
				if what != "evidence lines" {
					want = append(want, tc.want...)
				}
				for _, w := range want {
					if what == "json" {
						w = strings.ReplaceAll(w, `\`, `\\`)
					}
					if !strings.Contains(out, w) {
						t.Errorf("%s report lacks %q", what, w)
					}
				}
				for _, w := range tc.wantNot {
					if strings.Contains(out, w) {
						t.Errorf("%s report holds %q", what, w)
					}
				}
			}
		})
	}
}
