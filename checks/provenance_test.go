package checks

import (
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
		"purge/purge.select-all":        {"procedure", "practice.select-all"},
		"purge/purge.clear":             {"procedure", ""},
		"purge/purge.every-type":        {"procedure", "practice.user-types"},
		"hosted/hosted.net-open":        {"procedure", ""},
		"onprem/onprem.net-open":        {"procedure", "guide.onprem-menus"},
		"hosted/net.unpublished":        {"procedure", "kb.http-503 atrium.stop-publication practice.republish"},
		"onprem/net.unpublished":        {"procedure", "kb.http-503 practice.onprem-publication practice.republish"},
		"*/net.cas-protocol":            {"procedure", ""},
		"*/net.espaces":                 {"procedure", "practice.espace-policy"},
		"*/net.cas-dialog":              {"procedure", "practice.settings-icon practice.mon-ent"},
		"*/net.cas-url":                 {"procedure", "cas.endpoints"},
		"*/net.same-addresses":          {"practice", "practice.same-addresses"},
		"hosted/net.service-url":        {"procedure", "practice.hosted-address cas.invalid-service"},
		"onprem/net.service-url":        {"procedure", "practice.onprem-address cas.invalid-service"},
		"*/net.direct-login":            {"procedure", "practice.direct-login-fallback"},
		"*/net.publish":                 {"practice", "practice.republish kb.http-503"},
		"hosted/hosted.server-open":     {"procedure", ""},
		"onprem/onprem.server-open":     {"procedure", ""},
		"*/server.out-of-service":       {"procedure", "practice.client-disconnected"},
		"*/server.cas-protocol":         {"procedure", ""},
		"*/server.cas-url":              {"procedure", "practice.same-addresses practice.settings-icon"},
		"hosted/server.no-direct-login": {"procedure", ""},
		"onprem/server.no-direct-login": {"practice", "practice.hosted-step-applied"},
		"*/server.in-service":           {"practice", "practice.back-in-service"},
		"hosted/verify.identities":      {"procedure", "kb.identification-impossible"},
		"onprem/verify.identities":      {"practice", "kb.identification-impossible practice.hosted-step-applied"},
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
		"practice.select-all practice «raccourci habituel de Windows»",
		"kb.http-503 index-education «Index Education, base de connaissances, fiche 1523-5294»",
		"atrium.stop-publication published «procédure publique d'un autre ENT (Atrium, région Sud)»",
		"practice.republish practice «la procédure demande une base non publiée»",
		"practice.espace-policy practice «la procédure ne dit pas quels espaces»",
		"practice.settings-icon practice «la procédure montre l'icône en image, sans nom»",
		"practice.mon-ent practice «la procédure montre le champ « Mon ENT » sans valeur»",
		"cas.endpoints published «Apereo, spécification du protocole CAS 3.0»",
		"practice.same-addresses practice «la procédure montre la case et une seule « URL du serveur CAS »»",
		"practice.hosted-address practice «forme des adresses des PRONOTE hébergés»",
		"cas.invalid-service published «Apereo, spécification du protocole CAS 3.0»",
		"practice.direct-login-fallback practice «la procédure montre cette adresse dans la fenêtre»",
		"practice.client-disconnected practice «conséquence d'une base arrêtée»",
		"practice.back-in-service practice «la procédure demande une base arrêtée»",
		"kb.identification-impossible index-education «Index Education, base de connaissances, fiche 1523-5294»",
		"practice.unique-ids practice «déduction de ce site»",
		"guide.onprem-menus index-education «Index Education, Guide pratique PRONOTE 2019»",
		"practice.onprem-publication practice «la procédure ne dit pas où se fait la publication en mode non hébergé»",
		"practice.onprem-address practice «la procédure ne montre cette fenêtre qu'en mode hébergé»",
		"practice.still-old-ent practice «déduction de ce site : PRONOTE envoie vers le serveur CAS»",
		"practice.pronote-login practice «déduction de ce site : un espace sur « Aucune »»",
		"practice.rollback practice «la procédure ne le décrit pas»",
		"practice.hosted-step-applied practice «pour le mode non hébergé, la procédure dit seulement « Répétez les mêmes manipulations»",
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

// TestMarksHaveFacts: a mark written in a step's text names a fact of that origin among the
// step's facts, and a step whose facts have an origin shows it somewhere (in its text, or
// on its title when the step itself is not the procedure's).
func TestMarksHaveFacts(t *testing.T) {
	for _, cl := range Default().Checklists {
		for _, it := range cl.Items() {
			m := cl.Modes
			texts := []Text{it.Title, it.Where, it.DetailIn(m), it.ExpectIn(m), it.Ask}
			if it.Table != nil {
				texts = append(texts, it.Table.Head...)
			}
			var all strings.Builder
			for _, tx := range texts {
				all.WriteString(tx.FR + "\n" + tx.EN + "\n")
			}
			has := map[Origin]bool{}
			for _, f := range it.FactsIn(m) {
				has[f.Origin] = true
			}
			for _, o := range Origins() {
				if o.Mark() == "" {
					continue
				}
				if strings.Contains(all.String(), o.Mark()) && !has[o] {
					t.Errorf("%s/%s: text carries the mark %s but no fact of origin %s", cl.ID, it.ID, o.Mark(), o)
				}
				if has[o] && !strings.Contains(all.String(), o.Mark()) && it.OriginIn(m) != o {
					t.Errorf("%s/%s: a fact of origin %s but its mark %s shows nowhere", cl.ID, it.ID, o, o.Mark())
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
// what the admin sees, where the explanation comes from, and the steps to revisit. The four
// symptoms an admin meets (HTTP 503, « Identification impossible », INVALID_SERVICE, a user
// still on the previous ENT, the checker's warning of a shared identifier) each lead to a step
// of every configuration checklist.
func TestHelpSections(t *testing.T) {
	want := map[string]string{
		"purge troubleshooting":  "identification-impossible index-education purge.clear,purge.every-type | old-ent practice purge.user-type,purge.clear,purge.every-type",
		"hosted troubleshooting": "http-503 index-education net.publish,net.unpublished | identification-impossible index-education verify.identities,verify.purge-done | invalid-service published net.service-url | old-ent practice net.cas-url,server.cas-url,verify.purge-done | pronote-login practice net.espaces,net.cas-protocol,server.cas-protocol | shared-identifier practice verify.unique-ids,verify.identities",
		"hosted rollback":        "rollback.unpublish practice net.unpublished | rollback.none practice net.espaces | rollback.publish practice net.publish | rollback.direct-login practice net.direct-login",
	}
	want["onprem troubleshooting"], want["onprem rollback"] = want["hosted troubleshooting"], want["hosted rollback"]
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
