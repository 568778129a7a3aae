package checker

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/evidence"
)

// The check page's words for what became of each file it was given: its own sentences (a
// capital first, no command-line flag), counted through checks.Noun. They are plain values,
// listed for the tests by pageTexts: a registration at init would weigh on the WebAssembly.
var (
	msgKindInfo       = checks.Text{FR: "InfoMobileApp.json", EN: "InfoMobileApp.json"}
	msgKindIdentities = checks.Text{FR: "Export des identités", EN: "Identity export"}
	msgKindAnswers    = checks.Text{FR: "Fichier de réponses", EN: "Answers file"}
	msgReplaces       = checks.Text{FR: "%s, qui remplace %s, déposé avant.", EN: "%s, which replaces %s, dropped before."}
	msgReplacesSame   = checks.Text{FR: "%s, qui remplace le fichier du même nom déposé avant.", EN: "%s, which replaces the file of the same name dropped before."}
	msgReplacedBy     = checks.Text{FR: "Remplacé par %s, déposé après : il n'est plus jugé.", EN: "Replaced by %s, dropped later: it is no longer judged."}
	msgReplacedBySame = checks.Text{FR: "Remplacé par le fichier du même nom déposé après : il n'est plus jugé.", EN: "Replaced by the file of the same name dropped later: it is no longer judged."}
	msgAtLine         = checks.Text{FR: "Ligne %d : %s", EN: "Line %d: %s"}
	msgAtLineCol      = checks.Text{FR: "Ligne %d, colonne %d : %s", EN: "Line %d, column %d: %s"}
	msgDone           = checks.Text{FR: "Vérification faite : %s. Les verdicts s'affichent aussi à côté des étapes des procédures.", EN: "Check done: %s. The verdicts also show beside the procedures' steps."}
	msgAmong          = checks.Text{FR: ", dont ", EN: ", including "}
	msgAnswersRead    = checks.Text{FR: "vos réponses dans ce navigateur", EN: "your answers in this browser"}
	msgTicks          = checks.Text{FR: "%s, pour le %s.", EN: "%s, for the %s."}
	msgTicksPurge     = checks.Text{FR: "%s, pour le changement d'ENT.", EN: "%s, for the change of ENT."}
)

// KindName names a kind of input on the check page.
func KindName(k evidence.Kind) checks.Text {
	switch k {
	case evidence.KindInfoMobileApp:
		return msgKindInfo
	case evidence.KindIdentities:
		return msgKindIdentities
	case evidence.KindAnswers:
		return msgKindAnswers
	}
	return checks.Text{FR: string(k), EN: string(k)}
}

// Replaces says, after the name of a file that replaced an earlier one, what it is and what
// it replaced; ReplacedBy says it after the earlier one's name.
func Replaces(k evidence.Kind, name, replaced string) checks.Text {
	if name == replaced {
		return msgReplacesSame.Sprintf(KindName(k))
	}
	return msgReplaces.Sprintf(KindName(k), replaced)
}

// ReplacedBy: see [Replaces].
func ReplacedBy(name, by string) checks.Text {
	if name == by {
		return msgReplacedBySame
	}
	return msgReplacedBy.Sprintf(by)
}

// PageError returns why a file could not be used as the check page says it after the file's
// name: a sentence that starts with a capital, with the line (and column) where there is one.
func PageError(err error) checks.Text {
	var ie *evidence.InputError
	if !errors.As(err, &ie) {
		return sentence(checks.Text{FR: err.Error(), EN: err.Error()})
	}
	msg := sentence(ie.Msg)
	switch {
	case ie.Line > 0 && ie.Column > 0:
		return msgAtLineCol.Sprintf(ie.Line, ie.Column, msg)
	case ie.Line > 0:
		return msgAtLine.Sprintf(ie.Line, msg)
	}
	return msg
}

// Done says what the check made of its files: how many it read (those a later one replaced
// among them), whether it used the browser's answers too, and how many files it could not
// use (each file says why).
func Done(read, replaced, unused int, answers bool) checks.Text {
	parts := checks.NounFileRead.N(read)
	add := func(sep checks.Text, t checks.Text) {
		parts = checks.Text{FR: parts.FR + sep.FR + t.FR, EN: parts.EN + sep.EN + t.EN}
	}
	if replaced > 0 {
		add(msgAmong, checks.NounFileReplaced.N(replaced))
	}
	if answers {
		add(checks.Text{FR: " et ", EN: " and "}, msgAnswersRead)
	}
	if unused > 0 {
		add(checks.Text{FR: ", ", EN: ", "}, checks.NounFileUnused.N(unused))
	}
	return msgDone.Sprintf(parts)
}

// Ticks says how many of the browser's answers (ticks, values) the check used: those for mode
// m, or for the change of ENT when m is not one mode.
func Ticks(answers int, m checks.Mode) checks.Text {
	if m == checks.Hosted || m == checks.OnPrem {
		return msgTicks.Sprintf(checks.NounAnswer.N(answers), m.Label())
	}
	return msgTicksPurge.Sprintf(checks.NounAnswer.N(answers))
}

// sentence returns t with a capital first and a full stop last, each side.
func sentence(t checks.Text) checks.Text {
	return checks.Text{FR: fullSentence(t.FR), EN: fullSentence(t.EN)}
}

func fullSentence(s string) string {
	s = strings.TrimSpace(s)
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	if last := s[len(s)-1]; last != '.' && last != '?' && last != '!' {
		s += "."
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// pageTexts lists the page's words by name, for [Texts].
func pageTexts() map[string]checks.Text {
	return map[string]checks.Text{
		"msgKindInfo":       msgKindInfo,
		"msgKindIdentities": msgKindIdentities,
		"msgKindAnswers":    msgKindAnswers,
		"msgReplaces":       msgReplaces,
		"msgReplacesSame":   msgReplacesSame,
		"msgReplacedBy":     msgReplacedBy,
		"msgReplacedBySame": msgReplacedBySame,
		"msgAtLine":         msgAtLine,
		"msgAtLineCol":      msgAtLineCol,
		"msgDone":           msgDone,
		"msgTicks":          msgTicks,
		"msgTicksPurge":     msgTicksPurge,
	}
}
