package checks

import "time"

// StepState is what a step is, for the person following the procedure: derived by
// [StateTable] from their tick, the value they typed and the checker's last verdict, and the
// same on the page, in print, in the counters, in the answers file and in the report.
type StepState string

// The states of a step.
const (
	StateTodo         StepState = "todo"         // nothing says it is done
	StateDone         StepState = "done"         // the person ticked it, nothing contradicts them
	StateVerified     StepState = "verified"     // the checker's last verdict passes it
	StateContradicted StepState = "contradicted" // a fail, or a typed value its rule rejects
	StateAttention    StepState = "attention"    // a warning, an error, a doubtful value, or a pass the person changed since without their tick
)

// StepStates returns every state, worst first.
func StepStates() []StepState {
	return []StepState{StateContradicted, StateAttention, StateTodo, StateDone, StateVerified}
}

// Done reports whether a step in state s counts as done: done by the person or verified.
// A contradicted step, or one to look at again, never does, ticked or not.
func (s StepState) Done() bool { return s == StateDone || s == StateVerified }

// Label names the state, as a counter counts it and a report shows it.
func (s StepState) Label() Text { return s.Noun().One }

// Noun returns the state as a counted phrase (« 2 faites », « 1 en échec »), for the
// counters of the page and the report.
func (s StepState) Noun() Noun {
	switch s {
	case StateDone:
		return NounStepDone
	case StateVerified:
		return NounStepVerified
	case StateContradicted:
		return NounStepFailed
	case StateAttention:
		return NounStepReview
	}
	return NounStepTodo
}

// Why names what the one line of a step in a state says: the typed value's rule, the
// checker's verdict, or the checker's verdict followed by "check again", the person having
// changed the step since.
type Why string

// The reasons a state gives.
const (
	WhyNone    Why = ""
	WhyValue   Why = "value"   // the line of the typed value's rule
	WhyVerdict Why = "verdict" // the checker's message
	WhyStale   Why = "stale"   // the checker's message, then: you changed the step since, check again
)

// StepFacts are what a step's state is derived from.
type StepFacts struct {
	// Ticked is the person's tick (on wording the step still has).
	Ticked bool
	// Value is the verdict of the step's [ValueRule] on the value typed: "" when none was
	// typed (or the step asks for none), else Pass, Warn or Fail.
	Value Status
	// Verdict is the checker's last verdict on the step from evidence: "" when there is none,
	// else Pass, Fail, Warn or Error. A typed value alone never makes it Pass.
	Verdict Status
	// Stale says that the verdict is older than the person's last change to the step (their
	// tick or their value): what it judged may have changed since.
	Stale bool
}

// IsStale reports whether a verdict given at verdict is older than the person's last change
// to the step, at ticked (their tick or untick) or typed (their value); a zero time is no
// change.
func IsStale(verdict, ticked, typed time.Time) bool {
	return !verdict.IsZero() && (ticked.After(verdict) || typed.After(verdict))
}

// The values of the columns of [StateTable], as the facts are written in it (and in the
// page's data); an empty column matches any value.
const (
	colYes   = "yes"
	colNo    = "no"
	colNone  = "none" // no value typed, no verdict
	colFresh = "fresh"
	colStale = "stale"
)

// StateRule is one row of [StateTable]: the facts it matches (an empty column matches
// everything) and the state, with what its line says.
type StateRule struct {
	Tick    string    `json:"tick,omitempty"`    // "yes", "no"
	Value   string    `json:"value,omitempty"`   // "none", or a Status: pass, warn, fail
	Verdict string    `json:"verdict,omitempty"` // "none", or a Status: pass, fail, warn, error
	Age     string    `json:"age,omitempty"`     // "fresh", "stale"
	State   StepState `json:"state"`
	Why     Why       `json:"why,omitempty"`
}

// StateTable derives a step's state: the first row that matches its facts gives it. It is
// data, emitted into the site's pages, where the checklist's script applies the same rows
// ([DeriveState] applies them here). Read in order:
//
//   - a typed value its rule rejects contradicts the step, ticked or not, whatever the checker
//     said;
//   - a checker's fail contradicts it until a newer check says otherwise: a tick, an untick
//     or a value typed since cannot change what the export showed (the line then adds "check
//     again");
//   - a warning or an error of the checker, or a doubtful typed value, is to look at again;
//   - a pass of the checker verifies it, unless the person changed the step since without
//     ticking it (they unticked it, or typed a value without a tick): then it is to look at
//     again;
//   - a tick, with nothing against it, makes it done; otherwise it is to do.
//
// A contradiction always wins over a tick: the tick is kept (the page shows "ticked, but …"),
// the step is neither shown nor counted as done.
var StateTable = []StateRule{
	{Value: string(Fail), State: StateContradicted, Why: WhyValue},
	{Verdict: string(Fail), Age: colFresh, State: StateContradicted, Why: WhyVerdict},
	{Verdict: string(Fail), Age: colStale, State: StateContradicted, Why: WhyStale},
	{Verdict: string(Error), Age: colStale, State: StateAttention, Why: WhyStale},
	{Verdict: string(Warn), Age: colStale, State: StateAttention, Why: WhyStale},
	{Verdict: string(Error), State: StateAttention, Why: WhyVerdict},
	{Verdict: string(Warn), State: StateAttention, Why: WhyVerdict},
	{Value: string(Warn), State: StateAttention, Why: WhyValue},
	{Verdict: string(Pass), Age: colFresh, State: StateVerified, Why: WhyVerdict},
	{Tick: colYes, Verdict: string(Pass), State: StateVerified, Why: WhyVerdict},
	{Verdict: string(Pass), State: StateAttention, Why: WhyStale},
	{Tick: colYes, State: StateDone},
	{State: StateTodo},
}

// columns returns the facts as the table writes them.
func (f StepFacts) columns() (tick, value, verdict, age string) {
	tick, value, verdict, age = colNo, colNone, colNone, colFresh
	if f.Ticked {
		tick = colYes
	}
	if f.Value != "" {
		value = string(f.Value)
	}
	if f.Verdict != "" {
		verdict = string(f.Verdict)
	}
	if f.Stale {
		age = colStale
	}
	return
}

// DeriveState returns the first row of [StateTable] that matches f.
func DeriveState(f StepFacts) StateRule {
	tick, value, verdict, age := f.columns()
	match := func(col, v string) bool { return col == "" || col == v }
	for _, r := range StateTable {
		if match(r.Tick, tick) && match(r.Value, value) && match(r.Verdict, verdict) && match(r.Age, age) {
			return r
		}
	}
	return StateRule{State: StateTodo} // unreachable: the table's last row matches all
}
