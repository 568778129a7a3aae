// Package theme holds the site's templates, stylesheet and scripts, embedded so that the
// sitegen binary carries everything it needs, and the theme's own strings in both languages.
//
// Templates are parsed once per build ([Parse]); a template that names an unknown string
// fails the build instead of printing an empty label. The site parses them once per language
// ([ParseFor]), with the theme's strings of the language written into them as text: a theme
// author writes {{t .Lang "key"}} as ever, and no page pays for it.
package theme

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"regexp"
	"strings"

	"github.com/hds-oze/pronote-oze/checks"
)

// Embedded holds the theme compiled into the binary: templates/ and assets/. "sitegen
// serve" reads the theme/ folder from disk instead, when there is one, so that an edit shows
// without recompiling.
//
//go:embed templates/*.html assets
var Embedded embed.FS

// The fonts of the PDF checklists: DejaVu Sans, which covers French (and ☐, ✓), under the
// licence in fonts/LICENSE.
//
//go:embed fonts/DejaVuSans.ttf
var FontRegular []byte

//go:embed fonts/DejaVuSans-Bold.ttf
var FontBold []byte

// Assets returns the files of theme fsys copied as they are under public/assets/.
func Assets(fsys fs.FS) fs.FS {
	sub, err := fs.Sub(fsys, "assets")
	if err != nil {
		panic(err) // fs.Sub fails only on an invalid name
	}
	return sub
}

// Words returns the theme's user-facing words, by key, as templates name them ({{t "skip"}}).
// Both sides are required, and every key a template names must be here (tests check).
func Words() map[string]checks.Text { return maps.Clone(words) }

var words = map[string]checks.Text{
	"skip":            {FR: "Aller au contenu", EN: "Skip to content"},
	"nav":             {FR: "Procédures", EN: "Procedures"},
	"otherLang":       {FR: "English", EN: "Français"},
	"otherLangHint":   {FR: "Read this page in English", EN: "Lire cette page en français"},
	"where":           checks.LabelWhere(),
	"expect":          checks.LabelExpect(),
	"proof":           checks.LabelProof(),
	"see":             checks.LabelSee(),
	"pageURL":         {FR: "Adresse de cette page :", EN: "Address of this page:"},
	"siteFooter":      {FR: "Site statique, sans cookie ni requête vers un autre site. Vos coches restent dans votre navigateur.", EN: "Static site, no cookies, no request to any other site. Your ticks stay in your browser."},
	"chooseLang":      {FR: "Choisissez votre langue", EN: "Choose your language"},
	"notFound":        {FR: "Page introuvable", EN: "Page not found"},
	"notFoundText":    {FR: "Cette adresse ne correspond à aucune page du site.", EN: "This address matches no page of the site."},
	"home":            {FR: "Accueil", EN: "Home"},
	"printPDF":        {FR: "Imprimer la liste de contrôle (PDF)", EN: "Print the checklist (PDF)"},
	"jsReset":         {FR: "Réinitialiser cette liste de contrôle", EN: "Reset this checklist"},
	"jsConfirm":       {FR: "Effacer coches, valeurs, commentaires et verdicts de cette liste, dans ce navigateur ?", EN: "Clear this checklist's ticks, values, comments and verdicts in this browser?"},
	"jsTickedBut":     {FR: "Cochée, mais %s", EN: "Ticked, but %s"},
	"jsByValue":       {FR: "valeur relevée", EN: "value noted"},
	"jsByChecker":     {FR: "vérificateur, %s", EN: "checker, %s"},
	"jsByCheckerTick": {FR: "vous ne l'avez pas cochée", EN: "you have not ticked it"},
	"jsStale":         {FR: "Vous avez modifié l'étape depuis : vérifiez de nouveau.", EN: "You changed the step since: check again."},
	"jsLine":          {FR: "%s (%s) : %s", EN: "%s (%s): %s"},
	"jsDateLocale":    {FR: "fr-FR", EN: "en-GB"},
	"jsDownload":      {FR: "Télécharger mes réponses", EN: "Download my answers"},
	"jsComment":       {FR: "Commentaire", EN: "Comment"},
	"jsFile":          {FR: "reponses", EN: "answers"},
	"status":          {FR: "Statut", EN: "Status"},
	"marks":           {FR: "Origine :", EN: "Origin:"},
	"sources":         checks.LabelSources(),
	"allSources":      {FR: "Toutes les sources", EN: "All sources"},
	"backToSteps":     {FR: "Revenir aux étapes de la procédure", EN: "Back to the procedure's steps"},
	"troubleshooting": checks.LabelTroubleshooting(),
	"rollback":        checks.LabelRollback(),
	"rollbackIntro":   checks.IntroRollback(),
	"revisit":         checks.LabelRevisit(),
	"meaning":         {FR: "Signification", EN: "Meaning"},
	"platform":        {FR: "Système", EN: "System"},
	"file":            {FR: "Fichier", EN: "File"},
	"jsDownloaded":    {FR: "Fichier « %s » enregistré dans vos téléchargements : donnez-le au vérificateur avec vos exports.", EN: "File \"%s\" saved in your downloads: give it to the checker with your exports."},
	"jsCopy":          {FR: "Copier", EN: "Copy"},
	"jsCopied":        {FR: "Copié", EN: "Copied"},
	"jsSelected":      {FR: "Sélectionné : Ctrl+C pour copier", EN: "Selected: Ctrl+C to copy"},
	"scope":           {FR: "Vos coches, valeurs et commentaires restent dans ce navigateur et ne valent que pour cette procédure, en français comme en anglais : une étape commune à une autre procédure s'y coche à part.", EN: "Your ticks, values and comments stay in this browser and belong to this procedure only, in English and in French: a step shared with another procedure is ticked there separately."},
	"steps":           {FR: "Les étapes", EN: "The steps"},
	"prev":            {FR: "Précédent", EN: "Previous"},
	"next":            {FR: "Suivant", EN: "Next"},
	"pager":           {FR: "Page précédente et suivante", EN: "Previous and next page"},
	"updated":         {FR: "Mis à jour le", EN: "Last updated"},
	"search":          {FR: "Rechercher", EN: "Search"},
	"searchHint":      {FR: "ex. : élèves, net.cas-url", EN: "e.g. students, net.cas-url"},
	"searchNone":      {FR: "Aucun résultat", EN: "No results"},
	"searchOne":       searchResult.For(1),
	"searchMany":      searchResult.For(2),
	"wcNoJS":          {FR: "La vérification dans le navigateur demande JavaScript. Sans lui, téléchargez le vérificateur ci-dessous : il fait la même vérification.", EN: "Checking in the browser needs JavaScript. Without it, download the checker below: it makes the same check."},
	"wcNotBuilt":      {FR: "Le vérificateur du navigateur ne fait pas partie de cette construction du site. Utilisez le vérificateur téléchargé.", EN: "The browser checker is not part of this build of the site. Use the downloaded checker."},
	"wcDrop":          {FR: "Déposez ici InfoMobileApp.json, vos exports des identités, votre fichier de réponses ou un rapport JSON d'ozecheck. Ils sont lus dans ce navigateur et n'en sortent pas.", EN: "Drop InfoMobileApp.json, your identity exports, your answers file or an ozecheck JSON report here. They are read in this browser and never leave it."},
	"wcPick":          {FR: "Ou choisissez les fichiers :", EN: "Or choose the files:"},
	"wcDropTouch":     {FR: "Donnez ici InfoMobileApp.json, vos exports des identités, votre fichier de réponses ou un rapport JSON d'ozecheck. Ils sont lus dans ce navigateur et n'en sortent pas.", EN: "Give InfoMobileApp.json, your identity exports, your answers file or an ozecheck JSON report here. They are read in this browser and never leave it."},
	"wcPickTouch":     {FR: "Choisissez les fichiers :", EN: "Choose the files:"},
	"wcSize":          {FR: "Le vérificateur (%s) se charge au premier fichier déposé.", EN: "The checker (%s) loads with the first file dropped."},
	"wcOptions":       {FR: "Options", EN: "Options"},
	"wcMode":          {FR: "Mode :", EN: "Mode:"},
	"wcModeAuto":      {FR: "non choisi (déduit, sinon demandé)", EN: "not chosen (worked out, else asked)"},
	"wcPurge":         {FR: "Vérifier la purge des identifiants de l'ancien ENT", EN: "Check the purge of the previous ENT's identifiers"},
	"wcAnswers":       {FR: "Utiliser les réponses cochées dans ce navigateur, sur les pages des procédures (les dernières le %s)", EN: "Use the answers ticked in this browser, on the procedure pages (the latest on %s)"},
	"wcAnswersNoDate": {FR: "Utiliser les réponses cochées dans ce navigateur, sur les pages des procédures", EN: "Use the answers ticked in this browser, on the procedure pages"},
	"wcAnswersUse":    {FR: "Utiliser les réponses cochées dans ce navigateur, sur les pages des procédures, comme fichier de réponses", EN: "Use the answers ticked in this browser, on the procedure pages, as the answers file"},
	"wcNoAnswers":     {FR: "Aucune réponse cochée dans ce navigateur pour l'instant : cochez les étapes sur les pages des procédures.", EN: "No answer ticked in this browser yet: tick the steps on the procedure pages."},
	"wcAnswersFile":   {FR: "vos réponses dans ce navigateur", EN: "your answers in this browser"},
	"wcLoading":       {FR: "Chargement du vérificateur : %d %", EN: "Loading the checker: %d%"},
	"wcLoadFailed":    {FR: "Le vérificateur n'a pas pu se charger (%s). Utilisez le vérificateur téléchargé.", EN: "The checker could not load (%s). Use the downloaded checker."},
	"wcReading":       {FR: "Lecture des fichiers : %d %", EN: "Reading the files: %d%"},
	"wcHTML":          {FR: "Télécharger le rapport HTML", EN: "Download the HTML report"},
	"wcJSON":          {FR: "Télécharger le rapport JSON", EN: "Download the JSON report"},
	"wcClear":         {FR: "Retirer les fichiers", EN: "Remove the files"},
	"wcImported":      {FR: "Rapport d'ozecheck %s du %s importé : ses verdicts s'affichent à côté des étapes.", EN: "Report of ozecheck %s, of %s, imported: its verdicts show beside the steps."},
	"wcEvidence":      {FR: "Preuve", EN: "Evidence"},
	"wcVerdictFail":   {FR: "Au moins une étape est non conforme : corrigez-la avant d'envoyer le rapport.", EN: "At least one step fails: fix it before sending the report."},
	"wcVerdictOK":     {FR: "Aucune étape non conforme.", EN: "No step fails."},
	"wcUndecided":     {FR: "Aucune étape non conforme parmi celles jugées, mais le mode n'était pas décidé quand ce rapport a été fait : les étapes qui en dépendent n'y sont pas jugées.", EN: "No step judged fails, but the mode was not decided when this report was made: the steps that depend on it are not judged there."},
	"wcAsk":           {FR: "Votre PRONOTE est-il hébergé par Index Education ?", EN: "Is your PRONOTE hosted by Index Education?"},
	"wcAskHosted":     {FR: "Oui : mode hébergé (console d'hébergement)", EN: "Yes: hosted mode (hosting console)"},
	"wcAskOnPrem":     {FR: "Non : mode non hébergé (installé dans l'établissement)", EN: "No: on-premises mode (installed at the school)"},
	"wcReportFile":    {FR: "rapport", EN: "report"},
	"wcAddrLabel":     {FR: "Adresse de votre PRONOTE :", EN: "Your PRONOTE address:"},
	"wcAddrOpen":      {FR: "Ouvrez ce lien puis enregistrez la page (Ctrl+S) sous le nom InfoMobileApp.json :", EN: "Open this link, then save the page (Ctrl+S) as InfoMobileApp.json:"},
	"wcAddrHTTPS":     {FR: "L'adresse doit commencer par https:// (PRONOTE.net est servi en https).", EN: "The address must start with https:// (PRONOTE.net is served over https)."},
	"wcAddrHost":      {FR: "Ce n'est pas une adresse complète : attendu par exemple https://0920000a.index-education.net/pronote/", EN: "This is not a full address: expected for instance https://0920000a.index-education.net/pronote/"},
	"wcAddrRoot":      {FR: "C'est une page de PRONOTE, pas sa racine : gardez l'adresse jusqu'à /pronote/ (par exemple https://0920000a.index-education.net/pronote/).", EN: "This is a page of PRONOTE, not its root: keep the address up to /pronote/ (for instance https://0920000a.index-education.net/pronote/)."},
	"wcAddrVendor":    {FR: "C'est le site d'Index Education, pas votre PRONOTE : donnez l'adresse de votre établissement, qui se termine par /pronote/.", EN: "This is Index Education's website, not your PRONOTE: give your school's address, ending in /pronote/."},
	"noDownloads":     {FR: "Les exécutables du vérificateur ne font pas partie de cette construction du site : « make site » les produit.", EN: "The checker's executables are not part of this build of the site: \"make site\" produces them."},
}

// searchResult is what the search box counts: the box writes the count before the phrase
// agreeing with it (one result says searchOne, more say searchMany, none says searchNone).
var searchResult = checks.Noun{One: checks.Text{FR: "résultat", EN: "result"}, Many: checks.Text{FR: "résultats", EN: "results"}}

// Copyable reports whether an expected value is one the admin types as it is, and gets a copy
// button: an address with no part to replace ("https://<UAI>…" has one).
func Copyable(v string) bool {
	return strings.HasPrefix(v, "https://") && !strings.ContainsAny(v, " <>")
}

// BreakURL returns text s for HTML with every address in it cut into unbreakable pieces that
// each end with a slash: a narrow screen or a printout breaks the line only after a slash,
// never inside a word or at one of its hyphens (text copied from a printout would lose a
// hyphen that ended a line). The rest of s is only escaped.
func BreakURL(s string) template.HTML {
	if !strings.Contains(s, "http") { // no address: most of the texts of a checklist's steps
		return template.HTML(template.HTMLEscapeString(s))
	}
	var b strings.Builder
	last := 0
	for _, m := range addressRE.FindAllStringIndex(s, -1) {
		b.WriteString(template.HTMLEscapeString(s[last:m[0]]))
		writeAddress(&b, s[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(s[last:]))
	return template.HTML(b.String())
}

// addressRE matches an address in text: up to a space, or a space inside <…> (a part the
// reader replaces, "<adresse de votre PRONOTE.net>").
var addressRE = regexp.MustCompile(`https?://(?:<[^>]*>|[^\s<])+`)

func writeAddress(b *strings.Builder, s string) {
	scheme := strings.Index(s, "://") + 3
	var pieces []string
	from := scheme
	for i := from; i < len(s); i++ {
		if s[i] == '/' {
			pieces = append(pieces, s[from:i+1])
			from = i + 1
		}
	}
	if from < len(s) {
		pieces = append(pieces, s[from:])
	}
	if len(pieces) == 0 {
		pieces = []string{""}
	}
	pieces[0] = s[:scheme] + pieces[0]
	for i, p := range pieces {
		if i > 0 {
			b.WriteString("<wbr>")
		}
		for j, w := range strings.Split(p, " ") { // a placeholder's words may wrap
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(`<span class="nw">` + template.HTMLEscapeString(w) + `</span>`)
		}
	}
}

// T returns the theme string key in lang, or an error naming the missing key.
func T(lang checks.Lang, key string) (string, error) {
	t, ok := words[key]
	if !ok {
		return "", fmt.Errorf("theme: no string %q", key)
	}
	return t.In(lang), nil
}

// Parse parses the templates of theme fsys with funcs added to the theme's own ("t", "in",
// "colon": what ends a label in a language, see checks.Lang.Colon).
func Parse(fsys fs.FS, funcs template.FuncMap) (*template.Template, error) {
	all := template.FuncMap{
		"t":        T,
		"in":       func(t checks.Text, l checks.Lang) string { return t.In(l) },
		"colon":    checks.Lang.Colon,
		"copyable": Copyable,
		"breakurl": BreakURL,
	}
	for k, v := range funcs {
		all[k] = v
	}
	return template.New("theme").Funcs(all).ParseFS(fsys, "templates/*.html")
}
