package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/report"
	"github.com/hds-oze/pronote-oze/checks/summary"
	"github.com/hds-oze/pronote-oze/cmd/internal/testenv"
)

// hostileSchool is a school name a summary must show as text.
const hostileSchool = `Collège <img src=x onerror="document.title='pwned'"> & "=HYPERLINK()"`

// summaryHTML writes reports of a few schools (one failing, one hostile name, one reported
// twice, one in English) and an unreadable file, and returns the summary page in lang.
func summaryHTML(t *testing.T, lang checks.Lang) []byte {
	t.Helper()
	dir := t.TempDir()
	url := checks.OZE().CASURL
	bad := "https://wrong.example/cas"
	schools := []struct {
		name, uai string
		cas       *string
		lang      checks.Lang
		day       int
	}{
		{"Collège André Malraux", "0920000A", &url, checks.FR, 1},
		{"Collège André Malraux", "0920000A", &bad, checks.FR, 2},
		{hostileSchool, "", &url, checks.EN, 1},
		{"Lycée Jean Moulin", "0931234Z", &url, checks.EN, 3},
	}
	for i, s := range schools {
		ev := &checks.Evidence{Info: &checks.Info{Source: "InfoMobileApp.json", SHA256: strings.Repeat("a", 64), School: s.name, UAI: s.uai,
			HasEspaces: true, CAS: &checks.InfoCAS{URL: s.cas}}}
		rep := checks.Run(checks.Default(), ev, checks.Options{Mode: checks.Hosted})
		d := report.New(rep, ev, report.Meta{Version: "1.0.0", Generated: time.Date(2026, 10, s.day, 8, 0, 0, 0, time.UTC), Lang: s.lang, SiteURL: "https://s.example/"})
		var b bytes.Buffer
		if err := report.JSON(&b, d); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%d.json", i)), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"kind": "pronote-oze-report", "format": 1,`), 0o644); err != nil {
		t.Fatal(err)
	}
	files := make(chan string)
	go summary.Inputs(context.Background(), []string{dir}, nil, files, "")
	s := summary.Summarize(context.Background(), files, summary.Options{Lang: lang, Version: "test", Generated: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if s.Totals.Schools != 3 || s.Totals.Failing != 1 || s.Totals.Errors != 1 {
		t.Fatalf("totals %+v: want 3 schools, 1 failing, 1 error", s.Totals)
	}
	var page bytes.Buffer
	if err := summary.HTML(&page, s); err != nil {
		t.Fatal(err)
	}
	return page.Bytes()
}

// TestSummaryPage opens the fleet summary in Chromium in both languages: no CSP violation, no
// script run and the hostile school name shown as text, the failing school first, axe-core
// clean (WCAG 2.0 and 2.1 A and AA), and a screenshot on screen and as printed (landscape) to
// $SHOTS_DIR when it is set, to be looked at.
func TestSummaryPage(t *testing.T) {
	axe, axeErr := os.ReadFile("node_modules/axe-core/axe.min.js")
	shots := os.Getenv("SHOTS_DIR")
	if shots == "" {
		shots = t.TempDir()
	}
	for _, lang := range checks.Langs() {
		t.Run(string(lang), func(t *testing.T) {
			page := summaryHTML(t, lang)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.Write(page)
			}))
			defer srv.Close()
			ctx := newTab(t)
			watch(t, ctx)
			do(t, ctx, chromedp.EmulateViewport(1400, 900), chromedp.Navigate(srv.URL+"/summary.html"), chromedp.WaitReady(chromedp.CSS("body")))
			if v := cspViolations(t, ctx); len(v) > 0 {
				t.Errorf("CSP violations: %v", v)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.title, document.querySelector('tbody th').textContent,
				String(document.querySelectorAll('img, script').length), String(getComputedStyle(document.querySelector('td.s-fail')).backgroundColor)]`))
			if err != nil {
				t.Fatal(err)
			}
			if got[0] == "pwned" || got[2] != "0" {
				t.Errorf("the hostile name acted on the page: title %q, %s img/script elements", got[0], got[2])
			}
			if !strings.Contains(got[1], "Collège André Malraux") {
				t.Errorf("first row %q: want the failing school first", got[1])
			}
			if got[3] == "rgba(0, 0, 0, 0)" {
				t.Error("a failed cell has no background: the stylesheet did not apply (CSP hash?)")
			}
			// The step a person on the phone calls « step 6 »: the column shows the number the
			// admin's page and PDF give « URL du serveur CAS », under its procedure's title,
			// and the failing school's cell in it is the failed one.
			hosted, _ := checks.Default().Checklist(checks.HostedID)
			want := strconv.Itoa(hosted.StepNumber("net.cas-url"))
			col, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
				const heads = [...document.querySelectorAll('table.grid thead tr:nth-child(2) th')];
				const i = heads.findIndex(h => h.title.includes('net.cas-url'));
				if (i < 0) return ['', '', '', '', ''];
				const h = heads[i], shown = h.querySelector('[aria-hidden="true"]'), box = shown.getBoundingClientRect();
				let group = '', at = 0;
				for (const g of document.querySelectorAll('table.grid thead tr:first-child th.g')) {
					if (i >= at && i < at + g.colSpan) group = g.textContent;
					at += g.colSpan;
				}
				const cell = document.querySelector('table.grid tbody tr').children[6 + i];
				return [shown.textContent, String(box.width > 0 && box.height > 0), group, cell.className + ' ' + cell.title,
					[...document.querySelectorAll('#failing ~ section h4')].map(e => e.textContent).join(' | ')];
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if col[0] != want || col[1] != "true" {
				t.Errorf("the column of net.cas-url shows %q (visible: %s), want %s, its number on the hosted page", col[0], col[1], want)
			}
			if !strings.Contains(col[2], hosted.Title.In(lang)) {
				t.Errorf("the column's group is %q, want it under %q", col[2], hosted.Title.In(lang))
			}
			if !strings.Contains(col[3], "s-fail") || !strings.Contains(col[3], "— "+want+". ") {
				t.Errorf("the failing school's cell in that column: %q, want failed, its tooltip naming step %s", col[3], want)
			}
			if !strings.HasPrefix(col[4], want+". ") {
				t.Errorf("failed steps' headings %q: want the first to be step %s", col[4], want)
			}
			text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(text, hostileSchool) {
				t.Errorf("the hostile name is not shown as text")
			}
			shot(t, ctx, filepath.Join(shots, "summary-"+string(lang)+".png"))
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				t.Fatal(err)
			}
			shot(t, ctx, filepath.Join(shots, "summary-"+string(lang)+"-print.png"))
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
				t.Fatal(err)
			}
			if axeErr != nil {
				testenv.Missing(t, "TestSummaryPage needs axe-core, which is not installed", "npm ci in cmd/internal/browsertest")
			}
			do(t, ctx, chromedp.Evaluate[chromedp.Void](string(axe)))
			raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
				.then(r => ({passes: r.passes.length, violations: r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', '))}))`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			var res struct {
				Passes     int
				Violations []string
			}
			if err := json.Unmarshal(raw, &res); err != nil {
				t.Fatal(err)
			}
			if res.Passes == 0 {
				t.Error("axe-core passed no rule: it did not run")
			}
			for _, v := range res.Violations {
				t.Error(v)
			}
		})
	}
}

// shot writes a screenshot of the whole page to file.
func shot(t *testing.T, ctx context.Context, file string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
}
