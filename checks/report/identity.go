package report

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/hds-oze/pronote-oze/checks"
)

// Sources of a school's name or UAI, as Claim.Source names them.
const (
	// FromInfo is InfoMobileApp.json: nomEtab for the name, a hosted espace's address (or the
	// address --fetch read) for the UAI.
	FromInfo = "infomobileapp"
	// FromAnswers is the Établissement and UAI fields of the site's checklist.
	FromAnswers = "answers"
)

// Identity is the school as the evidence names it: every source's value of its name and
// UAI, the server's first. Disagree lists the fields ("name", "uai") whose sources differ;
// the report then warns.
type Identity struct {
	Name     []Claim  `json:"name,omitempty"`
	UAI      []Claim  `json:"uai,omitempty"`
	Disagree []string `json:"disagree,omitempty"`
}

// Claim is one source's value.
type Claim struct {
	Value  string `json:"value"`
	Source string `json:"source"`
}

// BestName returns the name to show: the first source's, else "".
func (id *Identity) BestName() string {
	if id == nil || len(id.Name) == 0 {
		return ""
	}
	return id.Name[0].Value
}

// BestUAI returns the UAI to show: the first source's, else "".
func (id *Identity) BestUAI() string {
	if id == nil || len(id.UAI) == 0 {
		return ""
	}
	return id.UAI[0].Value
}

// identity gathers the school's name and UAI from the evidence; fetched is the address
// InfoMobileApp.json was fetched from, if it was. It returns nil when no source names it.
func identity(ev *checks.Evidence, fetched string) *Identity {
	id := &Identity{}
	if ev.Info != nil {
		if n := strings.TrimSpace(ev.Info.School); n != "" {
			id.Name = append(id.Name, Claim{n, FromInfo})
		}
		uai := checks.HostedUAI(fetched)
		if uai == "" {
			uai = ev.Info.UAI
		}
		if uai != "" {
			id.UAI = append(id.UAI, Claim{uai, FromInfo})
		}
	}
	if a := ev.Answers; a != nil {
		if a.SchoolName != "" {
			id.Name = append(id.Name, Claim{a.SchoolName, FromAnswers})
		}
		if a.SchoolUAI != "" {
			id.UAI = append(id.UAI, Claim{a.SchoolUAI, FromAnswers})
		}
	}
	if len(id.Name) == 0 && len(id.UAI) == 0 {
		return nil
	}
	if !agree(id.Name, FoldName) {
		id.Disagree = append(id.Disagree, "name")
	}
	if !agree(id.UAI, strings.ToUpper) {
		id.Disagree = append(id.Disagree, "uai")
	}
	return id
}

func agree(cs []Claim, fold func(string) string) bool {
	for _, c := range cs[min(1, len(cs)):] {
		if fold(c.Value) != fold(cs[0].Value) {
			return false
		}
	}
	return true
}

// FoldName returns a school name as names are compared: lower case, without accents, every
// run of spaces and punctuation one space ("Collège  Jean-Moulin" = "college jean moulin").
func FoldName(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(t, s)
	if err != nil {
		folded = s
	}
	return strings.Join(strings.FieldsFunc(strings.ToLower(folded), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// sourceLabel names a claim's source in l.
func sourceLabel(src string, l checks.Lang) string {
	switch src {
	case FromInfo:
		return words.FromInfo.In(l)
	case FromAnswers:
		return words.FromAnswers.In(l)
	}
	return src
}

// disagreement is the warning a report gives when field's sources differ.
func (id *Identity) disagreement(field string, l checks.Lang) string {
	cs, t := id.Name, words.NamesDiffer
	if field == "uai" {
		cs, t = id.UAI, words.UAIsDiffer
	}
	return t.Sprintf(claims(cs, l)).In(l)
}

// Shown returns the school's name and UAI as a report shows them, each with its sources:
// "Collège X (InfoMobileApp.json, checklist answers)", or every value with its source when
// they differ; "" for a field no source gives.
func (id *Identity) Shown(l checks.Lang) (name, uai string) {
	if id == nil {
		return "", ""
	}
	return claims(id.Name, l), claims(id.UAI, l)
}

// claims writes values with their sources, quoting them when sources differ.
func claims(cs []Claim, l checks.Lang) string {
	var parts []string
	seen := map[string]int{}
	for _, c := range cs {
		src := sourceLabel(c.Source, l)
		if i, ok := seen[FoldName(c.Value)]; ok {
			parts[i] = strings.TrimSuffix(parts[i], ")") + ", " + src + ")"
			continue
		}
		seen[FoldName(c.Value)] = len(parts)
		parts = append(parts, c.Value+" ("+src+")")
	}
	return strings.Join(parts, " ≠ ")
}
