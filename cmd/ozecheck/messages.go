package main

import (
	"strings"

	"github.com/hds-oze/pronote-oze/checks"
)

// texts holds the command's messages by name, filled as they are declared (with text), so that
// the test of every bilingual table sees each one.
var texts = map[string]checks.Text{}

// text records t under name and returns it.
func text(name string, t checks.Text) checks.Text {
	texts[name] = t
	return t
}

// The command's own messages, in both languages (a test checks every side).
var (
	msgSeeHelp     = text("msgSeeHelp", checks.Text{FR: "Lancez « ozecheck --help » pour l'aide.", EN: "Run \"ozecheck --help\" for help."})
	msgBadLang     = text("msgBadLang", checks.Text{FR: "--lang %q : langue inconnue (fr ou en)", EN: "--lang %q: unknown language (fr or en)"})
	msgBadFormat   = text("msgBadFormat", checks.Text{FR: "--format %q : format inconnu (text, json ou html)", EN: "--format %q: unknown format (text, json or html)"})
	msgBadUserType = text("msgBadUserType", checks.Text{FR: "--user-type %q : type inconnu (%s)", EN: "--user-type %q: unknown type (%s)"})
	msgNoInput     = text("msgNoInput", checks.Text{FR: "aucun fichier à vérifier : donnez des fichiers, ou --fetch ADRESSE", EN: "nothing to check: give files, or --fetch ADDRESS"})
	msgIsFolder    = text("msgIsFolder", checks.Text{FR: "c'est un dossier : donnez les fichiers qu'il contient", EN: "is a folder: give the files inside it"})
	msgPressEnter  = text("msgPressEnter", checks.Text{FR: "ozecheck se lance depuis PowerShell, avec les fichiers à vérifier (voir ci-dessus). Appuyez sur Entrée pour fermer.", EN: "ozecheck runs from PowerShell, with the files to check (see above). Press Enter to close."})
	msgWrote       = text("msgWrote", checks.Text{FR: "rapport écrit dans %s", EN: "report written to %s"})
	msgOutIsInput  = text("msgOutIsInput", checks.Text{FR: "-o %s : c'est aussi une entrée (%s) ; le rapport la remplacerait : écrivez-le ailleurs", EN: "-o %s: it is also an input (%s); the report would replace it: write it elsewhere"})
	msgOutNoFolder = text("msgOutNoFolder", checks.Text{FR: "le dossier %s n'existe pas : créez-le, ou écrivez le rapport ailleurs", EN: "the folder %s does not exist: make it, or write the report elsewhere"})
	msgOutFolder   = text("msgOutFolder", checks.Text{FR: "c'est un dossier : donnez un nom de fichier pour le rapport", EN: "is a folder: give a file name for the report"})
	msgOutDangling = text("msgOutDangling", checks.Text{FR: "lien symbolique vers un fichier qui n'existe pas : donnez le fichier lui-même", EN: "symbolic link to a file that does not exist: give the file itself"})
	msgOutNoReader = text("msgOutNoReader", checks.Text{FR: "tube nommé qu'aucun programme ne lit : lancez d'abord le programme qui le lit", EN: "named pipe that no program reads: start the program that reads it first"})
	msgOutSpecial  = text("msgOutSpecial", checks.Text{FR: "ni un fichier ordinaire, ni un périphérique, ni un tube : le rapport n'y sera pas écrit", EN: "neither a regular file, a device nor a pipe: the report is not written there"})
	msgBadTimeout  = text("msgBadTimeout", checks.Text{FR: "--timeout %s : donnez une durée positive, par exemple 20s", EN: "--timeout %s: give a positive duration, for example 20s"})

	msgFetchURL      = text("msgFetchURL", checks.Text{FR: "--fetch %q : donnez l'adresse de PRONOTE, par exemple https://0920000a.index-education.net/pronote/", EN: "--fetch %q: give PRONOTE's address, for example https://0920000a.index-education.net/pronote/"})
	msgFetchHTTPS    = text("msgFetchHTTPS", checks.Text{FR: "--fetch %q : l'adresse doit être en https:// (--insecure-http pour un test local)", EN: "--fetch %q: the address must use https:// (--insecure-http for a local test)"})
	msgFetchStatus   = text("msgFetchStatus", checks.Text{FR: "%s : PRONOTE.net a répondu %s", EN: "%s: PRONOTE.net answered %s"})
	msgFetch503      = text("msgFetch503", checks.Text{FR: "%s : PRONOTE.net a répondu 503 : la base n'est pas publiée ; publiez-la puis recommencez", EN: "%s: PRONOTE.net answered 503: the base is not published; publish it and try again"})
	msgFetch404      = text("msgFetch404", checks.Text{FR: "%s : introuvable (404) : est-ce bien l'adresse de PRONOTE, terminée par /pronote/ ?", EN: "%s: not found (404): is this PRONOTE's address, ending in /pronote/?"})
	msgFetchTooBig   = text("msgFetchTooBig", checks.Text{FR: "%s : réponse de plus de %d Kio : ce n'est pas InfoMobileApp.json", EN: "%s: answer larger than %d KiB: not InfoMobileApp.json"})
	msgFetchRedirect = text("msgFetchRedirect", checks.Text{FR: "redirection vers %s refusée : seule une redirection vers le même serveur en https est suivie", EN: "redirect to %s refused: only a redirect to the same server over https is followed"})
	msgFetchFailed   = text("msgFetchFailed", checks.Text{FR: "%s : échec de la requête : %v", EN: "%s: request failed: %v"})

	msgSummaryHelp       = text("msgSummaryHelp", checks.Text{FR: "Lancez « ozecheck summary --help » pour l'aide.", EN: "Run \"ozecheck summary --help\" for help."})
	msgSummaryFormat     = text("msgSummaryFormat", checks.Text{FR: "--format %q : format inconnu (html, csv ou json)", EN: "--format %q: unknown format (html, csv or json)"})
	msgBadSince          = text("msgBadSince", checks.Text{FR: "--since %q : donnez une date, par exemple 2026-09-01", EN: "--since %q: give a date, for example 2026-09-01"})
	msgNoReports         = text("msgNoReports", checks.Text{FR: "aucun rapport : donnez des rapports JSON ou des dossiers qui en contiennent", EN: "no report: give JSON reports or folders that hold them"})
	msgSummaryWrote      = text("msgSummaryWrote", checks.Text{FR: "synthèse écrite dans %s", EN: "summary written to %s"})
	msgSummaryTotals     = text("msgSummaryTotals", checks.Text{FR: "%s, %s, %s, %s", EN: "%s, %s, %s, %s"})
	msgSummaryUnreadable = text("msgSummaryUnreadable", checks.Text{FR: "%s : voyez les lignes d'erreur de la synthèse", EN: "%s: see the summary's error rows"})

	summaryUsage = text("summaryUsage", checks.Text{
		FR: `ozecheck summary rassemble les rapports JSON de nombreux établissements en un tableau :
une ligne par établissement (son rapport le plus récent), une colonne par étape.

Usage : ozecheck summary [options] RAPPORT...

RAPPORT : un rapport JSON (ozecheck --format json), ou un dossier, lu récursivement (ses
fichiers .json) ; « - » lit sur l'entrée standard une liste de fichiers ou dossiers, un par
ligne. Un fichier illisible devient une ligne d'erreur, sans arrêter la synthèse.

Options :
  --format html|csv|json  format de la synthèse (html par défaut ; csv pour un tableur)
  -o FICHIER              écrire la synthèse dans FICHIER (ni une entrée, ni dans un dossier lu)
  --lang fr|en            langue de la synthèse (par défaut : celle du système, sinon fr)
  --since DATE            ne garder que les rapports produits depuis DATE (2026-09-01)

Le même établissement (même UAI, sinon même nom) vu plusieurs fois : le rapport le plus
récent est retenu, et la ligne dit combien ont été lus. Un rapport daté de plus d'un jour
après la synthèse (horloge fausse) devient une ligne d'erreur, jamais retenu. La synthèse ne reprend aucune donnée
personnelle : ni message, ni preuve, ni commentaire, seulement les statuts.

Code de sortie : 0 aucun établissement non conforme, 1 au moins un, 2 fichier illisible
(la synthèse est écrite quand même) ou erreur d'usage.

Exemple :
  ozecheck summary --format html -o synthese.html rapports/
`,
		EN: `ozecheck summary gathers many schools' JSON reports into one table: one row per school
(its latest report), one column per step.

Usage: ozecheck summary [flags] REPORT...

REPORT: a JSON report (ozecheck --format json), or a folder, read recursively (its .json
files); "-" reads a list of files or folders from standard input, one per line. A file that
cannot be read becomes an error row; the summary goes on.

Flags:
  --format html|csv|json  summary format (default html; csv for a spreadsheet)
  -o FILE                 write the summary to FILE (neither an input, nor in a folder read)
  --lang fr|en            summary language (default: the system's, else fr)
  --since DATE            keep only reports generated since DATE (2026-09-01)

The same school (same UAI, else same name) seen several times: the latest report is kept,
and the row says how many were read. A report dated more than a day after the summary (a
wrong clock) becomes an error row, never kept. The summary carries no personal data: no message,
evidence or comment, only statuses.

Exit status: 0 no school fails, 1 at least one does, 2 unreadable file (the summary is
still written) or usage error.

Example:
  ozecheck summary --format html -o summary.html reports/
`,
	})

	usage = text("usage", checks.Text{
		FR: `ozecheck vérifie la délégation d'authentification de PRONOTE à oZe (CAS)
à partir d'exports de configuration, sans capture d'écran.

Usage : ozecheck [options] FICHIER...

FICHIER : InfoMobileApp.json, exports des identités de Client PRONOTE (CSV ou texte,
toute sorte d'encodage), fichier de réponses de la liste de contrôle du site. Le type
de chaque fichier est reconnu d'après son contenu ; « - » lit l'entrée standard.

Options :
  --mode hosted|onprem    mode d'installation ; sans lui, l'adresse de --fetch ou les
                          fichiers le décident, et le rapport dit comment ; à défaut,
                          seules les étapes qui n'en dépendent pas sont jugées
  --purge                 vérifier la purge des identifiants de l'ancien ENT
  --lang fr|en            langue du rapport (par défaut : celle du système, sinon fr)
  --format text|json|html format du rapport (text par défaut)
  -o FICHIER              écrire le rapport dans FICHIER
  --show-personal-data    afficher identifiants, noms et chemins (masqués par défaut)
  --user-type TYPE        type d'utilisateur des exports qui ne le disent pas
                          (` + userTypeIDs() + `)
  --fetch ADRESSE         télécharger InfoMobileApp.json depuis l'adresse de PRONOTE
                          (une seule requête, en lecture seule, https obligatoire)
  --insecure-http         accepter http:// pour --fetch (tests locaux seulement)
  --timeout DURÉE         délai maximal de --fetch (20s par défaut)
  --site ADRESSE          adresse du site des procédures, pour les liens du rapport
  --version               afficher la version

Code de sortie : 0 aucune étape non conforme, 1 au moins une, 2 erreur d'usage ou
fichier illisible.

Synthèse de nombreux rapports : ozecheck summary --help

Exemple (Windows, PowerShell) :
  .\ozecheck-windows-amd64.exe --format html -o rapport.html InfoMobileApp.json eleves.csv reponses.json
`,
		EN: `ozecheck checks PRONOTE's authentication delegation to oZe (CAS) from configuration
exports, without screenshots.

Usage: ozecheck [flags] FILE...

FILE: InfoMobileApp.json, identity exports from Client PRONOTE (CSV or text, any common
encoding), the answers file of the site's checklist. Each file's kind is recognised from
its content; "-" reads standard input.

Flags:
  --mode hosted|onprem    installation mode; without it, --fetch's address or the files
                          decide it, and the report says how; failing that, only the
                          steps that do not depend on it are judged
  --purge                 check the purge of the previous ENT's identifiers
  --lang fr|en            report language (default: the system's, else fr)
  --format text|json|html report format (default text)
  -o FILE                 write the report to FILE
  --show-personal-data    show identifiers, names and file paths (masked by default)
  --user-type TYPE        user type of exports that do not say
                          (` + userTypeIDs() + `)
  --fetch ADDRESS         download InfoMobileApp.json from PRONOTE's address
                          (one read-only request, https required)
  --insecure-http         allow http:// for --fetch (local tests only)
  --timeout DURATION      time limit of --fetch (default 20s)
  --site ADDRESS          address of the procedure site, for the report's links
  --version               print the version

Exit status: 0 no step failed, 1 at least one did, 2 usage error or unreadable file.

Summary of many reports: ozecheck summary --help

Example (Windows, PowerShell):
  .\ozecheck-windows-amd64.exe --lang en --format html -o report.html InfoMobileApp.json students.csv answers.json
`,
	})
)

// userTypeIDs lists the IDs of checks.UserTypes(), the words --user-type takes, for the help and
// the error that refuses an unknown type.
func userTypeIDs() string {
	types := checks.UserTypes()
	ids := make([]string, len(types))
	for i, t := range types {
		ids[i] = t.ID
	}
	return strings.Join(ids, ", ")
}
