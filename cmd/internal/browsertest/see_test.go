package browsertest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/testenv"
)

// These tests assert what a person sees: sizes and places on the screen, what prints, what
// lands on the clipboard — not only the state of the DOM.

// rect is an element's box on the screen, in CSS pixels.
type rect struct{ Top, Bottom, Left, Right, Width float64 }

func viewport(t *testing.T, width, height int64, mobile bool) chromedp.Action[chromedp.Void] {
	t.Helper()
	var opts []chromedp.EmulateViewportOption
	if mobile {
		opts = append(opts, chromedp.EmulateMobile)
	}
	return chromedp.EmulateViewport(width, height, opts...)
}

// screen is a window to test a page in: a desktop's, or a phone's with mobile emulation.
type screen struct {
	name          string
	width, height int64
	mobile        bool
}

// screens returns a desktop window desktopHeight px high and a 390×844 phone.
func screens(desktopHeight int64) []screen {
	return []screen{{"desktop", 1280, desktopHeight, false}, {"phone", 390, 844, true}}
}

// ready opens url and waits for its checklist, with the ticks this browser saved shown (once
// steps.js has found their wording the same: the checklist is aria-busy till then).
func ready(url string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(".cl-progress")), chromedp.WaitNotPresent(chromedp.CSS(".checklist[aria-busy]")))
}

// TestValueFieldShowsWholeURL types the 62-character CAS URL in the value field, pressing
// Enter halfway: on a desktop and on a phone, the field is at least 20em wide (or the whole
// line, when narrower), inside the screen, and shows all of the URL — wrapped, on a phone —
// without scrolling; Enter puts no line break in the field nor in the saved value.
func TestValueFieldShowsWholeURL(t *testing.T) {
	srv := serve(t, nil)
	for _, tt := range screens(900) {
		t.Run(tt.name, func(t *testing.T) {
			ctx := newTab(t)
			field := `textarea[name="net.cas-url:value"]`
			do(t, ctx, viewport(t, tt.width, tt.height, tt.mobile), ready(srv.URL+"/fr/mode-heberge/"),
				chromedp.Evaluate[chromedp.Void](`localStorage.clear()`), ready(srv.URL+"/fr/mode-heberge/"),
				chromedp.SendKeys(chromedp.CSS(field), casURLSeen[:30]+kb.Enter+casURLSeen[30:]+kb.Enter))
			type look struct {
				Box                                                              rect
				Em, ScrollWidth, ClientWidth, ScrollHeight, ClientHeight, Screen float64
				Value                                                            string
				Saved                                                            []string
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[look](`(() => {
				const f = document.querySelector('`+field+`'), b = f.getBoundingClientRect();
				const saved = Object.keys(localStorage).filter(k => k.endsWith(':net.cas-url')).map(k => JSON.parse(localStorage.getItem(k)).value);
				return {Box: {Top: b.top, Bottom: b.bottom, Left: b.left, Right: b.right, Width: b.width},
					Em: parseFloat(getComputedStyle(f).fontSize), ScrollWidth: f.scrollWidth, ClientWidth: f.clientWidth,
					ScrollHeight: f.scrollHeight, ClientHeight: f.clientHeight, Screen: document.documentElement.clientWidth,
					Value: f.value, Saved: saved};
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if len(casURLSeen) != 62 || got.Value != casURLSeen {
				t.Fatalf("typed %q (%d characters), the field holds %q", casURLSeen, len(casURLSeen), got.Value)
			}
			if len(got.Saved) == 0 {
				t.Errorf("no saved state for net.cas-url")
			}
			for _, v := range got.Saved {
				if v != casURLSeen {
					t.Errorf("saved value %q, want %q", v, casURLSeen)
				}
			}
			if got.Box.Width < min(20*got.Em, got.Screen-2*got.Em) {
				t.Errorf("value field is %.0f px wide, less than 20em (%.0f px) on a %.0f px screen", got.Box.Width, 20*got.Em, got.Screen)
			}
			if got.Box.Left < 0 || got.Box.Right > got.Screen {
				t.Errorf("value field spans %.0f–%.0f px, outside the %.0f px screen", got.Box.Left, got.Box.Right, got.Screen)
			}
			if got.ScrollWidth > got.ClientWidth || got.ScrollHeight > got.ClientHeight {
				t.Errorf("value field hides part of the URL: %.0f×%.0f px of text in %.0f×%.0f px",
					got.ScrollWidth, got.ScrollHeight, got.ClientWidth, got.ClientHeight)
			}
			// With SHOTS_DIR set, the step with its typed URL, for a person to look at.
			if dir := os.Getenv("SHOTS_DIR"); dir != "" {
				png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(`[id="net.cas-url"]`)))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("value-field-%d.png", tt.width)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestLinkedStepBelowToolbar opens a link to a step, as the checker's report gives it, on a
// desktop and on a phone: the step's title is wholly on the screen, below the sticky toolbar.
func TestLinkedStepBelowToolbar(t *testing.T) {
	srv := serve(t, nil)
	for _, tt := range screens(800) {
		t.Run(tt.name, func(t *testing.T) {
			ctx := newTab(t)
			do(t, ctx, viewport(t, tt.width, tt.height, tt.mobile), ready(srv.URL+"/fr/mode-heberge/#net.cas-url"), chromedp.Sleep(300*time.Millisecond))
			type look struct {
				Bar, Title rect
				Height     float64
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[look](`(() => {
				const r = (el) => { const b = el.getBoundingClientRect(); return {Top: b.top, Bottom: b.bottom, Left: b.left, Right: b.right, Width: b.width}; };
				return {Bar: r(document.querySelector('.cl-tools')), Title: r(document.querySelector('[id="net.cas-url"] > label')), Height: innerHeight};
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if got.Bar.Top > 1 {
				t.Fatalf("the toolbar is not stuck at the top of the screen: %+v", got.Bar)
			}
			if got.Title.Top < got.Bar.Bottom || got.Title.Bottom > got.Height {
				t.Errorf("step title at %.0f–%.0f px, toolbar ends at %.0f px, screen %.0f px high", got.Title.Top, got.Title.Bottom, got.Bar.Bottom, got.Height)
			}
			if tt.mobile && got.Bar.Bottom-got.Bar.Top > 60 {
				t.Errorf("the toolbar takes %.0f px of a phone screen", got.Bar.Bottom-got.Bar.Top)
			}
		})
	}
}

// TestNoSidewaysScrollOnPhone opens every page at 390 px: nothing makes the page wider than
// the screen.
func TestNoSidewaysScrollOnPhone(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	do(t, ctx, viewport(t, 390, 844, true))
	pages := sitePages(t, *srv.dir.Load())
	for _, p := range pages {
		do(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady(chromedp.CSS("body")), chromedp.Sleep(100*time.Millisecond))
		type look struct {
			Scroll, Client float64
			// Code blocks (the PowerShell command) that scroll sideways or have no copy button.
			CutCode, NoCopy []string
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[look](`(() => {
			const pres = Array.from(document.querySelectorAll('main pre'));
			return {Scroll: document.documentElement.scrollWidth, Client: document.documentElement.clientWidth,
				CutCode: pres.filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.textContent.slice(0, 40)),
				NoCopy: pres.filter(p => !(p.nextElementSibling && p.nextElementSibling.matches('button.copy'))).map(p => p.textContent.slice(0, 40))};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if got.Client > 400 || got.Scroll > got.Client {
			wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('main *')).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(-3).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 60))`))
			t.Errorf("%s: %v px of page in a %v px wide screen; too wide: %q", p, got.Scroll, got.Client, wide)
		}
		if len(got.CutCode) > 0 || len(got.NoCopy) > 0 {
			t.Errorf("%s: code cut off in a sideways-scrolling box %q, code without a copy button %q", p, got.CutCode, got.NoCopy)
		}
	}
}

// readPDF runs program (pdfinfo, pdftotext) on a PDF given as bytes, with args after the
// file name, and returns what it prints.
func readPDF(t *testing.T, data []byte, program string, args ...string) string {
	t.Helper()
	path := testenv.NeedProgram(t, "the print test", program)
	f := filepath.Join(t.TempDir(), "p.pdf")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path, append([]string{f}, args...)...).Output()
	if err != nil {
		t.Fatalf("%s: %v", program, err)
	}
	return string(out)
}

// pdfPages returns the number of pages of a PDF, read by pdfinfo.
func pdfPages(t *testing.T, data []byte) int {
	t.Helper()
	out := readPDF(t, data, "pdfinfo")
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// pdfText returns the text of a PDF, read by pdftotext.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	return readPDF(t, data, "pdftotext", "-")
}

// TestPrintedPage prints procedure pages as a person does (Ctrl+P, A4): the typed value is
// printed as text, no ticked step is struck through, and the page takes at most one sheet
// more than the procedure's generated PDF.
func TestPrintedPage(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	do(t, ctx, ready(srv.URL+"/fr/mode-heberge/"),
		chromedp.Click(box("net.cas-protocol")),
		chromedp.Click(box("net.cas-url")),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="net.cas-url:value"]`), casURLSeen),
		waitState("net.cas-url", "done"))
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	type look struct {
		Printed                  string
		PrintedShown, InputShown bool
		Struck                   []string
		Ticked                   int
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[look](`(() => {
		const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
		const field = document.querySelector('textarea[name="net.cas-url:value"]');
		const printed = field.parentElement.querySelector('.cl-printed');
		const struck = [];
		document.querySelectorAll('.cl-item, .cl-item *').forEach((el) => {
			if (getComputedStyle(el).textDecorationLine.includes('line-through')) struck.push(el.closest('.cl-item').id);
		});
		return {Printed: printed.innerText, PrintedShown: shown(printed), InputShown: shown(field), Struck: struck,
			Ticked: document.querySelectorAll('.cl-item.done').length};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !got.PrintedShown || got.InputShown || strings.TrimSpace(got.Printed) != casURLSeen {
		t.Errorf("printed value: shown %v (%q), input shown %v", got.PrintedShown, got.Printed, got.InputShown)
	}
	if got.Ticked != 2 || len(got.Struck) > 0 {
		t.Errorf("%d ticked steps, struck through: %v", got.Ticked, got.Struck)
	}
	// On paper, an address breaks after a slash only: copied from the printout, it keeps
	// every hyphen ("hauts-de-seine" is never cut at the end of a line).
	printed, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, printed)
	if !strings.Contains(text, "https://enc.hauts-de-seine.fr/") || strings.Contains(text, "hauts-\n") || strings.Contains(text, "hauts-de-\n") {
		t.Errorf("the CAS address is cut inside its host name on paper:\n%s", text)
	}
	if !strings.Contains(strings.ReplaceAll(text, "\n", ""), casURLSeen) {
		t.Errorf("the typed CAS address is not on paper whole:\n%s", text)
	}

	// Every procedure page, in both languages: sheets printed against the PDF's pages.
	for _, p := range []struct{ page, pdf string }{
		{"/fr/mode-heberge/", "/pdf/fr/mode-heberge.pdf"},
		{"/en/hosted-mode/", "/pdf/en/hosted-mode.pdf"},
		{"/fr/mode-non-heberge/", "/pdf/fr/mode-non-heberge.pdf"},
		{"/en/on-premises-mode/", "/pdf/en/on-premises-mode.pdf"},
		{"/fr/changement-d-ent/", "/pdf/fr/changement-d-ent.pdf"},
		{"/en/changing-ent/", "/pdf/en/changing-ent.pdf"},
	} {
		t.Run(p.page, func(t *testing.T) {
			ctx := newTab(t)
			do(t, ctx, ready(srv.URL+p.page))
			printed, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
			if err != nil {
				t.Fatal(err)
			}
			generated, err := os.ReadFile(filepath.Join(*srv.dir.Load(), filepath.FromSlash(p.pdf)))
			if err != nil {
				t.Fatal(err)
			}
			n, max := pdfPages(t, printed), pdfPages(t, generated)+1
			t.Logf("%s prints on %d pages (its PDF: %d)", p.page, n, max-1)
			if n > max {
				t.Errorf("%s prints on %d pages, more than its PDF's %d + 1", p.page, n, max-1)
			}
			if dir := os.Getenv("PRINT_DIR"); dir != "" { // to look at them: pdftoppm
				_ = os.WriteFile(filepath.Join(dir, strings.Trim(strings.ReplaceAll(p.page, "/", "_"), "_")+".pdf"), printed, 0o644)
			}
		})
	}
}

// TestCopyButton copies the CAS URL with its button: the clipboard holds exactly the URL.
func TestCopyButton(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, ready(srv.URL+"/en/hosted-mode/"))
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true}, Setting: browser.PermissionSettingGranted,
			Origin: srv.URL, BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
		}); err != nil {
			t.Fatal(err)
		}
	}
	// Every wording the button takes, recorded as it changes (it says "Copied" for a moment).
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const b = document.querySelector('[id="net.cas-url"] button.copy');
		window.said = [];
		new MutationObserver(() => window.said.push(b.textContent)).observe(b, {childList: true, characterData: true, subtree: true});
	})()`), chromedp.Click(chromedp.CSS(`[id="net.cas-url"] button.copy`)))
	var got string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var err error
		got, err = chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
		if err == nil && got != "" {
			break
		}
		if err != nil {
			t.Logf("read the clipboard: %v", err)
		}
	}
	if got != casURLSeen {
		t.Errorf("clipboard = %q, want %q", got, casURLSeen)
	}
	said, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.said`))
	if err != nil || len(said) == 0 || said[0] != "Copied" {
		t.Errorf("the button said %q after copying (%v), want Copied", said, err)
	}
}

// TestSearch types in the search box as a person does: a word without its accents finds the
// step that has it with them, an item ID finds its step first.
func TestSearch(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	results := func(query string) []string {
		t.Helper()
		do(t, ctx,
			chromedp.Navigate(srv.URL+"/fr/"),
			chromedp.WaitVisible(chromedp.CSS("#search-q")),
			chromedp.Click(chromedp.CSS("#search-q")),
			chromedp.SendKeys(chromedp.CSS("#search-q"), query),
			chromedp.WaitVisible(chromedp.CSS(".search ol li a")))
		hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.search ol li a')).map(a => a.href)`))
		if err != nil {
			t.Fatal(err)
		}
		return hrefs
	}
	if got := results("eleve"); !containsSuffix(got, "/fr/mode-heberge/#net.espaces") {
		t.Errorf("search for eleve: %v, want the step net.espaces (« Élèves »)", got)
	}
	if got := results("net.cas-url"); len(got) == 0 || !strings.HasSuffix(got[0], "#net.cas-url") {
		t.Errorf("search for net.cas-url: %v, want that step first", got)
	}
}

func containsSuffix(list []string, suffix string) bool {
	for _, s := range list {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}

// TestTicksBelongToTheirProcedure ticks a step the hosted and on-premises procedures share:
// the other procedure does not show it ticked; state saved before per-procedure keys is
// taken over by each procedure once.
func TestTicksBelongToTheirProcedure(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	do(t, ctx, ready(srv.URL+"/fr/mode-heberge/"), chromedp.Click(box("net.cas-protocol")))
	do(t, ctx, ready(srv.URL+"/fr/mode-non-heberge/"))
	if checked(t, ctx, "net.cas-protocol") {
		t.Error("a tick on the hosted procedure shows on the on-premises one")
	}
	scope, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".cl-scope")))
	if err != nil || !strings.Contains(scope, "une étape commune à une autre procédure s'y coche à part") {
		t.Errorf("the page does not say ticks belong to the procedure: %q %v", scope, err)
	}
	// A browser that ticked under the old, shared key.
	espaces, _, _ := checks.Default().Item("net.espaces")
	fp := espaces.Fingerprint()
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`localStorage.clear(); localStorage.setItem('pronote-oze:oze:net.espaces', JSON.stringify({fp: '`+fp+`', checked: true}))`),
		ready(srv.URL+"/fr/mode-heberge/"))
	if !checked(t, ctx, "net.espaces") {
		t.Error("the hosted procedure did not take over the state saved under the old key")
	}
	do(t, ctx, chromedp.Click(box("net.espaces")), ready(srv.URL+"/fr/mode-non-heberge/"))
	if !checked(t, ctx, "net.espaces") {
		t.Error("the on-premises procedure did not take over the state saved under the old key")
	}
	do(t, ctx, ready(srv.URL+"/fr/mode-heberge/"))
	if checked(t, ctx, "net.espaces") {
		t.Error("unticked on the hosted procedure, the step came back ticked from the old key")
	}
}

// TestScreenshots saves a full-page screenshot of every page at desktop and phone width, in
// the light and the dark scheme, into $SHOTS_DIR, for a person to look at. It runs only when
// SHOTS_DIR is set.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("SHOTS_DIR")
	if dir == "" {
		t.Skip("set SHOTS_DIR to save screenshots of every page")
	}
	srv := serve(t, nil)
	pages := sitePages(t, *srv.dir.Load())
	for _, scheme := range []string{"light", "dark"} {
		for _, w := range []struct {
			width, height int64
			mobile        bool
		}{{1280, 900, false}, {390, 844, true}} {
			ctx := newTab(t)
			do(t, ctx, viewport(t, w.width, w.height, w.mobile))
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			}); err != nil {
				t.Fatal(err)
			}
			for _, p := range pages {
				do(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady(chromedp.CSS("body")), chromedp.Sleep(200*time.Millisecond))
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				name := strings.Trim(strings.ReplaceAll(p, "/", "_"), "_")
				if name == "" {
					name = "root"
				}
				name = strings.TrimSuffix(name, ".html")
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d-%s.png", name, w.width, scheme)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
