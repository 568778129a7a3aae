package testenv

import (
	"strings"
	"testing"
)

// recorder is a testing.TB that records whether Missing skipped or failed.
type recorder struct {
	testing.TB
	skipped, failed bool
	msg             string
}

func (r *recorder) Helper()           {}
func (r *recorder) Skip(args ...any)  { r.skipped = true; r.msg = args[0].(string) }
func (r *recorder) Fatal(args ...any) { r.failed = true; r.msg = args[0].(string) }

func TestMissing(t *testing.T) {
	tests := []struct {
		name, ci          string
		wantSkip, wantErr bool
	}{
		{name: "local", ci: "", wantSkip: true},
		{name: "ci-true", ci: "true", wantErr: true},
		{name: "ci-1", ci: "1", wantErr: true},
		{name: "ci-false", ci: "false", wantSkip: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			r := &recorder{TB: t}
			Missing(r, "TestX needs chromium", "apt-get install chromium")
			if r.skipped != tt.wantSkip || r.failed != tt.wantErr {
				t.Errorf("CI=%q: skipped %v, failed %v; want %v, %v", tt.ci, r.skipped, r.failed, tt.wantSkip, tt.wantErr)
			}
			if !strings.Contains(r.msg, "TestX needs chromium") || !strings.Contains(r.msg, "apt-get install chromium") {
				t.Errorf("message %q does not say what is missing and how to install it", r.msg)
			}
		})
	}
}
