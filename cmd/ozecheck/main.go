// Command ozecheck verifies a PRONOTE → oZe CAS delegation from configuration exports instead
// of screenshots, and writes a report an admin can send to support.
//
//	ozecheck [flags] FILE...
//
// FILEs are InfoMobileApp.json, identity list exports from Client PRONOTE and the answers file
// of the site's checklist, in any order; their kind is recognised from their content. Exit
// status: 0 when no step failed, 1 when one did, 2 on a usage error or an unreadable input.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/hds-oze/pronote-oze/internal/terminal"
)

// version is stamped at build time (-ldflags "-X main.version=…"); siteURL likewise, with the
// site's base URL from content/site.toml, where the report's links to steps lead, and support
// with its [support] contact (checks.Contact.Encode), whom the report says to send it to.
var (
	version = "dev"
	siteURL = "https://pronote-oze.example.org/"
	support = ""
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// errFailed means the report has a failed step; the report itself says which.
var errFailed = errors.New("a step failed")

// usageError is a problem with the command line or an input: exit status 2.
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// shownError is a usage error that run has already printed: exit status 2, nothing more said.
type shownError struct{ error }

func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFailed):
		return exitFailed
	case errors.Is(err, errHelp):
		return exitOK
	case errors.As(err, new(shownError)):
		return exitUsage
	}
	// The message names files and repeats what they hold: shown escaped, never acted on.
	fmt.Fprintln(stderr, "ozecheck:", terminal.Escape(err.Error()))
	var h hinted
	if errors.As(err, &h) {
		fmt.Fprintln(stderr, h.hint)
	}
	return exitUsage
}

// hinted is an error followed by a line of advice of the program's own.
type hinted struct {
	error
	hint string
}
