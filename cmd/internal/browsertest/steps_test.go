package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/hds-oze/pronote-oze/cmd/internal/testenv"
)

// These tests look at a step's state as a person sees it (checks.StateTable): the card's
// colours, the mark after its title, what the counter counts and in which colour, the
// line that says why, on a desktop, on a phone and on paper.

const wrongRealm = "https://enc.hauts-de-seine.fr/auth/realms/oze_hd/protocol/cas"

// stepSeen is a step, its counter and summary as they look.
type stepSeen struct {
	Class, Background, Border, Mark, MarkColor string
	Checked                                    bool
	Line                                       string
	LineBox                                    rect
	LineShown                                  bool
	Help                                       string
	Counter, FailedColor                       string
	Summary, SummaryMark                       string
	Screen                                     float64
	// The colours the stylesheet gives a done card, a failure, for comparison.
	Done, Bad, BadBackground string
}

func seeStep(t *testing.T, ctx context.Context, id string) stepSeen {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[stepSeen](`(() => {
		const li = document.getElementById('`+id+`'), cs = getComputedStyle(li), b = li.querySelector('label b');
		const line = li.querySelector('.cl-state'), r = line ? line.getBoundingClientRect() : null;
		const failed = document.querySelector('.cl-progress .n-contradicted');
		const sum = document.querySelector('.cl-summary a[href="#`+id+`"]');
		const probe = (cls, prop) => { const e = document.createElement('div'); e.className = cls; document.body.append(e); const v = getComputedStyle(e)[prop]; e.remove(); return v; };
		const root = getComputedStyle(document.documentElement);
		return {Class: li.className, Background: cs.backgroundColor, Border: cs.borderTopColor,
			Mark: getComputedStyle(b, '::after').content, MarkColor: getComputedStyle(b, '::after').color,
			Checked: li.querySelector('input[type=checkbox]').checked,
			Line: line ? line.innerText : '', LineShown: !!line && line.getClientRects().length > 0 && getComputedStyle(line).visibility !== 'hidden',
			LineBox: r ? {Top: r.top, Bottom: r.bottom, Left: r.left, Right: r.right, Width: r.width} : {},
			Help: line && line.querySelector('a') ? line.querySelector('a').getAttribute('href') : '',
			Counter: document.querySelector('.cl-progress').textContent, FailedColor: failed ? getComputedStyle(failed).color : '',
			Summary: sum ? sum.parentElement.className : '', SummaryMark: sum ? getComputedStyle(sum, '::after').content : '',
			Screen: document.documentElement.clientWidth,
			Done: probe('cl-item done', 'backgroundColor'), Bad: probe('st-contradicted', 'borderLeftColor'),
			BadBackground: root.getPropertyValue('--badbg').trim()};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// painted waits until steps.js, loaded on use, has given every step of the page its state.
func painted() chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.CSS(`.cl-item[class*=" s-"]`))
}

// waitState waits until step id shows state (steps.js loads on use), 10 s at most: then
// what the step shows is asserted, whatever it is.
func waitState(id, state string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`new Promise(ok => {
		const t0 = Date.now();
		(function poll() {
			const li = document.getElementById('`+id+`');
			if (li && li.classList.contains('s-`+state+`') || Date.now() - t0 > 10000) ok(); else setTimeout(poll, 50);
		})();
	})`, chromedp.EvalAwaitPromise)
}

// waitLine waits until step id's line holds text (any line when text is ""), 10 s at most.
func waitLine(id, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`new Promise(ok => {
		const t0 = Date.now();
		(function poll() {
			const l = document.querySelector('[id="`+id+`"] .cl-state');
			if (l && l.textContent.includes(`+strconv.Quote(text)+`) || Date.now() - t0 > 10000) ok(); else setTimeout(poll, 50);
		})();
	})`, chromedp.EvalAwaitPromise)
}

// TestWrongRealmTyped ticks « URL du serveur CAS » and types a wrong realm, as a person
// does, on a desktop and a phone, in French and English, light and dark: the card is not
// green but red, marked ✗; the counter does not count it as done and shows « 1 en échec » in
// red; the tick is kept and the line says « Cochée, mais en échec », why, and links to the
// help, wholly on the screen. Printed, the box is empty and the line is there. The right URL
// then makes the step done.
func TestWrongRealmTyped(t *testing.T) {
	srv := serve(t, nil)
	field := `textarea[name="net.cas-url:value"]`
	for _, lang := range []struct{ code, page, counter, line, done string }{
		{"fr", "/fr/mode-heberge/", "19 étapes\u202f: 0 faite · 1 en échec", "Cochée, mais en échec (valeur relevée)\u202f: Le royaume (realm) est «\u00a0oze_hd\u00a0» au lieu de «\u00a0oze_hds\u00a0»", "19 étapes\u202f: 1 faite"},
		{"en", "/en/hosted-mode/", "19 steps: 0 done · 1 failed", "Ticked, but failed (value noted): The realm is “oze_hd” instead of “oze_hds”", "19 steps: 1 done"},
	} {
		for _, sc := range screens(900) {
			for _, scheme := range []string{"light", "dark"} {
				t.Run(fmt.Sprintf("%s-%d-%s", lang.code, sc.width, scheme), func(t *testing.T) {
					ctx := newTab(t)
					if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
						Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
					}); err != nil {
						t.Fatal(err)
					}
					do(t, ctx, viewport(t, sc.width, sc.height, sc.mobile), ready(srv.URL+lang.page),
						chromedp.Click(box("net.cas-url")),
						chromedp.SendKeys(chromedp.CSS(field), wrongRealm),
						waitState("net.cas-url", "contradicted"),
						chromedp.Evaluate[chromedp.Void](`(document.querySelector('[id="net.cas-url"] .cl-state') || document.getElementById('net.cas-url')).scrollIntoView()`))
					got := seeStep(t, ctx, "net.cas-url")
					if !got.Checked {
						t.Error("the person's tick was removed")
					}
					if got.Background == got.Done || strings.Contains(got.Class, "done") || got.Background != hexRGB(t, got.BadBackground) {
						t.Errorf("card background %s (done is %s, failed %s), classes %q: not the failed step's", got.Background, got.Done, got.BadBackground, got.Class)
					}
					if got.Border != got.Bad {
						t.Errorf("card border %s, want the failure's red %s", got.Border, got.Bad)
					}
					if got.Mark != `" ✗"` || got.MarkColor != got.Bad {
						t.Errorf("mark after the title %s in %s, want ✗ in %s", got.Mark, got.MarkColor, got.Bad)
					}
					if got.Counter != lang.counter || got.FailedColor != got.Bad {
						t.Errorf("counter %q, failures in %s; want %q, failures in red %s", got.Counter, got.FailedColor, lang.counter, got.Bad)
					}
					if !strings.Contains(got.Summary, "s-contradicted") || got.SummaryMark != `" ✗"` {
						t.Errorf("the steps' summary shows the step as %q %s", got.Summary, got.SummaryMark)
					}
					if !got.LineShown || !strings.HasPrefix(got.Line, lang.line) || !strings.Contains(got.Help, ".troubleshooting") {
						t.Errorf("line %q (shown %v, help %q), want it to start with %q and link to the help", got.Line, got.LineShown, got.Help, lang.line)
					}
					if got.LineBox.Left < 0 || got.LineBox.Right > got.Screen || got.LineBox.Width < 200 {
						t.Errorf("the line spans %.0f–%.0f px of a %.0f px screen", got.LineBox.Left, got.LineBox.Right, got.Screen)
					}
					if dir := os.Getenv("SHOTS_DIR"); dir != "" {
						shootStep(t, ctx, dir, fmt.Sprintf("step-failed-%s-%d-%s", lang.code, sc.width, scheme), "net.cas-url")
					}
					for _, v := range axeViolations(t, ctx) {
						t.Errorf("axe: %s", v)
					}

					// On paper: the box does not print ticked, the line prints.
					if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print",
						Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
						t.Fatal(err)
					}
					printed, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
						const li = document.getElementById('net.cas-url'), line = li.querySelector('.cl-state');
						return [getComputedStyle(li.querySelector('input[type=checkbox]'), '::after').content,
							String(!!line && line.getClientRects().length > 0), getComputedStyle(li).backgroundColor];
					})()`))
					if err != nil {
						t.Fatal(err)
					}
					if printed[0] != "none" || printed[1] != "true" || printed[2] != "rgba(0, 0, 0, 0)" {
						t.Errorf("printed: box mark %s, line shown %s, background %s; want no mark, the line, no background", printed[0], printed[1], printed[2])
					}
					if sc.width == 1280 && scheme == "light" {
						pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
						if err != nil {
							t.Fatal(err)
						}
						text := pdfText(t, pdf)
						flat := strings.Join(strings.Fields(text), " ")
						if !strings.Contains(flat, strings.Join(strings.Fields(lang.line), " ")) || strings.Contains(text, "✓") {
							t.Errorf("on paper, the step's line is missing or a ✓ is printed:\n%s", text)
						}
						if dir := os.Getenv("SHOTS_DIR"); dir != "" {
							if err := os.WriteFile(filepath.Join(dir, "step-failed-"+lang.code+"-print.pdf"), pdf, 0o644); err != nil {
								t.Fatal(err)
							}
						}
					}
					if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "screen",
						Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
						t.Fatal(err)
					}

					// The right URL: done, green, counted.
					do(t, ctx, chromedp.Evaluate[chromedp.Void](`(f => { f.select(); })(document.querySelector('`+field+`'))`), chromedp.SendKeys(chromedp.CSS(field), casURLSeen), waitState("net.cas-url", "done"))
					got = seeStep(t, ctx, "net.cas-url")
					if got.Background != got.Done || got.Counter != lang.done || got.Line != "" {
						t.Errorf("with the right URL: background %s (done %s), counter %q, line %q", got.Background, got.Done, got.Counter, got.Line)
					}
				})
			}
		}
	}
}

// hexRGB returns a CSS colour #rrggbb as getComputedStyle writes it.
func hexRGB(t *testing.T, hex string) string {
	t.Helper()
	var r, g, b int
	if _, err := fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b); err != nil {
		t.Fatalf("colour %q: %v", hex, err)
	}
	return fmt.Sprintf("rgb(%d, %d, %d)", r, g, b)
}

// shootStep saves the sticky toolbar and step id, its top just below the toolbar, as the
// screen shows them, to dir/name.png.
func shootStep(t *testing.T, ctx context.Context, dir, name, id string) {
	t.Helper()
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const li = document.getElementById('`+id+`'), bar = document.querySelector('.cl-tools');
		li.scrollIntoView();
		scrollBy(0, -(bar ? bar.getBoundingClientRect().bottom + 12 : 0));
	})()`))
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFailedExportAfterTick ticks « URL du serveur CAS », then drops on the check page an
// InfoMobileApp.json whose CAS URL has the wrong realm: back on the procedure, the step is
// failed with the tick kept (« Cochée, mais en échec », the checker's message and date), and
// the counter shows « 1 en échec » in red, not counting the step as done.
func TestFailedExportAfterTick(t *testing.T) {
	bc, _ := builtChecker(t)
	srv := serveWith(t, nil, bc)
	info := filepath.Join(t.TempDir(), "InfoMobileApp.json")
	if err := os.WriteFile(info, []byte(`{"nomEtab": "LYCÉE", "CAS": {"actif": true, "casURL": "`+wrongRealm+`"}, "espaces": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := newTab(t)
	do(t, ctx, ready(srv.URL+"/fr/mode-heberge/"), chromedp.Click(box("net.cas-url")), waitState("net.cas-url", "done"))
	if got := seeStep(t, ctx, "net.cas-url"); got.Counter != "19 étapes\u202f: 1 faite" {
		t.Errorf("after the tick, counter %q", got.Counter)
	}
	do(t, ctx, chromedp.Navigate(srv.URL+"/fr/verifier/"))
	dropFiles(t, ctx, "hosted", false, info)
	do(t, ctx, ready(srv.URL+"/fr/mode-heberge/"), waitState("net.cas-url", "contradicted"),
		chromedp.ScrollIntoView(chromedp.CSS(`[id="net.cas-url"]`)))
	got := seeStep(t, ctx, "net.cas-url")
	if !got.Checked {
		t.Error("the person's tick was removed")
	}
	if got.Background == got.Done || got.Border != got.Bad {
		t.Errorf("card background %s border %s: still looks done (%s)", got.Background, got.Border, got.Done)
	}
	// net.cas-protocol passes: verified, counted once among the done; a saved file does not
	// show publication, and has no espace to judge.
	const counter = "19 étapes\u202f: 1 faite, dont 1 vérifiée · 1 en échec"
	if got.Counter != counter || got.FailedColor != got.Bad {
		t.Errorf("counter %q with failures in %s, want %q in red %s", got.Counter, got.FailedColor, counter, got.Bad)
	}
	if !strings.HasPrefix(got.Line, "Cochée, mais en échec (vérificateur, ") || !strings.Contains(got.Line, "InfoMobileApp.json") || !strings.Contains(got.Line, ")\u202f: Le royaume (realm) est «\u00a0oze_hd\u00a0»") {
		t.Errorf("line %q", got.Line)
	}
	if dir := os.Getenv("SHOTS_DIR"); dir != "" {
		shootStep(t, ctx, dir, "step-failed-by-checker-fr-1280", "net.cas-url")
	}

	// A tick given after the failure cannot change what the export showed: the step stays
	// failed and counted « en échec », and asks to check again.
	do(t, ctx, chromedp.Click(box("net.cas-url")), chromedp.Click(box("net.cas-url")), waitLine("net.cas-url", "vérifiez de nouveau"))
	again := seeStep(t, ctx, "net.cas-url")
	if !strings.Contains(again.Class, "s-contradicted") || !again.Checked || again.Counter != counter {
		t.Errorf("ticked again after the failure: class %q, ticked %v, counter %q, want contradicted, ticked, %q", again.Class, again.Checked, again.Counter, counter)
	}
	if !strings.HasPrefix(again.Line, "Cochée, mais en échec (vérificateur, ") || !strings.Contains(again.Line, "oze_hd") || !strings.Contains(again.Line, "vérifiez de nouveau") {
		t.Errorf("line after ticking again %q", again.Line)
	}

	// The step the checker verified is not ticked for the person: its box is empty, its card
	// verified, its line says they have not ticked it; their tick confirms it, still verified.
	byChecker := seeStep(t, ctx, "net.cas-protocol")
	if byChecker.Checked || !strings.Contains(byChecker.Class, "s-verified") || !strings.Contains(byChecker.Line, "vous ne l'avez pas cochée") {
		t.Errorf("verified by the checker alone: ticked %v, class %q, line %q", byChecker.Checked, byChecker.Class, byChecker.Line)
	}
	do(t, ctx, chromedp.Click(box("net.cas-protocol")), waitLine("net.cas-protocol", ""))
	confirmed := seeStep(t, ctx, "net.cas-protocol")
	if !confirmed.Checked || !strings.Contains(confirmed.Class, "s-verified") || strings.Contains(confirmed.Line, "pas cochée") || confirmed.Counter != counter {
		t.Errorf("ticked by the person after the checker: ticked %v, class %q, line %q, counter %q", confirmed.Checked, confirmed.Class, confirmed.Line, confirmed.Counter)
	}
}

// TestStepsLoadOnUse opens a procedure page in a fresh browser: the states' script, its data
// and stylesheet and the verdicts are not fetched (the first view stays within its budget);
// the first tick fetches them and paints the step.
func TestStepsLoadOnUse(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	do(t, ctx, ready(srv.URL+"/fr/changement-d-ent/"), chromedp.Sleep(time.Second))
	lazy := []string{"/assets/steps.js", "/assets/steps.json", "/assets/steps.css", "/assets/verdicts.js"}
	for _, r := range srv.received() {
		for _, l := range lazy {
			if r == "GET "+l+" 0" {
				t.Errorf("%s fetched before any use", l)
			}
		}
	}
	if got := progress(t, ctx); got != "6 étapes\u202f: 0 faite" {
		t.Errorf("counter before any use: %q", got)
	}
	do(t, ctx, chromedp.Click(box("purge.open")), waitState("purge.open", "done"))
	log := srv.received()
	for _, l := range lazy {
		if !slices.Contains(log, "GET "+l+" 0") {
			t.Errorf("%s not fetched once a step was ticked", l)
		}
	}
	if got := progress(t, ctx); got != "6 étapes\u202f: 1 faite" {
		t.Errorf("counter after a tick: %q", got)
	}
}

// axeViolations runs axe-core's WCAG 2.1 A and AA rules on the page as it is now.
func axeViolations(t *testing.T, ctx context.Context) []string {
	t.Helper()
	axe, err := os.ReadFile("node_modules/axe-core/axe.min.js")
	if err != nil {
		testenv.Missing(t, t.Name()+" needs axe-core, which is not installed", "npm ci in cmd/internal/browsertest")
	}
	do(t, ctx, chromedp.Evaluate[chromedp.Void](string(axe)))
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
		.then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return vs
}
