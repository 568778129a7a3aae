package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
)

// Format is the version of the JSON report (and of Doc). A consumer that finds a larger
// number must not assume it understands the file. Format 2 says how the mode was decided
// (modeDecision), may have an undecided mode, and then results that belong to no procedure
// (no checklist, no url) or depend on the mode (dependsOnMode).
const Format = 2

// Kind identifies a JSON report.
const Kind = "pronote-oze-report"

// Meta is what the report says about the run itself.
type Meta struct {
	Version   string
	Generated time.Time
	Lang      checks.Lang
	// SiteURL is the procedure site's root; results link to their step there.
	SiteURL string
	// Fetched is the URL InfoMobileApp.json was fetched from, if it was.
	Fetched string
	// Support is who the site says to send reports to; zero tells where to find it (checks.FallbackContact).
	Support checks.Contact
}

// Doc is a report ready to write. Its JSON form is schema/report.schema.json.
type Doc struct {
	Format    int         `json:"format"`
	Kind      string      `json:"kind"`
	Checker   Checker     `json:"checker"`
	Generated time.Time   `json:"generated"`
	Lang      checks.Lang `json:"lang"`
	Profile   ENT         `json:"profile"`
	Mode      string      `json:"mode"`
	ModeLabel string      `json:"modeLabel"`
	// ModeDecision says what decided Mode, in the report's words.
	ModeDecision ModeDecision   `json:"modeDecision"`
	Purge        bool           `json:"purge"`
	School       string         `json:"school,omitempty"`
	Identity     *Identity      `json:"identity,omitempty"`
	Inputs       []Input        `json:"inputs"`
	Summary      map[string]int `json:"summary"`
	Failed       bool           `json:"failed"`
	Results      []Step         `json:"results"`
	SendTo       string         `json:"sendTo,omitempty"`
	Notes        []string       `json:"notes,omitempty"`

	// modeSaid and againstSaid are the mode's decision and the clues against it as each
	// surface says them: the text report, read in a terminal, names ozecheck's flags.
	modeSaid    checks.Said
	againstSaid []checks.Said
}

// ModeDecision is how the mode was decided ([checks.ModeDecision]), as the report writes it.
type ModeDecision struct {
	// By is the checks.ModeBasis: flag, address, espaces, answers, ticks, purge-only,
	// undecided.
	By string `json:"by"`
	// From is what decided it: the address, the espace's address, the answers file, the
	// flag's value.
	From     string `json:"from,omitempty"`
	Inferred bool   `json:"inferred,omitempty"`
	// Says is the sentence that says it; Against, one per clue that pointed to the other
	// mode.
	Says    string   `json:"says"`
	Against []string `json:"against,omitempty"`
}

// Undecided reports whether nothing decided the mode: only what does not depend on it was
// judged.
func (d *Doc) Undecided() bool { return d.ModeDecision.By == string(checks.Undecided) }

// Mark returns the sign of the step's origin (checks.Origin.Mark), empty for a step of the
// procedure itself.
func (s Step) Mark() string {
	for _, o := range checks.Origins() {
		if o.String() == s.Origin {
			return o.Mark()
		}
	}
	return ""
}

// Checker names the program that wrote the report (and, as summary.Checker, a summary).
type Checker struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// ENT is the profile checked against, as the report names it ([checks.Profile] is the
// profile itself).
type ENT struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	CASURL string `json:"casURL"`
}

// Input is one file (or URL) the checker read.
type Input struct {
	File   string `json:"file"`
	Kind   string `json:"kind"`
	SHA256 string `json:"sha256"`
	Detail string `json:"detail,omitempty"`
}

// Step is one item's verdict as the report writes it, in the report's language
// ([checks.Result] is the verdict itself).
type Step struct {
	ID string `json:"id"`
	// Checklist and URL are the procedure the step belongs to and its place there; empty for
	// a step judged while the mode is undecided, which belongs to neither mode's procedure.
	Checklist   string `json:"checklist,omitempty"`
	Title       string `json:"title"`
	Status      string `json:"status"`
	StatusLabel string `json:"statusLabel"`
	Message     string `json:"message"`
	Evidence    string `json:"evidence,omitempty"`
	URL         string `json:"url,omitempty"`
	Comment     string `json:"comment,omitempty"`
	// DependsOnMode is set on a step not judged because the mode is undecided.
	DependsOnMode bool `json:"dependsOnMode,omitempty"`
	// Fingerprint is the item's wording fingerprint (checks.Item.Fingerprint): the site
	// shows a verdict beside its step only while the step reads the same.
	Fingerprint string `json:"fingerprint"`
	// Origin is where the step comes from in the checked mode (checks.Origin's name).
	Origin string `json:"origin,omitempty"`
	// Help, for a step that fails, errs or warns, is its procedure's "If it does not work"
	// section on the site.
	Help string `json:"help,omitempty"`
	// State is what the step is (checks.StepState), from the answers file's tick and value
	// and the exports' verdict, as the site's pages derive it; Ticked says the answers file
	// ticks it. Both absent for a step outside what was checked.
	State  string `json:"state,omitempty"`
	Ticked bool   `json:"ticked,omitempty"`
}

// TickedBut returns, for a step the answers file ticks but its state contradicts or puts in
// doubt, the line that says so in lang; "" otherwise.
func (s Step) TickedBut(l checks.Lang) string {
	st := checks.StepState(s.State)
	if !s.Ticked || st != checks.StateContradicted && st != checks.StateAttention {
		return ""
	}
	return fmt.Sprintf(words.TickedBut.In(l), st.Label().In(l))
}

// New builds the document of rep in meta.Lang.
func New(rep *checks.Report, ev *checks.Evidence, meta Meta) *Doc {
	l := meta.Lang
	d := &Doc{
		Format:    Format,
		Kind:      Kind,
		Checker:   Checker{Name: "ozecheck", Version: meta.Version},
		Generated: meta.Generated.UTC().Truncate(time.Second),
		Lang:      l,
		Profile:   ENT{ID: rep.Profile.ID, Name: rep.Profile.Name, CASURL: rep.Profile.CASURL},
		Mode:      rep.Mode.String(),
		ModeLabel: rep.Mode.Label().In(l),
		Purge:     rep.Purge,
		Summary:   map[string]int{},
		Failed:    rep.Failed(),
		SendTo:    sendTo(meta.Support, l),
	}
	if rep.Mode == checks.AnyMode {
		d.ModeLabel = words.PurgeOnly.In(l)
	}
	dec := rep.Decision
	d.modeSaid = dec.Said()
	d.ModeDecision = ModeDecision{By: string(dec.By), From: dec.From, Inferred: dec.Inferred, Says: d.modeSaid.In(checks.InReport, l)}
	for _, a := range dec.AgainstSaid() {
		d.againstSaid = append(d.againstSaid, a)
		d.ModeDecision.Against = append(d.ModeDecision.Against, a.In(checks.InReport, l))
	}
	if ev.Info != nil {
		d.School = ev.Info.School
		src := ev.Info.Source
		if meta.Fetched != "" {
			src = meta.Fetched
		}
		detail := words.InputInfo.In(l)
		switch {
		case len(ev.Info.Version) > 0:
			detail += fmt.Sprintf(" · PRONOTE %d", ev.Info.Version[0])
		case ev.Info.VersionUnread != "":
			detail += " · " + fmt.Sprintf(words.VersionUnread.In(l), ev.Info.VersionUnread)
		}
		d.Inputs = append(d.Inputs, Input{File: src, Kind: "infomobileapp", SHA256: ev.Info.SHA256, Detail: detail})
	}
	d.Identity = identity(ev, meta.Fetched)
	if d.Identity != nil {
		for _, f := range d.Identity.Disagree {
			d.Notes = append(d.Notes, d.Identity.disagreement(f, l))
		}
	}
	for _, il := range ev.Identities {
		t := il.UserType
		for _, ut := range checks.UserTypes() {
			if ut.ID == il.UserType {
				t = ut.Name.In(l)
			}
		}
		if t == "" {
			t = words.UnknownType.In(l)
		}
		d.Inputs = append(d.Inputs, Input{File: il.Source, Kind: "identities", SHA256: il.SHA256,
			Detail: words.InputIdentities.Sprintf(t, checks.NounRow.N(il.Rows), checks.NounIdentifier.N(il.Filled()), il.Encoding, sepName(il.Separator)).In(l)})
	}
	if a := ev.Answers; a != nil {
		d.Inputs = append(d.Inputs, Input{File: a.Source, Kind: "answers", SHA256: a.SHA256,
			Detail: words.InputAnswers.Sprintf(len(a.Items)).In(l)})
		if len(a.Ignored) > 0 {
			d.Notes = append(d.Notes, words.Ignored.Sprintf(firstListed(a.Ignored)).In(l))
		}
		if unused := unusedAnswers(rep, a); len(unused) > 0 {
			note := words.Unused
			if rep.Decision.By == checks.Undecided {
				note = words.UnusedUndecided
			}
			d.Notes = append(d.Notes, note.Sprintf(strings.Join(unused, ", ")).In(l))
		}
	}
	for _, w := range ev.Warnings {
		at := w.Source
		if w.Line > 0 {
			at += fmt.Sprintf(":%d", w.Line)
		}
		d.Notes = append(d.Notes, at+l.Colon()+w.Msg.In(l))
	}
	for _, s := range checks.Statuses() {
		d.Summary[string(s)] = rep.Count(s)
	}
	for _, r := range rep.Results {
		d.Results = append(d.Results, step(r, meta.SiteURL, l))
	}
	return d
}

// step writes one result. A result of no procedure (the mode undecided) links to no step,
// and, when it needs help, to the help page as a whole: each procedure's section there is
// of one mode.
func step(r checks.Result, site string, l checks.Lang) Step {
	s := Step{
		ID:            r.Item.ID,
		Title:         r.Item.Title.In(l),
		Status:        string(r.Status),
		StatusLabel:   r.Status.Label().In(l),
		Message:       r.Message.In(l),
		Evidence:      r.Evidence,
		Comment:       r.Comment,
		DependsOnMode: r.DependsOnMode,
		Fingerprint:   r.Item.Fingerprint(),
		State:         string(r.State),
		Ticked:        r.Ticked,
	}
	needsHelp := r.Status == checks.Fail || r.Status == checks.Error || r.Status == checks.Warn
	if cl := r.Checklist; cl != nil {
		s.Checklist, s.URL = cl.ID, cl.StepURL(site, l, r.Item.ID)
		s.Origin = r.Item.OriginIn(cl.Modes).String()
		if needsHelp && len(cl.Troubles) > 0 {
			s.Help = cl.HelpURL(site, l)
		}
		return s
	}
	s.Origin = r.Item.OriginIn(r.Item.Modes).String()
	if needsHelp {
		s.Help = strings.TrimSuffix(site, "/") + "/" + string(l) + "/" + checks.HelpSlug().In(l) + "/"
	}
	return s
}

// unusedAnswers lists the items a answers that the report does not judge: known to the
// catalog, but not part of the mode or procedures checked (an answers file of the hosted
// checklist checked as on-premises).
func unusedAnswers(rep *checks.Report, a *checks.Answers) []string {
	judged := map[string]bool{}
	for _, r := range rep.Results {
		if r.Status != checks.NotApplicable {
			judged[r.Item.ID] = true
		}
	}
	var ids []string
	for id := range a.Items {
		if !judged[id] {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// maxListed is how many of the IDs of a long list a note names: an answers file may hold
// any number of answers to steps this version does not have.
const maxListed = 10

// firstListed returns the first maxListed of ids, and how many more there are, if any
// (« u0, u1, …, u9, … et 299990 autres »).
func firstListed(ids []string) checks.Text {
	if len(ids) <= maxListed {
		list := strings.Join(ids, ", ")
		return checks.Text{FR: list, EN: list}
	}
	return words.ListedMore.Sprintf(strings.Join(ids[:maxListed], ", "), checks.NounMore.N(len(ids)-maxListed))
}

// sendTo returns who to send the report to: the contact given, as it is (an address ends
// it, which a full stop would seem part of), or, with none, the sentence saying so, with
// its full stop.
func sendTo(c checks.Contact, l checks.Lang) string {
	if s := c.Line(l); !c.IsZero() || s == "" || strings.HasSuffix(s, ".") {
		return s
	}
	return c.Line(l) + "."
}

// sepName names a column separator as its reader calls it.
func sepName(r rune) checks.Text {
	switch r {
	case '\t':
		return checks.Text{FR: "tabulation", EN: "tab"}
	case 0:
		return checks.Text{FR: "?", EN: "?"}
	}
	return checks.Text{FR: string(r), EN: string(r)}
}

// Wording is the report's own words, one named field each, so that a mistyped name does not
// compile; both sides are required (a test checks).
type Wording struct {
	Title           checks.Text
	School          checks.Text
	Mode            checks.Text
	Profile         checks.Text
	Generated       checks.Text
	Checker         checks.Text
	Inputs          checks.Text
	NoInputs        checks.Text
	Summary         checks.Text
	Results         checks.Text
	ToFix           checks.Text
	NotApplicable   checks.Text
	Evidence        checks.Text
	Step            checks.Text
	Comment         checks.Text
	VerdictFail     checks.Text
	VerdictOK       checks.Text
	Legend          checks.Text
	InputInfo       checks.Text
	PurgeOnly       checks.Text
	VersionUnread   checks.Text
	InputIdentities checks.Text
	InputAnswers    checks.Text
	UnknownType     checks.Text
	Ignored         checks.Text
	ListedMore      checks.Text
	Unused          checks.Text
	UnusedUndecided checks.Text
	DependsOnMode   checks.Text
	PurgeChecked    checks.Text
	SHA256          checks.Text
	UAI             checks.Text
	FromInfo        checks.Text
	FromAnswers     checks.Text
	NamesDiffer     checks.Text
	UAIsDiffer      checks.Text
	IdentityWarn    checks.Text
	SendTo          checks.Text
	Help            checks.Text
	Marks           checks.Text
	TickedBut       checks.Text
}

// Words returns the report's own words.
func Words() Wording { return words }

var words = Wording{
	Title:           checks.Text{FR: "Vérification de la délégation CAS PRONOTE → %s", EN: "PRONOTE → %s CAS delegation check"},
	School:          checks.LabelSchool(),
	Mode:            checks.Text{FR: "Mode", EN: "Mode"},
	Profile:         checks.Text{FR: "ENT", EN: "ENT"},
	Generated:       checks.Text{FR: "Produit le", EN: "Generated on"},
	Checker:         checks.Text{FR: "Vérificateur", EN: "Checker"},
	Inputs:          checks.Text{FR: "Fichiers examinés", EN: "Files examined"},
	NoInputs:        checks.Text{FR: "Aucun fichier : seules les étapes sans preuve possible sont listées.", EN: "No file: only steps that no evidence can prove are listed."},
	Summary:         checks.Text{FR: "Résumé", EN: "Summary"},
	Results:         checks.Text{FR: "Étapes", EN: "Steps"},
	ToFix:           checks.Text{FR: "À corriger ou à vérifier", EN: "To fix or to check"},
	NotApplicable:   checks.Text{FR: "Étapes sans objet", EN: "Steps not applicable"},
	Evidence:        checks.Text{FR: "preuve", EN: "evidence"},
	Step:            checks.Text{FR: "étape", EN: "step"},
	Comment:         checks.Text{FR: "commentaire", EN: "comment"},
	VerdictFail:     checks.Text{FR: "Au moins une étape est non conforme : corrigez-la avant d'envoyer ce rapport.", EN: "At least one step fails: fix it before sending this report."},
	VerdictOK:       checks.Text{FR: "Aucune étape non conforme.", EN: "No step fails."},
	Legend:          checks.Text{FR: "Signification des statuts", EN: "What the statuses mean"},
	InputInfo:       checks.Text{FR: "publication PRONOTE.net", EN: "PRONOTE.net publication"},
	PurgeOnly:       checks.Text{FR: "changement d'ENT seul (tous modes)", EN: "change of ENT only (any mode)"},
	VersionUnread:   checks.Text{FR: "« version » non comprise : %q", EN: "\"version\" not understood: %q"},
	InputIdentities: checks.Text{FR: "export des identités — %s, %s, %s, %s, séparateur %s", EN: "identity export — %s, %s, %s, %s, separator %s"},
	InputAnswers:    checks.Text{FR: "vos réponses — %d étapes", EN: "your answers — %d steps"},
	UnknownType:     checks.Text{FR: "type d'utilisateur inconnu", EN: "unknown user type"},
	Ignored:         checks.Text{FR: "Réponses ignorées (étapes absentes de cette version) : %s", EN: "Answers ignored (steps not in this version): %s"},
	ListedMore:      checks.Text{FR: "%s, … et %s", EN: "%s, … and %s"},
	Unused:          checks.Text{FR: "Réponses non lues (étapes sans objet dans le mode ou la procédure vérifiés) : %s", EN: "Answers not read (steps not part of the mode or procedure checked): %s"},
	UnusedUndecided: checks.Text{FR: "Réponses non lues, le mode n'étant pas décidé (une réponse vient de la page d'un mode) : %s", EN: "Answers not read, the mode being undecided (an answer comes from one mode's page): %s"},
	DependsOnMode:   checks.Text{FR: "Étapes qui dépendent du mode, non jugées", EN: "Steps that depend on the mode, not judged"},
	PurgeChecked:    checks.Text{FR: "purge vérifiée", EN: "purge checked"},
	SHA256:          checks.Text{FR: "SHA-256", EN: "SHA-256"},
	UAI:             checks.Text{FR: "UAI", EN: "UAI"},
	FromInfo:        checks.Text{FR: "InfoMobileApp.json", EN: "InfoMobileApp.json"},
	FromAnswers:     checks.Text{FR: "réponses de la liste de contrôle", EN: "checklist answers"},
	NamesDiffer:     checks.Text{FR: "Le nom de l'établissement diffère selon la source : %s.", EN: "The school's name differs between sources: %s."},
	UAIsDiffer:      checks.Text{FR: "L'UAI diffère selon la source : %s.", EN: "The UAI differs between sources: %s."},
	IdentityWarn:    checks.Text{FR: "Avertissement : les fichiers ne nomment pas le même établissement ; vérifiez qu'ils viennent tous du même.", EN: "Warning: the files do not name the same school; check that they all come from the same one."},
	SendTo:          checks.LabelSendTo(),
	Help:            checks.LabelTroubleshooting(),
	Marks:           checks.Text{FR: "Origine des étapes", EN: "Where the steps come from"},
	TickedBut:       checks.Text{FR: "Cochée dans la liste de contrôle, mais %s.", EN: "Ticked in the checklist, but %s."},
}

// The report's sentences that each surface says its own way (checks.Said): the text report
// names ozecheck's flags; the HTML report, made the same by the command and the browser,
// does not.
var (
	saidMasked = checks.Said{
		CLI:    checks.Text{FR: "Les données personnelles (identifiants, noms, chemins des fichiers) sont masquées ; --show-personal-data les affiche.", EN: "Personal data (identifiers, names, file paths) is masked; --show-personal-data shows it."},
		Page:   checks.Text{FR: "Les données personnelles (identifiants, noms, chemins des fichiers) sont masquées.", EN: "Personal data (identifiers, names, file paths) is masked."},
		Report: checks.Text{FR: "Les données personnelles (identifiants, noms, chemins des fichiers) sont masquées.", EN: "Personal data (identifiers, names, file paths) is masked."},
	}
	saidShown = checks.Said{
		CLI:    checks.Text{FR: "Attention : ce rapport affiche des données personnelles (--show-personal-data).", EN: "Warning: this report shows personal data (--show-personal-data)."},
		Page:   checks.Text{FR: "Attention : ce rapport affiche des données personnelles.", EN: "Warning: this report shows personal data."},
		Report: checks.Text{FR: "Attention : ce rapport affiche des données personnelles (identifiants, noms, chemins des fichiers).", EN: "Warning: this report shows personal data (identifiers, names, file paths)."},
	}
	saidVerdictUndecided = checks.Said{
		CLI: checks.Text{
			FR: "Aucune étape non conforme parmi celles jugées, mais le mode n'est pas décidé : ajoutez --mode hosted ou --mode onprem pour juger les autres.",
			EN: "No step judged fails, but the mode is not decided: add --mode hosted or --mode onprem to judge the others.",
		},
		Page: checks.Text{
			FR: "Aucune étape non conforme parmi celles jugées, mais le mode n'est pas décidé : répondez à la question ci-dessus pour juger les autres.",
			EN: "No step judged fails, but the mode is not decided: answer the question above to judge the others.",
		},
		Report: checks.Text{
			FR: "Aucune étape non conforme parmi celles jugées, mais le mode n'était pas décidé : les étapes qui en dépendent ne sont pas jugées.",
			EN: "No step judged fails, but the mode was not decided: the steps that depend on it are not judged.",
		},
	}
)

// SaidTable returns the report's messages said differently by each surface, by name, for
// the tests of each surface (with checks.SaidTable).
func SaidTable() map[string]checks.Said {
	return map[string]checks.Said{"ReportMasked": saidMasked, "ReportShown": saidShown, "ReportVerdictUndecided": saidVerdictUndecided}
}

// SaidVerdictUndecided is the verdict of a report whose mode is undecided and that nothing
// failed, on each surface.
func SaidVerdictUndecided() checks.Said { return saidVerdictUndecided }
