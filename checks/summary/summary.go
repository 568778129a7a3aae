package summary

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/report"
)

// Format is the version of the JSON summary (schema summary.schema.json, published with the
// report's). A consumer that finds a larger number must not assume it understands the file.
// Version 2 gives each step its numbers in the procedures (items[].steps) and each school the
// procedures it follows, and keeps the steps this version does not know out of items and
// results (a school's unknownSteps counts them).
const Format = 2

// Kind identifies a JSON summary.
const Kind = "pronote-oze-summary"

// MaxReportSize is the largest report read; a report is a few tens of kilobytes.
const MaxReportSize = 8 << 20

// maxUnknownListed is how many of a report's unknown step IDs its row keeps.
const maxUnknownListed = 3

// Options say what to summarise and how.
type Options struct {
	Lang checks.Lang
	// Since keeps only the reports generated at or after it (zero: all).
	Since time.Time
	// Generated is the summary's date.
	Generated time.Time
	// Version is the checker's version, written in the summary.
	Version string
	// Workers is how many reports are read at once (0: one per core).
	Workers int
}

// Summary is the fleet's view: one row per school, the latest report of each, and a column
// per step numbered as its procedure numbers it. JSON writes it as summary.schema.json.
type Summary struct {
	Format    int
	Kind      string
	Checker   Checker
	Generated time.Time
	Lang      checks.Lang
	Since     *time.Time
	Totals    Totals
	// Items are the catalog's steps some school has a result for, in the procedure's order.
	Items   []Item
	Schools []School
	Errors  []InputErr

	// groups are the table's column groups, in the catalog's order.
	groups []group
}

// Checker names the program that wrote the summary: the same object as a report's.
type Checker = report.Checker

// Totals count the summary's inputs and rows.
type Totals struct {
	// Reports is how many reports were read and kept.
	Reports int `json:"reports"`
	// Older is how many reports --since left out.
	Older int `json:"older"`
	// Errors is how many inputs could not be read as a report.
	Errors int `json:"errors"`
	// Schools is how many rows; Failing how many of them have a failed step.
	Schools int `json:"schools"`
	Failing int `json:"failing"`
}

// Item is a step of the catalog, with the schools' statuses of it.
type Item struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Steps are its numbers in the procedures that have it, as their pages and PDFs show them.
	Steps []Step `json:"steps"`
	// Failing is how many schools fail it.
	Failing int `json:"failing"`
	// Counts are the schools by status of this item.
	Counts map[string]int `json:"counts"`
}

// Step is a step's number in a procedure (a checklist of the catalog, by ID).
type Step struct {
	Procedure string `json:"procedure"`
	Number    int    `json:"number"`
}

// School is one row: the latest report of a school. It holds no personal data: the school's
// name and UAI, the report's facts and the status of each step, never a message, evidence,
// comment or input.
type School struct {
	Name string
	UAI  string
	// IdentityWarning is set when the report's sources disagree on the name or the UAI.
	IdentityWarning bool
	// Mode is the report's: hosted, onprem, any (the purge alone) or undecided.
	Mode      string
	Generated time.Time
	// Checker and Lang are the report's, cut (see Cut).
	Checker string
	Lang    string
	// Seen is how many reports of this school were read; File is the latest's.
	Seen   int
	File   string
	Failed bool
	// Counts are the report's steps by status, Results the status of each step of the
	// catalog by ID.
	Counts  map[string]int
	Results map[string]string
	// Unknown counts the report's steps the catalog does not have, nil when none.
	Unknown *Unknown

	mode checks.Mode
	// key says which rows are the same school; fold is the name as rows are sorted by.
	key, fold string
}

// Unknown is what a row keeps of the report's steps that this version's catalog does not
// have (a report of another version, or edited by hand): they are no column of the summary,
// the row lists them once.
type Unknown struct {
	// Count is how many; Failing how many of them fail.
	Count   int `json:"count"`
	Failing int `json:"failing"`
	// First are the first IDs (maxUnknownListed), whole.
	First []string `json:"first"`
}

// InputErr is an input that is not a report this summary can read.
type InputErr struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// Failing reports whether some school fails a step.
func (s *Summary) Failing() bool { return s.Totals.Failing > 0 }

// Unreadable reports whether some input could not be read as a report.
func (s *Summary) Unreadable() bool { return len(s.Errors) > 0 }

// FutureSlack is how far after the summary's date (Options.Generated) a report may be dated:
// clocks differ by minutes, a local time written as UTC by hours. A report dated later is an
// error row, never its school's latest (a summary without a date judges no report's date).
const FutureSlack = 24 * time.Hour

// Summarize reads the reports sent on files, on opts.Workers goroutines, and keeps the latest
// of each school: memory grows with the schools, not with the reports.
func Summarize(ctx context.Context, files <-chan string, opts Options) *Summary {
	type read1 struct {
		file   string
		school *School
		err    *checks.Text
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make(chan read1, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for f := range files {
				s, err := read(f, &buf)
				select {
				case results <- read1{f, s, err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	sum := &Summary{Format: Format, Kind: Kind, Checker: Checker{Name: "ozecheck", Version: opts.Version},
		Generated: opts.Generated.UTC().Truncate(time.Second), Lang: opts.Lang, Schools: []School{}, Errors: []InputErr{}, Items: []Item{}}
	if !opts.Since.IsZero() {
		since := opts.Since.UTC()
		sum.Since = &since
	}
	schools := map[string]*School{}
	for r := range results {
		if r.err != nil {
			sum.Errors = append(sum.Errors, InputErr{File: r.file, Reason: r.err.In(opts.Lang)})
			continue
		}
		if !opts.Generated.IsZero() && r.school.Generated.After(sum.Generated.Add(FutureSlack)) {
			// A date to come would stay its school's latest for ever.
			reason := msgFuture.Sprintf(r.school.Generated.Format(time.RFC3339), sum.Generated.Format(time.RFC3339))
			sum.Errors = append(sum.Errors, InputErr{File: r.file, Reason: reason.In(opts.Lang)})
			continue
		}
		if !opts.Since.IsZero() && r.school.Generated.Before(opts.Since) {
			sum.Totals.Older++
			continue
		}
		sum.Totals.Reports++
		old, ok := schools[r.school.key]
		if !ok {
			schools[r.school.key] = r.school
			continue
		}
		seen := old.Seen + 1
		if newer(r.school, old) {
			schools[r.school.key] = r.school
		}
		schools[r.school.key].Seen = seen
	}
	slices.SortFunc(sum.Errors, func(a, b InputErr) int { return strings.Compare(a.File, b.File) })
	sum.Totals.Errors = len(sum.Errors)

	rows := make([]*School, 0, len(schools))
	for _, s := range schools {
		rows = append(rows, s)
	}
	slices.SortFunc(rows, func(a, b *School) int {
		return cmp.Or(cmp.Compare(severity(a), severity(b)),
			strings.Compare(a.fold, b.fold),
			strings.Compare(a.UAI, b.UAI), strings.Compare(a.key, b.key))
	})
	for _, s := range rows {
		sum.Schools = append(sum.Schools, *s)
		if s.Failed {
			sum.Totals.Failing++
		}
	}
	sum.Totals.Schools = len(sum.Schools)
	cat := checks.Default()
	sum.Items = items(cat, sum.Schools, opts.Lang)
	sum.groups = groups(cat, sum.Schools)
	return sum
}

// items returns the catalog's steps some school has a result for, in the order of the
// procedure (each on-premises step by its hosted counterpart), with their numbers and counts.
func items(cat *checks.Catalog, schools []School, l checks.Lang) []Item {
	out := []Item{}
	for _, st := range cat.Steps(checks.Hosted) {
		it := Item{ID: st.Item.ID, Title: st.Item.Title.In(l), Steps: []Step{}, Counts: map[string]int{}}
		for _, s := range schools {
			if status, ok := s.Results[it.ID]; ok {
				it.Counts[status]++
			}
		}
		if len(it.Counts) == 0 {
			continue
		}
		it.Failing = it.Counts[string(checks.Fail)]
		for _, cl := range cat.Checklists {
			if n := cl.StepNumber(it.ID); n > 0 {
				it.Steps = append(it.Steps, Step{Procedure: cl.ID, Number: n})
			}
		}
		out = append(out, it)
	}
	return out
}

// newer reports whether a is a later report than b: generated later, else (same second) the
// later file name, so that the choice does not depend on reading order.
func newer(a, b *School) bool {
	if !a.Generated.Equal(b.Generated) {
		return a.Generated.After(b.Generated)
	}
	return a.File > b.File
}

// severity orders rows problems first: a failed step, an error, a warning, an identity the
// sources disagree on or steps this version does not know, then the rest.
func severity(s *School) int {
	switch {
	case s.Failed:
		return 0
	case s.Counts[string(checks.Error)] > 0:
		return 1
	case s.Counts[string(checks.Warn)] > 0 || s.IdentityWarning || s.Unknown != nil:
		return 2
	}
	return 3
}

// ParseSince reads --since: a date (2026-09-01, midnight UTC) or a date and time (RFC 3339).
func ParseSince(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q: %w", s, err)
	}
	return t, nil
}
