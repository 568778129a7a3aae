package checks

import (
	"testing"
	"time"
)

// allFacts returns every combination of facts a step can have.
func allFacts() []StepFacts {
	var all []StepFacts
	for _, ticked := range []bool{false, true} {
		for _, value := range []Status{"", Pass, Warn, Fail} {
			for _, verdict := range []Status{"", Pass, Fail, Warn, Error} {
				for _, stale := range []bool{false, true} {
					if stale && verdict == "" {
						continue // no verdict, no age
					}
					all = append(all, StepFacts{Ticked: ticked, Value: value, Verdict: verdict, Stale: stale})
				}
			}
		}
	}
	return all
}

// TestStateTable names the state of the steps the issue and the package documentation
// describe, row by row.
func TestStateTable(t *testing.T) {
	tests := []struct {
		name  string
		facts StepFacts
		want  StepState
		why   Why
	}{
		{"nothing", StepFacts{}, StateTodo, WhyNone},
		{"ticked", StepFacts{Ticked: true}, StateDone, WhyNone},
		{"ticked, right value typed", StepFacts{Ticked: true, Value: Pass}, StateDone, WhyNone},
		{"right value typed, not ticked", StepFacts{Value: Pass}, StateTodo, WhyNone},
		{"ticked, wrong realm typed", StepFacts{Ticked: true, Value: Fail}, StateContradicted, WhyValue},
		{"ticked, wrong value typed, checker passes the export", StepFacts{Ticked: true, Value: Fail, Verdict: Pass}, StateContradicted, WhyValue},
		{"ticked, then the checker fails it", StepFacts{Ticked: true, Verdict: Fail}, StateContradicted, WhyVerdict},
		{"not ticked, the checker fails it", StepFacts{Verdict: Fail}, StateContradicted, WhyVerdict},
		{"the checker failed it, then the person ticked", StepFacts{Ticked: true, Verdict: Fail, Stale: true}, StateContradicted, WhyStale},
		{"the checker failed it, then the person unticked", StepFacts{Verdict: Fail, Stale: true}, StateContradicted, WhyStale},
		{"the checker failed it, then the person typed the right value", StepFacts{Ticked: true, Value: Pass, Verdict: Fail, Stale: true}, StateContradicted, WhyStale},
		{"ticked, the checker warns", StepFacts{Ticked: true, Verdict: Warn}, StateAttention, WhyVerdict},
		{"the checker warned, then the person changed the value", StepFacts{Value: Pass, Verdict: Warn, Stale: true}, StateAttention, WhyStale},
		{"the checker could not read the file, then the person ticked", StepFacts{Ticked: true, Verdict: Error, Stale: true}, StateAttention, WhyStale},
		{"ticked, the checker could not read the file", StepFacts{Ticked: true, Verdict: Error}, StateAttention, WhyVerdict},
		{"ticked, doubtful value typed", StepFacts{Ticked: true, Value: Warn}, StateAttention, WhyValue},
		{"the checker passes it, not ticked", StepFacts{Verdict: Pass}, StateVerified, WhyVerdict},
		{"ticked, then the checker passes it", StepFacts{Ticked: true, Verdict: Pass}, StateVerified, WhyVerdict},
		{"the checker passed it, then the person ticked", StepFacts{Ticked: true, Verdict: Pass, Stale: true}, StateVerified, WhyVerdict},
		{"the checker passed it, then the person unticked", StepFacts{Verdict: Pass, Stale: true}, StateAttention, WhyStale},
		{"the checker passed it, then the person typed a value without ticking", StepFacts{Value: Pass, Verdict: Pass, Stale: true}, StateAttention, WhyStale},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DeriveState(tt.facts); got.State != tt.want || got.Why != tt.why {
				t.Errorf("DeriveState(%+v) = %s (%q), want %s (%q)", tt.facts, got.State, got.Why, tt.want, tt.why)
			}
		})
	}
}

// TestContradictionWins derives every combination of facts: a rejected value or a fail,
// whatever the person changed since, is always contradicted, never done; the table has a row for
// everything, and every row is reached.
func TestContradictionWins(t *testing.T) {
	used := map[int]bool{}
	for _, f := range allFacts() {
		got := DeriveState(f)
		for i, r := range StateTable {
			if r == got {
				used[i] = true
			}
		}
		contradicted := f.Value == Fail || f.Verdict == Fail
		if contradicted != (got.State == StateContradicted) {
			t.Errorf("%+v: %s", f, got.State)
		}
		if got.State.Done() && (f.Value == Fail || f.Value == Warn || f.Verdict == Fail || f.Verdict == Warn || f.Verdict == Error) {
			t.Errorf("%+v: counted as done (%s) against the evidence", f, got.State)
		}
		if got.State == StateVerified && (f.Verdict != Pass || f.Stale && !f.Ticked) {
			t.Errorf("%+v: verified without a pass the person's tick agrees with", f)
		}
		if got.State == StateDone && !f.Ticked {
			t.Errorf("%+v: done without a tick", f)
		}
	}
	for i := range StateTable {
		if !used[i] {
			t.Errorf("row %d of StateTable (%+v) is never reached", i, StateTable[i])
		}
	}
}

func TestIsStale(t *testing.T) {
	verdict := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name          string
		ticked, typed time.Time
		want          bool
	}{
		{"no change", time.Time{}, time.Time{}, false},
		{"ticked before", verdict.Add(-time.Hour), time.Time{}, false},
		{"ticked after", verdict.Add(time.Minute), time.Time{}, true},
		{"typed after", verdict.Add(-time.Hour), verdict.Add(time.Second), true},
	}
	for _, tt := range tests {
		if got := IsStale(verdict, tt.ticked, tt.typed); got != tt.want {
			t.Errorf("%s: IsStale = %v", tt.name, got)
		}
	}
	if IsStale(time.Time{}, verdict, verdict) {
		t.Error("no verdict is stale")
	}
}

// TestReportStateMatchesStatus runs the checker on evidence of every kind: each result's
// state is the one its status says, so that a report never says « conforme » of a step it
// names contradicted, nor « déclaré fait » of one to look at again.
func TestReportStateMatchesStatus(t *testing.T) {
	stateOf := map[Status]StepState{
		Pass: StateVerified, Fail: StateContradicted, Warn: StateAttention, Error: StateAttention,
		Answered: StateDone, Unanswered: StateTodo, NoEvidence: StateTodo, NotApplicable: "",
	}
	right, wrong := OZE().CASURL, "https://enc.hauts-de-seine.fr/auth/realms/oze_hd/protocol/cas/login"
	var evs []*Evidence
	for _, info := range []*Info{nil, {Source: "i.json"}, {Source: "i.json", CAS: &InfoCAS{Active: ptr(true), URL: ptr(right)}},
		{Source: "i.json", CAS: &InfoCAS{Active: ptr(false), URL: ptr(wrong)}, HasEspaces: true,
			Espaces: []InfoEspace{{Name: "x", URL: "https://other.example/pronote/eleve.html", Genre: 39, Delegation: ptr(true), Protocol: ptr("daCAS")}}}} {
		for _, ticked := range []bool{false, true} {
			for _, typed := range []string{"", right, wrong, "https://0920000a.index-education.net/pronote"} {
				items := map[string]ItemAnswer{}
				for _, it := range Default().askers() {
					items[it.ID] = ItemAnswer{Checked: ticked, Value: typed, Fingerprint: it.Fingerprint()}
				}
				items["net.unpublished"] = ItemAnswer{Checked: ticked, Fingerprint: "000000000000"}
				evs = append(evs, &Evidence{Info: info, Answers: &Answers{Source: "a.json", Items: items}})
			}
		}
	}
	for _, ev := range evs {
		for _, mode := range []Mode{Hosted, OnPrem} {
			for _, r := range Run(Default(), ev, Options{Mode: mode}).Results {
				if want := stateOf[r.Status]; r.State != want {
					t.Errorf("%s (%s, %s): state %q, want %q", r.Item.ID, r.Status, r.Message.EN, r.State, want)
				}
			}
		}
	}
}
