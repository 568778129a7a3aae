//go:build unix

package main

import (
	"context"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"testing"
	"time"
)

// TestStopSignals sends each signal that stops sitegen to a process that listens as main
// does, and wants it to end as Ctrl-C does: through the context, which makes a build say it
// was interrupted and leave the output folder as it was, never killed with the staging
// folder left behind.
func TestStopSignals(t *testing.T) {
	if sig := os.Getenv("SITEGEN_TEST_SIGNAL"); sig != "" {
		ctx, stop := signal.NotifyContext(context.Background(), stopSignals...)
		defer stop()
		n := map[string]syscall.Signal{"INT": syscall.SIGINT, "TERM": syscall.SIGTERM, "HUP": syscall.SIGHUP}[sig]
		if err := syscall.Kill(os.Getpid(), n); err != nil {
			t.Fatal(err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(20 * time.Second):
			t.Fatalf("SIG%s did not end the context", sig)
		}
		return
	}
	for _, sig := range []string{"INT", "TERM", "HUP"} {
		t.Run(sig, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestStopSignals$")
			cmd.Env = append(os.Environ(), "SITEGEN_TEST_SIGNAL="+sig)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Errorf("SIG%s: %v (killed, not stopped as by Ctrl-C)\n%s", sig, err, out)
			}
		})
	}
}
