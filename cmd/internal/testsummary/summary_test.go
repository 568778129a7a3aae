package main

import (
	"os"
	"strings"
	"testing"
)

// TestSummary feeds recorded `go test -json` streams through the summary and checks the
// closing line, the result lines and what is shown of failures and skips.
func TestSummary(t *testing.T) {
	mixed, err := os.ReadFile("testdata/mixed.jsonl") // go test -json on four packages: see each case
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, reason string
		events       string
		wantLast     string
		want         []string // lines that must appear, in this order
		notWant      []string
	}{
		{
			name:     "all-pass",
			reason:   "a passing package prints only its ok line",
			events:   pkgPass,
			wantLast: "2 passed, 0 failed, 0 skipped",
			want:     []string{"ok  \tex/p\t0.01s"},
			notWant:  []string{"=== RUN", "PASS\n"},
		},
		{
			name:     "mixed",
			reason:   "a failing test and subtest, a build error, a package without tests, a panic and a skip",
			events:   string(mixed),
			wantLast: "1 passed, 4 failed, 1 skipped",
			want: []string{
				"a_test.go:5: got 1, want 2", "--- FAIL: TestFail (", "FAIL\texample.com/ts/a\t",
				"b/b_test.go:3:32: declared and not used: x", "FAIL\texample.com/ts/b [build failed]",
				"?   \texample.com/ts/c\t[no test files]",
				"panic: boom", "FAIL\texample.com/ts/d\t",
				"Skipped tests (1):", "SKIP example.com/ts/a TestSkip", "*** needs chromium: SKIPPED.",
			},
			notWant: []string{"=== RUN", "--- SKIP"},
		},
		{
			name:     "no-events",
			reason:   "an empty stream counts nothing; run adds go test's own failure",
			events:   "",
			wantLast: "0 passed, 0 failed, 0 skipped",
		},
		{
			name:     "not-json",
			reason:   "a line go test prints as plain text is passed through",
			events:   "go: warning: something\n" + pkgPass,
			wantLast: "2 passed, 0 failed, 0 skipped",
			want:     []string{"go: warning: something"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			s := newSummary(&out)
			if err := s.read(strings.NewReader(tt.events)); err != nil {
				t.Fatal(err)
			}
			s.finish()
			got := out.String()
			lines := strings.Split(strings.TrimRight(got, "\n"), "\n")
			if last := lines[len(lines)-1]; last != tt.wantLast {
				t.Errorf("closing line %q, want %q (%s)", last, tt.wantLast, tt.reason)
			}
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Errorf("output lacks %q after the previous expected line (%s):\n%s", w, tt.reason, got)
					break
				}
				rest = rest[i+len(w):]
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("output has %q (%s):\n%s", w, tt.reason, got)
				}
			}
		})
	}
}

// pkgPass is a package with a test and a subtest that pass.
const pkgPass = `{"Action":"start","Package":"ex/p"}
{"Action":"run","Package":"ex/p","Test":"TestA"}
{"Action":"output","Package":"ex/p","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"run","Package":"ex/p","Test":"TestA/x"}
{"Action":"output","Package":"ex/p","Test":"TestA/x","Output":"=== RUN   TestA/x\n"}
{"Action":"pass","Package":"ex/p","Test":"TestA/x"}
{"Action":"pass","Package":"ex/p","Test":"TestA"}
{"Action":"output","Package":"ex/p","Output":"PASS\n"}
{"Action":"output","Package":"ex/p","Output":"ok  \tex/p\t0.01s\n"}
{"Action":"pass","Package":"ex/p"}
`

// TestRunGoTestFails checks that a go test failure no event reports (here a pattern naming no
// package) is counted, shown on the closing line and returned.
func TestRunGoTestFails(t *testing.T) {
	var out, errOut strings.Builder
	err := run(t.Context(), []string{"./testdata/no-such-package"}, &out, &errOut)
	if err != errFailed {
		t.Errorf("run returned %v, want errFailed", err)
	}
	if got := out.String(); !strings.HasSuffix(got, "\n0 passed, 1 failed, 0 skipped\n") {
		t.Errorf("output does not end with the failure counted:\n%s", got)
	}
}
