package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/site"
	"github.com/hds-oze/pronote-oze/cmd/internal/webcheck"
)

var (
	checkerOnce sync.Once
	checkerBC   *site.BrowserChecker
	checkerCLI  string
	checkerErr  error
	checkerTmp  string
)

// builtChecker compiles, once for the package, the browser checker (as sitegen does) and the
// ozecheck command, both stamped with the site's address.
func builtChecker(t *testing.T) (*site.BrowserChecker, string) {
	t.Helper()
	checkerOnce.Do(func() {
		var cfg struct {
			BaseURL string `toml:"baseURL"`
		}
		if _, checkerErr = toml.DecodeFile(filepath.Join(content, "site.toml"), &cfg); checkerErr != nil {
			return
		}
		if checkerBC, checkerErr = webcheck.Build(context.Background(), "test", cfg.BaseURL); checkerErr != nil {
			return
		}
		checkerTmp, checkerErr = os.MkdirTemp("", "ozecheck-cli-")
		if checkerErr != nil {
			return
		}
		checkerCLI = filepath.Join(checkerTmp, "ozecheck")
		out, err := exec.Command("go", "build", "-o", checkerCLI, "-ldflags", "-X main.version=cli -X main.siteURL="+cfg.BaseURL, "../../ozecheck").CombinedOutput()
		if err != nil {
			checkerErr = fmt.Errorf("build ozecheck: %v\n%s", err, out)
		}
	})
	if checkerErr != nil {
		t.Fatal(checkerErr)
	}
	return checkerBC, checkerCLI
}

func TestMain(m *testing.M) {
	code := m.Run()
	if checkerTmp != "" {
		os.RemoveAll(checkerTmp)
	}
	os.Exit(code)
}

// fixture writes the files of one of ozecheck's CLI scripts (the same inputs the command's
// tests use) into a folder, and returns it.
func fixture(t *testing.T, script string) string {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("../../ozecheck/testdata/script", script+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range a.Files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// cli runs ozecheck in dir and returns its standard output; exit status 1 (a step failed) is
// a normal outcome.
func cli(t *testing.T, bin, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 1) {
		t.Fatalf("ozecheck %v: %v\n%s", args, err, stderr.String())
	}
	return out
}

// watch records, from now on, every request of the tab (its worker's too) and every CSP
// violation; check reports what should not have happened.
type watcher struct {
	mu       sync.Mutex
	requests []*network.Request
}

func watch(t *testing.T, ctx context.Context) *watcher {
	t.Helper()
	w := &watcher{}
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		return chromedp.Listen(ctx, func(ev any) {
			if e, ok := ev.(*network.EventRequestWillBeSent); ok {
				w.mu.Lock()
				w.requests = append(w.requests, e.Request)
				w.mu.Unlock()
			}
		})
	}))
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`,
	}); err != nil {
		t.Fatal(err)
	}
	return w
}

// cspViolations returns the violations the current page saw.
func cspViolations(t *testing.T, ctx context.Context) []string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__csp || []`))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// check fails on any request to another origin, any request that is not a GET or that has
// a body, and returns the URLs requested.
func (w *watcher) check(t *testing.T, origin string) []string {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	var urls []string
	for _, r := range w.requests {
		urls = append(urls, r.URL)
		if strings.HasPrefix(r.URL, "data:") || strings.HasPrefix(r.URL, "blob:"+origin+"/") {
			continue
		}
		if !strings.HasPrefix(r.URL, origin+"/") {
			t.Errorf("request to another origin: %s", r.URL)
		}
		if r.Method != "GET" || r.HasPostData {
			t.Errorf("request %s %s with a body (%v): only GETs of the site's files are allowed", r.Method, r.URL, r.HasPostData)
		}
	}
	return urls
}

// checkReceived fails on any request the site's server received that is not a GET without
// a body. The server sees the worker's requests too, which the tab's network log does not:
// the .wasm must be among them, or the log proves nothing.
func checkReceived(t *testing.T, srv *served) {
	t.Helper()
	log := srv.received()
	for _, r := range log {
		if !strings.HasPrefix(r, "GET ") || !strings.HasSuffix(r, " 0") {
			t.Errorf("the server received %q: only GETs without a body are allowed", r)
		}
	}
	if !slices.Contains(log, "GET /assets/ozecheck.wasm.gz 0") || !slices.Contains(log, "GET /assets/wasm_exec.js 0") {
		t.Errorf("the server's log has no load of the checker: it proves nothing (%v)", log)
	}
}

func allowDownloads(t *testing.T, ctx context.Context) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
		BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
	}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// waitFile waits for one file matching pattern in dir and returns its content.
func waitFile(t *testing.T, dir, pattern string) []byte {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if m, _ := filepath.Glob(filepath.Join(dir, pattern)); len(m) == 1 {
			if data, err := os.ReadFile(m[0]); err == nil && len(data) > 0 {
				return data
			}
		}
	}
	t.Fatalf("no %s downloaded", pattern)
	return nil
}

// dropFiles chooses files with the page's file picker (what a drop does too) with mode and
// purge set, and waits for the results.
func dropFiles(t *testing.T, ctx context.Context, mode string, purge bool, files ...string) {
	t.Helper()
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".wc-ui")))
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
		`document.querySelector('.webcheck select[name=mode]').value = %q; document.querySelector('.webcheck input[name=purge]').checked = %v;`, mode, purge))); err != nil {
		t.Fatal(err)
	}
	do(t, ctx,
		chromedp.SetUploadFiles(chromedp.CSS(`.webcheck input[type=file]`), files),
		chromedp.WaitVisible(chromedp.CSS(".wc-results .wc-files")),
	)
}

// shownStatuses returns the status of each result listed on the page, by item ID.
func shownStatuses(t *testing.T, ctx context.Context) map[string]string {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`Object.fromEntries(Array.from(document.querySelectorAll('.wc-result')).map(li => [li.querySelector('code').textContent, li.className.replace(/.*st-/, '')]))`))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

var unstable = regexp.MustCompile(`("version": |"generated": )"[^"]*"`)

// sameReport compares two JSON reports byte for byte, apart from the checker's version and
// the time.
func sameReport(t *testing.T, name string, browser, cli []byte) {
	t.Helper()
	b, c := unstable.ReplaceAll(browser, []byte(`$1"…"`)), unstable.ReplaceAll(cli, []byte(`$1"…"`))
	if !bytes.Equal(b, c) {
		t.Errorf("%s: the browser's JSON report differs from ozecheck's:\n--- browser\n%s\n--- ozecheck\n%s", name, b, c)
	}
	if bytes.Equal(browser, cli) {
		t.Errorf("%s: the reports are identical even in their version and time: the comparison proves nothing", name)
	}
}

// TestBrowserCheckerMatchesCLI judges the CLI's fixtures in the browser and compares the JSON
// report downloaded from the page with ozecheck's, for every status; the page lists the same
// verdicts, problems first, and the network and CSP stay clean throughout.
func TestBrowserCheckerMatchesCLI(t *testing.T) {
	bc, bin := builtChecker(t)
	srv := serveWith(t, nil, bc)
	cases := []struct {
		name, script, lang, page, mode string
		purge                          bool
		files                          []string
		want                           map[string]string // some items' expected status
	}{
		{
			name: "every status", script: "statuses", lang: "fr", page: "/fr/verifier/", mode: "hosted",
			files: []string{"info.json", "reponses.json"},
			want:  map[string]string{"server.cas-url": "fail", "net.cas-protocol": "error", "net.cas-url": "pass", "net.unpublished": "answered", "verify.unique-ids": "no-evidence", "net.espaces": "warn", "net.publish": "no-evidence"},
		},
		{
			name: "a correct setup, in English", script: "pass", lang: "en", page: "/en/check-your-setup/",
			files: []string{"InfoMobileApp.json", "eleves.csv", "profs.csv", "reponses.json"},
			want:  map[string]string{"net.cas-url": "pass", "net.espaces": "answered", "server.cas-url": "answered", "net.unpublished": "answered"},
		},
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := fixture(t, tc.script)
			args := []string{"--format", "json", "--lang", tc.lang}
			if tc.mode != "" {
				args = append(args, "--mode", tc.mode)
			}
			if tc.purge {
				args = append(args, "--purge")
			}
			want := cli(t, bin, dir, append(args, tc.files...)...)

			ctx := newTab(t)
			w := watch(t, ctx)
			downloads := allowDownloads(t, ctx)
			do(t, ctx, chromedp.Navigate(srv.URL+tc.page))
			var paths []string
			for _, f := range tc.files {
				paths = append(paths, filepath.Join(dir, f))
			}
			dropFiles(t, ctx, tc.mode, tc.purge, paths...)
			do(t, ctx, chromedp.Click(chromedp.CSS(".wc-tools button:nth-of-type(2)")))
			got := waitFile(t, downloads, "*.json")
			sameReport(t, tc.name, got, want)

			var doc struct {
				Results []struct{ ID, Status string }
			}
			if err := json.Unmarshal(want, &doc); err != nil {
				t.Fatal(err)
			}
			shown := shownStatuses(t, ctx)
			for _, r := range doc.Results {
				seen[r.Status] = true
				if r.Status == "not-applicable" {
					continue
				}
				if shown[r.ID] != r.Status {
					t.Errorf("page shows %s as %q, the report says %q", r.ID, shown[r.ID], r.Status)
				}
			}
			for id, st := range tc.want {
				if shown[id] != st {
					t.Errorf("%s: shown %q, want %q", id, shown[id], st)
				}
			}
			order, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.wc-result')).map(li => li.className.replace(/.*st-/, ''))`))
			if err != nil {
				t.Fatal(err)
			}
			rank := func(s string) int {
				return slices.Index([]string{"fail", "error", "warn", "no-evidence", "unanswered", "answered", "pass"}, s)
			}
			if !slices.IsSortedFunc(order, func(a, b string) int { return rank(a) - rank(b) }) {
				t.Errorf("results are not listed problems first: %v", order)
			}
			if v := cspViolations(t, ctx); len(v) > 0 {
				t.Errorf("CSP violations: %v", v)
			}
			w.check(t, srv.URL)
			checkReceived(t, srv)
		})
	}
	for _, st := range []string{"pass", "fail", "warn", "answered", "unanswered", "not-applicable", "no-evidence", "error"} {
		if !seen[st] {
			t.Errorf("no case has status %s", st)
		}
	}
}

// TestCheckPageLooks drops the correct setup on the check page in both languages, at desktop
// and phone widths, in the light and the dark scheme, then an export that leaves the mode
// undecided (the page asks it): nothing scrolls sideways, and axe-core finds no violation
// once the results and the question are shown. The screenshots go to $SHOTS_DIR when it
// is set (to be looked at: check-LANG-WIDTH-SCHEME-{before,after,after-list,ask}.png), else
// to a temporary folder.
func TestCheckPageLooks(t *testing.T) {
	bc, _ := builtChecker(t)
	srv := serveWith(t, nil, bc)
	axe, axeErr := os.ReadFile("node_modules/axe-core/axe.min.js")
	shots := os.Getenv("SHOTS_DIR")
	if shots == "" {
		shots = t.TempDir()
	}
	dir := fixture(t, "pass")
	relative, _ := relativeFiles(t)
	for _, lang := range []struct{ code, page string }{{"fr", "/fr/verifier/"}, {"en", "/en/check-your-setup/"}} {
		for _, width := range []int64{1280, 390} {
			for _, scheme := range []string{"light", "dark"} {
				t.Run(fmt.Sprintf("%s-%d-%s", lang.code, width, scheme), func(t *testing.T) {
					ctx := newTab(t)
					shot := func(name string) {
						png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
						if err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("check-%s-%d-%s-%s.png", lang.code, width, scheme, name)), png, 0o644); err != nil {
							t.Fatal(err)
						}
					}
					if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
						Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
					}); err != nil {
						t.Fatal(err)
					}
					do(t, ctx, viewport(t, width, 900, width < 500), chromedp.Navigate(srv.URL+lang.page), chromedp.WaitVisible(chromedp.CSS(".wc-ui")),
						chromedp.ScrollIntoView(chromedp.CSS("#webcheck")))
					shot("before")
					dropFiles(t, ctx, "", false, filepath.Join(dir, "InfoMobileApp.json"), filepath.Join(dir, "eleves.csv"), filepath.Join(dir, "profs.csv"), filepath.Join(dir, "reponses.json"))
					do(t, ctx, chromedp.ScrollIntoView(chromedp.CSS("#webcheck")))
					shot("after")
					do(t, ctx, chromedp.ScrollIntoView(chromedp.CSS(".wc-list")))
					shot("after-list")
					sideways(t, ctx, width)
					accessible(t, ctx, axe, axeErr)
					do(t, ctx, chromedp.Click(chromedp.CSS(".wc-tools button:last-child")), chromedp.WaitNotPresent(chromedp.CSS(".wc-list")))
					dropFiles(t, ctx, "", false, relative)
					do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".wc-ask")), chromedp.ScrollIntoView(chromedp.CSS(".wc-status")))
					shot("ask")
					sideways(t, ctx, width)
					accessible(t, ctx, axe, axeErr)
				})
			}
		}
	}
}

// sideways fails when something of the page open in ctx goes past the window's right edge,
// naming it.
func sideways(t *testing.T, ctx context.Context, width int64) {
	t.Helper()
	// An element past the window's right edge is cut off even where the page does not
	// scroll (a fieldset grows to its widest content).
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('main *')).filter(e => !e.closest('pre') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(e => e.tagName + '.' + e.className)`))
	if err != nil || len(wide) > 0 {
		t.Errorf("the page is wider than the window at %d px (%v): %v", width, err, wide)
	}
}

// accessible runs axe-core on the page open in ctx and fails on any WCAG 2.1 A/AA violation.
func accessible(t *testing.T, ctx context.Context, axe []byte, axeErr error) {
	t.Helper()
	if axeErr != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("axe-core missing (npm ci in cmd/internal/browsertest): a failure under CI")
		}
		t.Log("axe-core missing: accessibility not checked (npm ci in cmd/internal/browsertest)")
		return
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](string(axe)))
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
		.then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var vs []string
	if err := json.Unmarshal(raw, &vs); err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("axe: %s", v)
	}
}

// stepLook is a step of the procedure page as steps.js shows it: its state (its card's s-*
// class), whether its box is ticked and whether the checker ticked it.
type stepLook struct {
	State     string
	Checked   bool
	ByChecker bool
}

func stepsLook(t *testing.T, ctx context.Context) map[string]stepLook {
	t.Helper()
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".cl-progress")), painted())
	got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]stepLook](`Object.fromEntries(Array.from(document.querySelectorAll('.cl-item')).map(li => {
		const s = li.className.match(/\bs-(\S+)/);
		return [li.id, {State: s ? s[1] : '', Checked: li.querySelector('input[type=checkbox]').checked, ByChecker: li.classList.contains('by-checker')}];
	}))`))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestVerdictsOnProcedurePages ticks a step by hand, judges the "every status" fixture in the
// browser, and opens the hosted procedure: each judged step takes the state its verdict
// gives; the failed step keeps the person's tick but is not done; a passed step nobody
// ticked is verified by the checker, its box left empty; the counter counts each step once. A reworded step drops its verdict; Reset clears ticks and
// verdicts. Then, in a fresh browser, the CLI's report.json dropped on the check page gives
// the same states.
func TestVerdictsOnProcedurePages(t *testing.T) {
	bc, bin := builtChecker(t)
	srv := serveWith(t, nil, bc)
	dir := fixture(t, "statuses")
	files := []string{filepath.Join(dir, "info.json"), filepath.Join(dir, "reponses.json")}
	const procedure = "/fr/mode-heberge/"

	ctx := newTab(t)
	w := watch(t, ctx)
	do(t, ctx, chromedp.Navigate(srv.URL+procedure), chromedp.WaitVisible(chromedp.CSS(".cl-progress")), chromedp.Click(box("server.cas-url")))
	if v := stepsLook(t, ctx); v["server.cas-url"].State != "done" {
		t.Fatalf("ticked, before any check: %+v", v["server.cas-url"])
	}
	do(t, ctx, chromedp.Navigate(srv.URL+"/fr/verifier/"))
	dropFiles(t, ctx, "hosted", false, files...)
	do(t, ctx, chromedp.Navigate(srv.URL+procedure))
	browser := stepsLook(t, ctx)
	if dir := os.Getenv("SHOTS_DIR"); dir != "" {
		for _, id := range []string{"net.espaces", "net.publish", "server.cas-url"} {
			do(t, ctx, chromedp.ScrollIntoView(chromedp.CSS(`[id="`+id+`"]`)))
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err == nil {
				err = os.WriteFile(filepath.Join(dir, "verdict-"+id+".png"), png, 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}

	want := map[string]stepLook{
		"server.cas-url":    {State: "contradicted", Checked: true}, // the person's tick stays, not done
		"net.cas-url":       {State: "verified", ByChecker: true},   // verified by the checker, not ticked for the person
		"net.espaces":       {State: "attention"},                   // warn
		"net.cas-protocol":  {State: "attention"},                   // error
		"net.publish":       {State: "todo"},                        // no-evidence: a saved file without a date does not show publication
		"net.unpublished":   {State: "todo"},                        // answered: a person's word, no verdict kept
		"verify.unique-ids": {State: "todo"},                        // no-evidence: nothing to show
	}
	for id, wl := range want {
		if got := browser[id]; got != wl {
			t.Errorf("%s: %+v, want %+v", id, got, wl)
		}
	}
	progress, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.cl-progress').textContent`))
	if want := "19 étapes : 1 faite, dont 1 vérifiée · 1 en échec · 2 à revoir"; err != nil || progress != want {
		t.Errorf("counter = %q (%v), want %q: the checker's pass is done, counted once, the person's contradicted tick is not done", progress, err, want)
	}
	if v := cspViolations(t, ctx); len(v) > 0 {
		t.Errorf("CSP violations: %v", v)
	}
	w.check(t, srv.URL)
	checkReceived(t, srv)

	// A reworded step drops its verdict; the others keep theirs.
	cat := checks.NewCatalog(checks.OZE())
	it, _, _ := cat.Item("net.espaces")
	it.Title.FR += " (reformulé)"
	srv.rebuild(t, cat)
	do(t, ctx, chromedp.Reload())
	reworded := stepsLook(t, ctx)
	if reworded["net.espaces"].State != "todo" || reworded["server.cas-url"].State != "contradicted" {
		t.Errorf("after rewording net.espaces: %+v, %+v", reworded["net.espaces"], reworded["server.cas-url"])
	}
	srv.rebuild(t, nil)

	// Reset, once confirmed, clears the ticks and the verdicts of this checklist.
	do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".cl-progress")), painted(),
		chromedp.Evaluate[chromedp.Void](`window.confirm = () => true`), chromedp.Click(chromedp.CSS(".cl-reset")),
		// Reset's code loads on the click: wait for the contradicted step to be cleared.
		waitState("server.cas-url", "todo"))
	for id, l := range stepsLook(t, ctx) {
		if l != (stepLook{State: "todo"}) {
			t.Errorf("after reset, %s: %+v", id, l)
		}
	}
	do(t, ctx, chromedp.Reload())
	left, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Object.keys(localStorage).filter(k => k.startsWith('pronote-oze-verdict:oze:net.') || k.startsWith('pronote-oze-verdict:oze:server.'))`))
	if err != nil || len(left) > 0 {
		t.Errorf("verdicts left after reset: %v %v", left, err)
	}

	// The CLI's report, dropped in a fresh browser, gives the same states (the ticks aside:
	// this browser has none of the person's).
	report := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(report, cli(t, bin, dir, "--mode", "hosted", "--format", "json", "--lang", "en", "info.json", "reponses.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx2 := newTab(t)
	do(t, ctx2, chromedp.Navigate(srv.URL+"/fr/verifier/"))
	dropFiles(t, ctx2, "", false, report)
	do(t, ctx2, chromedp.Navigate(srv.URL+procedure))
	fromCLI := stepsLook(t, ctx2)
	for id, b := range browser {
		if c := fromCLI[id]; c.State != b.State {
			t.Errorf("%s: state %q from the CLI's report, %q from the browser's", id, c.State, b.State)
		}
	}
	if l := fromCLI["net.cas-url"]; !l.ByChecker || l.Checked {
		t.Errorf("net.cas-url from the CLI's report: %+v, want verified by the checker, its box empty", l)
	}
}

// TestBrowserCheckerBadInput drops a binary file, a 2 GB file and a good InfoMobileApp.json:
// the binary file gets ozecheck's own message, the 2 GB file is refused unread, and the good
// file is still judged.
func TestBrowserCheckerBadInput(t *testing.T) {
	bc, bin := builtChecker(t)
	srv := serveWith(t, nil, bc)
	dir := fixture(t, "pass")
	png := filepath.Join(dir, "photo.png")
	if err := os.WriteFile(png, append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...), 0o644); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.csv")
	f, err := os.Create(huge)
	if err == nil {
		err = f.Truncate(2 << 30) // sparse: takes no disk space
		f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--lang", "en", "photo.png")
	cmd.Dir = dir
	out, _ := cmd.CombinedOutput()
	want := strings.TrimSpace(strings.TrimPrefix(string(out), "ozecheck: "))

	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/en/check-your-setup/"))
	dropFiles(t, ctx, "", false, png, huge, filepath.Join(dir, "InfoMobileApp.json"))
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".wc-verdict")))
	files, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.wc-files li')).map(li => li.className + '|' + li.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 {
		t.Fatalf("files listed: %q", files)
	}
	// ozecheck's message, as a sentence for the page: after the file's name, a capital
	// first, a full stop last.
	msg := strings.TrimPrefix(want, "photo.png: ")
	if msg == want || files[0] != "wc-bad|photo.png — "+strings.ToUpper(msg[:1])+msg[1:]+"." {
		t.Errorf("binary file: %q, want ozecheck's message %q", files[0], want)
	}
	if !strings.HasPrefix(files[1], "wc-bad|huge.csv — File of 2048 MiB") {
		t.Errorf("2 GB file: %q", files[1])
	}
	if files[2] != "|InfoMobileApp.json" { // its kind is its name: said once
		t.Errorf("good file: %q", files[2])
	}
	if st := shownStatuses(t, ctx); st["net.cas-url"] != "pass" {
		t.Errorf("the good file was not judged: net.cas-url %q", st["net.cas-url"])
	}
	// This browser holds no answers: their box is off and shows no tick.
	box, err := chromedp.Run(ctx, chromedp.Evaluate[[]bool](`(b => [b.checked, b.disabled])(document.querySelector('input[name=answers]'))`))
	if err != nil || len(box) != 2 || box[0] || !box[1] {
		t.Errorf("with no answers, their box is (checked, disabled) %v, want unticked and off (%v)", box, err)
	}
}

// TestCheckPageWithoutJavaScript opens the check page with scripts off: it says to use the
// downloaded checker, hides the drop zone and the address helper (they need scripts), and
// keeps the downloads and instructions.
func TestCheckPageWithoutJavaScript(t *testing.T) {
	bc, _ := builtChecker(t)
	srv := serveWith(t, nil, bc)
	ctx := newTab(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(srv.URL+"/fr/verifier/"), chromedp.WaitReady(chromedp.CSS("body")))
	type look struct{ NoJS, UI, Info, Downloads, Steps bool }
	got, err := chromedp.Run(ctx, chromedp.Evaluate[look](`(() => {
		const shown = (sel) => { const e = document.querySelector(sel); return !!e && e.offsetParent !== null; };
		return {NoJS: shown('.wc-nojs'), UI: shown('.wc-ui'), Info: shown('.wc-info'), Downloads: shown('.downloads, .note'), Steps: shown('pre')};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if want := (look{NoJS: true, UI: false, Info: false, Downloads: true, Steps: true}); got != want {
		t.Errorf("without JavaScript: %+v, want %+v", got, want)
	}
}

// TestCheckerLoadsOnUse opens the check page and waits: nothing of the checker beyond the
// page's own script is fetched until a file is chosen; then the worker, the glue and the
// .wasm are, and the page shows the loading.
func TestCheckerLoadsOnUse(t *testing.T) {
	bc, _ := builtChecker(t)
	srv := serveWith(t, nil, bc)
	dir := fixture(t, "pass")
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/en/check-your-setup/"), chromedp.WaitVisible(chromedp.CSS(".wc-ui")), chromedp.Sleep(time.Second))
	lazy := []string{"/assets/check-run.js", "/assets/verdicts.js", "/assets/answers.js", "/assets/checker-worker.js", "/assets/wasm_exec.js", "/assets/ozecheck.wasm.gz"}
	for _, r := range srv.received() {
		for _, l := range lazy {
			if r == "GET "+l+" 0" {
				t.Errorf("%s fetched before any use", l)
			}
		}
	}
	dropFiles(t, ctx, "", false, filepath.Join(dir, "InfoMobileApp.json"))
	log := srv.received()
	for _, l := range lazy {
		if !slices.Contains(log, "GET "+l+" 0") {
			t.Errorf("%s not fetched once a file was chosen", l)
		}
	}
}

// TestInfoAddressHelper types PRONOTE addresses in the helper: a good one gives the exact
// InfoMobileApp.json link (a link to follow, nothing fetched), a bad one its message. The
// helper's words load from the site on the first input (steps.json): the only request.
func TestInfoAddressHelper(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/en/check-your-setup/"), chromedp.WaitVisible(chromedp.CSS(".wc-info input")))
	const id = "InfoMobileApp.json?id=0D264427-EEFC-4810-A9E9-346942A862A4"
	cases := []struct{ name, typed, link, says string }{
		{"hosted root", "https://0920000a.index-education.net/pronote/", "https://0920000a.index-education.net/pronote/" + id, ""},
		{"no final slash", "https://0920000a.index-education.net/pronote", "https://0920000a.index-education.net/pronote/" + id, ""},
		{"own server", "https://pronote.college.fr/pronote/", "https://pronote.college.fr/pronote/" + id, ""},
		{"http", "http://0920000a.index-education.net/pronote/", "", "must start with https://"},
		{"no scheme", "0920000a.index-education.net/pronote/", "", "must start with https://"},
		{"no host", "https://pronote/", "", "not a full address"},
		{"vendor site", "https://www.index-education.com/fr/pronote.php", "", "Index Education's website"},
		{"an espace page", "https://0920000a.index-education.net/pronote/eleve.html", "", "not its root"},
	}
	before := len(srv.received())
	for _, tc := range cases {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`new Promise(ok => {
			const input = document.querySelector('.wc-info input'), out = document.querySelector('.wc-info-out');
			out.textContent = '';
			input.value = %q;
			input.dispatchEvent(new Event('input'));
			const t0 = Date.now();
			(function poll() {
				if (!out.textContent && Date.now() - t0 < 10000) return setTimeout(poll, 20);
				const a = out.querySelector('a');
				ok([a ? a.href : '', out.textContent, input.getAttribute('aria-invalid') || '']);
			})();
		})`, tc.typed), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if got[0] != tc.link || (tc.says != "" && !strings.Contains(got[1], tc.says)) || (tc.says != "") != (got[2] == "true") {
			t.Errorf("%s: link %q, text %q, invalid %q; want link %q, text with %q", tc.name, got[0], got[1], got[2], tc.link, tc.says)
		}
	}
	// The browser asks for the page's icon when it pleases, typing or not.
	made := slices.DeleteFunc(srv.received()[before:], func(r string) bool {
		return strings.HasPrefix(r, "GET /assets/favicon.svg ") || r == "GET /assets/steps.json 0"
	})
	if len(made) > 0 {
		t.Errorf("typing addresses made requests: %v", made)
	}
}
