package checks

import "strings"

// PageData is what the site's checklist script needs to do what this package does, as data
// rather than code written twice: judge a typed value by its item's [ValueRule], derive a
// step's state by [StateTable], and count the steps with the phrases and plural rule of
// [Noun]. The site writes it as JSON beside the script (theme/assets/steps.js), which
// interprets it; the texts in it are typeset for their language.
type PageData struct {
	Table      []StateRule         `json:"table"`
	URLPattern string              `json:"urlPattern"`
	Spaces     string              `json:"spaces"`
	Rules      map[string]PageRule `json:"rules"` // by item ID
	// Modes is, by checklist ID, the installation mode its page judges values in: Hosted or
	// OnPrem, 0 for a checklist of either mode.
	Modes map[string]Mode `json:"modes"`
	// Singular lists, by language, the counts that take the singular; Nouns the counted
	// phrases of the counter, one and many, by language and name (step, and each state).
	Singular map[Lang][]int                `json:"singular"`
	Nouns    map[Lang]map[string][2]string `json:"nouns"`
	Counter  map[Lang]PageCounter          `json:"counter"`
	// Fingerprints are the items' wording fingerprints ([Item.Fingerprint]), by ID: the page
	// checks against them what the browser saved, and a checker's verdict.
	Fingerprints map[string]string `json:"fingerprints"`
}

// PageCounter is how the page writes its counter ([CountSteps]): Head with {n} the steps,
// the steps done, Among and the verified ones among them, then the other parts joined by Sep.
type PageCounter struct {
	Head  string `json:"head"`
	Among string `json:"among"`
	Sep   string `json:"sep"`
}

// PageRule is a [ValueRule] as the page reads it, its lines in each language.
type PageRule struct {
	Want          string          `json:"want"`
	TrailingSlash bool            `json:"trailingSlash"`
	Tests         []PageTest      `json:"tests"`
	OK            map[Lang]string `json:"ok"`
}

// PageTest is a [ValueTest] as the page reads it.
type PageTest struct {
	Test   Test            `json:"test"`
	Args   []string        `json:"args,omitempty"`
	Modes  Mode            `json:"modes,omitempty"`
	Status Status          `json:"status"`
	Why    map[Lang]string `json:"why"`
	Stop   bool            `json:"stop,omitempty"`
	Unless []Test          `json:"unless,omitempty"`
}

// counterHead, counterAmong and counterSep write a counter: the steps, then what they are,
// each counted once (« 19 étapes : 12 faites, dont 5 vérifiées · 1 en échec »).
var (
	counterHead  = Text{FR: "{n} : ", EN: "{n}: "}
	counterAmong = Text{FR: ", dont ", EN: ", including "}
	counterSep   = " · "
)

// CountSteps writes the counter of a checklist of total steps, n of each state: the steps
// done, with those verified among them, then, when there are any, those contradicted
// (« en échec ») and to look at again. No step is counted twice.
func CountSteps(total int, n map[StepState]int) Text {
	var t Text
	for _, l := range Langs() {
		s := strings.Replace(counterHead.In(l), "{n}", NounStep.N(total).In(l), 1) + NounStepDone.N(n[StateDone]+n[StateVerified]).In(l)
		if n[StateVerified] > 0 {
			s += counterAmong.In(l) + NounStepVerified.N(n[StateVerified]).In(l)
		}
		for _, st := range []StepState{StateContradicted, StateAttention} {
			if n[st] > 0 {
				s += counterSep + st.Noun().N(n[st]).In(l)
			}
		}
		t = t.with(l, s)
	}
	return t
}

// pageNouns are the counter's phrases, by the name the script knows them by.
var pageNouns = map[string]Noun{
	"step": NounStep, string(StateTodo): NounStepTodo, string(StateDone): NounStepDone,
	string(StateVerified): NounStepVerified, string(StateContradicted): NounStepFailed,
	string(StateAttention): NounStepReview,
}

// NewPageData returns the page data of catalog c.
func NewPageData(c *Catalog) *PageData {
	d := &PageData{
		Table: StateTable, URLPattern: URLPattern, Spaces: ValueSpaces,
		Rules: map[string]PageRule{}, Modes: map[string]Mode{},
		Singular: map[Lang][]int{}, Nouns: map[Lang]map[string][2]string{},
		Counter: map[Lang]PageCounter{}, Fingerprints: map[string]string{},
	}
	in := func(t Text) map[Lang]string {
		m := map[Lang]string{}
		for _, l := range Langs() {
			m[l] = t.In(l)
		}
		return m
	}
	for _, it := range c.askers() {
		r := PageRule{Want: it.Value.Want, TrailingSlash: it.Value.TrailingSlash, OK: in(it.Value.OK)}
		for _, t := range it.Value.Tests {
			r.Tests = append(r.Tests, PageTest{Test: t.Test, Args: t.Args, Modes: t.Modes, Status: t.Status, Why: in(t.Why), Stop: t.Stop, Unless: t.Unless})
		}
		d.Rules[it.ID] = r
	}
	for _, cl := range c.Checklists {
		d.Modes[cl.ID] = knownMode(cl.Modes)
		for _, it := range cl.Items() {
			d.Fingerprints[it.ID] = it.Fingerprint()
		}
	}
	for _, l := range Langs() {
		d.Singular[l] = SingularCounts(l)
		d.Nouns[l] = map[string][2]string{}
		for name, n := range pageNouns {
			d.Nouns[l][name] = [2]string{n.One.In(l), n.Many.In(l)}
		}
		d.Counter[l] = PageCounter{Head: counterHead.In(l), Among: counterAmong.In(l), Sep: counterSep}
	}
	return d
}

// with returns t with its side in l set to s.
func (t Text) with(l Lang, s string) Text {
	if l == EN {
		t.EN = s
	} else {
		t.FR = s
	}
	return t
}
