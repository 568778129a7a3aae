package checks

import (
	"fmt"
	"slices"
)

// Noun is a countable phrase in both languages, singular and plural: « ligne » and « lignes »,
// "school failing" and "schools failing". Every message that counts says its count through
// [Noun.N], never with « (s) ».
type Noun struct{ One, Many Text }

// N returns n followed by the phrase agreeing with n in each language: French puts 0 and 1
// in the singular (« 0 ligne », « 1 ligne »), English 1 only ("0 rows", "1 row"): see
// [SingularCounts].
func (w Noun) N(n int) Text {
	p := w.For(n)
	return Text{FR: fmt.Sprintf("%d %s", n, p.FR), EN: fmt.Sprintf("%d %s", n, p.EN)}
}

// For returns the phrase alone, agreeing with n as in [Noun.N] (« lignes 3, 4 »).
func (w Noun) For(n int) Text {
	p := w.Many
	if slices.Contains(singularCounts[FR], n) {
		p.FR = w.One.FR
	}
	if slices.Contains(singularCounts[EN], n) {
		p.EN = w.One.EN
	}
	return p
}

// singularCounts are, per language, the counts that take the singular.
var singularCounts = map[Lang][]int{FR: {0, 1}, EN: {1}}

// SingularCounts returns the counts that take the singular in lang: the plural rule as data,
// which the site hands to its scripts with the phrases, so that a page counts as Go does.
func SingularCounts(lang Lang) []int { return slices.Clone(singularCounts[lang]) }

// The counted phrases of the checker's messages.
var (
	NounRow             = Noun{One: Text{FR: "ligne", EN: "row"}, Many: Text{FR: "lignes", EN: "rows"}}
	NounIdentifier      = Noun{One: Text{FR: "identifiant", EN: "identifier"}, Many: Text{FR: "identifiants", EN: "identifiers"}}
	NounLine            = Noun{One: Text{FR: "ligne", EN: "line"}, Many: Text{FR: "lignes", EN: "lines"}}
	NounExport          = Noun{One: Text{FR: "export", EN: "export"}, Many: Text{FR: "exports", EN: "exports"}}
	NounCASID           = Noun{One: Text{FR: "identifiant CAS", EN: "CAS identifier"}, Many: Text{FR: "identifiants CAS", EN: "CAS identifiers"}}
	NounCASIDLeft       = Noun{One: Text{FR: "identifiant CAS reste", EN: "CAS identifier remains"}, Many: Text{FR: "identifiants CAS restent", EN: "CAS identifiers remain"}}
	NounCASIDShared     = Noun{One: Text{FR: "identifiant CAS partagé", EN: "CAS identifier shared"}, Many: Text{FR: "identifiants CAS partagés", EN: "CAS identifiers shared"}}
	NounCASIDUncompared = Noun{One: Text{FR: "identifiant CAS non comparé", EN: "CAS identifier not compared"}, Many: Text{FR: "identifiants CAS non comparés", EN: "CAS identifiers not compared"}}
	NounSchool          = Noun{One: Text{FR: "établissement", EN: "school"}, Many: Text{FR: "établissements", EN: "schools"}}
	NounSchoolFailed    = Noun{One: Text{FR: "établissement non conforme", EN: "school failing"}, Many: Text{FR: "établissements non conformes", EN: "schools failing"}}
	NounFailing         = Noun{One: Text{FR: "non conforme", EN: "failing"}, Many: Text{FR: "non conformes", EN: "failing"}}
	NounReportRead      = Noun{One: Text{FR: "rapport lu", EN: "report read"}, Many: Text{FR: "rapports lus", EN: "reports read"}}
	NounUnreadable      = Noun{One: Text{FR: "fichier illisible", EN: "unreadable file"}, Many: Text{FR: "fichiers illisibles", EN: "unreadable files"}}
	NounStep            = Noun{One: Text{FR: "étape", EN: "step"}, Many: Text{FR: "étapes", EN: "steps"}}
	NounStepTodo        = Noun{One: Text{FR: "à faire", EN: "to do"}, Many: Text{FR: "à faire", EN: "to do"}}
	NounStepDone        = Noun{One: Text{FR: "faite", EN: "done"}, Many: Text{FR: "faites", EN: "done"}}
	NounStepVerified    = Noun{One: Text{FR: "vérifiée", EN: "verified"}, Many: Text{FR: "vérifiées", EN: "verified"}}
	NounStepFailed      = Noun{One: Text{FR: "en échec", EN: "failed"}, Many: Text{FR: "en échec", EN: "failed"}}
	NounStepReview      = Noun{One: Text{FR: "à revoir", EN: "to look at again"}, Many: Text{FR: "à revoir", EN: "to look at again"}}
	NounFileRead        = Noun{One: Text{FR: "fichier lu", EN: "file read"}, Many: Text{FR: "fichiers lus", EN: "files read"}}
	NounFileReplaced    = Noun{One: Text{FR: "remplacé", EN: "replaced"}, Many: Text{FR: "remplacés", EN: "replaced"}}
	NounFileUnused      = Noun{One: Text{FR: "fichier non pris en compte", EN: "file not used"}, Many: Text{FR: "fichiers non pris en compte", EN: "files not used"}}
	NounEspace          = Noun{One: Text{FR: "espace", EN: "espace"}, Many: Text{FR: "espaces", EN: "espaces"}}
	NounAnswer          = Noun{One: Text{FR: "réponse", EN: "answer"}, Many: Text{FR: "réponses", EN: "answers"}}
	NounMore            = Noun{One: Text{FR: "autre", EN: "more"}, Many: Text{FR: "autres", EN: "more"}}
)

// nouns names the counted phrases for [Texts].
var nouns = map[string]Noun{
	"Row": NounRow, "Line": NounLine, "Identifier": NounIdentifier, "Export": NounExport, "CASID": NounCASID,
	"CASIDLeft": NounCASIDLeft, "CASIDShared": NounCASIDShared, "CASIDUncompared": NounCASIDUncompared, "School": NounSchool,
	"SchoolFailed": NounSchoolFailed, "Failing": NounFailing, "ReportRead": NounReportRead,
	"Unreadable": NounUnreadable, "Step": NounStep, "StepTodo": NounStepTodo, "StepDone": NounStepDone,
	"StepVerified": NounStepVerified, "StepFailed": NounStepFailed, "StepReview": NounStepReview,
	"FileRead": NounFileRead, "FileReplaced": NounFileReplaced, "FileUnused": NounFileUnused, "Espace": NounEspace, "Answer": NounAnswer,
	"More": NounMore,
}
