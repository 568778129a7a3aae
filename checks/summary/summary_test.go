package summary

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
)

func TestCells(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"formula", "=1+1", "'=1+1"},
		{"plus", "+33 1", "'+33 1"},
		{"minus", "-2", "'-2"},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"tab", "\t=1", "'\t=1"},
		{"carriage return", "\r=1", "'\r=1"},
		{"text", "Collège", "Collège"},
		{"formula later in the cell", "a=1", "a=1"},
		{"empty", "", ""},
	} {
		if got := cells([]string{c.in})[0]; got != c.want {
			t.Errorf("%s: cells(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

// writeReports writes n reports of n/2 schools (each twice, a day apart) under dir.
func writeReports(t *testing.T, dir string, n int) {
	t.Helper()
	for i := range n {
		school := i / 2
		status := "pass"
		if school%3 == 0 {
			status = "fail"
		}
		day := 1 + i%2
		r := fmt.Sprintf(`{"format": 1, "kind": "pronote-oze-report", "checker": {"name": "ozecheck", "version": "1.0.%d"},
 "generated": "2026-10-%02dT08:00:00Z", "lang": "fr", "mode": "hosted", "school": "Collège %d", "failed": %v,
 "results": [{"id": "net.cas-url", "status": "%s"}, {"id": "net.espaces", "status": "pass"}]}`, day, day, school, status == "fail", status)
		sub := filepath.Join(dir, fmt.Sprint(i%7))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("r%04d.json", i)), []byte(r), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func summarize(t *testing.T, dir string, opts Options) *Summary {
	t.Helper()
	files := make(chan string)
	errc := make(chan error, 1)
	go func() { errc <- Inputs(context.Background(), []string{dir}, nil, files) }()
	s := Summarize(context.Background(), files, opts)
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSummarizeOrderFree: the summary is the same bytes whatever the number of workers (the
// order reports arrive in), the latest report of each school wins and counts the others.
func TestSummarizeOrderFree(t *testing.T) {
	dir := t.TempDir()
	writeReports(t, dir, 200)
	var outs [][]byte
	for _, w := range []int{1, 2, 8} {
		s := summarize(t, dir, Options{Lang: checks.EN, Workers: w, Generated: time.Unix(0, 0)})
		if s.Totals.Schools != 100 || s.Totals.Reports != 200 || s.Totals.Failing != 34 {
			t.Fatalf("workers %d: totals %+v, want 100 schools, 200 reports, 34 failing", w, s.Totals)
		}
		for _, sc := range s.Schools {
			if sc.Seen != 2 || sc.Checker != "1.0.2" {
				t.Fatalf("workers %d: %s seen %d, checker %s: want 2 and the latest (1.0.2)", w, sc.Name, sc.Seen, sc.Checker)
			}
		}
		var b bytes.Buffer
		if err := JSON(&b, s); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b.Bytes())
	}
	for _, o := range outs[1:] {
		if !bytes.Equal(o, outs[0]) {
			t.Fatal("the summary depends on the number of workers")
		}
	}
	// --since: only the second day's reports.
	s := summarize(t, dir, Options{Lang: checks.FR, Since: time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)})
	if s.Totals.Reports != 100 || s.Totals.Older != 100 || s.Schools[0].Seen != 1 {
		t.Fatalf("since: totals %+v, seen %d", s.Totals, s.Schools[0].Seen)
	}
	// Problems first.
	if !s.Schools[0].Failed || s.Schools[len(s.Schools)-1].Failed {
		t.Error("failing schools are not first")
	}
	if !slices.IsSortedFunc(s.Schools, func(a, b School) int { return severity(&a) - severity(&b) }) {
		t.Error("rows not sorted by severity")
	}
}

// TestHTMLEscapes: every string a report gives reaches the page as text, in the rows written
// by hand as in the template's parts.
func TestHTMLEscapes(t *testing.T) {
	dir := t.TempDir()
	hostile := `<img src=x onerror=alert(1)>"'&+`
	r := fmt.Sprintf(`{"format": 1, "kind": "pronote-oze-report", "checker": {"version": %q}, "generated": "2026-10-01T08:00:00Z",
 "lang": %q, "mode": "onprem", "failed": true,
 "identity": {"name": [{"value": %q, "source": "answers"}], "uai": [{"value": %q, "source": "answers"}], "disagree": ["name"]},
 "results": [{"id": "net.cas-url", "status": "fail"}, {"id": "x.other-version", "title": %q, "status": "warn"}]}`,
		hostile, hostile, hostile, hostile, hostile)
	if err := os.WriteFile(filepath.Join(dir, "r.json"), []byte(r), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, l := range checks.Langs() {
		s := summarize(t, dir, Options{Lang: l, Version: hostile})
		if len(s.Schools) != 1 || len(s.Errors) != 0 {
			t.Fatalf("schools %v, errors %v", s.Schools, s.Errors)
		}
		var b bytes.Buffer
		if err := HTML(&b, s); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		if strings.Contains(page, "<img") || strings.Contains(page, `"'&`) {
			t.Errorf("%s: a report's string reached the page unescaped", l)
		}
		if n := strings.Count(page, "&lt;img src=x onerror=alert(1)&gt;&#34;&#39;&amp;&#43;"); n < 6 {
			t.Errorf("%s: the hostile string shows escaped %d times, want it in the name, UAI, checker, tooltips, step title and version", l, n)
		}
	}
}

// FuzzSummaryRead feeds the report reader any bytes: it never panics, and gives either a row with a
// known mode, a date and known statuses, or a reason in both languages.
func FuzzSummaryRead(f *testing.F) {
	f.Add([]byte(`{"format": 1, "kind": "pronote-oze-report", "generated": "2026-10-01T08:00:00Z", "mode": "hosted", "results": [{"id": "net.cas-url", "status": "fail"}]}`))
	f.Add([]byte(`{"format": 1, "kind": "pronote-oze-report", "generated": "2026-10-01T08:00:00Z", "mode": "onprem", "identity": {"name": [{"value": "A", "source": "answers"}]}, "results": [{"id": "x.y", "title": "t", "status": "warn"}]}`))
	f.Add([]byte(`{"format": 2, "kind": "pronote-oze-report"}`))
	f.Add([]byte(`{"kind": "pronote-oze-answers", "format": 1, "items": {}}`))
	f.Add([]byte(`[1, 2`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		file := filepath.Join(dir, "r.json")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		s, _, reason := read(file, &buf)
		switch {
		case reason != nil:
			if s != nil || reason.FR == "" || reason.EN == "" {
				t.Fatalf("row %v with reason %v", s, reason)
			}
		case s == nil:
			t.Fatal("neither a row nor a reason")
		default:
			if s.Mode != "hosted" && s.Mode != "onprem" || s.Generated.IsZero() || s.key == "" {
				t.Fatalf("row %+v", s)
			}
			for id, st := range s.Results {
				if _, ok := knownStatus(st); !ok {
					t.Fatalf("step %q: status %q", id, st)
				}
			}
		}
	})
}
