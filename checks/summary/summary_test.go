package summary

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
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
		{"tab, shown escaped: no formula", "\t=1", `\t=1`},
		{"carriage return, shown escaped", "\r=1", `\r=1`},
		{"NUL", "a\x00b", `a\x00b`},
		{"escape sequence", "\x1b[2J=1", `\x1b[2J=1`},
		{"right-to-left override", "Coll\u202eège", `Coll\u202eège`},
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
	go func() { errc <- Inputs(context.Background(), []string{dir}, nil, files, "") }()
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
		s := summarize(t, dir, Options{Lang: checks.EN, Workers: w, Generated: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
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

// TestFutureReportNotLatest: a report dated more than FutureSlack after the summary is an error
// row saying both dates, and the school's latest report is the one before it (a report dated
// 9999-12-31 stayed its school's latest for ever); within the slack, a report is kept.
func TestFutureReportNotLatest(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	for _, r := range []struct{ file, date, status string }{
		{"a-old.json", "2026-10-01T08:00:00Z", "fail"},
		{"a-future.json", "9999-12-31T00:00:00Z", "pass"},
		{"b-clock.json", "2026-11-30T08:00:00Z", "pass"}, // 23 h ahead: a clock, kept
	} {
		data := fmt.Sprintf(`{"format": 1, "kind": "pronote-oze-report", "generated": %q, "mode": "hosted", "school": %q, "results": [{"id": "net.cas-url", "status": %q}]}`,
			r.date, "Collège "+r.file[:1], r.status)
		if err := os.WriteFile(filepath.Join(dir, r.file), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := summarize(t, dir, Options{Lang: checks.EN, Generated: now})
	if len(s.Errors) != 1 || filepath.Base(s.Errors[0].File) != "a-future.json" ||
		s.Errors[0].Reason != "report dated 9999-12-31T00:00:00Z, more than a day after this summary (2026-11-29T09:00:00Z): is the clock of the machine that made it wrong? It is not kept" {
		t.Errorf("errors %+v, want a-future.json's date refused", s.Errors)
	}
	if len(s.Schools) != 2 || s.Schools[0].Name != "Collège a" || s.Schools[0].Results["net.cas-url"] != "fail" || s.Schools[0].Seen != 1 {
		t.Errorf("schools %+v, want Collège a's report of October, failing, then Collège b", s.Schools)
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
		if n := strings.Count(page, "&lt;img src=x onerror=alert(1)&gt;&#34;&#39;&amp;&#43;"); n < 5 {
			t.Errorf("%s: the hostile string shows escaped %d times, want it in the name, the tooltip, the failing list, the report's checker and the summary's version", l, n)
		}
		if n := strings.Count(page, "&lt;IMG SRC=X ONERROR=ALERT(1)&gt;&#34;&#39;&amp;&#43;"); n < 2 {
			t.Errorf("%s: the hostile UAI shows escaped %d times, want it in the row and the failing list", l, n)
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
		s, reason := read(file, &buf)
		switch {
		case reason != nil:
			if s != nil || reason.FR == "" || reason.EN == "" {
				t.Fatalf("row %v with reason %v", s, reason)
			}
		case s == nil:
			t.Fatal("neither a row nor a reason")
		default:
			if _, ok := parseMode(s.Mode); !ok || s.Generated.IsZero() || s.key == "" {
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

// writeReport writes a report of school in mode with results (ID → status) as dir/file.
func writeReport(t *testing.T, dir, file, school, mode string, results [][2]string) {
	t.Helper()
	var rs []string
	for _, r := range results {
		rs = append(rs, fmt.Sprintf(`{"id": %q, "status": %q}`, r[0], r[1]))
	}
	data := fmt.Sprintf(`{"format": 1, "kind": "pronote-oze-report", "generated": "2026-10-01T08:00:00Z", "lang": "fr", "mode": %q, "school": %q, "results": [%s]}`,
		mode, school, strings.Join(rs, ", "))
	if err := os.WriteFile(filepath.Join(dir, file), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// outputs returns the summary of dir in each format.
func outputs(t *testing.T, dir string, l checks.Lang) (page, sheet, js string) {
	t.Helper()
	s := summarize(t, dir, Options{Lang: l, Generated: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	var b [3]bytes.Buffer
	for i, write := range []func(io.Writer, *Summary) error{HTML, CSV, JSON} {
		if err := write(&b[i], s); err != nil {
			t.Fatal(err)
		}
	}
	return b[0].String(), b[1].String(), b[2].String()
}

// TestOutputsBoundedByRows: what a report claims does not multiply in the summary (issue 22,
// item 6). Three schools whose names are 260 KB each, failing a step, and a report of 5 000
// steps the catalog does not have: the page and the spreadsheet show each name cut with its
// mark (they repeated it in every cell's tooltip and in the failed step's list) and no
// unknown step as a column (each was one, in every row); the JSON gives the names whole.
func TestOutputsBoundedByRows(t *testing.T) {
	dir := t.TempDir()
	long := func(i int) string {
		return fmt.Sprintf("Collège %d ", i) + strings.Repeat("Jean-Baptiste de La Salle ", 10000) + "fin"
	}
	for i := range 3 {
		writeReport(t, dir, fmt.Sprintf("long-%d.json", i), long(i), "hosted", [][2]string{{"net.cas-url", "fail"}, {"net.espaces", "pass"}})
	}
	var unknown [][2]string
	for i := range 5000 {
		unknown = append(unknown, [2]string{fmt.Sprintf("x.step-%05d", i), "warn"})
	}
	writeReport(t, dir, "unknown.json", "Collège des étapes inconnues", "hosted", append(unknown, [2]string{"net.cas-url", "pass"}))

	page, sheet, js := outputs(t, dir, checks.FR)
	if len(page) > 100<<10 || len(sheet) > 10<<10 {
		t.Errorf("HTML of %d KB, CSV of %d KB for 4 rows: want at most 100 and 10", len(page)>>10, len(sheet)>>10)
	}
	for i := range 3 {
		cut := long(i)[:100]
		if !strings.Contains(page, cut) || !strings.Contains(sheet, cut) {
			t.Errorf("school %d: its name's start is not shown", i)
		}
		if !strings.Contains(js, `"name": "`+long(i)+`"`) {
			t.Errorf("school %d: the JSON lacks its whole name", i)
		}
	}
	if n := strings.Count(page, "[…]"); n < 3+3 {
		t.Errorf("HTML: %d cut marks, want one per name in the rows and in the failed step's list", n)
	}
	if n := strings.Count(sheet, "[…]"); n < 3 {
		t.Errorf("CSV: %d cut marks, want one per name", n)
	}
	if strings.Contains(page, "x.step-04999") || strings.Contains(sheet, "x.step-04999") {
		t.Error("an unknown step beyond the first ones is shown")
	}
	if !strings.Contains(page, "5000 étapes inconnues de ce vérificateur") {
		t.Error("the page does not say the report has 5000 unknown steps")
	}
}

// TestColumnsNumberedByProcedure (issue 24, item 6): a column is a step numbered as its
// procedure's page and PDF number it, and a school's cell is the step of its own mode's
// procedure. A hosted and an on-premises school show their own step 1 in the same column; a
// school whose mode is undecided shows a step only where both modes have the same; a report
// of the purge alone fills the purge's columns alone.
func TestColumnsNumberedByProcedure(t *testing.T) {
	cat := checks.Default()
	hosted, _ := cat.Checklist(checks.HostedID)
	onprem, _ := cat.Checklist(checks.OnPremID)
	purge, _ := cat.Checklist(checks.PurgeID)
	first := func(cl *checks.Checklist) string { return cl.Items()[0].ID }
	dir := t.TempDir()
	writeReport(t, dir, "h.json", "Collège hébergé", "hosted", [][2]string{{first(hosted), "answered"}, {first(onprem), "not-applicable"}, {"net.cas-url", "fail"}})
	writeReport(t, dir, "o.json", "Collège sur place", "onprem", [][2]string{{first(hosted), "not-applicable"}, {first(onprem), "pass"}, {"net.cas-url", "pass"}})
	writeReport(t, dir, "u.json", "Collège indécis", "undecided", [][2]string{{first(hosted), "not-applicable"}, {"verify.unique-ids", "fail"}})
	writeReport(t, dir, "p.json", "Collège purgé", "any", [][2]string{{"purge.clear", "fail"}})

	_, sheet, js := outputs(t, dir, checks.EN)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(strings.ReplaceAll(sheet, ";", ","), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	cell := func(school, header string) string {
		for _, r := range rows[1:] {
			if r[1] == school {
				return r[col[header]]
			}
		}
		t.Fatalf("no row for %s", school)
		return ""
	}
	n := func(cl *checks.Checklist, id string) string { return strconv.Itoa(cl.StepNumber(id)) }
	step1 := "hosted/onprem 1 · " + first(hosted) + "/" + first(onprem)
	casURL := "hosted/onprem " + n(hosted, "net.cas-url") + " · net.cas-url"
	unique := "hosted/onprem " + n(hosted, "verify.unique-ids") + " · verify.unique-ids"
	clear := "purge " + n(purge, "purge.clear") + " · purge.clear"
	if n(hosted, "net.cas-url") != n(onprem, "net.cas-url") || n(hosted, "net.cas-url") != "6" {
		t.Fatalf("« URL du serveur CAS » is step %s hosted, %s on premises: this test expects 6 in both", n(hosted, "net.cas-url"), n(onprem, "net.cas-url"))
	}
	for _, c := range []struct{ school, header, want string }{
		{"Collège hébergé", step1, "answered"},
		{"Collège sur place", step1, "pass"},
		{"Collège indécis", step1, ""},
		{"Collège hébergé", casURL, "fail"},
		{"Collège sur place", casURL, "pass"},
		{"Collège indécis", unique, "fail"},
		{"Collège purgé", clear, "fail"},
		{"Collège purgé", casURL, ""},
		{"Collège hébergé", clear, ""},
	} {
		if _, ok := col[c.header]; !ok {
			t.Fatalf("no column %q in %q", c.header, rows[0])
		}
		if got := cell(c.school, c.header); got != c.want {
			t.Errorf("%s, column %q: %q, want %q", c.school, c.header, got, c.want)
		}
	}
	var doc struct {
		Items []struct {
			ID    string
			Steps []Step
		}
		Schools []struct {
			Name       string
			Procedures []string
		}
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatal(err)
	}
	for _, it := range doc.Items {
		if it.ID == "net.cas-url" && !slices.Equal(it.Steps, []Step{{"hosted", 6}, {"onprem", 6}}) {
			t.Errorf("net.cas-url: steps %v, want 6 in hosted and onprem", it.Steps)
		}
	}
	want := map[string][]string{"Collège hébergé": {"purge", "hosted"}, "Collège sur place": {"purge", "onprem"},
		"Collège indécis": {"purge", "hosted", "onprem"}, "Collège purgé": {"purge"}}
	for _, s := range doc.Schools {
		if !slices.Equal(s.Procedures, want[s.Name]) {
			t.Errorf("%s: procedures %v, want %v", s.Name, s.Procedures, want[s.Name])
		}
	}
}
