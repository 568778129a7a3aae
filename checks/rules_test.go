package checks

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func ptr[T any](v T) *T { return &v }

func TestRunStatuses(t *testing.T) {
	goodInfo := &Info{
		Source: "InfoMobileApp.json", HasEspaces: true,
		CAS: &InfoCAS{Active: ptr(true), URL: ptr(OZE().CASURL)},
		Espaces: []InfoEspace{
			{Name: "Espace Professeurs", Genre: 8, Delegation: ptr(true), Protocol: ptr("Cas")},
			{Name: "Espace Entreprise", Genre: 39, Delegation: ptr(false)},
		},
	}
	tests := []struct {
		name, reason string
		ev           Evidence
		opts         Options
		want         map[string]Status // the items whose status differs from nothingGiven's
	}{
		{
			name: "nothing given",
			opts: Options{Mode: Hosted},
			want: map[string]Status{
				"net.cas-url": NoEvidence, "net.unpublished": Unanswered, "onprem.net-open": NotApplicable,
				"purge.clear": NotApplicable, "verify.unique-ids": NoEvidence,
			},
		},
		{
			name:   "good InfoMobileApp",
			ev:     Evidence{Info: goodInfo},
			opts:   Options{Mode: OnPrem},
			reason: "the table's common page is never in the file, and a saved file without a date does not show publication",
			want: map[string]Status{
				"net.cas-protocol": Pass, "net.cas-url": Pass, "net.espaces": NoEvidence, "net.publish": NoEvidence,
				"hosted.net-open": NotApplicable, "onprem.net-open": Unanswered,
			},
		},
		{
			name:   "InfoMobileApp served an hour before the check",
			ev:     Evidence{Info: &Info{Source: "i.json", Date: "2026-12-07T09:00:00.123Z"}},
			opts:   Options{Mode: Hosted, Now: time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)},
			reason: "PRONOTE.net served it after the change, when the base was published again",
			want:   map[string]Status{"net.publish": Pass, "net.cas-protocol": Error, "net.cas-url": Error, "net.espaces": Error},
		},
		{
			name:   "InfoMobileApp served two days before the check",
			ev:     Evidence{Info: &Info{Source: "i.json", Date: "2026-12-05T10:00:00Z"}},
			opts:   Options{Mode: Hosted, Now: time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)},
			reason: "it may predate the unpublished base of the change",
			want:   map[string]Status{"net.publish": NoEvidence, "net.cas-protocol": Error, "net.cas-url": Error, "net.espaces": Error},
		},
		{
			name:   "InfoMobileApp fetched by the checker",
			ev:     Evidence{Info: &Info{Source: "https://0920000a.index-education.net/pronote/", Fetched: true}},
			opts:   Options{Mode: Hosted},
			reason: "PRONOTE.net served it to this very check",
			want:   map[string]Status{"net.publish": Pass, "net.cas-protocol": Error, "net.cas-url": Error, "net.espaces": Error},
		},
		{
			name: "the espaces shown, ticked by the person",
			ev: Evidence{Info: goodInfo, Answers: &Answers{Source: "answers.json", Items: map[string]ItemAnswer{
				"net.espaces": {Checked: true, Fingerprint: mustItem("net.espaces").Fingerprint()},
			}}},
			opts:   Options{Mode: Hosted},
			reason: "the tick completes what the file cannot show",
			want:   map[string]Status{"net.cas-protocol": Pass, "net.cas-url": Pass, "net.espaces": Answered},
		},
		{
			name: "CAS off, wrong URL, policy departure",
			ev: Evidence{Info: &Info{Source: "i.json", HasEspaces: true,
				CAS:     &InfoCAS{Active: ptr(false), URL: ptr("http://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas")},
				Espaces: []InfoEspace{{Name: "Espace Entreprise", Genre: 39, Delegation: ptr(true), Protocol: ptr("Cas")}},
			}},
			opts: Options{Mode: Hosted},
			want: map[string]Status{"net.cas-protocol": Fail, "net.cas-url": Fail, "net.espaces": Warn},
		},
		{
			name: "InfoMobileApp without CAS",
			ev:   Evidence{Info: &Info{Source: "i.json"}},
			opts: Options{Mode: Hosted},
			want: map[string]Status{"net.cas-protocol": Error, "net.cas-url": Error, "net.espaces": Error},
		},
		{
			name: "CAS.actif that is not understood",
			ev:   Evidence{Info: &Info{Source: "i.json", CAS: &InfoCAS{ActiveUnread: "bof"}}},
			opts: Options{Mode: Hosted},
			want: map[string]Status{"net.cas-protocol": Error, "net.cas-url": Error, "net.espaces": Error},
		},
		{
			name: "answers",
			ev: Evidence{Answers: &Answers{Source: "answers.json", Items: map[string]ItemAnswer{
				"net.unpublished":  {Checked: true, Fingerprint: mustItem("net.unpublished").Fingerprint()},
				"net.cas-dialog":   {Checked: true, Fingerprint: "000000000000"},
				"server.cas-url":   {Checked: true, Value: OZE().CASURL + "/login"},
				"net.service-url":  {Checked: true, Value: "https://0920000a.index-education.net/pronote/"},
				"purge.select-all": {Checked: true},
			}}},
			opts:   Options{Mode: Hosted},
			reason: "an answer to a purge step brings the whole purge in, without --purge; a reworded item's old answer does not count; a right value typed is the admin's word, a wrong one fails",
			want: map[string]Status{
				"net.unpublished": Answered, "net.cas-dialog": Unanswered, "server.cas-url": Fail,
				"net.service-url": Answered, "purge.select-all": Answered, "purge.open": Unanswered,
				"purge.cas": Unanswered, "purge.user-type": Unanswered,
				"purge.clear": NoEvidence, "purge.every-type": NoEvidence,
			},
		},
		{
			name: "purge: identifiers left, types missing",
			ev: Evidence{Identities: []*IdentityList{
				{Source: "eleves.csv", UserType: "eleves", Column: "Identifiant fournisseur identités", Rows: 3, FirstFilled: []Row{{Line: 3, Identifier: "abc"}}, IDs: []IDRef{{Hash: 1, Line: 3}}},
				{Source: "profs.csv", UserType: "professeurs", Rows: 2, IDs: []IDRef{{Hash: 1, Line: 2}}},
			}},
			opts:   Options{Mode: Hosted, Purge: true},
			reason: "a shared identifier is a warning: one person may hold two accounts",
			want:   map[string]Status{"purge.clear": Fail, "purge.every-type": Warn, "verify.unique-ids": Warn},
		},
		{
			name: "identity exports without a single row",
			ev: Evidence{Identities: []*IdentityList{
				{Source: "eleves.csv", UserType: "eleves", Column: "Identifiant CAS"},
			}},
			opts:   Options{Mode: Hosted, Purge: true},
			reason: "no row shows no identifier: nothing to judge",
			want:   map[string]Status{"purge.every-type": Warn},
		},
		{
			name: "an empty CAS identifier column, 480 rows",
			ev: Evidence{Identities: []*IdentityList{
				{Source: "eleves.csv", UserType: "eleves", Column: "Identifiant CAS", Rows: 480},
			}},
			opts:   Options{Mode: Hosted, Purge: true},
			reason: "empty identifiers prove the purge, and leave nothing to compare for duplicates",
			want:   map[string]Status{"purge.clear": Pass, "purge.every-type": Warn},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := Run(Default(), &tt.ev, tt.opts)
			got := map[string]Result{}
			for _, r := range rep.Results {
				if _, dup := got[r.Item.ID]; dup {
					t.Errorf("item %s judged twice", r.Item.ID)
				}
				got[r.Item.ID] = r
				if r.Message.FR == "" || r.Message.EN == "" {
					t.Errorf("%s (%s): message missing a language: %+v", r.Item.ID, r.Status, r.Message)
				}
			}
			// Every item is checked: those the case names, and the others against what they
			// get with nothing given, so that no status changes unnoticed.
			want := nothingGiven(tt.opts)
			for id, st := range tt.want {
				if _, ok := want[id]; !ok {
					t.Fatalf("the case expects a status for %s, which nothingGiven does not know", id)
				}
				want[id] = st
			}
			for id, st := range want {
				r, ok := got[id]
				if !ok {
					t.Errorf("%s: no result, want %s", id, st)
				} else if r.Status != st {
					t.Errorf("%s = %s (%s), want %s (%s)", id, r.Status, r.Message.EN, st, tt.reason)
				}
			}
			for id := range got {
				if _, ok := want[id]; !ok {
					t.Errorf("%s has a result but no expected status: add it to nothingGiven", id)
				}
			}
		})
	}
}

// nothingGiven is the status of every item of the default catalog when no evidence is given,
// written out rather than derived from the catalog: what the admin alone can say is
// unanswered, what an export could prove has no evidence, what is outside the mode or the
// purge is not applicable.
func nothingGiven(o Options) map[string]Status {
	want := map[string]Status{
		"net.unpublished": Unanswered, "net.cas-protocol": NoEvidence, "net.espaces": NoEvidence,
		"net.cas-dialog": Unanswered, "net.cas-url": NoEvidence, "net.same-addresses": Unanswered,
		"net.service-url": Unanswered, "net.direct-login": Unanswered, "net.publish": NoEvidence,
		"server.out-of-service": Unanswered, "server.cas-protocol": Unanswered, "server.cas-url": Unanswered,
		"server.no-direct-login": Unanswered, "server.in-service": Unanswered,
		"verify.identities": Unanswered, "verify.unique-ids": NoEvidence, "verify.purge-done": Unanswered,
	}
	hosted, onprem := Unanswered, NotApplicable
	if o.Mode == OnPrem {
		hosted, onprem = NotApplicable, Unanswered
	}
	want["hosted.net-open"], want["hosted.server-open"] = hosted, hosted
	want["onprem.net-open"], want["onprem.server-open"] = onprem, onprem
	byHand, byExport := NotApplicable, NotApplicable
	if o.Purge {
		byHand, byExport = Unanswered, NoEvidence
	}
	for _, id := range []string{"purge.open", "purge.cas", "purge.user-type", "purge.select-all"} {
		want[id] = byHand
	}
	want["purge.clear"], want["purge.every-type"] = byExport, byExport
	return want
}

func mustItem(id string) *Item {
	it, _, ok := Default().Item(id)
	if !ok {
		panic("no item " + id)
	}
	return it
}

func TestPersonalMasks(t *testing.T) {
	ev := &Evidence{}
	if got := ev.Personal("Éloïse.Dupont"); got != "É•••" {
		t.Errorf("Personal = %q", got)
	}
	ev.ShowPersonalData = true
	if got := ev.Personal("Éloïse.Dupont"); got != "Éloïse.Dupont" {
		t.Errorf("Personal with ShowPersonalData = %q", got)
	}
}

// TestCheckPurgedCitesEveryFile: identifiers left in two exports are cited in the message
// and in the evidence, the first line of each file, not only the first file's.
func TestCheckPurgedCitesEveryFile(t *testing.T) {
	ev := &Evidence{Identities: []*IdentityList{
		{Source: "eleves.csv", Column: "Identifiant CAS", Rows: 3, FirstFilled: []Row{{Line: 2, Identifier: "a"}}, IDs: []IDRef{{Hash: 1, Line: 2}}},
		{Source: "vides.csv", Column: "Identifiant CAS", Rows: 4},
		{Source: "profs.csv", Column: "Identifiant CAS", Rows: 2, FirstFilled: []Row{{Line: 3, Identifier: "b"}, {Line: 4, Identifier: "c"}}, IDs: []IDRef{{Hash: 2, Line: 3}, {Hash: 3, Line: 4}}},
	}}
	r := checkPurged(&Subject{Profile: OZE(), Evidence: ev})
	if r.Status != Fail || r.Evidence != "eleves.csv:2, profs.csv:3" {
		t.Errorf("%s, evidence %q; want fail, eleves.csv:2, profs.csv:3", r.Status, r.Evidence)
	}
	if !strings.Contains(r.Message.EN, "in eleves.csv, line 2") || !strings.Contains(r.Message.EN, "in profs.csv, lines 3") {
		t.Errorf("message %q, want both files", r.Message.EN)
	}
}

func TestCheckUniqueCitesTheFirstSharedIdentifier(t *testing.T) {
	ev := &Evidence{Identities: []*IdentityList{
		// Hash 9 is shared first in the files (lines 2 and 8), though hash 5 sorts first.
		{Source: "eleves.csv", IDs: []IDRef{{Hash: 9, Line: 2}, {Hash: 7, Line: 4}, {Hash: 5, Line: 6}, {Hash: 9, Line: 8}}},
		{Source: "profs.csv", IDs: []IDRef{{Hash: 5, Line: 3}, {Hash: 1, Line: 5}}},
	}}
	r := checkUnique(&Subject{Profile: OZE(), Evidence: ev})
	if r.Status != Warn {
		t.Fatalf("status %s, want warn: no source says a shared identifier is wrong", r.Status)
	}
	if !strings.Contains(r.Message.EN, "Look at those lines") || !strings.Contains(r.Message.EN, "this site's advice, see “If it does not work”") {
		t.Errorf("message %q, want what to look at and where the help is", r.Message.EN)
	}
	if want := "eleves.csv:2, eleves.csv:8"; r.Evidence != want {
		t.Errorf("evidence %q, want %q", r.Evidence, want)
	}
	if !strings.HasPrefix(r.Message.EN, "2 CAS identifiers shared by") || !strings.HasPrefix(r.Message.FR, "2 identifiants CAS partagés") {
		t.Errorf("message %q, want two shared identifiers", r.Message.EN)
	}
	ev.Identities[0].IDs[3].Hash = 3
	ev.Identities[1].IDs[0].Hash = 4
	// All different, but no export says its user type: a duplicate may span two types.
	if r := checkUnique(&Subject{Profile: OZE(), Evidence: ev}); r.Status != NoEvidence || !strings.Contains(r.Message.EN, "among 6 CAS identifiers, but no export for: Élèves (students), Responsables (parents)") ||
		!strings.Contains(r.Message.FR, "mais pas d'export pour : Élèves, Responsables") {
		t.Errorf("all different, no user type known: %s %q / %q", r.Status, r.Message.EN, r.Message.FR)
	}
	ev.Identities = withEveryType(ev.Identities...)
	if r := checkUnique(&Subject{Profile: OZE(), Evidence: ev}); r.Status != Pass || !strings.Contains(r.Message.EN, "among 6 CAS identifiers") {
		t.Errorf("all different, every user type: %s %q", r.Status, r.Message.EN)
	}
}

// withEveryType returns ls with an export without rows for each user type none of ls is of.
func withEveryType(ls ...*IdentityList) []*IdentityList {
	have := map[string]bool{}
	for _, l := range ls {
		have[l.UserType] = true
	}
	for _, u := range UserTypes() {
		if !have[u.ID] {
			ls = append(ls, &IdentityList{Source: u.ID + ".csv", UserType: u.ID})
		}
	}
	return ls
}

// TestCheckUniqueBounded: an identifier shared by every row is cited at its first
// MaxSampleRows lines with a count (an export of 2 million such rows made a 448 MB run and
// reports refused as too large), and identifiers counted past the reader's cap are never a pass.
func TestCheckUniqueBounded(t *testing.T) {
	same := &IdentityList{Source: "same.csv"}
	for i := range 1000 {
		same.IDs = append(same.IDs, IDRef{Hash: 5, Line: i + 2})
	}
	tests := []struct {
		name     string
		lists    []*IdentityList
		status   Status
		evidence string
		msgEN    []string
		msgFR    []string
	}{
		{"one identifier on every row: five lines and the count", []*IdentityList{same}, Warn,
			"same.csv:2, same.csv:3, same.csv:4, same.csv:5, same.csv:6…",
			[]string{"1 CAS identifier shared by several users; the first at lines same.csv:2, same.csv:3, same.csv:4, same.csv:5, same.csv:6… (5 of 1000). Look"},
			[]string{"aux lignes same.csv:2, same.csv:3, same.csv:4, same.csv:5, same.csv:6… (5 sur 1000). Regardez"}},
		{"identifiers past the cap, none shared among the others: a warning", withEveryType(&IdentityList{Source: "a.csv", IDs: []IDRef{{Hash: 1, Line: 2}, {Hash: 2, Line: 3}}, Unkept: 3}), Warn,
			"a.csv, accompagnants.csv", []string{"No duplicate among 2 CAS identifiers; 3 CAS identifiers not compared: the checker keeps 1000000 in all"},
			[]string{"Aucun doublon parmi 2 identifiants CAS ; 3 identifiants CAS non comparés : le vérificateur en garde 1000000 en tout"}},
		{"identifiers past the cap and one shared: both said", []*IdentityList{{Source: "a.csv", IDs: []IDRef{{Hash: 1, Line: 2}, {Hash: 1, Line: 3}}, Unkept: 1}}, Warn,
			"a.csv:2, a.csv:3", []string{"the first at lines a.csv:2, a.csv:3. Look", "). 1 CAS identifier not compared: "},
			[]string{"). 1 identifiant CAS non comparé : "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := checkUnique(&Subject{Profile: OZE(), Evidence: &Evidence{Identities: tt.lists}})
			if r.Status != tt.status || !strings.HasPrefix(r.Evidence, tt.evidence) {
				t.Errorf("%s, evidence %q; want %s, %q", r.Status, r.Evidence, tt.status, tt.evidence)
			}
			for _, w := range tt.msgEN {
				if !strings.Contains(r.Message.EN, w) {
					t.Errorf("message %q\nwant %q in it", r.Message.EN, w)
				}
			}
			for _, w := range tt.msgFR {
				if !strings.Contains(r.Message.FR, w) {
					t.Errorf("message %q\nwant %q in it", r.Message.FR, w)
				}
			}
		})
	}
}

func TestProtocolDelegation(t *testing.T) {
	tests := []struct {
		name, raw string
		want      Delegation
		known     bool
	}{
		{"PRONOTE's internal name, seen on real servers", "daCAS", CAS, true},
		{"the dialog's label", "Cas", CAS, true},
		{"upper case", "CAS", CAS, true},
		{"spaces around", " daCAS ", CAS, true},
		{"internal style, never seen: read by meaning", "daEduConnect", EduConnect, true},
		{"internal style without the hyphen", "daWsFederation", WSFederation, true},
		{"dialog label with the hyphen", "Ws-Federation", WSFederation, true},
		{"none, internal style", "daAucune", None, true},
		{"unknown internal name", "daSAML", "", false},
		{"da not followed by a name", "dacas", "", false},
		{"just the prefix", "da", "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, known := ProtocolDelegation(tt.raw)
			if got != tt.want || known != tt.known {
				t.Errorf("ProtocolDelegation(%q) = %q, %v; want %q, %v", tt.raw, got, known, tt.want, tt.known)
			}
		})
	}
}

// TestCheckEspacesReadsRealServers judges the espaces as real servers describe them:
// protocole in PRONOTE's internal names, values the checker does not know, espaces without
// genreEspace, missing flags.
func TestCheckEspacesReadsRealServers(t *testing.T) {
	delegates := func(name string, genre int, proto string) InfoEspace {
		e := InfoEspace{Name: name, Genre: genre, Delegation: ptr(true)}
		if proto != "" {
			e.Protocol = ptr(proto)
		}
		return e
	}
	entreprise := InfoEspace{Name: "Espace Entreprise", Genre: 39, Delegation: ptr(false)}
	tests := []struct {
		name    string
		espaces []InfoEspace
		status  Status
		want    []string // in the English message
		notWant []string
	}{
		{
			name:    "daCAS is CAS",
			espaces: []InfoEspace{delegates("Espace Professeurs", 8, "daCAS"), delegates("Espace Parents", 7, "daCAS"), entreprise},
			status:  NoEvidence, want: []string{"shows 3 espaces, whose delegation follows", "says nothing of the delegation of: Page commune (common page), Espace Académie (inspectors). Check them on screen"}, notWant: []string{"instead of", "Not judged"},
		},
		{
			name:    "a protocole the checker does not know is reported raw, not a departure",
			espaces: []InfoEspace{delegates("Espace Professeurs", 8, "daCAS"), delegates("Espace Parents", 7, "daOIDC"), entreprise},
			status:  NoEvidence, want: []string{"shows 2 espaces, whose", `Not judged: "Espace Parents" (protocole "daOIDC" unknown to the checker)`}, notWant: []string{"instead of"},
		},
		{
			name:    "a departure in PRONOTE's internal names is still a departure",
			espaces: []InfoEspace{delegates("Espace Professeurs", 8, "daCAS"), delegates("Espace Entreprise", 39, "daCAS")},
			status:  Warn, want: []string{"Espace Entreprise (internship supervisors): Cas instead of Aucune", "says nothing of the delegation of: Page commune"},
		},
		{
			name:    "no genreEspace: nothing judged, no evidence, with the reason",
			espaces: []InfoEspace{delegates("Espace Professeurs", 0, "daCAS"), {Name: "Espace Entreprise", Delegation: ptr(false)}},
			status:  NoEvidence, want: []string{"lets no espace be judged", `"Espace Professeurs" (no genreEspace)`, `"Espace Entreprise" (no genreEspace)`},
		},
		{
			name:    "an empty list: no evidence",
			espaces: []InfoEspace{},
			status:  NoEvidence, want: []string{"list is empty"},
		},
		{
			name:    "delegates without a protocole: not judged",
			espaces: []InfoEspace{delegates("Espace Professeurs", 8, ""), entreprise},
			status:  NoEvidence, want: []string{"shows 1 espace, whose", "delegates, with no protocole to say to what"},
		},
		{
			name:    "no avecDelegation: the protocole says it",
			espaces: []InfoEspace{{Name: "Espace Professeurs", Genre: 8, Protocol: ptr("daCAS")}, {Name: "Espace Entreprise", Genre: 39}},
			status:  NoEvidence, want: []string{"shows 1 espace, whose", "neither avecDelegation nor protocole"},
		},
		{
			name:    "genreEspace and avecDelegation that are not understood are quoted, not judged",
			espaces: []InfoEspace{{Name: "Espace Professeurs", GenreUnread: "prof", Delegation: ptr(true), Protocol: ptr("daCAS")}, {Name: "Espace Parents", Genre: 7, DelegationUnread: "peut-être", Protocol: ptr("daCAS")}, entreprise},
			status:  NoEvidence, want: []string{"shows 1 espace, whose", `"Espace Professeurs" (genreEspace "prof" not understood)`, `"Espace Parents" (avecDelegation "peut-être" not understood)`},
		},
		{
			name:    "unknown genreEspace",
			espaces: []InfoEspace{delegates("Espace Académie", 99, "daCAS"), entreprise},
			status:  NoEvidence, want: []string{"unknown genreEspace 99", "Page commune"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := &Evidence{Info: &Info{Source: "i.json", HasEspaces: true, Espaces: tt.espaces}}
			v := checkEspaces(&Subject{Profile: OZE(), Evidence: ev})
			if v.Status != tt.status {
				t.Errorf("status %s (%s), want %s", v.Status, v.Message.EN, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(v.Message.EN, w) {
					t.Errorf("message %q, want it to hold %q", v.Message.EN, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(v.Message.EN, w) {
					t.Errorf("message %q holds %q", v.Message.EN, w)
				}
			}
			if v.Message.FR == "" || strings.Contains(v.Message.FR, "not judged") {
				t.Errorf("French message %q", v.Message.FR)
			}
		})
	}
}

func TestNounAgrees(t *testing.T) {
	cases := []struct {
		name   string
		n      int
		fr, en string
	}{
		{name: "none", n: 0, fr: "0 ligne", en: "0 rows"},
		{name: "one", n: 1, fr: "1 ligne", en: "1 row"},
		{name: "two", n: 2, fr: "2 lignes", en: "2 rows"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := NounRow.N(tc.n); got.FR != tc.fr || got.EN != tc.en {
				t.Errorf("NounRow.N(%d) = %+v, want %q, %q", tc.n, got, tc.fr, tc.en)
			}
		})
	}
}

// TestCheckPurgedCitesExamples: the purge's failure cites identifiers of every export, at most
// MaxSampleRows, says « par exemple » when it cites fewer than remain, and agrees in number.
func TestCheckPurgedCitesExamples(t *testing.T) {
	rows := func(src string, lines ...int) *IdentityList {
		l := &IdentityList{Source: src, Column: "Identifiant CAS", Rows: 10}
		for _, n := range lines {
			l.IDs = append(l.IDs, IDRef{Hash: uint64(n), Line: n})
			if len(l.FirstFilled) < MaxSampleRows {
				l.FirstFilled = append(l.FirstFilled, Row{Line: n, Identifier: fmt.Sprintf("id%d", n)})
			}
		}
		return l
	}
	cases := []struct {
		name   string
		lists  []*IdentityList
		fr, en []string
		notFR  []string
	}{
		{name: "one identifier", lists: []*IdentityList{rows("eleves.csv", 3)},
			fr: []string{"1 identifiant CAS reste sur 10 lignes", "dans eleves.csv, ligne 3 (i•••)."}, en: []string{"1 CAS identifier remains in 10 rows"}, notFR: []string{"par exemple", "(s)"}},
		{name: "two files", lists: []*IdentityList{rows("eleves.csv", 3, 4), rows("profs.csv", 7)},
			fr: []string{"3 identifiants CAS restent sur 20 lignes", "dans eleves.csv, lignes 3 (i•••), 4 (i•••)", "dans profs.csv, ligne 7 (i•••)"}, en: []string{"in profs.csv, line 7"}, notFR: []string{"par exemple"}},
		{name: "more than cited", lists: []*IdentityList{rows("eleves.csv", 2, 3, 4, 5, 6, 8, 9)},
			fr: []string{"7 identifiants CAS restent", "par exemple (5 sur 7) dans eleves.csv, lignes 2"}, en: []string{"for example (5 of 7) in eleves.csv, lines 2"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := checkPurged(&Subject{Profile: OZE(), Evidence: &Evidence{Identities: tc.lists}})
			if r.Status != Fail {
				t.Fatalf("status %s", r.Status)
			}
			for _, w := range tc.fr {
				if !strings.Contains(r.Message.FR, w) {
					t.Errorf("FR %q lacks %q", r.Message.FR, w)
				}
			}
			for _, w := range tc.notFR {
				if strings.Contains(r.Message.FR, w) {
					t.Errorf("FR %q has %q", r.Message.FR, w)
				}
			}
			for _, w := range tc.en {
				if !strings.Contains(r.Message.EN, w) {
					t.Errorf("EN %q lacks %q", r.Message.EN, w)
				}
			}
		})
	}
}

func TestStatusCountAgrees(t *testing.T) {
	cases := []struct {
		name   string
		st     Status
		n      int
		fr, en string
	}{
		{name: "one fail", st: Fail, n: 1, fr: "1 non conforme", en: "1 fail"},
		{name: "two fails", st: Fail, n: 2, fr: "2 non conformes", en: "2 fail"},
		{name: "two answered", st: Answered, n: 2, fr: "2 déclarés faits", en: "2 answered"},
		{name: "two errors", st: Error, n: 2, fr: "2 erreurs", en: "2 errors"},
		{name: "two warnings", st: Warn, n: 2, fr: "2 à vérifier", en: "2 warnings"},
		{name: "four unanswered", st: Unanswered, n: 4, fr: "4 sans réponse", en: "4 unanswered"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.st.Count(tc.n); got.FR != tc.fr || got.EN != tc.en {
				t.Errorf("Count(%d) = %+v, want %q, %q", tc.n, got, tc.fr, tc.en)
			}
		})
	}
}

// TestNeverPasses holds the package doc's audit to its word: on the best evidence there can
// be (a fetched InfoMobileApp.json that follows the policy on the server of the address
// typed, right values typed, every step ticked, clean identity exports), the steps no export
// can prove are never a pass: the steps without a rule, net.service-url (only the ENT knows
// what it registered), net.espaces (no file shows the common page) and server.cas-url (no
// export shows the Serveur PRONOTE side).
func TestNeverPasses(t *testing.T) {
	cat := NewCatalog(OZE())
	const server = "https://0920000a.index-education.net/pronote/"
	info := &Info{Source: "InfoMobileApp.json", Fetched: true, HasEspaces: true,
		CAS: &InfoCAS{Active: ptr(true), URL: ptr(OZE().CASURL)}}
	for _, e := range Espaces() {
		if e.Genre != 0 {
			info.Espaces = append(info.Espaces, InfoEspace{Name: e.Name.FR, URL: server + "mobile." + e.ID + ".html", Genre: e.Genre,
				Delegation: ptr(OZE().Expected(e) != None), Protocol: ptr("daCAS")})
		}
	}
	answers := &Answers{Source: "reponses.json", Items: map[string]ItemAnswer{}}
	for _, st := range cat.Steps(Hosted) {
		a := ItemAnswer{Checked: true}
		switch st.Item.ID {
		case "net.cas-url", "server.cas-url":
			a.Value = OZE().CASURL
		case "net.service-url":
			a.Value = server
		}
		answers.Items[st.Item.ID] = a
	}
	var lists []*IdentityList
	for _, u := range UserTypes() {
		lists = append(lists, &IdentityList{Source: u.ID + ".csv", UserType: u.ID, Rows: 10})
	}
	for _, m := range []Mode{Hosted, OnPrem} {
		rep := Run(cat, &Evidence{Info: info, Answers: answers, Identities: lists}, Options{Mode: m, Purge: true, Now: time.Now()})
		passed := 0
		for _, r := range rep.Results {
			never := r.Item.Check == nil || r.Item.ID == "net.service-url" || r.Item.ID == "net.espaces"
			if r.Status == Pass {
				passed++
				if never {
					t.Errorf("%s, %s: pass (%s), but no export can prove it", m, r.Item.ID, r.Message.EN)
				}
			}
		}
		if passed == 0 {
			t.Errorf("%s: nothing passes: the evidence is not the best there can be", m)
		}
	}
}
