package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hds-oze/pronote-oze/checks"
)

// TestHelpListsUserTypes: the help's --user-type line names every user type of checks, in both
// languages, so that a type added there is offered here without a second edit.
func TestHelpListsUserTypes(t *testing.T) {
	for _, l := range []checks.Lang{checks.FR, checks.EN} {
		help := usage.In(l)
		for _, ut := range checks.UserTypes() {
			if !strings.Contains(help, ut.ID) {
				t.Errorf("%s help does not list user type %q", l, ut.ID)
			}
		}
	}
}

// TestPauseWhenBare: started with no argument where a double click does that (Windows), run
// shows the help, says what is missing, waits for Enter and returns an error main does not
// print again (exit status 2); with any argument it never waits.
func TestPauseWhenBare(t *testing.T) {
	defer func(p bool) { pauseWhenBare = p }(pauseWhenBare)
	pauseWhenBare = true
	t.Setenv("LANG", "en_GB.UTF-8")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")

	tests := []struct {
		name, reason string
		args         []string
		wantPause    bool
	}{
		{name: "no-argument", reason: "a double click starts it so", args: nil, wantPause: true},
		{name: "a-flag", reason: "typed in a console, which stays open", args: []string{"--lang", "en"}, wantPause: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin := strings.NewReader("\n")
			var stdout, stderr strings.Builder
			err := run(context.Background(), tt.args, stdin, &stdout, &stderr)
			var printed strings.Builder
			if code := exitCode(err, &printed); code != exitUsage {
				t.Errorf("exit status %d, want %d", code, exitUsage)
			}
			waited := stdin.Len() == 0
			if waited != tt.wantPause {
				t.Errorf("waited for Enter: %v, want %v (%s)", waited, tt.wantPause, tt.reason)
			}
			out := stderr.String() + printed.String()
			want := []string{"Usage: ozecheck", "ozecheck: " + msgNoInput.In(checks.EN)}
			if tt.wantPause {
				want = append(want, msgPressEnter.In(checks.EN))
			}
			rest := out
			for _, w := range want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("stderr lacks %q after what precedes it:\n%s", w, out)
				}
				rest = rest[i+len(w):]
			}
			if strings.Count(out, msgNoInput.In(checks.EN)) != 1 {
				t.Errorf("the missing input is reported %d times, want once:\n%s", strings.Count(out, msgNoInput.In(checks.EN)), out)
			}
			if !tt.wantPause && strings.Contains(out, msgPressEnter.In(checks.EN)) {
				t.Errorf("asked to press Enter without pausing:\n%s", out)
			}
		})
	}
}

// TestSummaryOutputStreams: -o gets the summary as it is written, as standard output does
// (issue 22, item 6), not made whole in memory first: writing it to a file allocates no more
// than writing it to standard output, far less than its size.
func TestSummaryOutputStreams(t *testing.T) {
	dir := t.TempDir()
	var results []string
	for _, st := range checks.Default().Steps(checks.Hosted) {
		results = append(results, fmt.Sprintf(`{"id": %q, "status": "fail"}`, st.Item.ID))
	}
	for i := range 400 {
		r := fmt.Sprintf(`{"format": 1, "kind": "pronote-oze-report", "generated": "2026-10-01T08:00:00Z", "mode": "hosted", "school": "Collège n° %d", "failed": true, "results": [%s]}`,
			i, strings.Join(results, ", "))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%03d.json", i)), []byte(r), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "summary.html")
	alloc := func(args ...string) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		err := run(context.Background(), append([]string{"summary"}, append(args, dir)...), nil, io.Discard, io.Discard)
		runtime.ReadMemStats(&after)
		if !errors.Is(err, errFailed) {
			t.Fatalf("summary %v: %v, want a failing school", args, err)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	toStdout := alloc()
	toFile := alloc("-o", out)
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("summary of %d KB: %d KB allocated to standard output, %d KB to -o", st.Size()>>10, toStdout>>10, toFile>>10)
	if toFile > toStdout+uint64(st.Size())/4 {
		t.Errorf("writing a %d KB summary to -o allocated %d KB more than to standard output: it is held in memory", st.Size()>>10, (toFile-toStdout)>>10)
	}
}

// TestOutputIsStandardInput: -o naming the file standard input is redirected from (ozecheck -o
// ima.json - < ima.json) would replace what was read: refused, the file intact.
func TestOutputIsStandardInput(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "ima.json")
	const body = `{"nomEtab": "X", "espaces": [], "CAS": {"actif": true, "casURL": "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas"}}`
	if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	stdin, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	err = run(context.Background(), []string{"--lang", "en", "-o", name, "-"}, stdin, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "it is also an input (-)") {
		t.Errorf("-o naming standard input's file: %v, want a refusal", err)
	}
	if got, _ := os.ReadFile(name); string(got) != body {
		t.Errorf("the input was replaced: %q", got)
	}
}
