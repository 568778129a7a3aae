package main

import (
	"testing"

	"github.com/hds-oze/pronote-oze/cmd/internal/scripttest"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"sitegen": main})
}

// TestScripts runs the command-line scripts of testdata/script: a small site from the txtar,
// the command, its output, its exit status (exitcode) and what it leaves on disk; serve.txtar
// starts a real server in the background (freeport, httpget).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Cmds: scripttest.Cmds(nil)})
}
