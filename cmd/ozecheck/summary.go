package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/summary"
	"github.com/hds-oze/pronote-oze/internal/terminal"
)

// runSummary is "ozecheck summary [flags] REPORT...": many schools' JSON reports in one table.
// Exit status: 2 if an input could not be read as a report (or a usage error), else 1 if a
// school fails a step, else 0.
func runSummary(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	lang := helpLang(args)
	var format, out, langFlag, since string
	fl := flag.NewFlagSet("ozecheck summary", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	fl.StringVar(&format, "format", "html", "")
	fl.StringVar(&out, "o", "", "")
	fl.StringVar(&langFlag, "lang", string(lang), "")
	fl.StringVar(&since, "since", "", "")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stderr, summaryUsage.In(lang))
			return errHelp
		}
		return usageError{hinted{err, msgSummaryHelp.In(lang)}}
	}
	bad := func(t checks.Text, args ...any) error { return usageError{errors.New(t.Sprintf(args...).In(lang))} }
	l, ok := checks.ParseLang(langFlag)
	if !ok {
		return bad(msgBadLang, langFlag)
	}
	lang = l
	if format != "html" && format != "csv" && format != "json" {
		return bad(msgSummaryFormat, format)
	}
	opts := summary.Options{Lang: lang, Version: buildVersion(), Generated: sourceDate()}
	if since != "" {
		t, err := summary.ParseSince(since)
		if err != nil {
			return bad(msgBadSince, since)
		}
		opts.Since = t
	}
	if fl.NArg() == 0 {
		fmt.Fprint(stderr, summaryUsage.In(lang))
		return bad(msgNoReports)
	}

	files := make(chan string, 64)
	walkErr := make(chan error, 1)
	go func() { walkErr <- summary.Inputs(ctx, fl.Args(), stdin, files, out) }()
	sum := summary.Summarize(ctx, files, opts)
	if err := <-walkErr; err != nil {
		return usageError{localize(err, lang)}
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	// The summary is written as it is made, to standard output or to -o's file (replaced
	// atomically once complete).
	write := map[string]func(io.Writer, *summary.Summary) error{"csv": summary.CSV, "json": summary.JSON, "html": summary.HTML}[format]
	if out == "" {
		if err := write(stdout, sum); err != nil {
			return err
		}
	} else {
		if err := writeReport(out, func(w io.Writer) error { return write(w, sum) }); err != nil {
			return usageError{localize(err, lang)}
		}
		fmt.Fprintln(stderr, msgSummaryWrote.Sprintf(terminal.Escape(out)).In(lang))
	}
	fmt.Fprintln(stderr, msgSummaryTotals.Sprintf(checks.NounSchool.N(sum.Totals.Schools), checks.NounFailing.N(sum.Totals.Failing), checks.NounReportRead.N(sum.Totals.Reports), checks.NounUnreadable.N(sum.Totals.Errors)).In(lang))
	switch {
	case sum.Unreadable():
		return usageError{errors.New(msgSummaryUnreadable.Sprintf(checks.NounUnreadable.N(len(sum.Errors))).In(lang))}
	case sum.Failing():
		return errFailed
	}
	return nil
}

// sourceDate is the summary's date: SOURCE_DATE_EPOCH (seconds) when set, so that a summary of
// the same reports gives the same bytes, else now.
func sourceDate() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Now()
}
