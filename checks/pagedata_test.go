package checks

import "testing"

func TestCountSteps(t *testing.T) {
	tests := []struct {
		name   string
		total  int
		n      map[StepState]int
		fr, en string
	}{
		{"nothing done", 19, nil, "19 étapes\u202f: 0 faite", "19 steps: 0 done"},
		{"one done", 1, map[StepState]int{StateDone: 1}, "1 étape\u202f: 1 faite", "1 step: 1 done"},
		{"the issue's counter: each step counted once, the verified among the done", 19, map[StepState]int{StateDone: 7, StateVerified: 5, StateContradicted: 1},
			"19 étapes\u202f: 12 faites, dont 5 vérifiées · 1 en échec", "19 steps: 12 done, including 5 verified · 1 failed"},
		{"one verified by the checker alone", 19, map[StepState]int{StateVerified: 1, StateContradicted: 1},
			"19 étapes\u202f: 1 faite, dont 1 vérifiée · 1 en échec", "19 steps: 1 done, including 1 verified · 1 failed"},
		{"to look at again", 19, map[StepState]int{StateAttention: 2, StateTodo: 17},
			"19 étapes\u202f: 0 faite · 2 à revoir", "19 steps: 0 done · 2 to look at again"},
	}
	for _, tt := range tests {
		if got := CountSteps(tt.total, tt.n); got.FR != tt.fr || got.EN != tt.en {
			t.Errorf("%s: CountSteps = %q / %q, want %q / %q", tt.name, got.FR, got.EN, tt.fr, tt.en)
		}
	}
}
