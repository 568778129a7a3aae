package checks

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Status is the verdict on one item.
type Status string

// The statuses an item can get; their names are part of the report's JSON schema.
const (
	Pass          Status = "pass"           // evidence proves the step
	Fail          Status = "fail"           // evidence shows the step is wrong
	Warn          Status = "warn"           // works, but departs from the profile's policy
	Answered      Status = "answered"       // the admin said it is done
	Unanswered    Status = "unanswered"     // only the admin can say, and did not
	NotApplicable Status = "not-applicable" // not part of the checked mode or procedure
	NoEvidence    Status = "no-evidence"    // nothing given lets the checker judge it
	Error         Status = "error"          // the evidence was there but unusable
)

// Statuses returns every status, worst first: the order of report summaries.
func Statuses() []Status {
	return []Status{Fail, Error, Warn, NoEvidence, Unanswered, Answered, Pass, NotApplicable}
}

// Label returns the status as a report shows it.
func (s Status) Label() Text {
	switch s {
	case Pass:
		return Text{FR: "conforme", EN: "pass"}
	case Fail:
		return Text{FR: "non conforme", EN: "fail"}
	case Warn:
		return Text{FR: "à vérifier", EN: "warning"}
	case Answered:
		return Text{FR: "déclaré fait", EN: "answered"}
	case Unanswered:
		return Text{FR: "sans réponse", EN: "unanswered"}
	case NotApplicable:
		return Text{FR: "sans objet", EN: "not applicable"}
	case NoEvidence:
		return Text{FR: "sans preuve", EN: "no evidence"}
	case Error:
		return Text{FR: "erreur", EN: "error"}
	}
	return Text{FR: string(s), EN: string(s)}
}

// Count returns n and the status's label agreeing with n (« 2 non conformes », "2 errors"),
// for a report's summary.
func (s Status) Count(n int) Text {
	return s.noun().N(n)
}

// CountLabel returns the label alone, agreeing with n, for a summary that shows the number
// apart.
func (s Status) CountLabel(n int) Text {
	return s.noun().For(n)
}

func (s Status) noun() Noun {
	one := s.Label()
	many := one
	switch s {
	case Pass:
		many.FR = "conformes"
	case Fail:
		many.FR = "non conformes"
	case Answered:
		many.FR = "déclarés faits"
	case Warn:
		many.EN = "warnings"
	case Error:
		many.FR, many.EN = "erreurs", "errors"
	}
	return Noun{One: one, Many: many}
}

// Meaning explains the status, for the site's checker page and the report's legend.
func (s Status) Meaning() Text {
	switch s {
	case Pass:
		return Text{FR: "Un export prouve que l'étape est faite comme il faut.", EN: "An export proves the step is done right."}
	case Fail:
		return Text{FR: "Un export montre que l'étape est mal faite : le message dit quoi corriger.", EN: "An export shows the step is wrong: the message says what to fix."}
	case Warn:
		return Text{FR: "Pas une erreur certaine, mais un écart à l'usage recommandé : vérifiez que c'est voulu.", EN: "Not a certain error, but a departure from the recommended practice: make sure it is intended."}
	case Answered:
		return Text{FR: "Aucun export ne le montre ; vous avez coché l'étape dans la liste de contrôle du site.", EN: "No export shows it; you ticked the step on the site's checklist."}
	case Unanswered:
		return Text{FR: "Seule une personne peut le confirmer, et l'étape n'est pas cochée.", EN: "Only a person can confirm it, and the step is not ticked."}
	case NotApplicable:
		return Text{FR: "L'étape ne concerne pas le mode ou la procédure vérifiés.", EN: "The step is not part of the mode or procedure checked."}
	case NoEvidence:
		return Text{FR: "Rien de ce qui a été fourni ne permet d'en juger.", EN: "Nothing given lets the checker judge it."}
	case Error:
		return Text{FR: "Le fichier fourni ne permet pas de juger : il est incomplet ou illisible.", EN: "The file given cannot settle it: it is incomplete or unreadable."}
	}
	return Text{}
}

// Result is the verdict on one item, with what supports it.
type Result struct {
	Item *Item
	// Checklist is the procedure the result belongs to, whose page it links to; nil for a
	// step judged while the mode is undecided, which belongs to neither mode's procedure.
	Checklist *Checklist
	Status    Status
	Message   Text
	// Evidence says where the verdict comes from ("InfoMobileApp.json: CAS.casURL",
	// "eleves.csv:12"), empty when nothing was looked at.
	Evidence string
	// Comment is the admin's comment on the item, from the answers file.
	Comment string
	// State is what the step is ([StateTable]), from the answers file's tick and value and
	// the verdict of the exports; "" for a step outside what was checked.
	State StepState
	// Ticked says that the answers file ticks the step (on its current wording): a report
	// names a tick that the state contradicts.
	Ticked bool
	// DependsOnMode is set on a step left unjudged because the mode is undecided and the
	// step depends on it (its status is NotApplicable).
	DependsOnMode bool
}

// Report is the checker's verdict on a whole setup.
type Report struct {
	Profile *Profile
	// Mode is the mode judged: Hosted or OnPrem, AnyMode for the purge alone, 0 when nothing
	// decided it. Decision says what decided it.
	Mode     Mode
	Decision ModeDecision
	Purge    bool
	Results  []Result
}

// Failed reports whether any item failed.
func (r *Report) Failed() bool { return r.Count(Fail) > 0 }

// Count returns how many results have status s.
func (r *Report) Count(s Status) int {
	n := 0
	for _, res := range r.Results {
		if res.Status == s {
			n++
		}
	}
	return n
}

// Options say what to check.
type Options struct {
	// Mode is the installation mode (Hosted or OnPrem), or 0 when nothing decided it: then
	// only the steps that do not depend on the mode are judged (see [Run]).
	Mode Mode
	// Decision says what decided Mode ([DecideMode]); when its By is empty, a Mode that is
	// set was chosen by the person (ByFlag), and a Mode of 0 is undecided.
	Decision ModeDecision
	// Purge asks to check the purge of the previous ENT's identifiers (before the first
	// logins through the new ENT, when identifiers must all be empty).
	Purge bool
	// PurgeOnly judges the purge checklist alone: the report has no mode (Mode is AnyMode)
	// and lists only the purge's items. For a check of identity exports before the change
	// of ENT, when nothing says, nor needs to say, how PRONOTE is installed.
	PurgeOnly bool
	// Now is when the check runs. A saved InfoMobileApp.json shows that the base is
	// published only when PRONOTE.net served it at most [PublishedWithin] from Now; with a
	// zero Now, only a fetched one does.
	Now time.Time
}

// decision returns what decided the mode, filled in from Mode when the caller gave none.
func (o Options) decision() ModeDecision {
	d := o.Decision
	switch {
	case d.By != "":
	case o.Mode == Hosted || o.Mode == OnPrem:
		d = ModeDecision{Mode: o.Mode, By: ByFlag, From: o.Mode.String()}
	default:
		d = ModeDecision{By: Undecided}
	}
	return d
}

// Run judges every item of the catalog against the evidence, once each, in the order of the
// checked mode's procedure ([Catalog.Steps]).
// Items of another mode, and the purge unless asked for (by opts or by answers to its
// items), are not applicable. When nothing decided the mode, Run judges only what does not
// depend on it (see [runUndecided]).
func Run(cat *Catalog, ev *Evidence, opts Options) *Report {
	if opts.PurgeOnly {
		rep := &Report{Profile: cat.Profile, Mode: AnyMode, Decision: ModeDecision{Mode: AnyMode, By: ByPurgeOnly}, Purge: true}
		if cl, ok := cat.Checklist(PurgeID); ok {
			opts.Mode = AnyMode
			for _, it := range cl.Items() {
				rep.Results = append(rep.Results, judge(cl, it, ev, cat.Profile, true, opts))
			}
		}
		return rep
	}
	d := opts.decision()
	opts.Mode = d.Mode
	if d.Mode != Hosted && d.Mode != OnPrem {
		return runUndecided(cat, ev, opts, ModeDecision{By: Undecided, Against: d.Against})
	}
	rep := &Report{Profile: cat.Profile, Mode: d.Mode, Decision: d, Purge: opts.Purge || answersPurge(cat, ev.Answers)}
	// home is, for each applicable item, the selected checklist its result links to.
	home := map[string]*Checklist{}
	for _, cl := range cat.Checklists {
		if cl.ID == PurgeID && !rep.Purge || cl.ID != PurgeID && cl.Modes&opts.Mode == 0 {
			continue
		}
		for _, it := range cl.Items() {
			if _, ok := home[it.ID]; !ok && it.Modes&opts.Mode != 0 {
				home[it.ID] = cl
			}
		}
	}
	for _, st := range cat.Steps(opts.Mode) {
		if h, ok := home[st.Item.ID]; ok {
			rep.Results = append(rep.Results, judge(h, st.Item, ev, cat.Profile, true, opts))
		} else {
			rep.Results = append(rep.Results, judge(st.Checklist, st.Item, ev, cat.Profile, false, opts))
		}
	}
	return rep
}

// runUndecided judges what does not depend on the mode: the purge's steps (when asked for),
// and the steps of both modes that an export proves, from the exports alone (an answer
// belongs to one mode's procedure page). Those results belong to no procedure (their
// Checklist is nil): a report links none of them to a mode's page. Every other step depends
// on the mode, and is listed so, unjudged.
func runUndecided(cat *Catalog, ev *Evidence, opts Options, d ModeDecision) *Report {
	rep := &Report{Profile: cat.Profile, Decision: d, Purge: opts.Purge || answersPurge(cat, ev.Answers)}
	exports := *ev
	exports.Answers = nil
	for _, st := range cat.Steps(AnyMode) {
		it := st.Item
		switch {
		case st.Checklist.ID == PurgeID:
			rep.Results = append(rep.Results, judge(st.Checklist, it, ev, cat.Profile, rep.Purge, opts))
		case it.Modes == AnyMode && it.Proof&(InfoMobileApp|IdentityExport) != 0:
			rep.Results = append(rep.Results, judge(nil, it, &exports, cat.Profile, true, opts))
		default:
			rep.Results = append(rep.Results, Result{Item: it, Checklist: nil, Status: NotApplicable, DependsOnMode: true, Message: Text{
				FR: "Dépend du mode, qui n'est pas décidé : l'étape sera jugée une fois le mode indiqué.",
				EN: "Depends on the mode, which is not decided: the step is judged once the mode is given.",
			}})
		}
	}
	return rep
}

func answersPurge(cat *Catalog, a *Answers) bool {
	if a == nil {
		return false
	}
	purge, ok := cat.Checklist(PurgeID)
	if !ok {
		return false
	}
	if a.Checklist == PurgeID {
		return true
	}
	for _, it := range purge.Items() {
		if a.Items[it.ID].Checked {
			return true
		}
	}
	return false
}

func judge(cl *Checklist, it *Item, ev *Evidence, p *Profile, applies bool, opts Options) Result {
	res := Result{Item: it, Checklist: cl}
	if ans, ok := ev.answer(it.ID); ok {
		res.Comment = ans.Comment
	}
	if !applies {
		res.Status = NotApplicable
		if cl.ID == PurgeID {
			res.Message = Text{
				FR: "Purge non vérifiée : elle n'a pas été demandée, et aucune réponse ne porte sur ses étapes.",
				EN: "Purge not checked: it was not asked for, and no answer concerns its steps.",
			}
		} else {
			res.Message = Text{
				FR: fmt.Sprintf("Étape d'un autre mode que le mode vérifié (%s).", opts.Mode.Label().FR),
				EN: fmt.Sprintf("Step of another mode than the one checked (%s).", opts.Mode.Label().EN),
			}
		}
		return res
	}
	var v Verdict
	if it.Check != nil {
		v = it.Check(&Subject{Item: it, Profile: p, Evidence: ev, Mode: knownMode(opts.Mode), Now: opts.Now})
	}
	facts := factsOf(it, ev, v, knownMode(opts.Mode))
	res.State, res.Ticked = DeriveState(facts).State, facts.Ticked
	if r, ok := judgeTyped(it, ev, v, knownMode(opts.Mode)); ok {
		res.Status, res.Message, res.Evidence = r.Status, r.Message, r.Evidence
		return res
	}
	if v.Status != "" && v.Status != NoEvidence {
		res.Status, res.Message, res.Evidence = v.Status, v.Message, v.Evidence
		return res
	}
	// looked is what a rule that could not settle the step saw (an export that shows part of
	// it): said beside the person's answer, never dropped.
	var looked Text
	if v.Status == NoEvidence && !v.Message.IsZero() {
		res.Message = v.Message
		if v.Evidence != "" {
			looked = v.Message
		}
	}
	if ans, ok := ev.answer(it.ID); ok && ans.Checked {
		if ans.Fingerprint != "" && ans.Fingerprint != it.Fingerprint() {
			res.Status = Unanswered
			res.Message = Text{
				FR: "L'étape a changé depuis que vous l'avez cochée : relisez-la et cochez-la à nouveau.",
				EN: "The step changed since you ticked it: read it again and tick it again.",
			}
		} else {
			res.Status = Answered
			res.Message = Text{FR: "Vous avez indiqué que c'est fait.", EN: "You said it is done."}
			if !ans.At.IsZero() {
				res.Message = Text{FR: "Vous avez indiqué que c'est fait (le %s).", EN: "You said it is done (on %s)."}.Sprintf(DateText(ans.At))
			}
		}
		if !looked.IsZero() {
			res.Message = Text{FR: res.Message.FR + " " + looked.FR, EN: res.Message.EN + " " + looked.EN}
		}
		res.Evidence = ev.Answers.Source + ": " + it.ID
		return res
	}
	if it.Proof&(InfoMobileApp|IdentityExport) != 0 {
		res.Status = NoEvidence
		if res.Message.IsZero() {
			res.Message = Text{
				FR: "Fournissez " + it.Proof.Label().FR + " pour le prouver.",
				EN: "Give " + it.Proof.Label().EN + " to prove it.",
			}
		}
		return res
	}
	res.Status = Unanswered
	res.Message = Text{
		FR: "Cochez cette étape dans la liste de contrôle du site quand elle est faite, puis téléchargez vos réponses.",
		EN: "Tick this step on the site's checklist once done, then download your answers.",
	}
	return res
}

// knownMode returns m when it is one mode, else 0: the tests of a value rule that hold in
// one mode only are made only when the mode checked is known.
func knownMode(m Mode) Mode {
	if m == Hosted || m == OnPrem {
		return m
	}
	return 0
}

// judgeTyped combines the verdict of the value the admin typed for it (judged by its
// [ValueRule]) with v, the verdict of its rule on the exports. A typed value the rule
// rejects wins: the step fails, whatever an export says. A doubtful one (Warn) wins over an
// export's pass. Otherwise the export's verdict stands, and a typed value alone decides
// nothing but a warning: a right value is the admin's word, which their tick gives (see
// [Run]). When the typed value and the export's differ, the message says both. It returns
// false when it leaves the item to the export's verdict and the tick.
func judgeTyped(it *Item, ev *Evidence, v Verdict, mode Mode) (Verdict, bool) {
	a, ok := ev.answer(it.ID)
	if it.Value == nil || !ok || CleanValue(a.Value) == "" {
		return v, false
	}
	typed := CleanValue(a.Value)
	j := it.Value.Judge(typed, mode)
	var both Text
	if v.Value != "" && CleanValue(v.Value) != typed {
		both = Text{FR: " Vous avez relevé « %s » ; l'export dit « %s ».", EN: " You noted “%s”; the export says “%s”."}.Sprintf(typed, v.Value)
	}
	exported := v.Status != "" && v.Status != NoEvidence
	switch {
	case j.Status == Fail, j.Status == Warn && (!exported || v.Status == Pass):
		return Verdict{Status: j.Status, Message: Text{FR: j.Message.FR + both.FR, EN: j.Message.EN + both.EN}, Evidence: ev.Answers.Source + ": " + it.ID}, true
	case exported:
		return Verdict{Status: v.Status, Message: Text{FR: v.Message.FR + both.FR, EN: v.Message.EN + both.EN}, Evidence: v.Evidence}, true
	}
	return v, false
}

// factsOf returns what the state of it is derived from in a report: the tick of the answers
// file (on the step's wording), the typed value's verdict, and v, the verdict of its rule on
// the exports, which is never older than the answers it is given with.
func factsOf(it *Item, ev *Evidence, v Verdict, mode Mode) StepFacts {
	var f StepFacts
	if a, ok := ev.answer(it.ID); ok {
		f.Ticked = a.Checked && (a.Fingerprint == "" || a.Fingerprint == it.Fingerprint())
		if it.Value != nil && CleanValue(a.Value) != "" {
			f.Value = it.Value.Judge(a.Value, mode).Status
		}
	}
	switch v.Status {
	case Pass, Fail, Warn, Error:
		f.Verdict = v.Status
	}
	return f
}

func (ev *Evidence) answer(id string) (ItemAnswer, bool) {
	if ev.Answers == nil {
		return ItemAnswer{}, false
	}
	a, ok := ev.Answers.Items[id]
	return a, ok
}

// joinSorted joins the set's keys in order, for stable messages.
func joinSorted(set map[string]bool, sep string) string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, sep)
}
