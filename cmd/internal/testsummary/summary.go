package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// event is one line of `go test -json` (see `go doc test2json`).
type event struct {
	Action      string
	Package     string
	Test        string
	Output      string
	ImportPath  string // build-output events name the package being built
	FailedBuild string // a package's fail event names the package whose build failed
}

// line is one line of a package's output and the test that printed it ("" for the package).
type line struct{ test, text string }

// skip is a skipped test and the reason it printed.
type skip struct{ pkg, test, reason string }

// summary accumulates events and prints each package's result as it ends, as go test does.
type summary struct {
	w                       io.Writer
	lines                   map[string][]line          // output per package, in order
	build                   map[string][]string        // build output per import path
	failedTests             map[string]map[string]bool // failed tests per package
	skips                   []skip
	passed, failed, skipped int
}

func newSummary(w io.Writer) *summary {
	return &summary{
		w:           w,
		lines:       map[string][]line{},
		build:       map[string][]string{},
		failedTests: map[string]map[string]bool{},
	}
}

// read consumes go test's JSON events. A line that is not JSON (go test prints some errors
// that way) is printed as it is.
func (s *summary) read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		text := sc.Bytes()
		var e event
		if len(text) == 0 || text[0] != '{' || json.Unmarshal(text, &e) != nil {
			fmt.Fprintf(s.w, "%s\n", text)
			continue
		}
		s.add(e)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("cannot read go test's output: %w", err)
	}
	return nil
}

// add records one event.
func (s *summary) add(e event) {
	switch {
	case e.Action == "build-output":
		s.build[e.ImportPath] = append(s.build[e.ImportPath], e.Output)
	case e.Action == "output":
		s.lines[e.Package] = append(s.lines[e.Package], line{e.Test, e.Output})
	case e.Test != "":
		s.endTest(e)
	case e.Action == "pass" || e.Action == "fail" || e.Action == "skip":
		s.endPackage(e)
	}
}

// endTest counts a finished test.
func (s *summary) endTest(e event) {
	switch e.Action {
	case "pass":
		s.passed++
	case "fail":
		s.failed++
		if s.failedTests[e.Package] == nil {
			s.failedTests[e.Package] = map[string]bool{}
		}
		s.failedTests[e.Package][e.Test] = true
	case "skip":
		s.skipped++
		s.skips = append(s.skips, skip{e.Package, e.Test, s.reason(e.Package, e.Test)})
	}
}

// endPackage prints a package's result line and, when it failed, what failed: the output of
// its failed tests and its own, or, when no test failed, everything the build and the test
// binary said.
func (s *summary) endPackage(e event) {
	failed := s.failedTests[e.Package]
	if e.Action == "fail" && len(failed) == 0 {
		s.failed++
		if e.FailedBuild != "" {
			s.print(s.build[e.FailedBuild])
		}
	}
	for _, l := range s.lines[e.Package] {
		switch {
		case progress(l.text):
		case e.Action == "fail" && (l.test == "" || failed[l.test]):
			fmt.Fprint(s.w, l.text)
		case l.test == "" && (strings.HasPrefix(l.text, "ok ") || strings.HasPrefix(l.text, "?")):
			fmt.Fprint(s.w, l.text)
		}
	}
	delete(s.lines, e.Package)
	delete(s.failedTests, e.Package)
}

// print writes lines as they are.
func (s *summary) print(lines []string) {
	for _, l := range lines {
		fmt.Fprint(s.w, l)
	}
}

// finish prints the skipped tests and the closing line.
func (s *summary) finish() {
	if len(s.skips) > 0 {
		sort.SliceStable(s.skips, func(i, j int) bool {
			if s.skips[i].pkg != s.skips[j].pkg {
				return s.skips[i].pkg < s.skips[j].pkg
			}
			return s.skips[i].test < s.skips[j].test
		})
		fmt.Fprintf(s.w, "\nSkipped tests (%d):\n", len(s.skips))
		for _, k := range s.skips {
			fmt.Fprintf(s.w, "SKIP %s %s\n", k.pkg, k.test)
			for _, l := range strings.Split(k.reason, "\n") {
				fmt.Fprintf(s.w, "\t%s\n", l)
			}
		}
	}
	fmt.Fprintf(s.w, "\n%d passed, %d failed, %d skipped\n", s.passed, s.failed, s.skipped)
}

// reason returns what a skipped test printed, without the runner's own lines.
func (s *summary) reason(pkg, test string) string {
	var b strings.Builder
	for _, l := range s.lines[pkg] {
		if l.test != test || progress(l.text) || strings.HasPrefix(strings.TrimSpace(l.text), "--- SKIP") {
			continue
		}
		b.WriteString(l.text)
	}
	r := strings.TrimSpace(b.String())
	if r == "" {
		return "(no reason given)"
	}
	return r
}

// progress reports whether text is one of the runner's progress lines (=== RUN, PAUSE, CONT,
// NAME), which say nothing about a result.
func progress(text string) bool {
	return strings.HasPrefix(text, "=== ")
}
