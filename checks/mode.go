package checks

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ModeBasis is what decided the installation mode a check judges. Its names are part of the
// report's JSON schema.
type ModeBasis string

// The ways a mode is decided, in the order [DecideMode] weighs them: a choice the person made
// comes first, then what a source establishes, then the procedure the person followed, then
// the site's inference.
const (
	// ByFlag: the person chose it (ozecheck's --mode, the check page's « Mode » choice).
	ByFlag ModeBasis = "flag"
	// ByAddress: PRONOTE's address the person gave (--fetch's, or the check page's address
	// field).
	ByAddress ModeBasis = "address"
	// ByEspaces: InfoMobileApp.json's espace addresses, when they are absolute.
	ByEspaces ModeBasis = "espaces"
	// ByAnswers: the procedure the answers file comes from.
	ByAnswers ModeBasis = "answers"
	// ByTicks: the procedure page on which the person ticked the most steps in this browser
	// (the check page).
	ByTicks ModeBasis = "ticks"
	// ByPurgeOnly: only the purge is checked, and the purge has no mode.
	ByPurgeOnly ModeBasis = "purge-only"
	// Undecided: nothing decided it; only what does not depend on the mode is judged.
	Undecided ModeBasis = "undecided"
)

// ModeBases returns every basis, for the schema's test.
func ModeBases() []ModeBasis {
	return []ModeBasis{ByFlag, ByAddress, ByEspaces, ByAnswers, ByTicks, ByPurgeOnly, Undecided}
}

// ModeDecision is the installation mode a check judges and what decided it. The reports say
// it in words ([ModeDecision.Said]); a clue that pointed to the other mode is kept in Against
// and mentioned too, so that nothing is decided silently.
type ModeDecision struct {
	// Mode is Hosted or OnPrem; AnyMode when only the purge is checked; 0 when undecided.
	Mode Mode
	By   ModeBasis
	// From is what decided it, as the reports quote it: the address, the espace's address,
	// the answers file's name, the flag's value; "" for ticks and when undecided.
	From string
	// Inferred is set when the decision rests on the site's inference (an address outside
	// Index Education's domain is not a hosted PRONOTE), not on a source.
	Inferred bool
	// Against lists the clues that pointed to the other mode, the strongest first.
	Against []ModeDecision
}

// ModeClues are what may decide the mode besides the evidence itself.
type ModeClues struct {
	// Flag is the mode the person chose, 0 if none.
	Flag Mode
	// Address is PRONOTE's address the person gave: the one --fetch read, or the check
	// page's address field; "" if none.
	Address string
	// Ticks counts the steps ticked in this browser on each mode's procedure page (the
	// check page's answers); zero elsewhere.
	Ticks TickCounts
}

// TickCounts counts the steps ticked on the hosted and on the on-premises procedure page.
type TickCounts struct{ Hosted, OnPrem int }

// Index Education's domain: the procedure's hosted part gives
// https://pronote.index-education.net/pronote/ as the address to give the ENT, and a public
// note on PRONOTE's mobile app shows InfoMobileApp.json served by a hosted PRONOTE at
// https://0310047h.index-education.net/pronote/ (factHostedDomain). A school's own server is
// not under Index Education's domain; that a server outside it is not hosted by Index
// Education is the site's inference (factOtherDomain).
const hostedDomain = "index-education.net"

// AddressMode returns the mode an absolute address shows: Hosted under index-education.net
// (a source says so), OnPrem elsewhere (inferred: the site's inference). ok is false for an
// address that names no server, such as the relative espace addresses real hosted servers
// publish ("mobile.eleve.html"), which tell nothing of the mode.
func AddressMode(raw string) (m Mode, inferred, ok bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return 0, false, false
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if host == hostedDomain || strings.HasSuffix(host, "."+hostedDomain) {
		return Hosted, false, true
	}
	return OnPrem, true, true
}

// DecideMode decides the mode of a check from the clues and the evidence, each weighed in the
// order of [ModeBasis]: the person's choice; an address under index-education.net (the
// address given, then the espaces'); the procedure of the answers (a file's, or the ticks of
// the browser read as answers: [Answers.Ticks]), else the procedure page with strictly more
// ticked steps in the browser (c.Ticks); an address elsewhere (the address given, then the
// espaces'). The first clue decides; those that point to the other mode are kept in Against.
// With no clue the mode is undecided (Mode 0).
func DecideMode(c ModeClues, ev *Evidence) ModeDecision {
	var clues []ModeDecision
	if c.Flag == Hosted || c.Flag == OnPrem {
		clues = append(clues, ModeDecision{Mode: c.Flag, By: ByFlag, From: c.Flag.String()})
	}
	var sourced, inferred []ModeDecision
	addr := func(by ModeBasis, raw string) {
		if m, inf, ok := AddressMode(raw); ok && inf {
			inferred = append(inferred, ModeDecision{Mode: m, By: by, From: strings.TrimSpace(raw), Inferred: true})
		} else if ok {
			sourced = append(sourced, ModeDecision{Mode: m, By: by, From: strings.TrimSpace(raw)})
		}
	}
	addr(ByAddress, c.Address)
	if ev.Info != nil {
		// The first absolute address of each kind is enough: the others say the same, or
		// are listed against it.
		var sourcedSeen, inferredSeen bool
		for _, e := range ev.Info.Espaces {
			_, inf, ok := AddressMode(e.URL)
			if !ok || inf && inferredSeen || !inf && sourcedSeen {
				continue
			}
			sourcedSeen, inferredSeen = sourcedSeen || !inf, inferredSeen || inf
			addr(ByEspaces, e.URL)
		}
	}
	clues = append(clues, sourced...)
	if a := ev.Answers; a != nil {
		by, from := ByAnswers, a.Source
		if a.Ticks {
			by, from = ByTicks, ""
		}
		switch a.Checklist {
		case HostedID:
			clues = append(clues, ModeDecision{Mode: Hosted, By: by, From: from})
		case OnPremID:
			clues = append(clues, ModeDecision{Mode: OnPrem, By: by, From: from})
		}
	} else if h, o := c.Ticks.Hosted, c.Ticks.OnPrem; h != o {
		m := Hosted
		if o > h {
			m = OnPrem
		}
		clues = append(clues, ModeDecision{Mode: m, By: ByTicks})
	}
	clues = append(clues, inferred...)
	if len(clues) == 0 {
		return ModeDecision{By: Undecided}
	}
	d := clues[0]
	for _, o := range clues[1:] {
		if o.Mode != d.Mode {
			d.Against = append(d.Against, o)
		}
	}
	return d
}

// Said is one message as each place it is read in says it, so that each says it its own way
// from one table (a row is a Said value; [SaidTable] lists them): the terminal (ozecheck, which names its flags), the site's check page
// (which names its own controls, never a flag, and starts every sentence with a capital) and
// the reports (JSON and HTML, written the same by both and read by support: neither flags nor
// controls).
type Said struct {
	CLI, Page, Report Text
}

// flagPattern finds a command-line flag ("--mode", "-o") in a sentence.
const flagPattern = `(^|[\s(«"])--?[a-z]`

// Faults returns what breaks the rules of its surfaces in s: a side left empty, a page or
// report sentence that names a command-line flag (only the terminal may).
func (s Said) Faults() []string {
	flagRE := regexp.MustCompile(flagPattern)
	var out []string
	for _, side := range []struct {
		name  string
		t     Text
		flags bool
	}{{"cli", s.CLI, true}, {"page", s.Page, false}, {"report", s.Report, false}} {
		for _, l := range side.t.Missing() {
			out = append(out, side.name+": no "+string(l)+" side")
		}
		if !side.flags && (flagRE.MatchString(side.t.FR) || flagRE.MatchString(side.t.EN)) {
			out = append(out, side.name+": names a command-line flag: "+side.t.EN)
		}
	}
	return out
}

// SaidTable returns the package's messages said differently by each surface, by name, for
// the tests of each surface (the reports' are report.SaidTable).
func SaidTable() map[string]Said {
	return map[string]Said{
		"ModeByFlag": saidByFlag, "ModeByAddressHosted": saidByAddressHosted, "ModeByAddressElsewhere": saidByAddressElsewhere,
		"ModeByEspacesHosted": saidByEspacesHosted, "ModeByEspacesElsewhere": saidByEspacesElsewhere, "ModeByAnswers": saidByAnswers,
		"ModeByTicks": saidByTicks, "ModePurgeOnly": saidPurgeOnly, "ModeUndecided": saidUndecided,
	}
}

// Sprintf formats each surface's sentence with the same arguments (see [Text.Sprintf]).
func (s Said) Sprintf(args ...any) Said {
	return Said{CLI: s.CLI.Sprintf(args...), Page: s.Page.Sprintf(args...), Report: s.Report.Sprintf(args...)}
}

// The clauses that say what decided the mode, after the mode's name; and the sentences of an
// undecided mode. One row per way of deciding.
var (
	saidByFlag = Said{
		CLI:    Text{FR: "choisi avec --mode %s", EN: "chosen with --mode %s"},
		Page:   Text{FR: "choisi ci-dessus", EN: "chosen above"},
		Report: Text{FR: "indiqué par la personne qui a fait la vérification", EN: "stated by the person who ran the check"},
	}
	saidByAddressHosted = Said{
		CLI:    Text{FR: "l'adresse donnée à --fetch, %s, est sous index-education.net, le domaine d'Index Education, qui sert les PRONOTE hébergés", EN: "the address given to --fetch, %s, is under index-education.net, Index Education's domain, which serves hosted PRONOTEs"},
		Page:   Text{FR: "l'adresse de PRONOTE saisie sur cette page, %s, est sous index-education.net, le domaine d'Index Education, qui sert les PRONOTE hébergés", EN: "the PRONOTE address typed on this page, %s, is under index-education.net, Index Education's domain, which serves hosted PRONOTEs"},
		Report: Text{FR: "l'adresse de PRONOTE donnée, %s, est sous index-education.net, le domaine d'Index Education, qui sert les PRONOTE hébergés", EN: "the PRONOTE address given, %s, is under index-education.net, Index Education's domain, which serves hosted PRONOTEs"},
	}
	saidByAddressElsewhere = Said{
		CLI:    Text{FR: "l'adresse donnée à --fetch, %s, n'est pas sous index-education.net, le domaine d'Index Education, qui sert les PRONOTE hébergés (déduction de ce site)", EN: "the address given to --fetch, %s, is not under index-education.net, Index Education's domain, which serves hosted PRONOTEs (this site's inference)"},
		Page:   Text{FR: "l'adresse de PRONOTE saisie sur cette page, %s, n'est pas sous index-education.net, le domaine d'Index Education, qui sert les PRONOTE hébergés (déduction de ce site)", EN: "the PRONOTE address typed on this page, %s, is not under index-education.net, Index Education's domain, which serves hosted PRONOTEs (this site's inference)"},
		Report: Text{FR: "l'adresse de PRONOTE donnée, %s, n'est pas sous index-education.net, le domaine d'Index Education, qui sert les PRONOTE hébergés (déduction de ce site)", EN: "the PRONOTE address given, %s, is not under index-education.net, Index Education's domain, which serves hosted PRONOTEs (this site's inference)"},
	}
	saidByEspacesHosted = sameEverywhere(Text{
		FR: "InfoMobileApp.json publie les espaces sous index-education.net (%s), le domaine d'Index Education, qui sert les PRONOTE hébergés",
		EN: "InfoMobileApp.json publishes the espaces under index-education.net (%s), Index Education's domain, which serves hosted PRONOTEs",
	})
	saidByEspacesElsewhere = sameEverywhere(Text{
		FR: "InfoMobileApp.json publie les espaces hors de index-education.net (%s), le domaine d'Index Education, qui sert les PRONOTE hébergés (déduction de ce site)",
		EN: "InfoMobileApp.json publishes the espaces outside index-education.net (%s), Index Education's domain, which serves hosted PRONOTEs (this site's inference)",
	})
	saidByAnswers = sameEverywhere(Text{
		FR: "le fichier de réponses %s vient de la page de la procédure du %s",
		EN: "the answers file %s comes from the page of the %s procedure",
	})
	saidByTicks = Said{
		CLI:    Text{FR: "les étapes cochées dans le navigateur l'ont été surtout sur la page du %s", EN: "the steps ticked in the browser were ticked mostly on the %s page"},
		Page:   Text{FR: "vous avez coché plus d'étapes dans ce navigateur sur la page du %s que sur celle de l'autre mode", EN: "you ticked more steps in this browser on the %s page than on the other mode's"},
		Report: Text{FR: "les étapes cochées dans le navigateur l'ont été surtout sur la page du %s", EN: "the steps ticked in the browser were ticked mostly on the %s page"},
	}
	saidPurgeOnly = sameEverywhere(Text{
		FR: "Changement d'ENT seul : la purge des identifiants ne dépend pas du mode.",
		EN: "Change of ENT only: the purge of identifiers does not depend on the mode.",
	})
	saidUndecided = Said{
		CLI: Text{
			FR: "Mode non décidé : rien ne dit si PRONOTE est hébergé par Index Education. Seules les étapes qui n'en dépendent pas sont jugées ; ajoutez --mode hosted (hébergé) ou --mode onprem (non hébergé) pour juger les autres.",
			EN: "Mode not decided: nothing says whether PRONOTE is hosted by Index Education. Only the steps that do not depend on it are judged; add --mode hosted or --mode onprem (on-premises) to judge the others.",
		},
		Page: Text{
			FR: "Rien dans les fichiers ni dans ce navigateur ne dit si votre PRONOTE est hébergé par Index Education. Seules les étapes qui n'en dépendent pas sont jugées ; répondez pour juger les autres.",
			EN: "Nothing in the files or in this browser says whether your PRONOTE is hosted by Index Education. Only the steps that do not depend on it are judged; answer to judge the others.",
		},
		Report: Text{
			FR: "Mode non décidé : rien ne disait si PRONOTE est hébergé par Index Education. Seules les étapes qui n'en dépendent pas sont jugées ; les autres sont listées à part.",
			EN: "Mode not decided: nothing said whether PRONOTE is hosted by Index Education. Only the steps that do not depend on it are judged; the others are listed apart.",
		},
	}
	// anotherClue opens the sentence of a clue that pointed to the other mode.
	anotherClue = Text{FR: "Autre indice, qui désigne le ", EN: "Another clue, pointing to the "}
)

func sameEverywhere(t Text) Said { return Said{CLI: t, Page: t, Report: t} }

// clause returns what decided d, after the mode's name ("choisi avec --mode hosted").
func (d ModeDecision) clause() Said {
	switch d.By {
	case ByFlag: // only the terminal names the flag's value
		return Said{CLI: saidByFlag.CLI.Sprintf(d.From), Page: saidByFlag.Page, Report: saidByFlag.Report}
	case ByAddress:
		if d.Inferred {
			return saidByAddressElsewhere.Sprintf(d.From)
		}
		return saidByAddressHosted.Sprintf(d.From)
	case ByEspaces:
		if d.Inferred {
			return saidByEspacesElsewhere.Sprintf(d.From)
		}
		return saidByEspacesHosted.Sprintf(d.From)
	case ByAnswers:
		return saidByAnswers.Sprintf(d.From, d.Mode.Label())
	case ByTicks:
		return saidByTicks.Sprintf(d.Mode.Label())
	}
	return Said{}
}

// Said returns how the mode was decided, one sentence per surface ("Mode hébergé : choisi
// avec --mode hosted."); for an undecided mode, what that means and how to decide it.
func (d ModeDecision) Said() Said {
	switch d.By {
	case Undecided, "":
		return saidUndecided
	case ByPurgeOnly:
		return saidPurgeOnly
	}
	return d.sentence(capital(d.Mode.Label()))
}

// AgainstSaid returns one sentence per clue that pointed to the other mode.
func (d ModeDecision) AgainstSaid() []Said {
	var out []Said
	for _, o := range d.Against {
		l := o.Mode.Label()
		out = append(out, o.sentence(Text{FR: anotherClue.FR + l.FR, EN: anotherClue.EN + l.EN}))
	}
	return out
}

// sentence returns, on each surface, the sentence that says what decided d after its
// opening ("Mode hébergé : choisi avec --mode hosted.").
func (d ModeDecision) sentence(opening Text) Said {
	c := d.clause()
	join := func(t Text) Text {
		return Text{FR: opening.FR + " : " + t.FR + ".", EN: opening.EN + ": " + t.EN + "."}
	}
	return Said{CLI: join(c.CLI), Page: join(c.Page), Report: join(c.Report)}
}

// In returns the sentence of one surface in lang.
func (s Said) In(surface Surface, lang Lang) string {
	switch surface {
	case OnPage:
		return s.Page.In(lang)
	case InReport:
		return s.Report.In(lang)
	}
	return s.CLI.In(lang)
}

// Surface is a place a message is read in.
type Surface int

// The surfaces of [Said].
const (
	InTerminal Surface = iota
	OnPage
	InReport
)

// capital returns t with the first letter of each side in upper case.
func capital(t Text) Text {
	up := func(s string) string {
		r, n := utf8.DecodeRuneInString(s)
		if n == 0 {
			return s
		}
		return string(unicode.ToUpper(r)) + s[n:]
	}
	return Text{FR: up(t.FR), EN: up(t.EN)}
}

// The facts the mode's decision rests on.
var (
	factHostedDomain = &Fact{
		ID:     "published.hosted-domain",
		Origin: FromPublished,
		Modes:  Hosted,
		Claim: Text{
			FR: "un PRONOTE hébergé par Index Education est servi sous index-education.net, le domaine d'Index Education, et ses espaces peuvent y avoir des adresses relatives (« mobile.eleve.html »)",
			EN: "a PRONOTE hosted by Index Education is served under index-education.net, Index Education's domain, and its espaces may have relative addresses there (“mobile.eleve.html”)",
		},
		Ref: Text{
			FR: refQRCodeNote.FR + " ; la procédure, pour le mode hébergé, donne https://pronote.index-education.net/pronote/ comme « URL à communiquer au socle ENT »",
			EN: refQRCodeNote.EN + "; the procedure, for the hosted mode, gives https://pronote.index-education.net/pronote/ as “URL à communiquer au socle ENT”",
		},
		URL:   urlQRCodeNote,
		Quote: "url: 'https://0310047h.index-education.net/pronote/mobile.eleve.html' […] // https://0310047h.index-education.net/pronote/infoMobileApp.json?id=0D264427-EEFC-4810-A9E9-346942A862A4 […] espaces: [ { nom: 'Espace Direction', URL: 'mobile.direction.html' }, […] { nom: 'Espace Élèves', URL: 'mobile.eleve.html' } ]",
	}
	factOtherDomain = &Fact{
		ID:     "practice.other-domain-onprem",
		Origin: FromPractice,
		Modes:  OnPrem,
		Claim: Text{
			FR: "un PRONOTE servi hors de index-education.net est installé dans l'établissement (non hébergé)",
			EN: "a PRONOTE served outside index-education.net is installed at the school (on-premises)",
		},
		Ref: Text{
			FR: "déduction de ce site : aucune source ne montre un PRONOTE hébergé par Index Education sous un autre domaine ; si le vôtre l'est, choisissez le mode",
			EN: "this site's inference: no source shows a PRONOTE hosted by Index Education under another domain; if yours is, choose the mode",
		},
	}
)

// ModeFacts returns the facts the mode's decision rests on.
func ModeFacts() []*Fact { return []*Fact{factHostedDomain, factOtherDomain} }
