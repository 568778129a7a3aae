package checks

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

func TestAddressMode(t *testing.T) {
	tests := []struct {
		name, raw    string
		want         Mode
		inferred, ok bool
	}{
		{"hosted root", "https://0920000a.index-education.net/pronote/", Hosted, false, true},
		{"hosted espace, upper case", "HTTPS://0920000A.Index-Education.NET/pronote/eleve.html", Hosted, false, true},
		{"the seed's example", "https://pronote.index-education.net/pronote/", Hosted, false, true},
		{"a school's own server: inferred", "https://pronote.college-exemple.fr/pronote/", OnPrem, true, true},
		{"a look-alike domain is not Index Education's", "https://0920000a.evil-index-education.net/pronote/", OnPrem, true, true},
		{"relative, as real hosted servers write it", "mobile.eleve.html", 0, false, false},
		{"relative path", "/pronote/eleve.html", 0, false, false},
		{"empty", "", 0, false, false},
		{"not a web address", "mailto:a@index-education.net", 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, inf, ok := AddressMode(tt.raw)
			if m != tt.want || inf != tt.inferred || ok != tt.ok {
				t.Errorf("AddressMode(%q) = %v, %v, %v; want %v, %v, %v", tt.raw, m, inf, ok, tt.want, tt.inferred, tt.ok)
			}
		})
	}
}

// TestDecideMode weighs every clue: the person's choice, a sourced address, the procedure
// followed, an inferred address; the first decides, the others against it are kept.
func TestDecideMode(t *testing.T) {
	relative := &Info{Espaces: []InfoEspace{{URL: "mobile.eleve.html"}, {URL: "mobile.professeur.html"}}}
	hostedEspaces := &Info{Espaces: []InfoEspace{{URL: "mobile.eleve.html"}, {URL: "https://0920000a.index-education.net/pronote/mobile.eleve.html"}}}
	ownEspaces := &Info{Espaces: []InfoEspace{{URL: "https://pronote.college.fr/pronote/eleve.html"}}}
	hostedAnswers := &Answers{Source: "reponses.json", Checklist: HostedID}
	tests := []struct {
		name    string
		clues   ModeClues
		ev      Evidence
		want    ModeDecision
		against string // the bases against it, in order
	}{
		{name: "nothing: undecided", want: ModeDecision{By: Undecided}},
		{name: "relative espace addresses say nothing", ev: Evidence{Info: relative}, want: ModeDecision{By: Undecided}},
		{name: "answers of the purge say nothing", ev: Evidence{Answers: &Answers{Checklist: PurgeID}}, want: ModeDecision{By: Undecided}},
		{name: "the flag wins, the espaces are against it", clues: ModeClues{Flag: OnPrem}, ev: Evidence{Info: hostedEspaces},
			want: ModeDecision{Mode: OnPrem, By: ByFlag, From: "onprem"}, against: "espaces"},
		{name: "a hosted address given", clues: ModeClues{Address: "https://0920000a.index-education.net/pronote/"}, ev: Evidence{Info: relative},
			want: ModeDecision{Mode: Hosted, By: ByAddress, From: "https://0920000a.index-education.net/pronote/"}},
		{name: "an absolute hosted espace among relative ones", ev: Evidence{Info: hostedEspaces},
			want: ModeDecision{Mode: Hosted, By: ByEspaces, From: "https://0920000a.index-education.net/pronote/mobile.eleve.html"}},
		{name: "the answers file's procedure", ev: Evidence{Info: relative, Answers: hostedAnswers},
			want: ModeDecision{Mode: Hosted, By: ByAnswers, From: "reponses.json"}},
		{name: "a sourced address beats the answers, which are kept against it", ev: Evidence{Info: hostedEspaces, Answers: &Answers{Source: "r.json", Checklist: OnPremID}},
			want: ModeDecision{Mode: Hosted, By: ByEspaces, From: "https://0920000a.index-education.net/pronote/mobile.eleve.html"}, against: "answers"},
		{name: "the answers beat an inferred address", ev: Evidence{Info: ownEspaces, Answers: hostedAnswers},
			want: ModeDecision{Mode: Hosted, By: ByAnswers, From: "reponses.json"}, against: "espaces"},
		{name: "an own server alone: on-premises, inferred", ev: Evidence{Info: ownEspaces},
			want: ModeDecision{Mode: OnPrem, By: ByEspaces, From: "https://pronote.college.fr/pronote/eleve.html", Inferred: true}},
		{name: "more ticks on the hosted page", clues: ModeClues{Ticks: TickCounts{Hosted: 3, OnPrem: 1}}, ev: Evidence{Info: relative},
			want: ModeDecision{Mode: Hosted, By: ByTicks}},
		{name: "as many ticks on both pages say nothing", clues: ModeClues{Ticks: TickCounts{Hosted: 2, OnPrem: 2}}, ev: Evidence{Info: relative},
			want: ModeDecision{By: Undecided}},
		{name: "the ticks read as answers", ev: Evidence{Info: relative, Answers: &Answers{Source: "ticks.json", Checklist: OnPremID, Ticks: true}},
			want: ModeDecision{Mode: OnPrem, By: ByTicks}},
		{name: "an answers file is read instead of the ticks", clues: ModeClues{Ticks: TickCounts{OnPrem: 5}}, ev: Evidence{Answers: hostedAnswers},
			want: ModeDecision{Mode: Hosted, By: ByAnswers, From: "reponses.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DecideMode(tt.clues, &tt.ev)
			var against []string
			for _, a := range got.Against {
				against = append(against, string(a.By))
				if a.Mode == got.Mode {
					t.Errorf("a clue for the same mode is listed against it: %+v", a)
				}
			}
			got.Against = nil
			if !reflect.DeepEqual(got, tt.want) || strings.Join(against, " ") != tt.against {
				t.Errorf("DecideMode = %+v against %v; want %+v against %q", got, against, tt.want, tt.against)
			}
		})
	}
}

// TestModeSaid says each way of deciding on each surface: the terminal names the flag, the
// page and the reports never do; the sentence names the mode and what decided it.
func TestModeSaid(t *testing.T) {
	tests := []struct {
		name              string
		d                 ModeDecision
		cli, page, report string // in French
	}{
		{"flag", ModeDecision{Mode: Hosted, By: ByFlag, From: "hosted"},
			"Mode hébergé : choisi avec --mode hosted.", "Mode hébergé : choisi ci-dessus.", "Mode hébergé : indiqué par la personne qui a fait la vérification."},
		{"address", ModeDecision{Mode: Hosted, By: ByAddress, From: "https://0920000a.index-education.net/pronote/"},
			"l'adresse donnée à --fetch, https://0920000a.index-education.net/pronote/, est sous index-education.net",
			"l'adresse de PRONOTE saisie sur cette page, https://0920000a.index-education.net/pronote/, est sous",
			"l'adresse de PRONOTE donnée, https://0920000a.index-education.net/pronote/, est sous"},
		{"espaces elsewhere", ModeDecision{Mode: OnPrem, By: ByEspaces, From: "https://pronote.college.fr/", Inferred: true},
			"Mode non hébergé : InfoMobileApp.json publie les espaces hors de index-education.net (https://pronote.college.fr/)", "(déduction de ce site).", "(déduction de ce site)."},
		{"answers", ModeDecision{Mode: OnPrem, By: ByAnswers, From: "reponses.json"},
			"le fichier de réponses reponses.json vient de la page de la procédure du mode non hébergé.", "reponses.json", "reponses.json"},
		{"ticks", ModeDecision{Mode: Hosted, By: ByTicks},
			"sur la page du mode hébergé.", "vous avez coché plus d'étapes dans ce navigateur sur la page du mode hébergé", "sur la page du mode hébergé."},
		{"undecided", ModeDecision{By: Undecided},
			"ajoutez --mode hosted (hébergé) ou --mode onprem (non hébergé)", "répondez pour juger les autres.", "les autres sont listées à part."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.d.Said()
			for _, c := range []struct {
				surface Surface
				want    string
			}{{InTerminal, tt.cli}, {OnPage, tt.page}, {InReport, tt.report}} {
				got := s.In(c.surface, FR)
				if !strings.Contains(got, FR.Typeset(c.want)) {
					t.Errorf("surface %d: %q, want it to hold %q", c.surface, got, c.want)
				}
			}
		})
	}
	against := ModeDecision{Mode: OnPrem, By: ByFlag, Against: []ModeDecision{{Mode: Hosted, By: ByEspaces, From: "https://x.index-education.net/"}}}.AgainstSaid()
	if len(against) != 1 || !strings.HasPrefix(against[0].Report.EN, "Another clue, pointing to the hosted mode: InfoMobileApp.json publishes the espaces under index-education.net") {
		t.Errorf("against: %+v", against)
	}
}

// TestSaidTable holds every message said differently by each surface to the rules of its
// surface (Said.Faults): both languages; no command-line flag on the page or in the reports;
// and the page's whole sentences start with a capital.
func TestSaidTable(t *testing.T) {
	if len(SaidTable()) < 9 {
		t.Fatalf("%d messages in the table", len(SaidTable()))
	}
	for name, s := range SaidTable() {
		for _, f := range s.Faults() {
			t.Errorf("%s: %s", name, f)
		}
	}
	bad := Said{CLI: Text{FR: "--mode", EN: "--mode"}, Page: Text{FR: "ajoutez --mode hosted", EN: "x"}, Report: Text{FR: "x"}}
	if f := bad.Faults(); len(f) != 2 {
		t.Errorf("Faults of a page naming a flag and a report without English: %v", f)
	}
	// The whole sentences the page shows, for each way of deciding.
	flagRE := regexp.MustCompile(flagPattern)
	for _, d := range []ModeDecision{{By: Undecided}, {Mode: AnyMode, By: ByPurgeOnly}, {Mode: Hosted, By: ByFlag, From: "hosted"},
		{Mode: Hosted, By: ByAddress, From: "https://x.index-education.net/"}, {Mode: OnPrem, By: ByAnswers, From: "r.json"}, {Mode: Hosted, By: ByTicks}} {
		for _, l := range Langs() {
			got := d.Said().In(OnPage, l)
			if r, _ := utf8.DecodeRuneInString(got); !unicode.IsUpper(r) || flagRE.MatchString(got) {
				t.Errorf("%s, %s: the page says %q", d.By, l, got)
			}
		}
	}
}

func TestFormats(t *testing.T) {
	at := time.Date(2026, 12, 7, 10, 4, 0, 0, time.UTC)
	tests := []struct{ name, got, want string }{
		{"French date", FR.Date(at), "7 décembre 2026"},
		{"English date, day first, month by name", EN.Date(at), "7 December 2026"},
		{"French first of the month", FR.Date(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), "1er janvier 2026"},
		{"English date and time in UTC", EN.DateTime(at), "7 December 2026 at 10:04 UTC"},
		{"French date and time", FR.DateTime(at), "7 décembre 2026 à 10:04 UTC"},
		{"French size", FR.Megabytes(5_460_000), "5,5\u00a0Mo"},
		{"English size", EN.Megabytes(5_460_000), "5.5 MB"},
		{"French decimal", FR.Decimal(0.25, 2), "0,25"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

// TestRunUndecided judges a relative-URL InfoMobileApp.json with no mode: only what does not
// depend on the mode is judged, and from the exports alone; every other step is listed as
// depending on the mode; no result belongs to either mode's procedure.
func TestRunUndecided(t *testing.T) {
	ev := &Evidence{
		Info: &Info{Source: "InfoMobileApp.json", HasEspaces: true, CAS: &InfoCAS{Active: ptr(true), URL: ptr(OZE().CASURL)},
			Espaces: []InfoEspace{{Name: "Espace Elèves", URL: "mobile.eleve.html", Genre: 6, Delegation: ptr(true), Protocol: ptr("daCAS")}}},
		Answers: &Answers{Source: "r.json", Items: map[string]ItemAnswer{
			"net.cas-url":     {Checked: true, Value: "https://wrong.example/cas"},
			"net.unpublished": {Checked: true},
		}},
	}
	rep := Run(Default(), ev, Options{Decision: DecideMode(ModeClues{}, ev)})
	if rep.Mode != 0 || rep.Decision.By != Undecided {
		t.Fatalf("mode %v decided by %q, want undecided", rep.Mode, rep.Decision.By)
	}
	want := map[string]Status{"net.cas-protocol": Pass, "net.cas-url": Pass, "net.espaces": NoEvidence, "net.publish": NoEvidence, "verify.unique-ids": NoEvidence}
	for _, r := range rep.Results {
		if r.Checklist != nil && r.Checklist.ID != PurgeID {
			t.Errorf("%s belongs to the %s procedure", r.Item.ID, r.Checklist.ID)
		}
		st, judged := want[r.Item.ID]
		switch {
		case judged && r.Status != st:
			t.Errorf("%s = %s (%s), want %s", r.Item.ID, r.Status, r.Message.EN, st)
		case judged && r.DependsOnMode:
			t.Errorf("%s is judged but said to depend on the mode", r.Item.ID)
		case !judged && r.Checklist == nil && (r.Status != NotApplicable || !r.DependsOnMode || !strings.Contains(r.Message.EN, "Depends on the mode")):
			t.Errorf("%s: %s %q, want it listed as depending on the mode", r.Item.ID, r.Status, r.Message.EN)
		case !judged && r.Checklist != nil && r.Status != NotApplicable:
			t.Errorf("purge step %s = %s without the purge asked", r.Item.ID, r.Status)
		}
	}
}
