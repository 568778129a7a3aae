package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hds-oze/pronote-oze/cmd/internal/scripttest"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"sitegen": main})
}

// TestScripts runs the command-line scripts of testdata/script: a small site from the txtar,
// the command, its output, its exit status (exitcode) and what it leaves on disk; serve.txtar
// starts a real server in the background (freeport, httpget). The scripts run in a folder
// outside the module, with the Go tool's caches of the test's environment, so that a script
// can have sitegen compile the checker (outside.txtar).
func TestScripts(t *testing.T) {
	goEnv := map[string]string{}
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH", "GOFLAGS", "GOPROXY", "GOTOOLCHAIN").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	for i, v := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		goEnv[[]string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOFLAGS", "GOPROXY", "GOTOOLCHAIN"}[i]] = v
	}
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Cmds: scripttest.Cmds(nil), Setup: func(env *testscript.Env) error {
		for k, v := range goEnv {
			env.Setenv(k, v)
		}
		return nil
	}})
}

// TestModuleAt finds the module sitegen was built from by the path of its source file, and
// says what to do when it cannot: built with -trimpath, or moved.
func TestModuleAt(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	want, _ := filepath.Abs(filepath.Join(filepath.Dir(file), "..", ".."))
	if got, err := moduleAt(file); err != nil || got != want {
		t.Errorf("moduleAt(%s) = %q, %v; want %q", file, got, err, want)
	}
	moved := filepath.Join(t.TempDir(), "cmd", "sitegen", "main.go")
	if err := os.MkdirAll(filepath.Dir(moved), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, file, want string }{
		{"built with -trimpath", modulePath + "/cmd/sitegen/downloads.go", "built with -trimpath"},
		{"sources moved", moved, "no longer at " + filepath.Dir(filepath.Dir(filepath.Dir(moved)))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := moduleAt(tc.file)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "-downloads=false -browser-checker=false") {
				t.Errorf("moduleAt(%s) = %v; want an error saying %q and how to build without the checker", tc.file, err, tc.want)
			}
		})
	}
}
