package checks

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestItemProvenance pins where every step of every checklist comes from, in that
// checklist's mode, and the facts it states that the procedure does not. A step added,
// re-sourced or given a new fact fails here until this table says so.
func TestItemProvenance(t *testing.T) {
	type prov struct {
		Origin string
		Facts  string
	}
	want := map[string]prov{
		"purge/purge.open":              {"procedure", "practice.purge-in-client"},
		"purge/purge.cas":               {"procedure", ""},
		"purge/purge.user-type":         {"procedure", "practice.user-types"},
		"purge/purge.select-all":        {"procedure", "kb.select-all"},
		"purge/purge.clear":             {"procedure", "guide.identification-settings practice.purge-first-login"},
		"purge/purge.every-type":        {"procedure", "practice.user-types"},
		"hosted/hosted.net-open":        {"procedure", "help.console-app kb.hosted-publication"},
		"onprem/onprem.net-open":        {"procedure", "guide.onprem-menus"},
		"hosted/net.unpublished":        {"procedure", "kb.hosted-publication kb.http-503 practice.republish"},
		"onprem/net.unpublished":        {"procedure", "guide.onprem-stop practice.onprem-publication kb.publish-needed practice.republish"},
		"*/net.cas-protocol":            {"procedure", ""},
		"*/net.espaces":                 {"procedure", "practice.espace-policy faq.espace-users"},
		"*/net.cas-dialog":              {"procedure", "practice.settings-icon practice.mon-ent guide.identification-settings practice.keep-identification"},
		"*/net.cas-url":                 {"procedure", "cas.endpoints"},
		"*/net.same-addresses":          {"practice", "practice.same-addresses"},
		"hosted/net.service-url":        {"procedure", "cas.unregistered-service practice.hosted-address practice.copy-service-url"},
		"onprem/net.service-url":        {"procedure", "cas.unregistered-service practice.onprem-address practice.copy-service-url"},
		"*/net.direct-login":            {"procedure", "practice.direct-login-fallback"},
		"hosted/net.publish":            {"practice", "practice.republish kb.hosted-publication kb.http-503 practice.infomobileapp-date"},
		"onprem/net.publish":            {"practice", "practice.republish practice.onprem-publication kb.publish-needed practice.infomobileapp-date"},
		"hosted/hosted.server-open":     {"procedure", "faq.server-rubrique"},
		"onprem/onprem.server-open":     {"procedure", ""},
		"hosted/server.out-of-service":  {"procedure", "faq.server-rubrique practice.server-stopped"},
		"onprem/server.out-of-service":  {"procedure", "guide.onprem-stop practice.server-stopped"},
		"*/server.cas-protocol":         {"procedure", ""},
		"*/server.cas-url":              {"procedure", "practice.same-addresses practice.settings-icon practice.keep-identification"},
		"hosted/server.no-direct-login": {"procedure", ""},
		"onprem/server.no-direct-login": {"practice", "practice.hosted-step-applied"},
		"*/server.in-service":           {"practice", "practice.back-in-service"},
		"hosted/verify.identities":      {"procedure", "kb.identification-impossible practice.after-first-logins"},
		"onprem/verify.identities":      {"practice", "kb.identification-impossible practice.after-first-logins practice.hosted-step-applied"},
		"*/verify.unique-ids":           {"practice", "practice.unique-ids"},
		"hosted/verify.purge-done":      {"procedure", ""},
		"onprem/verify.purge-done":      {"practice", "practice.hosted-step-applied"},
	}
	got := map[string]prov{}
	for _, cl := range Default().Checklists {
		for _, it := range cl.Items() {
			var ids []string
			for _, f := range it.FactsIn(cl.Modes) {
				ids = append(ids, f.ID)
			}
			got[cl.ID+"/"+it.ID] = prov{it.OriginIn(cl.Modes).String(), strings.Join(ids, " ")}
		}
	}
	// "*/id" stands for the same provenance in both setup checklists.
	expanded := map[string]prov{}
	for k, v := range want {
		if id, ok := strings.CutPrefix(k, "*/"); ok {
			expanded[HostedID+"/"+id], expanded[OnPremID+"/"+id] = v, v
			continue
		}
		expanded[k] = v
	}
	if diff := cmp.Diff(expanded, got); diff != "" {
		t.Errorf("provenance of the steps (-want +got):\n%s", diff)
	}
}

// TestFacts lists every fact the site states that the procedure does not, with its origin
// and the start of its reference: a new fact, or one whose source changes, fails here until
// it is listed, so that none is added silently.
func TestFacts(t *testing.T) {
	want := []string{
		"practice.purge-in-client practice «la procédure dit « depuis Pronote Serveur »»",
		"practice.user-types practice «la procédure dit « type d'utilisateur » sans les énumérer»",
		"kb.select-all index-education «Index Education, support PRONOTE (en anglais), page 1460-4847»",
		"kb.identification-impossible index-education «Index Education, base de connaissances PRONOTE, fiche 1523-5294»",
		"practice.old-identifier practice «déduction de ce site : la procédure dit qu'oZe ne peut pas»",
		"help.console-app index-education «Index Education, aide en ligne de PRONOTE, page « Hébergement »»",
		"kb.hosted-publication index-education «Index Education, base de connaissances PRONOTE, fiche 370-1526»",
		"kb.http-503 index-education «Index Education, base de connaissances PRONOTE, fiche 1523-5294»",
		"kb.publish-needed index-education «Index Education, base de connaissances PRONOTE, fiche 370-1526»",
		"practice.republish practice «la procédure demande une base non publiée»",
		"practice.espace-policy practice «la procédure ne dit pas quels espaces»",
		"faq.espace-users index-education «Index Education, FAQ PRONOTE « La gestion des utilisateurs »»",
		"practice.settings-icon practice «la procédure montre l'icône en image, sans nom»",
		"practice.mon-ent practice «la procédure montre le champ « Mon ENT » sans valeur»",
		"guide.identification-settings index-education «Index Education, Guide pratique PRONOTE 2019, p. 131»",
		"practice.keep-identification practice «la procédure montre ces deux éléments sans dire d'y toucher»",
		"cas.endpoints published «Apereo, spécification du protocole CAS 3.0»",
		"practice.same-addresses practice «la procédure montre la case et une seule « URL du serveur CAS »»",
		"cas.unregistered-service published «Apereo, spécification du protocole CAS 3.0»",
		"practice.hosted-address practice «forme des adresses des PRONOTE hébergés»",
		"practice.copy-service-url practice «la procédure dit qu'avec oZe « la synchronisation se fait automatiquement»",
		"practice.direct-login-fallback practice «la procédure montre cette adresse dans la fenêtre»",
		"faq.server-rubrique index-education «Index Education, FAQ PRONOTE 5691»",
		"practice.server-stopped practice «conséquence d'une base arrêtée»",
		"practice.back-in-service practice «la procédure demande une base arrêtée»",
		"practice.after-first-logins practice «déduction de ce site : la fiche 1523-5294»",
		"practice.unique-ids practice «déduction de ce site»",
		"practice.still-old-ent practice «déduction de ce site : selon le protocole CAS»",
		"practice.pronote-login practice «déduction de ce site : « Aucune » est l'absence de délégation»",
		"practice.rollback practice «la procédure ne le décrit pas»",
		"practice.admin-login practice «précaution de ce site : aucune source trouvée»",
		"help.console-login index-education «Index Education, aide en ligne de PRONOTE, page « Hébergement »»",
		"practice.purge-first-login practice «déduction : la procédure dit que l'ENT envoie le nouvel identifiant»",
		"practice.infomobileapp-date practice «déduction de ce site : la note publique qui montre le fichier»",
		"practice.reset-replaces practice «précaution de ce site : le Guide pratique 2019 (p. 227)»",
		"help.passwords-generated index-education «Index Education, aide en ligne de PRONOTE (en anglais), page « Password and username »»",
		"published.ent-users-no-password published «pronotepy (client public de PRONOTE), ticket 276»",
		"guide.show-reset-passwords index-education «Index Education, Guide pratique PRONOTE 2019, p. 227»",
		"guide.onprem-menus index-education «Index Education, Guide pratique PRONOTE 2019, p. 131»",
		"guide.onprem-stop index-education «Index Education, Guide pratique PRONOTE 2019, p. 131»",
		"practice.onprem-publication practice «le Guide pratique 2019 dit d'arrêter « la publication »»",
		"practice.onprem-address practice «la procédure ne montre cette fenêtre qu'en mode hébergé»",
		"practice.hosted-step-applied practice «pour le mode non hébergé, la procédure dit seulement « Répétez les mêmes manipulations»",
		"practice.onprem-unpublished practice «la fiche 1523-5294 d'Index Education, qui décrit « HTTP Error 503 »»",
		"published.infomobileapp published «note publique de rétro-ingénierie de PRONOTE»",
		"practice.infomobileapp-no-personal-data practice «constaté sur les fichiers publiés»",
		"practice.copy-lists practice «usage courant de Windows»",
		"cas.single-sign-on published «Apereo, spécification du protocole CAS 3.0»",
		"published.hosted-domain published «note publique de rétro-ingénierie de PRONOTE»",
		"practice.other-domain-onprem practice «déduction de ce site : aucune source ne montre»",
	}
	var got []string
	for _, f := range Default().Facts() {
		line := f.ID + " " + f.Origin.String() + " «"
		for _, w := range want {
			if strings.HasPrefix(w, line) {
				if ref := strings.TrimSuffix(strings.TrimPrefix(w, line), "»"); strings.HasPrefix(f.Ref.FR, ref) {
					line = w
				}
			}
		}
		if !strings.HasSuffix(line, "»") {
			line += f.Ref.FR + "»"
		}
		got = append(got, line)
	}
	slices.Sort(want)
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facts not from the procedure (-want +got):\n%s", diff)
	}
}

// TestFactsLowerCaseAfterColon: in French, the word after a colon takes no capital unless it
// is a name; a fact's sentences are read on the sources page and in the PDFs.
func TestFactsLowerCaseAfterColon(t *testing.T) {
	capital := regexp.MustCompile(`[\s\x{a0}\x{202f}]:\s+(\p{Lu}\p{Ll}+)`)
	names := map[string]bool{"Index": true, "Apereo": true, "Atrium": true, "Client": true, "Serveur": true, "Espace": true, "Page": true}
	for _, f := range Default().Facts() {
		for part, s := range map[string]string{"Claim": f.Claim.FR, "Ref": f.Ref.FR} {
			for _, m := range capital.FindAllStringSubmatch(s, -1) {
				if !names[m[1]] {
					t.Errorf("fact %s %s: capital after a colon (%q) in %q", f.ID, part, m[1], s)
				}
			}
		}
	}
}

func TestLegendBothLanguages(t *testing.T) {
	lg := Legend()
	if len(lg) != len(Origins()) {
		t.Fatalf("legend has %d lines, want one per origin (%d)", len(lg), len(Origins()))
	}
	for i, o := range Origins() {
		if len(lg[i].Missing()) > 0 || !strings.HasPrefix(lg[i].FR, o.Mark()) && o.Mark() != "" {
			t.Errorf("legend line %d = %+v, want both languages starting with %q", i, lg[i], o.Mark())
		}
	}
}

// TestHelpSections pins the "If it does not work" rows and the rollback of each checklist:
// what the admin sees, where the explanation comes from, and the steps to revisit. Each
// symptom names steps that can cause it (a user sent to the previous ENT goes where « URL du
// serveur CAS » sends them, not where a leftover identifier would), and the rollback keeps an
// administrator able to log in: check that first, hand out the PRONOTE passwords, undo
// PRONOTE.net, then Serveur PRONOTE. The checker's warning of a shared identifier has its row.
func TestHelpSections(t *testing.T) {
	want := map[string]string{
		"purge troubleshooting":  "identification-impossible index-education purge.clear,purge.every-type",
		"hosted troubleshooting": "unpublished index-education net.publish,net.unpublished | identification-impossible index-education verify.identities,verify.purge-done | unregistered-service published net.service-url | old-ent practice net.cas-url,server.cas-url | pronote-login practice net.espaces,net.cas-protocol,net.direct-login,server.cas-protocol | shared-identifier practice verify.unique-ids,verify.identities",
		"hosted rollback":        "rollback.admin practice hosted.net-open | rollback.client-ok practice net.unpublished | rollback.client-blocked practice server.cas-protocol | rollback.passwords practice net.espaces | rollback.unpublish practice net.unpublished | rollback.none practice net.espaces | rollback.publish practice net.publish | rollback.server practice server.out-of-service,server.cas-protocol,server.in-service | rollback.direct-login practice net.direct-login",
	}
	want["onprem troubleshooting"] = want["hosted troubleshooting"]
	want["onprem rollback"] = strings.Replace(want["hosted rollback"], "hosted.net-open", "onprem.net-open", 1)
	got := map[string]string{}
	for _, cl := range Default().Checklists {
		for part, trs := range map[string][]Trouble{"troubleshooting": cl.Troubles, "rollback": cl.Rollback} {
			var rows []string
			for _, tr := range trs {
				var ids []string
				for _, it := range tr.Steps {
					ids = append(ids, it.ID)
				}
				rows = append(rows, tr.ID+" "+tr.Origin.String()+" "+strings.Join(ids, ","))
			}
			if len(rows) > 0 {
				got[cl.ID+" "+part] = strings.Join(rows, " | ")
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("help sections (-want +got):\n%s", diff)
	}
}

// catalogTexts returns every bilingual text of catalog c a reader sees, by where it is: the
// checklists, their sections, items (in every mode), help rows and facts, then the package's
// other texts. A fact's Quote is left out: it is the document's words, in its language.
func catalogTexts(c *Catalog) map[string]Text {
	m := map[string]Text{}
	add := func(where string, ts ...Text) {
		for i, t := range ts {
			m[fmt.Sprintf("%s[%d]", where, i)] = t
		}
	}
	for _, cl := range c.Checklists {
		add("checklist "+cl.ID, cl.Title)
		for _, s := range cl.Sections {
			add("section "+cl.ID+"/"+s.ID, s.Title, s.Intro)
		}
		for _, it := range cl.Items() {
			for _, md := range []Mode{Hosted, OnPrem} {
				add("item "+it.ID+" "+md.String(), it.textsIn(md)...)
			}
		}
		for _, tr := range append(append([]Trouble(nil), cl.Troubles...), cl.Rollback...) {
			add("help "+cl.ID+" "+tr.ID, tr.Symptom, tr.Cause)
		}
	}
	for _, f := range c.Facts() {
		add("fact "+f.ID, f.Claim, f.Ref)
	}
	for name, t := range Texts() {
		add(name, t)
	}
	return m
}

// TestQuotationMarks: French texts quote with « », English texts with “ ” (the French words
// an English text keeps between them are PRONOTE's labels).
func TestQuotationMarks(t *testing.T) {
	for where, tx := range catalogTexts(Default()) {
		if strings.ContainsAny(tx.EN, "«»") {
			t.Errorf("%s: English text with French quotation marks: %q", where, tx.EN)
		}
		if strings.ContainsAny(tx.FR, "“”") {
			t.Errorf("%s: French text with English quotation marks: %q", where, tx.FR)
		}
	}
}

// TestLabelsCarryNoMarks: a mark is shown only where a fact backs it (Validate checks the
// steps and the help rows); the package's other texts, which have no facts, carry none but
// the legend's.
func TestLabelsCarryNoMarks(t *testing.T) {
	for name, tx := range Texts() {
		if strings.HasPrefix(name, "Legend ") || strings.HasPrefix(name, "Origin ") {
			continue
		}
		for _, l := range Langs() {
			if o := MarksIn(tx.In(l)); len(o) > 0 && !strings.HasPrefix(name, "Profile ") {
				t.Errorf("%s: the %s text carries the mark %s, but no fact backs it: %q", name, l, o[0].Mark(), tx.In(l))
			}
		}
	}
}

// TestFactProblems: a fact from a document gives its address and the words it rests on, and
// every term its claim quotes is among them; the site's own reasoning quotes nothing.
func TestFactProblems(t *testing.T) {
	doc := Fact{
		ID: "kb.x", Origin: FromIndexDoc, URL: "https://docs.example.org/fiche",
		Claim: Text{FR: "« HTTP Error 503 » : le serveur n'est pas publié", EN: "“HTTP Error 503”: the server is not published"},
		Ref:   Text{FR: "fiche", EN: "fiche"},
		Quote: "\"HTTP Error 503\" Le serveur PRONOTE.net n’est pas publié",
	}
	tests := []struct {
		name string
		edit func(f *Fact)
		want string // "" for no problem
	}{
		{"a document quoted", func(*Fact) {}, ""},
		{"quoted term with other case, spaces and apostrophe", func(f *Fact) { f.Claim.FR = "« le serveur  PRONOTE.net n'est pas PUBLIÉ »" }, ""},
		{"no address", func(f *Fact) { f.URL = "" }, "no https:// address"},
		{"an address that is not https", func(f *Fact) { f.URL = "http://docs.example.org/fiche" }, "no https:// address"},
		{"no quote", func(f *Fact) { f.Quote = " " }, "no quote of the document's words"},
		{"a claim that quotes nothing", func(f *Fact) { f.Claim.EN = "the server is not published" }, "the en claim quotes no words of the document"},
		{"a claim that quotes other words", func(f *Fact) { f.Claim.FR = "« HTTP Error 500 »" }, `the fr claim quotes "HTTP Error 500", which the quote does not hold`},
		{"the site's reasoning with a quote", func(f *Fact) { f.Origin = FromPractice }, "the site's own reasoning quotes a document"},
		{"the site's reasoning", func(f *Fact) { f.Origin, f.URL, f.Quote = FromPractice, "", "" }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := doc
			tt.edit(&f)
			got := strings.Join(f.Problems(), "; ")
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("Problems() = %q, want %q", got, tt.want)
			}
		})
	}
}
