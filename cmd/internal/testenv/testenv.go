// Package testenv finds the external programs some tests need (Chromium, pdftotext). When one
// is missing the test is skipped with a loud message, except under CI (CI=true), where a
// missing program fails the test: CI installs them (.ci/run).
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// NeedProgram returns the path of the first of names found on PATH, or skips (locally) or
// fails (in CI) the test.
func NeedProgram(t testing.TB, why string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := "\n*** " + why + " needs " + names[0] + ", which is not installed: SKIPPED.\n*** Install it (apt-get install chromium poppler-utils) or run .ci/run.\n"
	if os.Getenv("CI") != "" {
		t.Fatal(msg + "*** CI is set: this is a failure.")
	}
	t.Skip(msg)
	return ""
}
