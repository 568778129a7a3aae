// Command testsummary runs `go test -json` with its arguments and prints what `go test` prints
// (a line per package: ok, FAIL or ?, and the output of what failed), then the tests that were
// skipped with their reason, then one closing line of the form
//
//	12 passed, 0 failed, 3 skipped
//
// A skip is a result: a browser or PDF test skipped for want of Chromium must be seen, not
// hidden behind an "ok". Tests and subtests are counted alike; a package that fails outside
// any test (a build error, a panic in init, a failing TestMain) counts as one failure.
// The command exits with status 1 when anything failed or `go test` itself failed.
//
// Usage (make test): go run ./cmd/internal/testsummary ./...
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errFailed) { // what failed is already printed above the closing line
			fmt.Fprintln(os.Stderr, "testsummary:", err)
		}
		os.Exit(1)
	}
}

// errFailed reports that a test, a package or go test failed; what failed is already printed.
var errFailed = errors.New("tests failed")

// run runs go test -json with args and summarises its events on stdout.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := exec.CommandContext(ctx, "go", append([]string{"test", "-json"}, args...)...)
	cmd.Stderr = stderr
	events, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("cannot run go test: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("cannot run go test: %w", err)
	}
	s := newSummary(stdout)
	readErr := s.read(events)
	waitErr := cmd.Wait()
	if readErr != nil {
		return readErr
	}
	if waitErr != nil && s.failed == 0 {
		// go test failed in a way no event reported (a bad flag, a pattern matching nothing):
		// that is a failure too, counted so that the closing line does not say "0 failed".
		fmt.Fprintf(stdout, "FAIL\tgo test: %v\n", waitErr)
		s.failed++
	}
	s.finish()
	if s.failed > 0 {
		return errFailed
	}
	return nil
}
