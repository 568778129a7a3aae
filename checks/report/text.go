package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/internal/terminal"
)

// ANSI colours of the statuses, used only when the output is a terminal.
var colours = map[string]string{
	"pass": "\x1b[32m", "fail": "\x1b[1;31m", "warn": "\x1b[33m", "error": "\x1b[1;35m",
	"no-evidence": "\x1b[36m", "unanswered": "\x1b[36m", "answered": "\x1b[34m", "not-applicable": "\x1b[2m",
}

// Mark returns the symbol of a status, as the text report and the fleet summary show it ("" for
// an unknown status).
func Mark(status string) string { return marks[status] }

var marks = map[string]string{
	"pass": "✓", "fail": "✗", "warn": "!", "error": "‼", "no-evidence": "?", "unanswered": "○", "answered": "●", "not-applicable": "–",
}

// Text writes the report for a terminal. colour adds ANSI colours (callers decide: only on a
// terminal, never with NO_COLOR).
func Text(w io.Writer, d *Doc, colour bool) error {
	l := d.Lang
	paint := func(status, text string) painted {
		if !colour {
			return painted(terminal.Escape(text))
		}
		return painted(colours[status] + terminal.Escape(text) + "\x1b[0m")
	}
	ew := &errWriter{w: w}
	ew.printf("%s\n", fmt.Sprintf(words.Title.In(l), d.Profile.Name))
	name, uai := d.Identity.Shown(l)
	if name == "" {
		name = d.School
	}
	if name != "" {
		ew.printf("%s%s%s\n", words.School.In(l), l.Colon(), name)
	}
	if uai != "" {
		ew.printf("%s%s%s\n", words.UAI.In(l), l.Colon(), uai)
	}
	ew.printf("%s\n", d.modeSaid.In(checks.InTerminal, l))
	for _, a := range d.againstSaid {
		ew.printf("%s\n", paint("warn", a.In(checks.InTerminal, l)))
	}
	ew.printf("%s %s · %s %s\n", words.Checker.In(l), d.Checker.Version, words.Generated.In(l), l.DateTime(d.Generated))
	ew.printf("\n%s\n", words.Inputs.In(l))
	if len(d.Inputs) == 0 {
		ew.printf("  %s\n", words.NoInputs.In(l))
	}
	for _, in := range d.Inputs {
		ew.printf("  %s\n    %s · %s %s\n", in.File, in.Detail, words.SHA256.In(l), in.SHA256)
	}
	ew.printf("\n%s\n", words.Results.In(l))
	var dependsOnMode []string
	for _, r := range d.Results {
		if r.DependsOnMode {
			dependsOnMode = append(dependsOnMode, r.ID)
		}
		if r.Status == "not-applicable" {
			continue
		}
		title := r.Title
		if m := r.Mark(); m != "" {
			title += " " + m
		}
		ew.printf("%s %-14s %s  %s\n", paint(r.Status, marks[r.Status]), paint(r.Status, r.StatusLabel), r.ID, title)
		ew.printf("    %s\n", r.Message)
		if but := r.TickedBut(l); but != "" {
			ew.printf("    %s\n", but)
		}
		if r.Evidence != "" {
			ew.printf("    %s%s%s\n", words.Evidence.In(l), l.Colon(), r.Evidence)
		}
		if r.Comment != "" {
			ew.printf("    %s%s%s\n", words.Comment.In(l), l.Colon(), r.Comment)
		}
		if r.URL != "" {
			ew.printf("    %s\n", r.URL)
		}
		if r.Help != "" {
			ew.printf("    %s%s%s\n", words.Help.In(l), l.Colon(), r.Help)
		}
	}
	if len(dependsOnMode) > 0 {
		ew.printf("\n%s%s%s\n", words.DependsOnMode.In(l), l.Colon(), strings.Join(dependsOnMode, ", "))
	}
	ew.printf("\n%s%s", words.Summary.In(l), l.Colon())
	var parts painted
	for _, st := range checks.Statuses() {
		if n := d.Summary[string(st)]; n > 0 {
			if parts != "" {
				parts += ", "
			}
			parts += paint(string(st), st.Count(n).In(l))
		}
	}
	ew.printf("%s\n", parts)
	switch {
	case d.Failed:
		ew.printf("%s\n", paint("fail", words.VerdictFail.In(l)))
	case d.Undecided():
		ew.printf("%s\n", paint("warn", saidVerdictUndecided.In(checks.InTerminal, l)))
	default:
		ew.printf("%s\n", paint("pass", words.VerdictOK.In(l)))
	}
	if d.SendTo != "" {
		ew.printf("%s%s%s\n", words.SendTo.In(l), l.Colon(), d.SendTo)
	}
	for _, n := range d.Notes {
		ew.printf("%s\n", n)
	}
	if d.Identity != nil && len(d.Identity.Disagree) > 0 {
		ew.printf("%s\n", paint("warn", marks["warn"]+" "+words.IdentityWarn.In(l)))
	}
	var legend []string
	for _, t := range checks.Legend() {
		legend = append(legend, t.In(l))
	}
	ew.printf("%s%s%s\n", words.Marks.In(l), l.Colon(), strings.Join(legend, " "))
	return ew.err
}

// errWriter keeps the first write error, so the writer can print without checking each line.
// It shows every string argument through [terminal.Escape]: the report's fields hold text
// from the inputs (the school's name, an espace's protocol, comments, file names), which must
// not act on the terminal. Only the colours, as [painted], reach it unescaped.
type errWriter struct {
	w   io.Writer
	err error
}

// painted is text already escaped, with the report's own colour codes around it.
type painted string

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = terminal.Escape(s)
		}
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
