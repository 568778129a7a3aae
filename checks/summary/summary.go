package summary

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/report"
	"github.com/hds-oze/pronote-oze/internal/openfile"
)

// Format is the version of the JSON summary (schema summary.schema.json, published with the
// report's). A consumer that finds a larger number must not assume it understands the file.
const Format = 1

// Kind identifies a JSON summary.
const Kind = "pronote-oze-summary"

// MaxReportSize is the largest report read; a report is a few tens of kilobytes.
const MaxReportSize = 8 << 20

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

// Summary is the fleet's view: one row per school, the latest report of each. Its JSON form is
// summary.schema.json.
type Summary struct {
	Format    int         `json:"format"`
	Kind      string      `json:"kind"`
	Checker   Checker     `json:"checker"`
	Generated time.Time   `json:"generated"`
	Lang      checks.Lang `json:"lang"`
	Since     *time.Time  `json:"since,omitempty"`
	Totals    Totals      `json:"totals"`
	Items     []Item      `json:"items"`
	Schools   []School    `json:"schools"`
	Errors    []InputErr  `json:"errors"`
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

// Item is one column: a step of the catalog (or of a report from another version).
type Item struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Failing is how many schools fail it.
	Failing int `json:"failing"`
	// Counts are the schools by status of this item.
	Counts map[string]int `json:"counts"`
}

// School is one row: the latest report of a school. It holds no personal data: the school's
// name and UAI, the report's facts and the status of each step, never a message, evidence,
// comment or input.
type School struct {
	Name string `json:"name,omitempty"`
	UAI  string `json:"uai,omitempty"`
	// IdentityWarning is set when the report's sources disagree on the name or the UAI.
	IdentityWarning bool      `json:"identityWarning,omitempty"`
	Mode            string    `json:"mode"`
	Generated       time.Time `json:"generated"`
	Checker         string    `json:"checker"`
	Lang            string    `json:"lang"`
	// Seen is how many reports of this school were read; File is the latest's.
	Seen    int               `json:"seen"`
	File    string            `json:"file"`
	Failed  bool              `json:"failed"`
	Counts  map[string]int    `json:"summary"`
	Results map[string]string `json:"results"`

	// key says which rows are the same school; fold is the name as rows are sorted by.
	key, fold string
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

// Inputs lists the report files named by args: a file as is, a folder's *.json files
// recursively (hidden ones skipped), and for "-" the lines of stdin, each a file or folder.
// It sends the files to out in order, each once, and closes out. A name that cannot be read is
// sent too: reading it gives its error row.
func Inputs(ctx context.Context, args []string, stdin io.Reader, out chan<- string) error {
	defer close(out)
	seen := map[string]bool{}
	send := func(p string) error {
		key := p
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if seen[key] {
			return nil
		}
		seen[key] = true
		select {
		case out <- p:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	var one func(arg string) error
	one = func(arg string) error {
		if arg == "-" {
			sc := bufio.NewScanner(stdin)
			for sc.Scan() {
				if line := strings.TrimSpace(sc.Text()); line != "" && line != "-" {
					if err := one(line); err != nil {
						return err
					}
				}
			}
			return sc.Err()
		}
		st, err := os.Stat(arg)
		if err != nil || !st.IsDir() {
			return send(arg)
		}
		return filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return send(p) // unreadable: its error row says why
			}
			if p != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".json") {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if st, err := os.Stat(p); err == nil && st.IsDir() {
					return nil // a folder's link: not followed, no loop
				}
			}
			return send(p)
		})
	}
	for _, a := range args {
		if err := one(a); err != nil {
			return err
		}
	}
	return nil
}

// reportIn is what the summary reads of a report: no message, evidence or input.
type reportIn struct {
	Format  *int   `json:"format"`
	Kind    string `json:"kind"`
	Checker struct {
		Version string `json:"version"`
	} `json:"checker"`
	Generated time.Time        `json:"generated"`
	Lang      string           `json:"lang"`
	Mode      string           `json:"mode"`
	School    string           `json:"school"`
	Identity  *report.Identity `json:"identity"`
	Failed    bool             `json:"failed"`
	Summary   map[string]int   `json:"summary"`
	Results   []struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	} `json:"results"`
}

// titlesIn is the results' titles, read only from a report with steps the catalog does not
// have (another version's).
type titlesIn struct {
	Results []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	} `json:"results"`
}

// read reads one report into a row, or says why it cannot; buf is the worker's, reused.
func read(file string, buf *bytes.Buffer) (*School, map[string]string, *checks.Text) {
	f, err := openfile.Read(file) // a named pipe does not hang: its type is refused below
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		t := msgUnreadable.Sprintf(err.Error())
		return nil, nil, &t
	}
	defer f.Close()
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		return nil, nil, &msgNotFile
	}
	buf.Reset()
	if err == nil && st.Size() <= MaxReportSize {
		buf.Grow(int(st.Size()) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxReportSize+1)); err != nil {
		t := msgUnreadable.Sprintf(err.Error())
		return nil, nil, &t
	}
	data := buf.Bytes()
	if len(data) > MaxReportSize {
		t := msgTooBig.Sprintf(MaxReportSize >> 20)
		return nil, nil, &t
	}
	var r reportIn
	if err := json.Unmarshal(data, &r); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			t := msgNotJSON.Sprintf(se.Offset)
			return nil, nil, &t
		}
		if r.Kind != report.Kind {
			return nil, nil, &msgNotReport
		}
		t := msgBadField.Sprintf(err.Error())
		return nil, nil, &t
	}
	switch {
	case r.Kind != report.Kind:
		return nil, nil, &msgNotReport
	case r.Format == nil || *r.Format < 1:
		return nil, nil, &msgNoFormat
	case *r.Format > report.Format:
		t := msgTooNew.Sprintf(*r.Format, report.Format)
		return nil, nil, &t
	case r.Generated.IsZero():
		return nil, nil, &msgNoDate
	case r.Mode != "hosted" && r.Mode != "onprem" && r.Mode != "any" && r.Mode != "undecided":
		t := msgBadMode.Sprintf(r.Mode)
		return nil, nil, &t
	}
	s := &School{
		Name: strings.TrimSpace(r.Identity.BestName()), UAI: r.Identity.BestUAI(),
		Mode: r.Mode, Generated: r.Generated.UTC(), Checker: r.Checker.Version, Lang: r.Lang,
		Seen: 1, File: file, Failed: r.Failed, Counts: make(map[string]int, 8), Results: make(map[string]string, len(r.Results)),
	}
	if s.Name == "" {
		s.Name = strings.TrimSpace(r.School)
	}
	s.IdentityWarning = r.Identity != nil && len(r.Identity.Disagree) > 0
	s.UAI = strings.ToUpper(strings.TrimSpace(s.UAI))
	unknown := false
	known := catalogIDs()
	for _, res := range r.Results {
		status, ok := knownStatus(res.Status)
		if !ok {
			t := msgBadStatus.Sprintf(res.ID, res.Status)
			return nil, nil, &t
		}
		// The catalog's own strings are kept, not the report's copies: a row costs its map.
		id, ok := known[res.ID]
		if !ok {
			id, unknown = res.ID, true
		}
		s.Results[id] = status
		s.Counts[status]++
		if status == string(checks.Fail) {
			s.Failed = true
		}
	}
	var titles map[string]string // of steps the catalog does not have
	if unknown {
		var ti titlesIn
		if json.Unmarshal(data, &ti) == nil {
			titles = map[string]string{}
			for _, res := range ti.Results {
				if _, ok := known[res.ID]; !ok {
					titles[res.ID] = res.Title
				}
			}
		}
	}
	s.fold = report.FoldName(s.Name)
	switch {
	case s.UAI != "":
		s.key = "uai:" + s.UAI
	case s.fold != "":
		s.key = "name:" + s.fold
	default:
		s.key = "file:" + file
	}
	return s, titles, nil
}

// catalogIDs maps each item ID of the catalog to itself.
var catalogIDs = sync.OnceValue(func() map[string]string {
	ids := map[string]string{}
	for _, cl := range checks.Default().Checklists {
		for _, it := range cl.Items() {
			ids[it.ID] = it.ID
		}
	}
	return ids
})

// statusNames are the statuses' names, in checks.Statuses' order.
var statusNames = sync.OnceValue(func() []string {
	var names []string
	for _, st := range checks.Statuses() {
		names = append(names, string(st))
	}
	return names
})

// knownStatus returns the status named s as this package keeps it, and whether it is one.
func knownStatus(s string) (string, bool) {
	for _, st := range statusNames() {
		if st == s {
			return st, true
		}
	}
	return "", false
}

// Summarize reads the reports sent on files, on opts.Workers goroutines, and keeps the latest
// of each school: memory grows with the schools, not with the reports.
func Summarize(ctx context.Context, files <-chan string, opts Options) *Summary {
	type read1 struct {
		file   string
		school *School
		titles map[string]string
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
				s, titles, err := read(f, &buf)
				select {
				case results <- read1{f, s, titles, err}:
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
	otherTitles := map[string]string{} // titles of items the catalog does not have
	for r := range results {
		if r.err != nil {
			sum.Errors = append(sum.Errors, InputErr{File: r.file, Reason: r.err.In(opts.Lang)})
			continue
		}
		if !opts.Since.IsZero() && r.school.Generated.Before(opts.Since) {
			sum.Totals.Older++
			continue
		}
		sum.Totals.Reports++
		for id, t := range r.titles {
			if _, ok := otherTitles[id]; !ok {
				otherTitles[id] = t
			}
		}
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

	// Columns: the catalog's steps in the procedure's order (each on-premises step by its
	// hosted counterpart), then the others by ID.
	present := map[string]bool{}
	for _, s := range schools {
		for id := range s.Results {
			present[id] = true
		}
	}
	for _, st := range checks.Default().Steps(checks.Hosted) {
		if present[st.Item.ID] {
			sum.Items = append(sum.Items, Item{ID: st.Item.ID, Title: st.Item.Title.In(opts.Lang)})
			delete(present, st.Item.ID)
		}
	}
	others := make([]string, 0, len(present))
	for id := range present {
		others = append(others, id)
	}
	slices.Sort(others)
	for _, id := range others {
		sum.Items = append(sum.Items, Item{ID: id, Title: otherTitles[id]})
	}
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
	}
	for i := range sum.Items {
		it := &sum.Items[i]
		it.Counts = map[string]int{}
		for _, s := range sum.Schools {
			if st, ok := s.Results[it.ID]; ok {
				it.Counts[st]++
			}
		}
		it.Failing = it.Counts[string(checks.Fail)]
	}
	sum.Totals.Schools = len(sum.Schools)
	for _, s := range sum.Schools {
		if s.Failed {
			sum.Totals.Failing++
		}
	}
	return sum
}

// newer reports whether a is a later report than b: generated later, else (same second) the
// later file name, so that the choice does not depend on reading order.
func newer(a, b *School) bool {
	if !a.Generated.Equal(b.Generated) {
		return a.Generated.After(b.Generated)
	}
	return a.File > b.File
}

// severity orders rows problems first: a failed step, an error, a warning or an identity the
// sources disagree on, then the rest.
func severity(s *School) int {
	switch {
	case s.Failed:
		return 0
	case s.Counts[string(checks.Error)] > 0:
		return 1
	case s.Counts[string(checks.Warn)] > 0 || s.IdentityWarning:
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
