package checks

import (
	"strings"
	"testing"
)

func TestCatalogValid(t *testing.T) {
	for _, p := range Profiles() {
		if err := NewCatalog(p).Validate(); err != nil {
			t.Errorf("profile %s: %v", p.ID, err)
		}
	}
}

func TestValidateCatchesFlaws(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(c *Catalog)
		want   string
	}{
		{"empty English title", func(c *Catalog) { c.Checklists[0].Sections[0].Items[0].Title.EN = " " }, "Title has no en text"},
		{"empty French detail", func(c *Catalog) { c.Checklists[0].Sections[0].Items[1].Detail.FR = "" }, "Detail has no fr text"},
		{"malformed ID", func(c *Catalog) { c.Checklists[0].Sections[0].Items[0].ID = "Purge Open" }, "malformed ID"},
		{"duplicate ID", func(c *Catalog) { c.Checklists[0].Sections[0].Items[1].ID = "purge.open" }, "ID used by two different items"},
		{"check without proof", func(c *Catalog) { c.Checklists[0].Sections[0].Items[0].Check = checkPurged }, "has a Check without"},
		{"no origin", func(c *Catalog) { c.Checklists[0].Sections[0].Items[1].Origin = 0 }, "no origin"},
		{"practice without its fact", func(c *Catalog) { c.Checklists[0].Sections[0].Items[1].Origin = FromPractice }, "no fact of that origin"},
		{"fact from the procedure", func(c *Catalog) {
			it := c.Checklists[0].Sections[0].Items[1]
			it.Facts = []*Fact{{ID: "x.y", Origin: FromProcedure, Claim: Text{FR: "a", EN: "a"}, Ref: Text{FR: "b", EN: "b"}}}
		}, "its origin must be a document or usual practice"},
		{"fact without reference", func(c *Catalog) {
			it := c.Checklists[0].Sections[0].Items[1]
			it.Facts = []*Fact{{ID: "x.y", Origin: FromPractice, Claim: Text{FR: "a", EN: "a"}, Ref: Text{FR: "b"}}}
		}, "Ref has no en text"},
		{"unknown See", func(c *Catalog) { it, _, _ := c.Item("verify.purge-done"); it.See = "nope" }, `unknown checklist "nope"`},
		{"value asked without its rule", func(c *Catalog) { it, _, _ := c.Item("server.cas-url"); it.Value = nil }, "item server.cas-url: asks for a value without a Value rule"},
		{"value rule with an unknown placeholder", func(c *Catalog) {
			it, _, _ := c.Item("net.service-url")
			r := *it.Value
			r.OK.EN = "Fine: {value}"
			it.Value = &r
		}, "item net.service-url: Value: OK names unknown placeholder {value}"},
		{"value rule that shows the value before its space test", func(c *Catalog) {
			it, _, _ := c.Item("net.service-url")
			r := *it.Value
			r.Tests = append(r.Tests[1:2:2], r.Tests...)
			it.Value = &r
		}, "shows {got} before a space test of every mode"},
		{"value rule with a test of no known kind", func(c *Catalog) {
			it, _, _ := c.Item("net.cas-url")
			r := *it.Value
			r.Tests = append([]ValueTest{{Test: "login", Status: Fail, Why: Text{FR: "a", EN: "a"}}}, r.Tests...)
			it.Value = &r
		}, `test 0 (login): unknown test`},
		{"mark that points nowhere", func(c *Catalog) {
			it, _, _ := c.Item("net.cas-protocol")
			it.Detail.FR += " Usage courant*."
		}, "item net.cas-protocol (hosted): the fr text carries the mark * but no fact of origin practice"},
		{"mark that points nowhere in a help row", func(c *Catalog) {
			cl, _ := c.Checklist(HostedID)
			cl.Troubles[3].Cause.EN += " As published‡."
		}, "checklist hosted troubleshooting old-ent: the en text carries the mark ‡ but no fact of origin published"},
		{"mark in a section's intro, which has no facts", func(c *Catalog) {
			c.Checklists[1].Sections[0].Intro.FR += "†"
		}, "section hosted/net: the fr text carries the mark †"},
		{"fact whose mark shows nowhere", func(c *Catalog) {
			it, _, _ := c.Item("purge.select-all")
			it.Detail = Text{FR: "Cliquez dans la liste.", EN: "Click in the list."}
		}, "item purge.select-all (hosted): a fact of origin index-education but its mark † shows nowhere"},
		{"document without its quote", func(c *Catalog) {
			it, _, _ := c.Item("purge.select-all")
			f := *it.Facts[0]
			f.Quote = ""
			it.Facts = []*Fact{&f}
		}, "fact kb.select-all: no quote of the document's words"},
		{"document without its address", func(c *Catalog) {
			it, _, _ := c.Item("purge.select-all")
			f := *it.Facts[0]
			f.URL = ""
			it.Facts = []*Fact{&f}
		}, "fact kb.select-all: no https:// address of the document"},
		{"quote that does not hold the words the claim is cited for", func(c *Catalog) {
			it, _, _ := c.Item("purge.select-all")
			f := *it.Facts[0]
			f.Claim.FR = "le raccourci « Ctrl + Z » sélectionne tout"
			it.Facts = []*Fact{&f}
		}, `fact kb.select-all: the fr claim quotes "Ctrl + Z", which the quote does not hold`},
		{"the site's reasoning dressed as a quote", func(c *Catalog) {
			it, _, _ := c.Item("purge.user-type")
			f := *it.Facts[0]
			f.Quote = "Élèves, Responsables"
			it.Facts = []*Fact{&f}
		}, "fact practice.user-types: the site's own reasoning quotes a document"},
		{
			name: "rule that judges another item's answer",
			break_: func(c *Catalog) {
				it, _, _ := c.Item("net.service-url")
				it.Check = func(sub *Subject) Verdict {
					if a, ok := sub.Evidence.answer("net.cas-url"); ok {
						return Verdict{Status: Warn, Evidence: a.Value}
					}
					return checkServiceURL(sub)
				}
			},
			want: "item net.service-url: its Check judges a value typed for another item",
		},
		{
			name: "rule that panics without InfoMobileApp.json",
			break_: func(c *Catalog) {
				it, _, _ := c.Item("net.cas-protocol")
				it.Check = func(sub *Subject) Verdict { return Verdict{Evidence: sub.Evidence.Info.Source} }
			},
			want: "item net.cas-protocol: its Check panics",
		},
		{
			name: "rule that judges with no evidence",
			break_: func(c *Catalog) {
				it, _, _ := c.Item("verify.unique-ids")
				it.Check = func(*Subject) Verdict { return Verdict{Status: Pass} }
			},
			want: "item verify.unique-ids: its Check says pass with no evidence at all",
		},
		{
			name: "rule that has nothing to judge and does not say why",
			break_: func(c *Catalog) {
				it, _, _ := c.Item("verify.unique-ids")
				it.Check = func(sub *Subject) Verdict {
					if len(sub.Evidence.Identities) > 0 && len(sub.Evidence.Identities[0].IDs) == 0 {
						return Verdict{Status: NoEvidence}
					}
					return checkUnique(sub)
				}
			},
			want: "item verify.unique-ids: its Check gives no-evidence without saying why (an identity export of 480 rows without identifiers)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCatalog(OZE())
			tt.break_(c)
			err := c.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestSeedSteps lists every step of the seed procedure (the ENT's original instructions,
// summarised in the package documentation under "The procedure") with the item that
// carries it and the exact French label that item must show. A step dropped or a label
// reworded fails here.
// TestRulesFollowTheirItem renames and moves the items whose rules read a typed value: the
// rules take their item from the Subject, so the catalog stays valid and each renamed item is
// judged from the answer filed under its new ID.
func TestRulesFollowTheirItem(t *testing.T) {
	c := NewCatalog(OZE())
	renames := map[string]string{"net.cas-url": "net.cas-base-url", "server.cas-url": "server.cas-base-url", "net.service-url": "net.ent-service-url"}
	for old, renamed := range renames {
		it, _, ok := c.Item(old)
		if !ok {
			t.Fatalf("no item %s", old)
		}
		it.ID = renamed
	}
	// Move server.cas-base-url to the front of the hosted checklist's first section.
	hosted, _ := c.Checklist(HostedID)
	for si, s := range hosted.Sections {
		for i, it := range s.Items {
			if it.ID == "server.cas-base-url" {
				hosted.Sections[si].Items = append(s.Items[:i:i], s.Items[i+1:]...)
				hosted.Sections[0].Items = append([]*Item{it}, hosted.Sections[0].Items...)
			}
		}
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("renamed and moved items: %v", err)
	}
	ev := &Evidence{Answers: &Answers{Source: "r.json", Items: map[string]ItemAnswer{
		"net.cas-base-url":    {Checked: true, Value: OZE().CASURL},
		"server.cas-base-url": {Value: "http://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas"},
		"net.ent-service-url": {Checked: true, Value: "https://0920000a.index-education.net/pronote"},
		// Answers under the old IDs must be ignored, not read by a rule that names them.
		"server.cas-url": {Value: OZE().CASURL},
	}}}
	rep := Run(c, ev, Options{Mode: Hosted})
	// A right value ticked is the admin's word; a wrong one fails; a doubtful one warns.
	want := map[string]Status{"net.cas-base-url": Answered, "server.cas-base-url": Fail, "net.ent-service-url": Warn}
	for _, r := range rep.Results {
		if w, ok := want[r.Item.ID]; ok {
			if r.Status != w || r.Evidence != "r.json: "+r.Item.ID {
				t.Errorf("%s: %s from %q, want %s from r.json: %s", r.Item.ID, r.Status, r.Evidence, w, r.Item.ID)
			}
			delete(want, r.Item.ID)
		}
	}
	for id := range want {
		t.Errorf("%s: no result", id)
	}
}

func TestSeedSteps(t *testing.T) {
	steps := []struct {
		seed, checklist, id, label string
	}{
		{"purge: Communication > Gestion des identités > Délégation d'authentification", PurgeID, "purge.open", "Communication › Gestion des identités › Délégation d'authentification"},
		{"purge: select CAS in the first drop-down", PurgeID, "purge.cas", "« CAS » dans le premier menu déroulant"},
		{"purge: select the user type in the second drop-down", PurgeID, "purge.user-type", "type d'utilisateur dans le second menu déroulant"},
		{"purge: select all users", PurgeID, "purge.select-all", "tous les utilisateurs"},
		{"purge: delete the identifier, column « Identifiant fournisseur identités »", PurgeID, "purge.clear", "« Identifiant fournisseur identités »"},
		{"purge: no impact, oZe sends the new identifier at next login", PurgeID, "purge.clear", "prochaine connexion"},
		{"purge: for every user type", PurgeID, "purge.every-type", "chaque type d'utilisateur"},
		{"hosted: PRONOTE.net via the console", HostedID, "hosted.net-open", "console d'hébergement"},
		{"non-hosted: PRONOTE.net", OnPremID, "onprem.net-open", "PRONOTE.net"},
		{"base in service on Serveur PRONOTE, not published on PRONOTE.net", HostedID, "net.unpublished", "non publiée sur PRONOTE.net"},
		{"tab « Déléguer l'authentification », tick CAS in « Protocole Cas » (the screen's label)", HostedID, "net.cas-protocol", "« Protocole Cas »"},
		{"non-hosted: tick CAS in « Protocole Cas »", OnPremID, "net.cas-protocol", "cochez « CAS » sous « Protocole Cas »"},
		{"connection modes: choice of delegation per espace", HostedID, "net.espaces", "Choix de la délégation en fonction de l'espace"},
		{"delegations Cas / Ws-Federation / EduConnect / Aucune", OnPremID, "net.espaces", "Cas, Ws-Federation, EduConnect ou Aucune"},
		{"settings icon on the CAS line → « Définir une délégation CAS »", HostedID, "net.cas-dialog", "« Définir une délégation CAS »"},
		{"choose your ENT in « Mon ENT »", OnPremID, "net.cas-dialog", "« Mon ENT »"},
		{"« URL du serveur CAS » must be the oZe URL", HostedID, "net.cas-url", "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas"},
		{"« Les adresses d'authentification et de validation sont différentes »", HostedID, "net.same-addresses", "« Lien d'authentification »"},
		{"« URL à communiquer au socle ENT »", HostedID, "net.service-url", "« URL à communiquer au socle ENT »"},
		{"« Autoriser l'authentification directe par PRONOTE.net » (…?login=true)", HostedID, "net.direct-login", "?login=true"},
		{"publish again", HostedID, "net.publish", "Publiez"},
		{"hosted: Serveur PRONOTE via the console", HostedID, "hosted.server-open", "Serveur PRONOTE"},
		{"non-hosted: Serveur PRONOTE", OnPremID, "onprem.server-open", "Serveur PRONOTE"},
		{"the base must not be in service", OnPremID, "server.out-of-service", "ne doit pas être en service"},
		{"Serveur PRONOTE: tab « Déléguer l'authentification »", OnPremID, "server.cas-protocol", "« Déléguer l'authentification »"},
		{"Serveur PRONOTE: repeat the same settings", HostedID, "server.cas-url", "Répétez"},
		{"Serveur PRONOTE: do not tick « Autoriser l'authentification directe par PRONOTE.net »", HostedID, "server.no-direct-login", "Ne cochez pas « Autoriser l'authentification directe par PRONOTE.net »"},
		{"Client PRONOTE: Communication > Gestion des identités, no identification problem", OnPremID, "verify.identities", "Communication › Gestion des identités"},
		{"reminder: if oZe was not used last year, purge", HostedID, "verify.purge-done", "l'an dernier"},
		{"reminder: the identifiers « doivent être supprimés »", HostedID, "verify.purge-done", "doivent être supprimés"},
		{"base in service on Serveur PRONOTE, not published (non-hosted)", OnPremID, "net.unpublished", "non publiée sur PRONOTE.net"},
		{"Serveur PRONOTE: « Répétez les mêmes manipulations que pour PRONOTE.net »", OnPremID, "server.cas-url", "Répétez les mêmes manipulations que pour PRONOTE.net"},
		{"« URL du serveur CAS » on Serveur PRONOTE (non-hosted)", OnPremID, "server.cas-url", "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas"},
		{"« Si ce n'est pas le cas » correct the field", HostedID, "net.cas-url", "Si ce n'est pas le cas"},
		{"settings shared between Serveur PRONOTE and PRONOTE.net", HostedID, "net.cas-protocol", "partagés entre le Serveur PRONOTE et PRONOTE.net"},
	}
	for _, s := range steps {
		t.Run(s.id, func(t *testing.T) {
			cl, ok := Default().Checklist(s.checklist)
			if !ok {
				t.Fatalf("no checklist %q", s.checklist)
			}
			it, ok := cl.Item(s.id)
			if !ok {
				t.Fatalf("seed step %q: no item %s in checklist %s", s.seed, s.id, s.checklist)
			}
			all := strings.Join([]string{it.Title.FR, it.Where.FR, it.DetailIn(cl.Modes).FR, it.ExpectIn(cl.Modes).FR, sectionOf(cl, it).Intro.FR}, "\n")
			if !strings.Contains(all, s.label) {
				t.Errorf("seed step %q: item %s does not show %q", s.seed, s.id, s.label)
			}
		})
	}
}

func TestModesShareItems(t *testing.T) {
	c := Default()
	hosted, _ := c.Checklist(HostedID)
	onprem, _ := c.Checklist(OnPremID)
	h, _ := hosted.Item("net.cas-url")
	o, _ := onprem.Item("net.cas-url")
	if h == nil || h != o {
		t.Errorf("net.cas-url: hosted and on-premises checklists should share one item value")
	}
	if _, ok := hosted.Item("onprem.net-open"); ok {
		t.Errorf("hosted checklist holds onprem.net-open")
	}
	if _, ok := onprem.Item("hosted.server-open"); ok {
		t.Errorf("on-premises checklist holds hosted.server-open")
	}
}

func TestFrenchSpacing(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Note : ok", "Note\u202f: ok"},
		{"« CAS »", "«\u00a0CAS\u00a0»"},
		{"Vraiment ? Oui ! ; fin", "Vraiment\u202f? Oui\u202f!\u202f; fin"},
		{"https://x.fr/a?b=c", "https://x.fr/a?b=c"},
		{"déjà\u202f: fait", "déjà\u202f: fait"},
	}
	for _, tt := range tests {
		if got := FrenchSpacing(tt.in); got != tt.want {
			t.Errorf("FrenchSpacing(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := (Text{FR: "a : b", EN: "a : b"}).In(EN); got != "a : b" {
		t.Errorf("English side changed: %q", got)
	}
}

// typesetRef is Typeset as first written: the replacers after strings.ContainsAny.
func typesetRef(l Lang, s string) string {
	if l == FR {
		if !strings.ContainsAny(s, ";:!?«»") {
			return s
		}
		return frenchSpacer.Replace(s)
	}
	if !strings.ContainsAny(s, "«»") {
		return s
	}
	return guillemetSpacer.Replace(s)
}

var typesetSamples = []string{
	"", "Note : ok", "« CAS »", "Vraiment ? Oui ! ; fin", "https://x.fr/a?b=c", "Noël à l’ENT",
	"ë» «ë", "\xc2 »\xab", "a\xc2\xab b", "«»", "x :", "pas de ponctuation",
}

func TestTypesetBytes(t *testing.T) {
	for _, s := range typesetSamples {
		for _, l := range Langs() {
			want := typesetRef(l, s)
			if got := l.Typeset(s); got != want {
				t.Errorf("%s.Typeset(%q) = %q, want %q", l, s, got, want)
			}
			b := []byte(s)
			got := l.TypesetBytes(b)
			if string(got) != want {
				t.Errorf("%s.TypesetBytes(%q) = %q, want %q", l, s, got, want)
			}
			spaced := ";:!?«»"
			if l != FR {
				spaced = "«»"
			}
			if !strings.ContainsAny(s, spaced) && len(b) > 0 && &got[0] != &b[0] {
				t.Errorf("%s.TypesetBytes(%q) copied a text without %s", l, s, spaced)
			}
		}
	}
}

func FuzzTypeset(f *testing.F) {
	for _, s := range typesetSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range Langs() {
			want := typesetRef(l, s)
			if got := l.Typeset(s); got != want {
				t.Errorf("%s.Typeset(%q) = %q, want %q", l, s, got, want)
			}
			if got := l.TypesetBytes([]byte(s)); string(got) != want {
				t.Errorf("%s.TypesetBytes(%q) = %q, want %q", l, s, got, want)
			}
		}
	})
}

// TestSharedValuesCannotBeChanged: the package's lists and profiles are handed out as new
// values, so an importer that changes what it was given changes nothing for the others.
func TestSharedValuesCannotBeChanged(t *testing.T) {
	OZE().CASURL = "https://changed.invalid/"
	OZE().Policy["entreprise"] = CAS
	Default().Profile.Name = "changed"
	Profiles()[0].ID = "changed"
	UserTypes()[0].Aliases[0] = "changed"
	Espaces()[0].ID = "changed"
	Statuses()[0] = "changed"
	Delegations()[0] = "changed"
	c := Default()
	switch {
	case c.Profile.CASURL != "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas":
		t.Errorf("CAS URL changed: %s", c.Profile.CASURL)
	case c.Profile.Policy["entreprise"] != None:
		t.Errorf("policy changed: %s", c.Profile.Policy["entreprise"])
	case c.Profile.Name != "oZe" || Profiles()[0].ID != "oze":
		t.Errorf("profile changed: %s %s", c.Profile.Name, Profiles()[0].ID)
	case UserTypes()[0].Aliases[0] != "eleve" || Espaces()[0].ID != "commune":
		t.Errorf("lists changed: %s %s", UserTypes()[0].Aliases[0], Espaces()[0].ID)
	case Statuses()[0] != Fail || Delegations()[0] != CAS:
		t.Errorf("orders changed: %s %s", Statuses()[0], Delegations()[0])
	}
}

func TestUntranslated(t *testing.T) {
	got := Untranslated(map[string]Text{"ok": {FR: "oui", EN: "yes"}, "b": {FR: "non"}, "a": {EN: " "}})
	want := []string{"a (en)", "a (fr)", "b (en)"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Untranslated = %v, want %v", got, want)
	}
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"fr": FR, "fr_FR.UTF-8": FR, "en-GB": EN, "EN": EN, "de": "", "french": ""} {
		got, _ := ParseLang(in)
		if got != want {
			t.Errorf("ParseLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFingerprintFollowsWording(t *testing.T) {
	a := NewCatalog(OZE())
	b := NewCatalog(OZE())
	ia, _, _ := a.Item("net.cas-url")
	ib, _, _ := b.Item("net.cas-url")
	if ia.Fingerprint() != ib.Fingerprint() {
		t.Fatal("same wording, different fingerprints")
	}
	ib.Title.EN += "!"
	if ia.Fingerprint() == ib.Fingerprint() {
		t.Error("reworded item kept its fingerprint")
	}
}

// sectionOf returns the section of cl that holds it.
func sectionOf(cl *Checklist, it *Item) Section {
	for _, s := range cl.Sections {
		for _, x := range s.Items {
			if x == it {
				return s
			}
		}
	}
	return Section{}
}

func TestHostedUAI(t *testing.T) {
	for _, c := range []struct{ name, url, want string }{
		{"hosted espace", "https://0920000a.index-education.net/pronote/eleve.html", "0920000A"},
		{"hosted root, upper case", "HTTPS://0931234Z.INDEX-EDUCATION.NET/pronote/", "0931234Z"},
		{"on premises", "https://pronote.college.example/pronote/", ""},
		{"not a UAI", "https://demo.index-education.net/pronote/", ""},
		{"a sub-domain deeper", "https://0920000a.x.index-education.net/pronote/", ""},
		{"another domain ending alike", "https://0920000a.evil-index-education.net/", ""},
		{"eight digits", "https://09200001.index-education.net/", ""},
		{"not a URL", "%zz", ""},
	} {
		if got := HostedUAI(c.url); got != c.want {
			t.Errorf("%s: HostedUAI(%q) = %q, want %q", c.name, c.url, got, c.want)
		}
	}
}

// TestRunFollowsProcedureOrder: in both modes the results follow the checked procedure's
// order; the other mode's steps sit by their counterparts, not at the end.
func TestRunFollowsProcedureOrder(t *testing.T) {
	cat := Default()
	cases := []struct {
		name  string
		mode  Mode
		order []string
	}{
		{name: "hosted", mode: Hosted, order: []string{"hosted.net-open", "net.unpublished", "net.publish", "hosted.server-open", "server.out-of-service", "verify.purge-done"}},
		{name: "on premises", mode: OnPrem, order: []string{"onprem.net-open", "net.unpublished", "net.publish", "onprem.server-open", "server.out-of-service", "verify.purge-done"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep := Run(cat, &Evidence{}, Options{Mode: tc.mode})
			at := map[string]int{}
			for i, r := range rep.Results {
				if _, dup := at[r.Item.ID]; dup {
					t.Errorf("%s judged twice", r.Item.ID)
				}
				at[r.Item.ID] = i
			}
			for i := 1; i < len(tc.order); i++ {
				a, b := tc.order[i-1], tc.order[i]
				if at[a] >= at[b] {
					t.Errorf("%s at %d, not before %s at %d", a, at[a], b, at[b])
				}
			}
			if n := len(rep.Results); n != len(at) {
				t.Errorf("%d results, %d items", n, len(at))
			}
			if last := rep.Results[len(rep.Results)-1].Item.ID; last != "verify.purge-done" {
				t.Errorf("last result %s, want verify.purge-done", last)
			}
		})
	}
}
