package evidence

import (
	"strings"
	"testing"

	"github.com/hds-oze/pronote-oze/checks"
)

// TestReadReplacing gathers inputs over time, as the check page does: a newer export replaces
// the one it updates (InfoMobileApp.json; an identity export of the same user type), an export
// of another or an unknown type is added, and the same content given twice is read once.
func TestReadReplacing(t *testing.T) {
	cat := checks.Default()
	ev := &checks.Evidence{}
	steps := []struct {
		file, body, replaced string
		identities           int
	}{
		{"InfoMobileApp.json", `{"nomEtab": "A"}`, "", 0},
		{"InfoMobileApp (1).json", `{"nomEtab": "B"}`, "InfoMobileApp.json", 0},
		{"eleves.csv", "Nom;Identifiant CAS\nA;x\n", "", 1},
		{"eleves-2.csv", "Nom;Identifiant CAS\nA;\nB;\n", "eleves.csv", 1},
		{"profs.csv", "Nom;Identifiant CAS\nP;\n", "", 2},
		{"liste.csv", "Nom;Identifiant CAS\nQ;\n", "", 3},
		{"copie.csv", "Nom;Identifiant CAS\nQ;\n", "", 3},
	}
	for _, s := range steps {
		_, replaced, err := ReadReplacing(s.file, strings.NewReader(s.body), cat, ev, IdentityOptions{})
		if err != nil {
			t.Fatalf("%s: %v", s.file, err)
		}
		if replaced != s.replaced || len(ev.Identities) != s.identities {
			t.Errorf("%s: replaced %q with %d exports, want %q and %d", s.file, replaced, len(ev.Identities), s.replaced, s.identities)
		}
	}
	if ev.Info.School != "B" || ev.Identities[0].Source != "eleves-2.csv" || ev.Identities[0].Rows != 2 {
		t.Errorf("kept %q and %s (%d rows), want the newer ones", ev.Info.School, ev.Identities[0].Source, ev.Identities[0].Rows)
	}
	if n := len(ev.Warnings); n != 1 || ev.Warnings[0].Source != "copie.csv" {
		t.Errorf("warnings %+v, want the copy read once", ev.Warnings)
	}
}
