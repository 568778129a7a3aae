package summary

import "github.com/hds-oze/pronote-oze/checks"

// Wording is the summary's own words, one named field each, so that a mistyped name does not
// compile; both sides are required (a test checks every table).
type Wording struct {
	Title, Generated, Since, Reports, Older, Schools, Failing, Errors checks.Text
	School, UAI, Mode, Date, Checker, Seen, Counts, File, Reason      checks.Text
	Row, RowSchool, RowError, Lang, Status, Item, Items, Legend       checks.Text
	TotalFailing, FailingItems, NoFailing, NoSchool                   checks.Text
	IdentityWarning, Unidentified, Privacy, SeenTimes, NoErrors       checks.Text
	ItemsIntro, Note, Number                                          checks.Text
}

// Words returns the summary's own words.
func Words() Wording { return words }

var words = Wording{
	Title:           checks.Text{FR: "Synthèse des rapports ozecheck", EN: "ozecheck reports summary"},
	Generated:       checks.Text{FR: "Produite le", EN: "Generated on"},
	Since:           checks.Text{FR: "Rapports depuis le", EN: "Reports since"},
	Reports:         checks.Text{FR: "Rapports lus", EN: "Reports read"},
	Older:           checks.Text{FR: "Rapports plus anciens, écartés (--since)", EN: "Older reports left out (--since)"},
	Schools:         checks.Text{FR: "Établissements", EN: "Schools"},
	Failing:         checks.Text{FR: "Établissements avec une étape non conforme", EN: "Schools with a failed step"},
	Errors:          checks.Text{FR: "Fichiers illisibles", EN: "Unreadable files"},
	School:          checks.LabelSchool(),
	UAI:             checks.Text{FR: "UAI", EN: "UAI"},
	Mode:            checks.Text{FR: "Mode", EN: "Mode"},
	Date:            checks.Text{FR: "Date du rapport", EN: "Report date"},
	Checker:         checks.Text{FR: "Vérificateur", EN: "Checker"},
	Seen:            checks.Text{FR: "Rapports vus", EN: "Reports seen"},
	Counts:          checks.Text{FR: "Étapes par statut", EN: "Steps by status"},
	File:            checks.Text{FR: "Fichier", EN: "File"},
	Reason:          checks.Text{FR: "Raison", EN: "Reason"},
	Row:             checks.Text{FR: "Ligne", EN: "Row"},
	RowSchool:       checks.Text{FR: "établissement", EN: "school"},
	RowError:        checks.Text{FR: "erreur", EN: "error"},
	Lang:            checks.Text{FR: "Langue du rapport", EN: "Report language"},
	Status:          checks.Text{FR: "Statut", EN: "Status"},
	Item:            checks.Text{FR: "Étape", EN: "Step"},
	Items:           checks.Text{FR: "Étapes", EN: "Steps"},
	Legend:          checks.Text{FR: "Symboles", EN: "Symbols"},
	TotalFailing:    checks.Text{FR: "Établissements non conformes", EN: "Schools failing"},
	FailingItems:    checks.Text{FR: "Étapes non conformes, établissement par établissement", EN: "Failed steps, school by school"},
	NoFailing:       checks.Text{FR: "Aucune étape non conforme dans ces rapports.", EN: "No step fails in these reports."},
	NoSchool:        checks.Text{FR: "Aucun rapport lisible.", EN: "No readable report."},
	IdentityWarning: checks.Text{FR: "les fichiers de ce rapport ne nomment pas le même établissement", EN: "this report's files do not name the same school"},
	Unidentified:    checks.Text{FR: "établissement non nommé", EN: "unnamed school"},
	Privacy:         checks.Text{FR: "Cette synthèse ne reprend aucune donnée personnelle : ni message, ni preuve, ni commentaire des rapports, seulement les statuts et leurs nombres.", EN: "This summary carries no personal data: no message, evidence or comment from the reports, only statuses and their counts."},
	SeenTimes:       checks.Text{FR: "%d rapports de cet établissement lus : le plus récent est retenu", EN: "%d reports of this school read: the latest is kept"},
	NoErrors:        checks.Text{FR: "Tous les fichiers ont été lus.", EN: "Every file was read."},
	ItemsIntro:      checks.Text{FR: "Chaque colonne est une étape, numérotée comme la page de sa procédure et sa fiche PDF la numérotent ; dans la ligne d'un établissement, c'est l'étape de la procédure de son mode (hébergé ou non hébergé). La dernière ligne compte les établissements non conformes.", EN: "Each column is a step, numbered as its procedure's page and PDF number it; in a school's row, it is the step of the procedure of its mode (hosted or on-premises). The last row counts the schools that fail it."},
	Number:          checks.Text{FR: "N°", EN: "No."},
	Note:            checks.Text{FR: "Remarque", EN: "Note"},
}

// Reasons an input is not read, in the error rows.
var (
	msgUnreadable = checks.Text{FR: "illisible : %s", EN: "unreadable: %s"}
	msgNotFile    = checks.Text{FR: "ce n'est pas un fichier ordinaire", EN: "not a regular file"}
	msgTooBig     = checks.Text{FR: "plus de %d Mo : ce n'est pas un rapport", EN: "larger than %d MB: not a report"}
	msgNotJSON    = checks.Text{FR: "ce n'est pas du JSON valide (erreur à l'octet %d : fichier coupé ou abîmé ?)", EN: "not valid JSON (error at byte %d: a cut or damaged file?)"}
	msgNotReport  = checks.Text{FR: "ce n'est pas un rapport ozecheck (« kind » n'est pas « pronote-oze-report »)", EN: "not an ozecheck report (\"kind\" is not \"pronote-oze-report\")"}
	msgBadField   = checks.Text{FR: "rapport mal formé : %s", EN: "malformed report: %s"}
	msgNoFormat   = checks.Text{FR: "rapport sans « format »", EN: "report without \"format\""}
	msgTooNew     = checks.Text{FR: "rapport au format %d, plus récent que ce vérificateur (format %d) : mettez ozecheck à jour", EN: "report in format %d, newer than this checker (format %d): update ozecheck"}
	msgNoDate     = checks.Text{FR: "rapport sans date (« generated »)", EN: "report without a date (\"generated\")"}
	msgBadDate    = checks.Text{FR: "date du rapport hors des années 0 à 9999 en temps universel : %s", EN: "report date outside the years 0 to 9999 in UTC: %s"}
	msgFuture     = checks.Text{FR: "rapport daté du %s, plus d'un jour après cette synthèse (%s) : l'horloge de la machine qui l'a produit est fausse ? Il n'est pas retenu", EN: "report dated %s, more than a day after this summary (%s): is the clock of the machine that made it wrong? It is not kept"}
	msgBadMode    = checks.Text{FR: "mode inconnu %q", EN: "unknown mode %q"}
	msgBadStatus  = checks.Text{FR: "étape %q : statut inconnu %q", EN: "step %q: unknown status %q"}
)

// Why a list of inputs is refused as a whole.
var (
	msgListLine      = checks.Text{FR: "entrée standard, ligne %d : plus de %d octets ; « - » attend la liste des rapports (fichiers ou dossiers), un par ligne", EN: "standard input, line %d: longer than %d bytes; \"-\" expects the list of reports (files or folders), one per line"}
	msgOutputIsInput = checks.Text{FR: "-o %s : c'est aussi une entrée (%s) ; la synthèse la remplacerait : écrivez-la ailleurs", EN: "-o %s: it is also an input (%s); the summary would replace it: write it elsewhere"}
	msgOutputInInput = checks.Text{FR: "-o %s : c'est dans le dossier %s, qui est lu ; la synthèse suivante de ce dossier la lirait comme un rapport : écrivez-la ailleurs", EN: "-o %s: it is inside the folder %s, which is read; the next summary of that folder would read it as a report: write it elsewhere"}
)

// What a row says of a report's steps that this version does not know: how many, how many
// fail, the first IDs.
var (
	nounUnknownStep = checks.Noun{
		One:  checks.Text{FR: "étape inconnue de ce vérificateur", EN: "step this checker does not know"},
		Many: checks.Text{FR: "étapes inconnues de ce vérificateur", EN: "steps this checker does not know"},
	}
	msgUnknownSteps   = checks.Text{FR: "%s : %s", EN: "%s: %s"}
	msgUnknownFailing = checks.Text{FR: "%s, dont %s : %s", EN: "%s, %s: %s"}
)

// Texts returns the reasons an input is not read and the unknown steps' words, by name, for
// the test of every table.
func Texts() map[string]checks.Text {
	return map[string]checks.Text{
		"msgUnreadable": msgUnreadable, "msgNotFile": msgNotFile, "msgTooBig": msgTooBig, "msgNotJSON": msgNotJSON,
		"msgNotReport": msgNotReport, "msgBadField": msgBadField, "msgNoFormat": msgNoFormat, "msgTooNew": msgTooNew,
		"msgNoDate": msgNoDate, "msgBadDate": msgBadDate, "msgFuture": msgFuture, "msgBadMode": msgBadMode, "msgBadStatus": msgBadStatus,
		"msgListLine": msgListLine, "msgOutputIsInput": msgOutputIsInput, "msgOutputInInput": msgOutputInInput, "msgUnknownSteps": msgUnknownSteps, "msgUnknownFailing": msgUnknownFailing,
		"nounUnknownStep.One": nounUnknownStep.One, "nounUnknownStep.Many": nounUnknownStep.Many,
	}
}
