package checker

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/evidence"
	"github.com/hds-oze/pronote-oze/checks/report"
)

func TestChooseMode(t *testing.T) {
	hostedInfo := &checks.Info{Espaces: []checks.InfoEspace{{URL: "https://0920000a.index-education.net/pronote/eleve.html"}}}
	onpremInfo := &checks.Info{Espaces: []checks.InfoEspace{{URL: "https://pronote.college.fr/pronote/eleve.html"}}}
	cases := []struct {
		name string
		flag string
		ev   checks.Evidence
		want checks.Mode
		err  bool
	}{
		{name: "flag wins over the evidence", flag: "onprem", ev: checks.Evidence{Info: hostedInfo}, want: checks.OnPrem},
		{name: "unknown flag", flag: "cloud", err: true},
		{name: "answers name their checklist", ev: checks.Evidence{Answers: &checks.Answers{Checklist: checks.HostedID}, Info: onpremInfo}, want: checks.Hosted},
		{name: "hosted by Index Education", ev: checks.Evidence{Info: hostedInfo}, want: checks.Hosted},
		{name: "any other server is on premises", ev: checks.Evidence{Info: onpremInfo}, want: checks.OnPrem},
		{name: "answers of the purge say nothing", ev: checks.Evidence{Answers: &checks.Answers{Checklist: checks.PurgeID}}, err: true},
		{name: "nothing to go by", err: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, why := ChooseMode(tc.flag, &tc.ev)
			if (why != nil) != tc.err {
				t.Fatalf("ChooseMode = %v, %v; want error %v", got, why, tc.err)
			}
			if why != nil {
				if len(why.Missing()) > 0 {
					t.Errorf("message lacks a language: %+v", why)
				}
				return
			}
			if got != tc.want {
				t.Errorf("mode = %v, want %v", got, tc.want)
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

func TestJudgeUnknownMode(t *testing.T) {
	_, _, err := New(false, "").Judge(Options{}, report.Meta{Lang: checks.FR})
	var ce *Error
	if !errors.As(err, &ce) || !strings.Contains(ce.In(checks.FR), "--mode hosted") || !strings.Contains(ce.In(checks.EN), "cannot tell") {
		t.Errorf("err = %v", err)
	}
}

// TestJudgePurgeOnly: identity exports with the purge asked need no mode, and the report holds
// the purge's steps only; with a file of the procedure the mode is still needed.
func TestJudgePurgeOnly(t *testing.T) {
	cases := []struct {
		name    string
		purge   bool
		files   map[string]string
		wantErr bool
	}{
		{name: "exports and --purge", purge: true, files: map[string]string{"eleves.csv": "Nom;Identifiant CAS\nA;x1\n"}},
		{name: "exports without --purge", files: map[string]string{"eleves.csv": "Nom;Identifiant CAS\nA;x1\n"}, wantErr: true},
		{name: "procedure evidence too", purge: true, files: map[string]string{"eleves.csv": "Nom;Identifiant CAS\nA;\n", "info.json": `{"nomEtab": "X"}`}, wantErr: true},
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
			if tc.wantErr {
				var ce *Error
				if !errors.As(err, &ce) {
					t.Fatalf("err = %v, want a mode error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
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
