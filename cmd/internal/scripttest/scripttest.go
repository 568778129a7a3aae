// Package scripttest holds the testscript commands the commands' script tests share: an exact
// exit status (testscript's "! exec" tells only success from failure, while both commands
// promise distinct statuses for a failure and a usage error), and what a test needs to talk
// to a server started in the background.
package scripttest

import (
	"errors"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// Cmd is a testscript command.
type Cmd = func(ts *testscript.TestScript, neg bool, args []string)

// Cmds returns a test's own commands (own may be nil) with the shared ones, for
// testscript.Params.Cmds:
//
//	exitcode N PROG ARGS...  run PROG; fail unless it exits with status N (its output is
//	                         kept for stdout and stderr, as exec's is)
//	freeport VAR             set VAR to a TCP port of 127.0.0.1 nothing listens on
//	httpget URL FILE         wait (up to 60 s) for URL to answer 200; save the body in FILE
func Cmds(own map[string]Cmd) map[string]Cmd {
	cmds := map[string]Cmd{"exitcode": exitCode, "freeport": freePort, "httpget": httpGet}
	maps.Copy(cmds, own)
	return cmds
}

func exitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N PROG ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

func freePort(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport VAR")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	port := ln.Addr().(*net.TCPAddr).Port
	ts.Check(ln.Close())
	ts.Setenv(args[0], strconv.Itoa(port))
}

func httpGet(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: httpget URL FILE")
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(args[0])
		if err == nil {
			body, rerr := io.ReadAll(resp.Body)
			resp.Body.Close()
			ts.Check(rerr)
			if resp.StatusCode != http.StatusOK {
				ts.Fatalf("GET %s: %s", args[0], resp.Status)
			}
			ts.Check(os.WriteFile(ts.MkAbs(args[1]), body, 0o644))
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("GET %s: %v", args[0], err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
