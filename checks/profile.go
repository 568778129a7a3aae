package checks

import (
	"maps"
	"slices"
	"strings"
	"unicode"
)

// Delegation is the authentication delegation chosen for one espace in the table of the
// « Déléguer l'authentification » tab. Its value is the dialog's label; InfoMobileApp.json's
// "protocole" field names it otherwise (see [ProtocolDelegation]).
type Delegation string

// The delegations PRONOTE offers per espace. None ("Aucune") is PRONOTE's default.
const (
	CAS          Delegation = "Cas"
	WSFederation Delegation = "Ws-Federation"
	EduConnect   Delegation = "EduConnect"
	None         Delegation = "Aucune"
)

// Delegations returns the columns of the delegation table, in PRONOTE's order.
func Delegations() []Delegation { return []Delegation{CAS, WSFederation, EduConnect, None} }

// ProtocolDelegation reads InfoMobileApp.json's "protocole" by what it means. The field holds
// PRONOTE's internal names, not the dialog's labels: public clients written against real
// servers take "daCAS" for CAS. The other delegations were never seen there and are expected
// in the same style, "da" and the name ("daEduConnect"); the dialog's labels ("Cas") are read
// too, without regard to case or hyphens. Any other value returns false: the checker does not
// know it, and must say so rather than judge it.
func ProtocolDelegation(raw string) (Delegation, bool) {
	s := strings.TrimSpace(raw)
	if len(s) > 2 && strings.HasPrefix(s, "da") && unicode.IsUpper(rune(s[2])) {
		s = s[2:]
	}
	fold := func(x string) string { return strings.ToLower(strings.ReplaceAll(x, "-", "")) }
	for _, d := range Delegations() {
		if fold(s) == fold(string(d)) {
			return d, true
		}
	}
	return "", false
}

// Label returns the delegation as the pages show it: PRONOTE's label, with the English
// translation beside it where it differs.
func (d Delegation) Label() Text {
	if d == None {
		return Text{FR: "Aucune", EN: "Aucune (None)"}
	}
	return Text{FR: string(d), EN: string(d)}
}

// Espace is a connection mode of PRONOTE.net (a web space for one kind of user), one row of
// the delegation table.
type Espace struct {
	// ID is stable and semantic, used in results ("net.espaces" lists them).
	ID string
	// Name is PRONOTE's label in French (exact), with an English gloss.
	Name Text
	// Genre is the "genreEspace" number of InfoMobileApp.json, or 0 where it is unknown
	// (the common page has none; Académie's was never seen).
	Genre int
}

// Espaces returns the rows of the delegation table in PRONOTE's order. The genreEspace numbers
// were seen in InfoMobileApp.json files served by real instances; Académie's is unknown.
func Espaces() []Espace { return slices.Clone(espaces) }

var espaces = []Espace{
	{ID: "commune", Name: Text{FR: "Page commune", EN: "Page commune (common page)"}},
	{ID: "direction", Name: Text{FR: "Espace Direction", EN: "Espace Direction (management)"}, Genre: 17},
	{ID: "professeurs", Name: Text{FR: "Espace Professeurs", EN: "Espace Professeurs (teachers)"}, Genre: 8},
	{ID: "vie-scolaire", Name: Text{FR: "Espace Vie scolaire", EN: "Espace Vie scolaire (student life)"}, Genre: 14},
	{ID: "parents", Name: Text{FR: "Espace Parents", EN: "Espace Parents (parents)"}, Genre: 7},
	{ID: "accompagnants", Name: Text{FR: "Espace Accompagnants", EN: "Espace Accompagnants (teaching assistants)"}, Genre: 26},
	{ID: "eleves", Name: Text{FR: "Espace Elèves", EN: "Espace Elèves (students)"}, Genre: 6},
	{ID: "entreprise", Name: Text{FR: "Espace Entreprise", EN: "Espace Entreprise (internship supervisors)"}, Genre: 39},
	{ID: "academie", Name: Text{FR: "Espace Académie", EN: "Espace Académie (inspectors)"}},
}

// EspaceByGenre returns the espace whose genreEspace is genre.
func EspaceByGenre(genre int) (Espace, bool) {
	for _, e := range espaces {
		if e.Genre != 0 && e.Genre == genre {
			return e, true
		}
	}
	return Espace{}, false
}

// UserTypes returns the user types of the second drop-down of « Délégation d'authentification »
// in Gestion des identités, the ones whose CAS identifiers the purge clears. The list follows
// PRONOTE's kinds of accounts; it is an inference, not a copy of the drop-down.
func UserTypes() []UserType {
	out := slices.Clone(userTypes)
	for i := range out {
		out[i].Aliases = slices.Clone(out[i].Aliases)
	}
	return out
}

var userTypes = []UserType{
	{ID: "eleves", Name: Text{FR: "Élèves", EN: "Élèves (students)"}, Aliases: []string{"eleve", "eleves", "élève", "élèves", "student", "students"}},
	{ID: "responsables", Name: Text{FR: "Responsables", EN: "Responsables (parents)"}, Aliases: []string{"responsable", "responsables", "parent", "parents"}},
	{ID: "professeurs", Name: Text{FR: "Professeurs", EN: "Professeurs (teachers)"}, Aliases: []string{"professeur", "professeurs", "enseignant", "enseignants", "prof", "profs", "teacher", "teachers"}},
	{ID: "personnels", Name: Text{FR: "Personnels", EN: "Personnels (staff)"}, Aliases: []string{"personnel", "personnels", "staff"}},
	{ID: "accompagnants", Name: Text{FR: "Accompagnants", EN: "Accompagnants (teaching assistants)"}, Aliases: []string{"accompagnant", "accompagnants", "aesh"}},
}

// UserType is one kind of PRONOTE account, as Gestion des identités lists them.
type UserType struct {
	ID      string
	Name    Text
	Aliases []string // lower-case words that name it in a column or a file name
}

// Profile is what differs from one ENT to another in the same CAS procedure. Adding an ENT is
// adding a Profile value; nothing else changes.
type Profile struct {
	// ID is a short stable name ("oze"), used by content/site.toml and the checker's flags.
	ID string
	// Name is the ENT's name as « Mon ENT » lists it.
	Name string
	// Area says whose ENT it is.
	Area Text
	// CASURL is the CAS server base URL, exactly as « URL du serveur CAS » must show it.
	CASURL string
	// Policy gives the expected delegation of each espace, by Espace.ID. A departure from it
	// is a warning, not an error: the school may have reasons. An espace missing here
	// expects None.
	Policy map[string]Delegation
	// PolicyWhy explains the policy on the pages.
	PolicyWhy Text
	// ServiceURLExample is what « URL à communiquer au socle ENT » typically shows.
	ServiceURLExample string
}

// Expected returns the delegation the profile expects for e.
func (p *Profile) Expected(e Espace) Delegation {
	if d, ok := p.Policy[e.ID]; ok {
		return d
	}
	return None
}

// OZE returns the profile of oZe, the ENT of the Hauts-de-Seine department, a new value at
// each call. Its CAS base URL is the procedure's. The espace policy is usual practice, not a
// rule of the department: the espaces of people from outside the school (internship
// supervisors, inspectors), assumed to have no oZe account, keep PRONOTE's own login.
func OZE() *Profile {
	p := oze
	p.Policy = maps.Clone(oze.Policy)
	return &p
}

var oze = Profile{
	ID:     "oze",
	Name:   "oZe",
	Area:   Text{FR: "Hauts-de-Seine", EN: "Hauts-de-Seine"},
	CASURL: "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas",
	Policy: map[string]Delegation{
		"commune":       CAS,
		"direction":     CAS,
		"professeurs":   CAS,
		"vie-scolaire":  CAS,
		"parents":       CAS,
		"accompagnants": CAS,
		"eleves":        CAS,
		"entreprise":    None,
		"academie":      None,
	},
	PolicyWhy: Text{
		FR: "Les maîtres de stage (Espace Entreprise) et les inspecteurs (Espace Académie)" + FromIndexDoc.Mark() + " viennent de l'extérieur : le tableau suppose qu'ils n'ont pas de compte oZe et les laisse sur « Aucune », avec le mot de passe PRONOTE que vous leur donnez. La page commune suit les espaces d'oZe : « Cas »" + FromPractice.Mark() + ".",
		EN: "Internship supervisors (Espace Entreprise) and inspectors (Espace Académie)" + FromIndexDoc.Mark() + " come from outside: the table assumes they have no oZe account and leaves them on “Aucune” (None), with the PRONOTE password you give them. The common page follows oZe's espaces: “Cas”" + FromPractice.Mark() + ".",
	},
	ServiceURLExample: "https://<UAI>.index-education.net/pronote/",
}

// Profiles returns the known profiles, new values at each call; the first is the default.
func Profiles() []*Profile { return []*Profile{OZE()} }

// ProfileByID returns the profile whose ID is id, a new value.
func ProfileByID(id string) (*Profile, bool) {
	for _, p := range Profiles() {
		if p.ID == id {
			return p, true
		}
	}
	return nil, false
}
