package checks

import (
	"fmt"
	"sort"
	"strings"
)

// Lang is a language of the site and of the reports, as a BCP 47 tag.
type Lang string

// The languages of the project. French is the default: it is the language of PRONOTE.
const (
	FR Lang = "fr"
	EN Lang = "en"
)

// String returns the language tag.
func (l Lang) String() string { return string(l) }

// Langs returns the languages in their display order.
func Langs() []Lang { return []Lang{FR, EN} }

// ParseLang returns the language that tag names ("fr", "en-GB", "fr_FR.UTF-8"), or false.
func ParseLang(tag string) (Lang, bool) {
	tag = strings.ToLower(strings.TrimSpace(tag))
	for _, l := range Langs() {
		s := string(l)
		if tag == s || strings.HasPrefix(tag, s+"-") || strings.HasPrefix(tag, s+"_") || strings.HasPrefix(tag, s+".") {
			return l, true
		}
	}
	return "", false
}

// Text is a string in both languages of the project. Both sides are required: an empty side
// is a test failure (see [Catalog.Validate]), so a page can never miss its translation.
type Text struct {
	FR string
	EN string
}

// In returns the text in lang, typeset for lang (see [Lang.Typeset]).
func (t Text) In(lang Lang) string {
	if lang == EN {
		return lang.Typeset(t.EN)
	}
	return lang.Typeset(t.FR)
}

// Typeset applies the typography of lang to s, a string about to be shown: in French, the
// spaces of [FrenchSpacing]; in English, which quotes PRONOTE's French labels, the no-break
// spaces inside « » only, so that a guillemet never ends a line alone. Every rendering of a
// string (page text, titles, navigation, site name, PDF, reports) goes through it.
func (l Lang) Typeset(s string) string {
	if !mayTypeset(l, s) {
		return s
	}
	if l == FR {
		return frenchSpacer.Replace(s)
	}
	return guillemetSpacer.Replace(s)
}

// TypesetBytes is Typeset for text held in bytes: b itself, not copied, when it holds none of
// the characters Typeset puts a space beside (most of a page's text runs), else b typeset.
func (l Lang) TypesetBytes(b []byte) []byte {
	if !mayTypeset(l, b) {
		return b
	}
	return []byte(l.Typeset(string(b)))
}

// mayTypeset reports whether s holds a character Typeset in lang puts a space beside:
// ; : ! ? in French, « » in both languages. Without one, Typeset leaves s as is. It reads
// bytes, which is several times faster than strings.ContainsAny with non-ASCII characters.
func mayTypeset[S string | []byte](l Lang, s S) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ';', ':', '!', '?':
			if l == FR {
				return true
			}
		case 0xab, 0xbb: // the last bytes of « (C2 AB) and » (C2 BB)
			if i > 0 && s[i-1] == 0xc2 {
				return true
			}
		}
	}
	return false
}

// IsZero reports whether both sides are empty.
func (t Text) IsZero() bool { return t.FR == "" && t.EN == "" }

// Missing returns the languages whose side is empty or blank.
func (t Text) Missing() []Lang {
	var m []Lang
	if strings.TrimSpace(t.FR) == "" {
		m = append(m, FR)
	}
	if strings.TrimSpace(t.EN) == "" {
		m = append(m, EN)
	}
	return m
}

// Untranslated returns the keys of strings whose French or English side is empty, with the
// missing languages ("save (en)"), sorted: a table of user-facing words must have both.
func Untranslated(strings map[string]Text) []string {
	var out []string
	for k, t := range strings {
		for _, l := range t.Missing() {
			out = append(out, k+" ("+string(l)+")")
		}
	}
	sort.Strings(out)
	return out
}

// Sprintf formats both sides with the same arguments; an argument that is a Text gives each
// side its own language ([Noun.N] for a count).
func (t Text) Sprintf(args ...any) Text {
	return Text{FR: fmt.Sprintf(t.FR, side(args, FR)...), EN: fmt.Sprintf(t.EN, side(args, EN)...)}
}

// side returns args with each Text replaced by its side in lang, untypeset.
func side(args []any, lang Lang) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if t, ok := a.(Text); ok {
			a = t.FR
			if lang == EN {
				a = t.EN
			}
		}
		out[i] = a
	}
	return out
}

// Colon returns the colon that ends a label in lang: French puts a narrow no-break space
// before it ("Où\u202f: "), English none ("Where: ").
func (l Lang) Colon() string {
	if l == FR {
		return NarrowNBSP + ": "
	}
	return ": "
}

// Typographic spaces of French: a narrow no-break space before « ; : ! ? » and a no-break
// space inside guillemets.
const (
	NBSP       = "\u00a0"
	NarrowNBSP = "\u202f"
)

// FrenchSpacing applies French typography to s: the ordinary space before ; : ! ? becomes a
// narrow no-break space, the one inside « » a no-break space. Authors type ordinary spaces;
// this is the one place that turns them into the right ones, for the pages, the PDF and the
// reports alike. A colon with no space before it (a URL, a time) is left alone.
func FrenchSpacing(s string) string { return FR.Typeset(s) }

var guillemetSpacer = strings.NewReplacer("« ", "«"+NBSP, " »", NBSP+"»")

var frenchSpacer = strings.NewReplacer(
	" ;", NarrowNBSP+";",
	" :", NarrowNBSP+":",
	" !", NarrowNBSP+"!",
	" ?", NarrowNBSP+"?",
	"« ", "«"+NBSP,
	" »", NBSP+"»",
)
