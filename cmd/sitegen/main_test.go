package main

import (
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"sitegen": main})
}

// TestScripts runs the command-line scripts of testdata/script: a small site from the txtar,
// the command, its output, its exit status and what it leaves on disk.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// exitcode N PROG ARGS... runs PROG and fails unless it exits with status N; its
			// output is kept for stdout and stderr like exec's.
			"exitcode": func(ts *testscript.TestScript, neg bool, args []string) {
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
			},
			// freeport VAR sets VAR to a TCP port of 127.0.0.1 that nothing listens on.
			"freeport": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: freeport VAR")
				}
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				ts.Check(err)
				port := ln.Addr().(*net.TCPAddr).Port
				ts.Check(ln.Close())
				ts.Setenv(args[0], strconv.Itoa(port))
			},
			// httpget URL FILE waits (up to 60 s) for URL to answer 200 and saves the body in
			// FILE: a server started in the background is ready when it answers.
			"httpget": func(ts *testscript.TestScript, neg bool, args []string) {
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
			},
		},
	})
}
