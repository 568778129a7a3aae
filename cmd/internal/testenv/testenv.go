// Package testenv is the one place that decides what a test does when something it needs from
// outside Go is missing (Chromium, pdftotext, axe-core from npm): locally the test is skipped
// with a loud message, which `make test` lists at its end; under CI (CI=true) the test fails,
// because CI installs everything (.ci/run) and a skipped browser, PDF or accessibility test
// there would be a check that silently did not run.
//
// Tests never call t.Skip for a missing tool themselves: they call NeedProgram or Missing.
package testenv

import (
	"os"
	"os/exec"
	"strconv"
	"testing"
)

// InCI reports whether the environment variable CI is set to a true value (CI=true, as CI
// runners and .ci/run set it).
func InCI() bool {
	ci, err := strconv.ParseBool(os.Getenv("CI"))
	return err == nil && ci
}

// NeedProgram returns the path of the first of names found on PATH; when none is found it
// calls Missing, which skips (locally) or fails (in CI) the test.
func NeedProgram(t testing.TB, why string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	Missing(t, why+" needs "+names[0]+", which is not installed", "apt-get install chromium poppler-utils")
	return ""
}

// Missing stops the test because something it needs is absent: what says what and why,
// install how to get it. Locally the test is skipped with a loud message; under CI it fails.
func Missing(t testing.TB, what, install string) {
	t.Helper()
	msg := "\n*** " + what + ": SKIPPED.\n*** Install it (" + install + ") or run .ci/run.\n"
	if InCI() {
		t.Fatal(msg + "*** CI is set: this is a failure.")
	} else {
		t.Skip(msg)
	}
}
