package checks

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Mode is a set of installation modes an item applies to.
type Mode uint8

// The installation modes. Hosted is PRONOTE hosted by Index Education and configured through
// the console d'hébergement; OnPrem is PRONOTE.net and Serveur PRONOTE installed at the school.
const (
	Hosted Mode = 1 << iota
	OnPrem
	AnyMode = Hosted | OnPrem
)

// ParseMode returns the mode named s ("hosted", "onprem").
func ParseMode(s string) (Mode, bool) {
	switch strings.ToLower(s) {
	case "hosted", "heberge", "hébergé":
		return Hosted, true
	case "onprem", "on-prem", "on-premises", "non-heberge", "non-hébergé":
		return OnPrem, true
	}
	return 0, false
}

// String returns the mode's flag value.
func (m Mode) String() string {
	switch m {
	case Hosted:
		return "hosted"
	case OnPrem:
		return "onprem"
	case AnyMode:
		return "any"
	case 0:
		return "undecided"
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

// Label names the mode for people.
func (m Mode) Label() Text {
	switch m {
	case Hosted:
		return Text{FR: "mode hébergé", EN: "hosted mode"}
	case OnPrem:
		return Text{FR: "mode non hébergé", EN: "on-premises mode"}
	case 0:
		return Text{FR: "mode non décidé", EN: "mode not decided"}
	}
	return Text{FR: "tous modes", EN: "all modes"}
}

// Source is a set of kinds of evidence that can prove an item.
type Source uint8

// The kinds of evidence the checker reads (see the package documentation). Answer is the admin's own word,
// recorded on the site's interactive checklist.
const (
	InfoMobileApp Source = 1 << iota
	IdentityExport
	Answer
)

// Label returns the evidence kinds as a list a reader understands.
func (s Source) Label() Text {
	var fr, en []string
	if s&InfoMobileApp != 0 {
		fr, en = append(fr, "InfoMobileApp.json"), append(en, "InfoMobileApp.json")
	}
	if s&IdentityExport != 0 {
		fr, en = append(fr, "export des identités"), append(en, "identity export")
	}
	if s&Answer != 0 {
		fr, en = append(fr, "votre coche (fichier de réponses)"), append(en, "your tick (answers file)")
	}
	return Text{FR: strings.Join(fr, ", "), EN: strings.Join(en, ", ")}
}

// Item is one step of a procedure, the unit everything else is generated from.
type Item struct {
	// ID is stable, unique and semantic ("net.cas-url"). It is the HTML anchor of the step,
	// the key of its saved checkbox state, the label in the PDF and the ID of the checker's
	// result. Renaming it is a breaking change.
	ID string
	// Title is the step as an instruction.
	Title Text
	// Where is the path to the screen in PRONOTE, with PRONOTE's exact French labels (the
	// English side keeps them and glosses them).
	Where Text
	// Detail explains the step: why, what to watch for. Plain text.
	Detail Text
	// Expect is the value the step must leave on screen, if there is one (a Table, when
	// there is one, shows the expected values itself).
	Expect Text
	// Table, if not nil, is shown with the step (the delegation per espace).
	Table *Table
	// Ask, if not zero, is the label of a value the admin reads on screen and types in the
	// checklist (the CAS URL they saw), judged by Value as they type and by the checker.
	Ask Text
	// Value is the rule the value asked for must follow (required with Ask): data, which the
	// page's script and the checker both interpret (see [ValueRule]).
	Value *ValueRule
	// See names a checklist the step refers to (the purge, from the reminder).
	See string
	// Modes are the installation modes the step belongs to.
	Modes Mode
	// Proof lists the evidence that can prove the step.
	Proof Source
	// Origin is where the step comes from (required). A step that is not the procedure's
	// has, among its Facts, one of that origin that says why it is there.
	Origin Origin
	// SeedModes, when not zero, are the modes for which the procedure gives the step; in the
	// item's other modes it is the site's inference, and shown as such (see [Item.OriginIn]).
	SeedModes Mode
	// Facts are what the step says that the procedure does not, each with its source.
	Facts []*Fact
	// Repeat, if not empty, lists what the step is done once for each of (the user types of
	// the purge); the PDF prints a box for each.
	Repeat []Text
	// ModeDetail and ModeExpect replace Detail and Expect in one mode, where the value
	// depends on the mode (the PRONOTE address of a hosted base is not an on-premises one).
	ModeDetail map[Mode]Text
	ModeExpect map[Mode]Text
	// Check judges the step from the evidence it is handed in a [Subject]. It is nil for steps
	// only a person can confirm; they take the answers file.
	Check func(*Subject) Verdict
}

// Subject is what a rule is handed to judge its item, the way go/analysis hands an Analyzer
// its Pass: the item being judged, the profile checked against and the evidence. A rule learns its
// own ID from Item and never names it, so renaming or moving an item cannot leave its rule
// reading another item's answer ([Catalog.Validate] proves it).
type Subject struct {
	Item     *Item
	Profile  *Profile
	Evidence *Evidence
	// Mode is the installation mode checked (Hosted or OnPrem), 0 when it is not known.
	Mode Mode
	// Now is when the check runs (zero when the caller did not say): how recent a saved
	// export is.
	Now time.Time
}

// Answer returns the admin's answer to the subject's item, if the answers file has one.
func (sub *Subject) Answer() (ItemAnswer, bool) { return sub.Evidence.answer(sub.Item.ID) }

// AnswerSource names the answer to the subject's item as evidence ("reponses.json: net.cas-url").
func (sub *Subject) AnswerSource() string { return sub.Evidence.Answers.Source + ": " + sub.Item.ID }

// Verdict is what a rule returns: only what its item's [Result] takes from it. An empty
// Status, like NoEvidence, leaves the item to the admin's answer. A NoEvidence verdict with
// an Evidence is a rule that looked at an export which shows part of the step only: its
// Message stays in the result, beside the admin's answer if there is one.
type Verdict struct {
	Status  Status
	Message Text
	// Evidence says where the verdict comes from; see [Result].
	Evidence string
	// Value is the value the evidence shows, for an item that asks the admin for one: the
	// report says so when the value typed differs.
	Value string
}

// The names of an item's parts and of the school, as every rendering of a checklist (the
// site's page, the PDF, the checker's report) shows them: one wording for all three.

// LabelWhere names where in PRONOTE a step happens.
func LabelWhere() Text { return Text{FR: "Où", EN: "Where"} }

// LabelExpect names the value a step must leave on screen.
func LabelExpect() Text { return Text{FR: "Valeur attendue", EN: "Expected value"} }

// LabelSee names the checklist a step refers to.
func LabelSee() Text { return Text{FR: "Voir", EN: "See"} }

// LabelProof names the evidence that can prove a step.
func LabelProof() Text { return Text{FR: "Prouvé par", EN: "Proved by"} }

// LabelSchool names the school a checklist or a report is about.
func LabelSchool() Text { return Text{FR: "Établissement", EN: "School"} }

// LabelDoneBy names, on a printed checklist, the person who did the steps; LabelDate the day.
func LabelDoneBy() Text { return Text{FR: "Fait par", EN: "Done by"} }

// LabelDate names, on a printed checklist, the day the steps were done.
func LabelDate() Text { return Text{FR: "Date", EN: "Date"} }

// DetailIn returns the step's explanation in the checklist of mode m.
func (it *Item) DetailIn(m Mode) Text {
	if t, ok := it.ModeDetail[m]; ok {
		return t
	}
	return it.Detail
}

// ExpectIn returns the value the step must leave on screen in the checklist of mode m; zero
// when there is none in that mode.
func (it *Item) ExpectIn(m Mode) Text {
	if t, ok := it.ModeExpect[m]; ok {
		return t
	}
	return it.Expect
}

// Fingerprint is a short hash of the item's wording in both languages. The interactive
// checklist stores it with the ticked state, so that a reworded item asks again and an
// unchanged one keeps its state.
func (it *Item) Fingerprint() string {
	h := sha256.New()
	texts := []Text{it.Title, it.Where, it.Detail, it.Expect, it.Ask}
	for _, m := range []Mode{Hosted, OnPrem} { // only where set: older items keep their hash
		for _, t := range []Text{it.ModeDetail[m], it.ModeExpect[m]} {
			if !t.IsZero() {
				texts = append(texts, t)
			}
		}
	}
	for _, t := range texts {
		fmt.Fprintf(h, "%s\x00%s\x00", t.FR, t.EN)
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// Table is a small table of bilingual cells shown with an item.
type Table struct {
	Head []Text
	Rows [][]Text
}

// Section is a titled group of items of a checklist ("PRONOTE.net", "Serveur PRONOTE").
type Section struct {
	ID    string
	Title Text
	Intro Text
	Items []*Item
}

// Checklist is a procedure: its sections of items, in order.
type Checklist struct {
	// ID names the checklist in Markdown (```checklist hosted```) and in the checker.
	ID string
	// Title is the procedure's name.
	Title Text
	// Slug is the URL path of the page that holds the checklist, per language. It is part of
	// the contract with the checker, whose reports link to the steps: the page's front matter
	// may repeat it but not change it.
	Slug Text
	// Modes are the installation modes the checklist applies to.
	Modes    Mode
	Sections []Section
	// Troubles is the checklist's "If it does not work" section: what an admin may see, and
	// the steps to revisit. The checker's failures link to it.
	Troubles []Trouble
	// Rollback, if any, undoes the procedure, step by step; it is never the procedure's.
	Rollback []Trouble
}

// HelpURL returns the address of the checklist's "If it does not work" section on the site
// (on the help page, see [HelpSlug]).
func (c *Checklist) HelpURL(base string, lang Lang) string {
	return strings.TrimSuffix(base, "/") + "/" + string(lang) + "/" + HelpSlug().In(lang) + "/#" + c.ID + "." + TroubleshootingAnchor
}

// Items returns the checklist's items in order.
func (c *Checklist) Items() []*Item {
	var items []*Item
	for _, s := range c.Sections {
		items = append(items, s.Items...)
	}
	return items
}

// Item returns the item of the checklist whose ID is id.
func (c *Checklist) Item(id string) (*Item, bool) {
	for _, s := range c.Sections {
		for _, it := range s.Items {
			if it.ID == id {
				return it, true
			}
		}
	}
	return nil, false
}

// StepNumber returns the number of step id in the checklist, counted from 1 across its
// sections, as the page, its summary and the PDF all show it (0 if id is not a step). One
// numbering everywhere: support and admins can say "step 11".
func (c *Checklist) StepNumber(id string) int {
	n := 0
	for _, s := range c.Sections {
		for _, it := range s.Items {
			n++
			if it.ID == id {
				return n
			}
		}
	}
	return 0
}

// StepURL returns the address of item id on the site, for base (the site's root URL).
func (c *Checklist) StepURL(base string, lang Lang, id string) string {
	return strings.TrimSuffix(base, "/") + "/" + string(lang) + "/" + c.Slug.In(lang) + "/#" + id
}

// Catalog is every checklist built for one profile.
type Catalog struct {
	Profile    *Profile
	Checklists []*Checklist
}

// Checklist returns the checklist whose ID is id.
func (c *Catalog) Checklist(id string) (*Checklist, bool) {
	for _, cl := range c.Checklists {
		if cl.ID == id {
			return cl, true
		}
	}
	return nil, false
}

// Item returns the item whose ID is id and the first checklist that holds it.
func (c *Catalog) Item(id string) (*Item, *Checklist, bool) {
	for _, cl := range c.Checklists {
		if it, ok := cl.Item(id); ok {
			return it, cl, true
		}
	}
	return nil, nil, false
}

// Step is one item of the catalog and the checklist it is taken from.
type Step struct {
	Checklist *Checklist
	Item      *Item
}

// Steps returns every item of the catalog once, in the order of the procedure of mode first:
// the checklists that apply to first, in catalog order, then the others' items that are
// not in them yet, each placed just before the first step that follows it in its own
// checklist (at the end when none does). So an on-premises report lists « Ouvrez
// PRONOTE.net » first, as the procedure does, and not after the hosted checklist's last step.
func (c *Catalog) Steps(first Mode) []Step {
	var steps []Step
	at := map[string]bool{}
	add := func(cl *Checklist) {
		items := cl.Items()
		for i, it := range items {
			if at[it.ID] {
				continue
			}
			at[it.ID] = true
			pos := len(steps)
		next:
			for _, later := range items[i+1:] {
				if !at[later.ID] {
					continue
				}
				for j, st := range steps {
					if st.Item.ID == later.ID {
						pos = j
						break next
					}
				}
			}
			steps = slices.Insert(steps, pos, Step{Checklist: cl, Item: it})
		}
	}
	for _, cl := range c.Checklists {
		if cl.Modes&first != 0 {
			add(cl)
		}
	}
	for _, cl := range c.Checklists {
		if cl.Modes&first == 0 {
			add(cl)
		}
	}
	return steps
}

// idPattern is the form of item, section and checklist IDs: lower-case words joined by
// hyphens, in dot-separated parts ("net.cas-url").
var idPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.[a-z][a-z0-9]*(-[a-z0-9]+)*)*$`)

// Validate reports every flaw of the catalog: a malformed or duplicated ID, an empty side of
// a text, an item outside the modes of its checklist, a reference to an unknown checklist, a
// rule that panics, judges without evidence or reads an answer other than its own item's.
func (c *Catalog) Validate() error {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	text := func(where, field string, t Text, required bool) {
		if !required && t.IsZero() {
			return
		}
		for _, l := range t.Missing() {
			bad("%s: %s has no %s text", where, field, l)
		}
	}
	seen := map[string]*Item{}
	asks := c.askers()
	for _, cl := range c.Checklists {
		if !idPattern.MatchString(cl.ID) {
			bad("checklist %q: malformed ID", cl.ID)
		}
		text("checklist "+cl.ID, "Title", cl.Title, true)
		text("checklist "+cl.ID, "Slug", cl.Slug, true)
		marksPointSomewhere("checklist "+cl.ID, []Text{cl.Title}, nil, 0, bad)
		for _, s := range cl.Sections {
			text("section "+cl.ID+"/"+s.ID, "Title", s.Title, true)
			text("section "+cl.ID+"/"+s.ID, "Intro", s.Intro, false)
			marksPointSomewhere("section "+cl.ID+"/"+s.ID, []Text{s.Title, s.Intro}, nil, 0, bad)
			for _, it := range s.Items {
				where := "item " + it.ID
				if !idPattern.MatchString(it.ID) || !strings.Contains(it.ID, ".") {
					bad("%s: malformed ID (want part.name, lower case)", where)
				}
				if prev, ok := seen[it.ID]; ok && prev != it {
					bad("%s: ID used by two different items", where)
				}
				seen[it.ID] = it
				text(where, "Title", it.Title, true)
				text(where, "Where", it.Where, true)
				text(where, "Detail", it.Detail, true)
				text(where, "Expect", it.Expect, false)
				text(where, "Ask", it.Ask, false)
				if it.Table != nil {
					for i, h := range it.Table.Head {
						text(where, fmt.Sprintf("Table.Head[%d]", i), h, true)
					}
					for r, row := range it.Table.Rows {
						for i, cell := range row {
							text(where, fmt.Sprintf("Table.Rows[%d][%d]", r, i), cell, true)
						}
					}
				}
				if it.Modes&cl.Modes == 0 {
					bad("%s: in checklist %s but applies to none of its modes", where, cl.ID)
				}
				if it.Proof == 0 {
					bad("%s: no evidence can prove it (Proof is empty)", where)
				}
				// Check judges exports (and a typed value against them): an item that names
				// an export as proof has one, and only such an item or one that asks for a
				// value may. Value judges the typed value: an item has one exactly when it
				// asks for a value.
				exported := it.Proof&(InfoMobileApp|IdentityExport) != 0
				if exported != (it.Check != nil) && !(it.Check != nil && !it.Ask.IsZero()) {
					bad("%s: has a Check without an export or a value to judge, or the reverse", where)
				}
				if it.Ask.IsZero() != (it.Value == nil) {
					bad("%s: asks for a value without a Value rule, or the reverse", where)
				}
				if it.Value != nil {
					for _, e := range it.Value.flaws() {
						bad("%s: Value: %s", where, e)
					}
				}
				if it.Check != nil {
					for _, e := range probeRule(c, it, asks) {
						bad("%s: %s", where, e)
					}
				}
				provenance(where, it.Origin, it.Facts, bad)
				for _, m := range []Mode{Hosted, OnPrem} {
					if cl.Modes&m != 0 && it.Modes&m != 0 {
						marksPointSomewhere(where+" ("+m.String()+")", it.textsIn(m), it.FactsIn(m), it.OriginIn(m), bad)
					}
				}
				for i, t := range it.Repeat {
					text(where, fmt.Sprintf("Repeat[%d]", i), t, true)
				}
				for m, t := range it.ModeDetail {
					text(where, "ModeDetail["+m.String()+"]", t, true)
				}
				for m, t := range it.ModeExpect {
					text(where, "ModeExpect["+m.String()+"]", t, false)
				}
				if it.See != "" {
					if _, ok := c.Checklist(it.See); !ok {
						bad("%s: See names unknown checklist %q", where, it.See)
					}
				}
			}
		}
	}
	for _, cl := range c.Checklists {
		help := map[string][]Trouble{TroubleshootingAnchor: cl.Troubles, RollbackAnchor: cl.Rollback}
		for _, part := range []string{TroubleshootingAnchor, RollbackAnchor} {
			for _, tr := range help[part] {
				where := "checklist " + cl.ID + " " + part + " " + tr.ID
				if !idPattern.MatchString(tr.ID) {
					bad("%s: malformed ID", where)
				}
				text(where, "Symptom", tr.Symptom, true)
				text(where, "Cause", tr.Cause, true)
				provenance(where, tr.Origin, tr.Facts, bad)
				marksPointSomewhere(where, []Text{tr.Symptom, tr.Cause}, tr.Facts, 0, bad)
				if len(tr.Steps) == 0 {
					bad("%s: names no step to revisit", where)
				}
				for i, it := range tr.Steps {
					if it == nil {
						bad("%s: step %d is not in the checklist", where, i+1)
					} else if x, ok := cl.Item(it.ID); !ok || x != it {
						bad("%s: step %s is not in the checklist", where, it.ID)
					}
				}
			}
		}
	}
	facts := map[string]*Fact{}
	for _, f := range c.Facts() {
		if prev, ok := facts[f.ID]; ok && prev != f {
			bad("fact %s: ID used by two different facts", f.ID)
		}
		facts[f.ID] = f
	}
	for _, f := range otherFacts() {
		provenance("pages and mode", FromProcedure, []*Fact{f}, bad)
	}
	if len(errs) > 0 {
		return fmt.Errorf("invalid catalog:\n\t%s", strings.Join(errs, "\n\t"))
	}
	return nil
}

// askers returns the items that ask the admin for a value, once each.
func (c *Catalog) askers() []*Item {
	var out []*Item
	seen := map[*Item]bool{}
	for _, cl := range c.Checklists {
		for _, it := range cl.Items() {
			if !it.Ask.IsZero() && !seen[it] {
				seen[it] = true
				out = append(out, it)
			}
		}
	}
	return out
}

// probeRule runs it.Check on made-up evidence and returns what is wrong with it. A rule must
// not panic, must not judge when given nothing, and must not judge a value typed for another
// item: the typed value of its own item is judged by the item's [ValueRule], and a rule that
// names an ID instead of taking its item from the [Subject] would read another's the day
// that ID is renamed or moved.
func probeRule(c *Catalog, it *Item, asks []*Item) []string {
	var errs []string
	run := func(ev *Evidence) (v Verdict, ok bool) {
		defer func() {
			if r := recover(); r != nil {
				errs = append(errs, fmt.Sprintf("its Check panics: %v", r))
				ok = false
			}
		}()
		return it.Check(&Subject{Item: it, Profile: c.Profile, Evidence: ev}), true
	}
	judged := func(v Verdict) bool { return v.Status != "" && v.Status != NoEvidence }
	if v, ok := run(&Evidence{}); ok && judged(v) {
		errs = append(errs, fmt.Sprintf("its Check says %s with no evidence at all", v.Status))
	}
	a := &Answers{Source: "probe.json", Items: map[string]ItemAnswer{}}
	for _, o := range asks {
		if o.ID != it.ID {
			a.Items[o.ID] = ItemAnswer{Checked: true, Value: "https://probe.invalid/" + o.ID}
		}
	}
	if v, ok := run(&Evidence{Answers: a}); ok && judged(v) {
		errs = append(errs, fmt.Sprintf("its Check judges a value typed for another item (%s)", v.Evidence))
	}
	for _, p := range silentProbes(it) {
		if v, ok := run(p.ev); ok && v.Status == NoEvidence && (v.Message.FR == "" || v.Message.EN == "") {
			errs = append(errs, fmt.Sprintf("its Check gives no-evidence without saying why (%s)", p.name))
		}
	}
	return errs
}

// silentProbes is evidence that leaves a rule little or nothing to judge: each no-evidence
// verdict a rule gives on it must say why, in both languages ("nothing to judge" is said,
// never left blank).
func silentProbes(it *Item) []struct {
	name string
	ev   *Evidence
} {
	own := &Answers{Source: "probe.json", Items: map[string]ItemAnswer{it.ID: {Checked: true, Value: "https://probe.invalid/pronote/"}}}
	relative := &Info{Source: "probe.json", HasEspaces: true, CAS: &InfoCAS{}, Espaces: []InfoEspace{{Name: "Espace Elèves", URL: "mobile.eleve.html", Genre: 6}}}
	absolute := &Info{Source: "probe.json", HasEspaces: true, Espaces: []InfoEspace{{Name: "Espace Elèves", URL: "https://probe.invalid/pronote/mobile.eleve.html", Genre: 6, Delegation: new(bool)}}}
	empty := []*IdentityList{{Source: "probe.csv", Rows: 480}}
	return []struct {
		name string
		ev   *Evidence
	}{
		{"nothing given", &Evidence{}},
		{"its own value typed, no export", &Evidence{Answers: own}},
		{"an InfoMobileApp.json with relative espace addresses", &Evidence{Info: relative, Answers: own}},
		{"an InfoMobileApp.json on the typed value's server", &Evidence{Info: absolute, Answers: own}},
		{"an InfoMobileApp.json, nothing typed", &Evidence{Info: relative}},
		{"an identity export of 480 rows without identifiers", &Evidence{Identities: empty}},
		{"an identity export without rows", &Evidence{Identities: []*IdentityList{{Source: "probe.csv"}}}},
		{"one user type's export, its identifiers all different", &Evidence{Identities: []*IdentityList{{Source: "eleves.csv", UserType: "eleves", Rows: 2,
			FirstFilled: []Row{{Line: 2, Identifier: "a"}, {Line: 3, Identifier: "b"}}, IDs: []IDRef{{Hash: 1, Line: 2}, {Hash: 2, Line: 3}}}}}},
	}
}

// provenance reports what is wrong with an origin and its facts.
func provenance(where string, origin Origin, facts []*Fact, bad func(string, ...any)) {
	if origin < FromProcedure || origin > FromPractice {
		bad("%s: no origin (Origin is required: the procedure, a document or usual practice)", where)
	}
	justified := origin == FromProcedure
	for _, f := range facts {
		if f.Origin == origin {
			justified = true
		}
		if !idPattern.MatchString(f.ID) || !strings.Contains(f.ID, ".") {
			bad("%s: fact %q: malformed ID", where, f.ID)
		}
		if f.Origin <= FromProcedure || f.Origin > FromPractice {
			bad("%s: fact %s: a fact is what the procedure does not say; its origin must be a document or usual practice", where, f.ID)
		}
		for _, l := range f.Claim.Missing() {
			bad("%s: fact %s: Claim has no %s text", where, f.ID, l)
		}
		for _, l := range f.Ref.Missing() {
			bad("%s: fact %s: Ref has no %s text (name the document, or say why)", where, f.ID, l)
		}
		for _, p := range f.Problems() {
			bad("%s: fact %s: %s", where, f.ID, p)
		}
	}
	if !justified {
		bad("%s: origin %s but no fact of that origin says where it comes from", where, origin)
	}
}

// textsIn returns every text of the step that the checklist of mode m shows.
func (it *Item) textsIn(m Mode) []Text {
	texts := []Text{it.Title, it.Where, it.DetailIn(m), it.ExpectIn(m), it.Ask}
	if it.Table != nil {
		texts = append(texts, it.Table.Head...)
		for _, row := range it.Table.Rows {
			texts = append(texts, row...)
		}
	}
	return texts
}

// marksPointSomewhere reports a mark in texts with no fact of its origin among facts (a mark
// that points nowhere), and a fact whose mark shows nowhere in texts. A renderer shows the
// mark of own, the origin of a step that is not the procedure's, on its title.
func marksPointSomewhere(where string, texts []Text, facts []*Fact, own Origin, bad func(string, ...any)) {
	has := map[Origin]bool{}
	for _, f := range facts {
		has[f.Origin] = true
	}
	shown := map[Origin]bool{}
	for _, t := range texts {
		for _, l := range Langs() {
			for _, o := range MarksIn(t.In(l)) {
				shown[o] = true
				if !has[o] {
					bad("%s: the %s text carries the mark %s but no fact of origin %s says where it comes from: %q", where, l, o.Mark(), o, t.In(l))
				}
			}
		}
	}
	for o := range has {
		if !shown[o] && o != own {
			bad("%s: a fact of origin %s but its mark %s shows nowhere", where, o, o.Mark())
		}
	}
}

// Facts returns every fact the catalog states that the procedure does not, each once: its
// checklists' in their order, then those the pages cite ([PageFacts]) and those the mode's
// decision rests on ([ModeFacts]). The sources pages list them all.
func (c *Catalog) Facts() []*Fact {
	var out []*Fact
	seen := map[*Fact]bool{}
	var all []*Fact
	for _, cl := range c.Checklists {
		all = append(all, cl.Facts()...)
	}
	for _, f := range append(all, otherFacts()...) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// Facts returns every fact the checklist states that the procedure does not — its steps' in
// its modes, then its help sections' — each once, in order: the checklist's sources.
func (c *Checklist) Facts() []*Fact {
	var out []*Fact
	seen := map[*Fact]bool{}
	add := func(fs []*Fact) {
		for _, f := range fs {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	for _, it := range c.Items() {
		for _, m := range []Mode{Hosted, OnPrem} {
			if c.Modes&m != 0 {
				add(it.FactsIn(m))
			}
		}
	}
	for _, tr := range append(append([]Trouble(nil), c.Troubles...), c.Rollback...) {
		add(tr.Facts)
	}
	return out
}
