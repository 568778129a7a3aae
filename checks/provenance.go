package checks

import (
	"fmt"
	"regexp"
	"strings"
)

// Origin says where a step or a fact of the site comes from. The procedure (the seed, the
// original French instructions for oZe) is the authority for its own steps; anything else the
// site says is marked with its origin on the page, in the PDF and in the checker's report, so
// that an admin can tell the procedure from Index Education's documentation and from the
// site's own reasoning.
type Origin uint8

// The origins. The zero value is no origin: [Catalog.Validate] refuses an item without one.
const (
	// FromProcedure: the procedure states it.
	FromProcedure Origin = iota + 1
	// FromIndexDoc: Index Education's documentation states it; the fact names the page.
	FromIndexDoc
	// FromPublished: another published source states it (the CAS protocol specification,
	// another ENT's procedure); the fact names it.
	FromPublished
	// FromPractice: usual practice or the site's own inference, to confirm locally.
	FromPractice
)

// Origins lists the origins in the order of the legend.
var origins = []Origin{FromProcedure, FromIndexDoc, FromPublished, FromPractice}

// Origins returns the origins in the order of the legend.
func Origins() []Origin { return append([]Origin(nil), origins...) }

// String returns the origin's stable name, as the JSON report writes it.
func (o Origin) String() string {
	switch o {
	case FromProcedure:
		return "procedure"
	case FromIndexDoc:
		return "index-education"
	case FromPublished:
		return "published"
	case FromPractice:
		return "practice"
	}
	return fmt.Sprintf("Origin(%d)", uint8(o))
}

// Mark is the discreet sign the renderings put on what the origin marks; the procedure has
// none. The marks are in DejaVu Sans, the PDF's font.
func (o Origin) Mark() string {
	switch o {
	case FromIndexDoc:
		return "†"
	case FromPublished:
		return "‡"
	case FromPractice:
		return "*"
	}
	return ""
}

// Label names the origin in the legend.
func (o Origin) Label() Text {
	switch o {
	case FromProcedure:
		return Text{FR: "la procédure d'origine", EN: "the original procedure"}
	case FromIndexDoc:
		return Text{FR: "documentation d'Index Education", EN: "Index Education's documentation"}
	case FromPublished:
		return Text{FR: "autre source publiée", EN: "another published source"}
	case FromPractice:
		return Text{FR: "usage courant ou déduction du site, à confirmer sur place", EN: "usual practice or the site's inference, to confirm on site"}
	}
	return Text{FR: "origine inconnue", EN: "unknown origin"}
}

// Legend returns the legend of the marks, one line per origin: "† documentation …". The page
// (on screen and on paper), the PDF and the report print it wherever a mark can appear: one
// wording everywhere.
func Legend() []Text {
	var out []Text
	for _, o := range origins {
		m := o.Mark()
		if m == "" {
			out = append(out, Text{FR: "(sans signe) " + o.Label().FR + " ;", EN: "(no sign) " + o.Label().EN + ";"})
			continue
		}
		end := Text{FR: " ;", EN: ";"}
		if o == origins[len(origins)-1] {
			end = Text{FR: ".", EN: "."}
		}
		out = append(out, Text{FR: m + " " + o.Label().FR + end.FR, EN: m + " " + o.Label().EN + end.EN})
	}
	return out
}

// LabelSources names the list of an item's facts that the procedure does not state.
func LabelSources() Text { return Text{FR: "Sources", EN: "Sources"} }

// Fact is a statement the site makes that the procedure does not: a screen label the
// procedure does not show, an error message, a policy. Every fact is registered in this
// package (see [Catalog.Facts]) and a test lists them all, so that none is added silently.
//
// A fact from a document (FromIndexDoc, FromPublished) names it (Ref), gives its address
// (URL) and quotes the document's own words (Quote); every term its Claim puts between
// quotation marks is found in Quote, so that the quote is the words the claim is cited for
// ([Fact.Problems]). A fact of FromPractice is the site's own reasoning: Ref says why, and
// that the school may decide otherwise.
type Fact struct {
	// ID is stable and semantic ("kb.http-503"); it is the fact's anchor on the sources page.
	ID string
	// Origin is where the fact comes from; never FromProcedure.
	Origin Origin
	// Modes, when not zero, are the installation modes the fact is about.
	Modes Mode
	// Claim is what the site states, in a few words.
	Claim Text
	// Ref is the reference: the document and its page for FromIndexDoc and FromPublished;
	// why the site says it, and that the school may decide otherwise, for FromPractice.
	Ref Text
	// URL is where the document can be read (FromIndexDoc, FromPublished).
	URL string
	// Quote is the document's words the claim rests on, verbatim and in the document's
	// language; "[…]" marks a cut (FromIndexDoc, FromPublished).
	Quote string
}

// Note returns the fact as a source line: "† claim — reference: « quote » (address)".
func (f *Fact) Note() Text {
	n := Text{
		FR: f.Origin.Mark() + " " + f.Claim.FR + " — " + f.Ref.FR,
		EN: f.Origin.Mark() + " " + f.Claim.EN + " — " + f.Ref.EN,
	}
	if f.Quote != "" {
		n.FR += " : « " + f.Quote + " »"
		n.EN += ": “" + f.Quote + "”"
	}
	if f.URL != "" {
		n.FR += " (" + f.URL + ")"
		n.EN += " (" + f.URL + ")"
	}
	return n
}

// Problems returns what keeps the fact from being a source a reader can check: a document
// without its address or its words, a claim that quotes nothing from them or quotes words
// they do not hold, the site's own reasoning dressed as a quote.
func (f *Fact) Problems() []string {
	var out []string
	switch f.Origin {
	case FromIndexDoc, FromPublished:
		if !strings.HasPrefix(f.URL, "https://") {
			out = append(out, "no https:// address of the document (URL)")
		}
		if strings.TrimSpace(f.Quote) == "" {
			out = append(out, "no quote of the document's words (Quote)")
			break
		}
		for _, l := range Langs() {
			terms := QuotedTerms(f.Claim.In(l))
			if len(terms) == 0 {
				out = append(out, fmt.Sprintf("the %s claim quotes no words of the document", l))
			}
			for _, t := range terms {
				if !strings.Contains(foldQuote(f.Quote), foldQuote(t)) {
					out = append(out, fmt.Sprintf("the %s claim quotes %q, which the quote does not hold", l, t))
				}
			}
		}
	case FromPractice:
		if f.Quote != "" || f.URL != "" {
			out = append(out, "the site's own reasoning quotes a document: give the fact that document's origin")
		}
	}
	return out
}

// QuotedTerms returns the terms s puts between quotation marks: « » in French, “ ” in
// English.
func QuotedTerms(s string) []string {
	var out []string
	for _, m := range quotedTerm.FindAllStringSubmatch(s, -1) {
		t := m[1] + m[2]
		if t = strings.TrimSpace(strings.Trim(t, "\u00a0\u202f")); t != "" {
			out = append(out, t)
		}
	}
	return out
}

var quotedTerm = regexp.MustCompile(`«[\s\x{a0}\x{202f}]*([^«»]*?)[\s\x{a0}\x{202f}]*»|“([^“”]*)”`)

// foldQuote makes a quote and a quoted term comparable: the case, runs of spaces and the
// typographic apostrophe do not count.
func foldQuote(s string) string {
	s = strings.NewReplacer("’", "'", "\u00a0", " ", "\u202f", " ").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

// StripMarks returns s without the marks of the origins, for a text quoted where the marks
// would point nowhere (a link's words).
func StripMarks(s string) string {
	for _, o := range origins {
		if m := o.Mark(); m != "" {
			s = strings.ReplaceAll(s, m, "")
		}
	}
	return s
}

// MarksIn returns the origins whose marks s carries.
func MarksIn(s string) []Origin {
	var out []Origin
	for _, o := range origins {
		if m := o.Mark(); m != "" && strings.Contains(s, m) {
			out = append(out, o)
		}
	}
	return out
}

// OriginIn returns the origin of the step in the checklist of mode m: a step the procedure
// gives only for other modes (SeedModes) is the site's inference in m.
func (it *Item) OriginIn(m Mode) Origin {
	if it.Origin == FromProcedure && it.SeedModes != 0 && it.SeedModes&m == 0 {
		return FromPractice
	}
	return it.Origin
}

// FactsIn returns the facts of the step in the checklist of mode m: its own, then, where the
// procedure gives the step for another mode only, the fact that says so.
func (it *Item) FactsIn(m Mode) []*Fact {
	var out []*Fact
	for _, f := range it.Facts {
		if f.Modes == 0 || f.Modes&m != 0 {
			out = append(out, f)
		}
	}
	if it.OriginIn(m) != it.Origin {
		out = append(out, factOtherModeOnly)
	}
	return out
}
