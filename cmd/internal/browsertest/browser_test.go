package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/spf13/afero"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/evidence"
	"github.com/hds-oze/pronote-oze/checks/report"
	"github.com/hds-oze/pronote-oze/cmd/internal/site"
	"github.com/hds-oze/pronote-oze/cmd/internal/testenv"
)

const content = "../../../content"

var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
)

// newTab returns a tab in a browser context of its own (its own storage and downloads),
// closed at the end of the test, that gives up after 90 s. The browser is started once for
// the package.
func newTab(t *testing.T) context.Context {
	t.Helper()
	return newTabFor(t, 90*time.Second)
}

// newTabFor is newTab with a time limit of its own.
func newTabFor(t *testing.T, limit time.Duration) context.Context {
	t.Helper()
	path := testenv.NeedProgram(t, "the browser tests", "chromium", "chromium-browser", "google-chrome")
	browserOnce.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path), chromedp.NoSandbox,
			chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-component-update", true), chromedp.WindowSize(1100, 900))
		alloc, _ := chromedp.NewExecAllocator(context.Background(), opts...)
		browserCtx, _ = chromedp.NewContext(alloc)
		browserErr = chromedp.Do(browserCtx)
	})
	if browserErr != nil {
		t.Fatalf("start chromium: %v", browserErr)
	}
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	return ctx
}

// served is a built site served on loopback; rebuild replaces it under the same origin.
type served struct {
	*httptest.Server
	dir atomic.Pointer[string]
	// checker is the browser checker the site is built with, nil for none.
	checker *site.BrowserChecker
	// log is every request the server received, its worker's too: "GET /assets/x 0".
	mu  sync.Mutex
	log []string
	// gone is a path the server answers "404 Not Found", as if the file were missing ("" for none).
	gone atomic.Pointer[string]
}

// received returns the requests the server received so far.
func (s *served) received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

// serve builds the project's content with cat (nil: the default) and serves it.
func serve(t *testing.T, cat *checks.Catalog) *served {
	t.Helper()
	return serveWith(t, cat, nil)
}

// serveWith builds the project's content with cat and the browser checker bc, and serves it.
func serveWith(t *testing.T, cat *checks.Catalog, bc *site.BrowserChecker) *served {
	t.Helper()
	s := &served{checker: bc}
	s.rebuild(t, cat)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.Copy(io.Discard, r.Body)
		s.mu.Lock()
		s.log = append(s.log, fmt.Sprintf("%s %s %d", r.Method, r.URL.Path, body))
		s.mu.Unlock()
		// A rebuild writes its files within the second the previous build wrote them,
		// often: a conditional reload would then get "304 Not Modified" (Last-Modified has
		// a second's grain) and the browser would show the previous build's page.
		r.Header.Del("If-Modified-Since")
		if g := s.gone.Load(); g != nil && *g == r.URL.Path {
			http.NotFound(w, r)
			return
		}
		http.FileServer(http.Dir(*s.dir.Load())).ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *served) rebuild(t *testing.T, cat *checks.Catalog) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	b := &site.Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: content, Out: afero.NewOsFs(), OutDir: out, Catalog: cat}
	if s.checker != nil {
		b.BrowserChecker = func(context.Context, *site.Config) (*site.BrowserChecker, error) { return s.checker, nil }
	}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.dir.Store(&out)
}

// box is the checkbox of step id.
func box(id string) chromedp.CSS { return chromedp.CSS(`[id="` + id + `"] input[type=checkbox]`) }

func checked(t *testing.T, ctx context.Context, id string) bool {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('[id="`+id+`"] input[type=checkbox]').checked`))
	if err != nil {
		t.Fatalf("read %s: %v", id, err)
	}
	return v
}

func progress(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".cl-progress")))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

const casURLSeen = "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas"

// TestStateKeptAcrossReloadAndLanguages ticks steps and types a value on the French page,
// reloads, then opens the English page: the state follows.
func TestStateKeptAcrossReloadAndLanguages(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	do(t, ctx,
		chromedp.Navigate(srv.URL+"/fr/mode-heberge/"),
		chromedp.WaitVisible(chromedp.CSS(".cl-progress")),
	)
	if got := progress(t, ctx); got != "19 étapes\u202f: 0 faite" {
		t.Errorf("progress = %q", got)
	}
	do(t, ctx,
		chromedp.Click(box("hosted.net-open")),
		chromedp.Click(box("net.cas-protocol")),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="net.cas-url:value"]`), casURLSeen),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(".cl-progress")), painted(),
	)
	if !checked(t, ctx, "hosted.net-open") || !checked(t, ctx, "net.cas-protocol") || checked(t, ctx, "net.espaces") {
		t.Error("ticks not kept across a reload")
	}
	if got := progress(t, ctx); got != "19 étapes\u202f: 2 faites" {
		t.Errorf("progress after reload = %q", got)
	}
	value, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`textarea[name="net.cas-url:value"]`)))
	if err != nil || value != casURLSeen {
		t.Errorf("value after reload = %q, %v", value, err)
	}
	do(t, ctx, chromedp.Navigate(srv.URL+"/en/hosted-mode/"), chromedp.WaitVisible(chromedp.CSS(".cl-progress")), painted())
	if !checked(t, ctx, "hosted.net-open") || !checked(t, ctx, "net.cas-protocol") {
		t.Error("the English page does not show the ticks made on the French page")
	}
	if got := progress(t, ctx); got != "19 steps: 2 done" {
		t.Errorf("English progress = %q", got)
	}
}

// TestRewordedItemResets rebuilds the site with one item reworded: only that item is asked again.
func TestRewordedItemResets(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	do(t, ctx,
		chromedp.Navigate(srv.URL+"/en/hosted-mode/"),
		chromedp.WaitVisible(chromedp.CSS(".cl-progress")),
		chromedp.Click(box("net.unpublished")),
		chromedp.Click(box("net.cas-protocol")),
	)
	cat := checks.NewCatalog(checks.OZE())
	it, _, _ := cat.Item("net.cas-protocol")
	it.Title.EN = "In the « Déléguer l'authentification » tab, make sure « CAS » is ticked under « Protocole CAS »"
	srv.rebuild(t, cat)
	// What the browser saved is checked against the wordings steps.js loads: without them,
	// no saved tick shows, reworded or not, and no step counts as done.
	gone := "/assets/steps.js"
	srv.gone.Store(&gone)
	do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".cl-progress")), chromedp.Sleep(500*time.Millisecond))
	if checked(t, ctx, "net.cas-protocol") || checked(t, ctx, "net.unpublished") {
		t.Error("a saved tick shows before steps.js has loaded the wordings")
	}
	if got := progress(t, ctx); got != "19 steps: 0 done" {
		t.Errorf("progress before steps.js = %q", got)
	}
	srv.gone.Store(nil)
	do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".cl-progress")), waitState("net.unpublished", "done"))
	if checked(t, ctx, "net.cas-protocol") {
		t.Error("the reworded item kept its tick")
	}
	if !checked(t, ctx, "net.unpublished") {
		t.Error("an unchanged item lost its tick")
	}
}

// TestDownloadAnswers downloads the answers and reads them with the checker's reader.
func TestDownloadAnswers(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	dir := t.TempDir()
	do(t, ctx, chromedp.Navigate(srv.URL+"/fr/mode-non-heberge/"), chromedp.WaitVisible(chromedp.CSS(".cl-progress")))
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
		BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
	}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx,
		chromedp.Click(box("onprem.net-open")),
		chromedp.Click(box("server.cas-url")),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="server.cas-url:value"]`), casURLSeen),
		chromedp.Click(box("net.cas-url")),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="net.cas-url:value"]`), casURLSeen+"/login"),
		waitState("net.cas-url", "contradicted"),
		chromedp.Click(chromedp.CSS(`[id="net.direct-login"] summary`)),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="net.direct-login:comment"]`), "décidé : « non »"),
		chromedp.SendKeys(chromedp.CSS(`input[name="school:name"]`), "Collège André Malraux"),
		chromedp.SendKeys(chromedp.CSS(`input[name="school:uai"]`), "0921234a"),
		chromedp.Click(chromedp.CSS(".cl-tools button")), // the first button downloads
	)
	var file string
	for deadline := time.Now().Add(15 * time.Second); file == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		m, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		if len(m) == 1 {
			file = m[0]
		}
	}
	if file == "" {
		t.Fatal("no answers file downloaded")
	}
	base := filepath.Base(file)
	if !strings.HasPrefix(base, "reponses-onprem-") {
		t.Errorf("file name %q", base)
	}
	// The page says where the file went.
	said, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".cl-said")))
	if err != nil || !strings.Contains(said, base) || !strings.Contains(said, "téléchargements") {
		t.Errorf("no confirmation naming the file: %q, %v", said, err)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		School map[string]string
		Items  map[string]struct {
			Checked bool
			State   string
			ValueAt string
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil || doc.School["name"] != "Collège André Malraux" || doc.School["uai"] != "0921234A" || len(doc.School) != 2 {
		t.Errorf("school in the answers file = %v (%v), want the name and the UAI in upper case", doc.School, err)
	}
	// Each step's state as the page showed it: the contradicted tick is kept, and said so.
	for id, want := range map[string]string{"onprem.net-open": "done", "server.cas-url": "done", "net.cas-url": "contradicted", "net.direct-login": "todo"} {
		if it := doc.Items[id]; it.State != want || it.Checked != (want != "todo") {
			t.Errorf("%s in the answers file: %+v, want state %s", id, it, want)
		}
	}
	if doc.Items["net.cas-url"].ValueAt == "" {
		t.Error("no valueAt for the typed value")
	}
	schema := compileAnswersSchema(t)
	if inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw)); err != nil {
		t.Error(err)
	} else if err := schema.Validate(inst); err != nil {
		t.Errorf("the answers file does not follow answers.schema.json: %v", err)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ev := &checks.Evidence{}
	kind, err := evidence.Read(file, f, checks.Default(), ev, evidence.IdentityOptions{})
	if err != nil || kind != evidence.KindAnswers {
		t.Fatalf("the checker cannot read the download: %s, %v", kind, err)
	}
	a := ev.Answers
	var ticked []string
	for id, it := range a.Items {
		if it.Checked {
			ticked = append(ticked, id)
		}
	}
	if len(ticked) != 3 || !a.Items["onprem.net-open"].Checked || !a.Items["server.cas-url"].Checked || !a.Items["net.cas-url"].Checked {
		t.Errorf("ticked = %v, want exactly onprem.net-open, server.cas-url and net.cas-url", ticked)
	}
	if got := a.Items["server.cas-url"].Value; got != casURLSeen {
		t.Errorf("value = %q", got)
	}
	if got := a.Items["net.direct-login"].Comment; got != "décidé : « non »" {
		t.Errorf("comment = %q", got)
	}
	if a.Checklist != checks.OnPremID || a.Lang != checks.FR {
		t.Errorf("checklist %q, lang %q", a.Checklist, a.Lang)
	}
	// The answers prove the steps to the checker: fingerprints match the catalog.
	rep := checks.Run(checks.Default(), ev, checks.Options{Mode: checks.OnPrem})
	for _, r := range rep.Results {
		if r.Item.ID == "server.cas-url" && r.Status != checks.Answered { // the right value, typed and ticked
			t.Errorf("server.cas-url: %s %s", r.Status, r.Message.EN)
		}
		if r.Item.ID == "onprem.net-open" && r.Status != checks.Answered {
			t.Errorf("onprem.net-open: %s %s", r.Status, r.Message.EN)
		}
		if r.Item.ID == "net.cas-url" && (r.Status != checks.Fail || r.State != checks.StateContradicted || !r.Ticked) {
			t.Errorf("net.cas-url: %s, state %s, ticked %v: %s", r.Status, r.State, r.Ticked, r.Message.EN)
		}
	}
}

// compileAnswersSchema compiles the published schema of the answers file, asserting formats.
func compileAnswersSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	data, err := report.Schemas.ReadFile("schema/answers.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err == nil {
		err = c.AddResource("answers.schema.json", doc)
	}
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("answers.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestKeyboard ticks a step with the keyboard only.
func TestKeyboard(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	do(t, ctx,
		chromedp.Navigate(srv.URL+"/en/changing-ent/"),
		chromedp.WaitVisible(chromedp.CSS(".cl-progress")),
		chromedp.Focus(box("purge.open")),
		chromedp.KeyEvent(" "),
	)
	if !checked(t, ctx, "purge.open") {
		t.Error("space on the focused box did not tick it")
	}
	outline, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.activeElement).outlineStyle`))
	if err != nil || outline == "none" {
		t.Errorf("focused box has no visible outline (%q, %v)", outline, err)
	}
}

// TestPrint emulates print media: the boxes and IDs show, the buttons do not, nothing is
// folded away, and the page's address is printed.
func TestPrint(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	do(t, ctx,
		chromedp.Navigate(srv.URL+"/fr/mode-heberge/"),
		chromedp.WaitVisible(chromedp.CSS(".cl-progress")),
		chromedp.Click(box("net.espaces")),
	)
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	type look struct {
		Boxes, IDs, Buttons, Nav, URL, Hidden int
		Checked                               bool
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[look](`(() => {
		const shown = (el) => el.offsetParent !== null && getComputedStyle(el).visibility !== 'hidden';
		const all = (sel) => Array.from(document.querySelectorAll(sel));
		return {
			Boxes: all('.cl-item input[type=checkbox]').filter(shown).length,
			IDs: all('.cl-id').filter(shown).length,
			Buttons: all('.cl-tools button').filter(shown).length,
			Nav: all('nav.toc').filter(shown).length,
			URL: all('footer .url').filter(shown).length,
			Hidden: all('.cl-item').filter((el) => !shown(el)).length,
			Checked: document.querySelector('[id="net.espaces"] input[type=checkbox]').checked,
		};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	want := look{Boxes: 19, IDs: 19, Buttons: 0, Nav: 0, URL: 1, Hidden: 0, Checked: true}
	if got != want {
		t.Errorf("print view = %+v, want %+v", got, want)
	}
}

// TestNoRequestToOtherOrigins loads every page and records every request it makes.
func TestNoRequestToOtherOrigins(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	var mu sync.Mutex
	var requests []string
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		return chromedp.Listen(ctx, func(ev any) {
			if e, ok := ev.(*network.EventRequestWillBeSent); ok {
				mu.Lock()
				requests = append(requests, e.Request.URL)
				mu.Unlock()
			}
		})
	}))
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	pages := sitePages(t, *srv.dir.Load())
	for _, p := range pages {
		do(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady(chromedp.CSS("body")))
	}
	do(t, ctx, chromedp.Sleep(300*time.Millisecond))
	mu.Lock()
	defer mu.Unlock()
	if len(requests) < len(pages) {
		t.Fatalf("saw %d requests for %d pages: the network log is not working", len(requests), len(pages))
	}
	for _, u := range requests {
		if !strings.HasPrefix(u, srv.URL+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("request to another origin: %s", u)
		}
	}
}

// sitePages lists the HTML pages of a built site as URL paths.
func sitePages(t *testing.T, dir string) []string {
	t.Helper()
	var pages []string
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		pages = append(pages, "/"+strings.TrimSuffix(filepath.ToSlash(rel), "index.html"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// TestAccessibility runs axe-core on every page, in both languages, with the WCAG 2.0 and
// 2.1 A and AA rules, with JavaScript on, in the light and the dark color scheme.
func TestAccessibility(t *testing.T) {
	axe, err := os.ReadFile("node_modules/axe-core/axe.min.js")
	if err != nil {
		testenv.Missing(t, "TestAccessibility needs axe-core, which is not installed", "npm ci in cmd/internal/browsertest")
	}
	srv := serve(t, nil)
	type violation struct {
		ID, Impact, Help string
		Nodes            []string
	}
	pages := sitePages(t, *srv.dir.Load())
	for _, scheme := range []string{"light", "dark"} {
		// A tab per scheme, with the time of a page per page: on a loaded machine, axe-core
		// over the whole site outlasted a single tab's time limit.
		ctx := newTabFor(t, time.Duration(len(pages))*20*time.Second)
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		}); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			do(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady(chromedp.CSS("body")))
			if got, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`matchMedia('(prefers-color-scheme: `+scheme+`)').matches`)); !got {
				t.Fatalf("%s: the page does not see the %s scheme", p, scheme)
			}
			do(t, ctx, chromedp.Evaluate[chromedp.Void](string(axe)))
			raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
			.then(r => r.violations.map(v => ({ID: v.id, Impact: v.impact, Help: v.help, Nodes: v.nodes.map(n => n.target.join(' '))})))`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: axe: %v", p, err)
			}
			var vs []violation
			if err := json.Unmarshal(raw, &vs); err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				t.Errorf("%s (%s): %s (%s): %s — %s", p, scheme, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
			}
		}
	}
	if len(pages) < 12 {
		t.Errorf("checked %d pages, expected the whole site", len(pages))
	}
	fmt.Fprintf(os.Stderr, "axe-core: %d pages checked in 2 color schemes\n", len(pages))
}
