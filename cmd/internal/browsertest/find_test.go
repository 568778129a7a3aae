package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// These tests follow a person finding their way: the search box, the language switch, the
// header and navigation on a phone and a desktop.

// searchEntry is an entry of a language's search index as the site writes it.
type indexEntry struct{ U, T, F string }

func readIndex(t *testing.T, srv *served, lang string) []indexEntry {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(*srv.dir.Load(), "search", lang+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var idx []indexEntry
	if err := json.Unmarshal(raw, &idx); err != nil {
		t.Fatal(err)
	}
	return idx
}

// searchLook is what the search box shows: the count, the results' addresses, and where its
// label, panel and results are on the screen.
type searchLook struct {
	Status             string
	Hrefs              []string
	Label, Panel       rect
	Screen             float64
	LastReachable      bool
	PanelCoversTheRest bool
}

// search types query into the search box of the page at url, as a person does, and returns
// what the box shows.
func search(t *testing.T, ctx context.Context, url, query string) searchLook {
	t.Helper()
	do(t, ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("#search-q")),
		chromedp.Click(chromedp.CSS("#search-q")), chromedp.SendKeys(chromedp.CSS("#search-q"), query),
		chromedp.WaitVisible(chromedp.CSS(".search [role=status]")))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[searchLook](`(() => {
		const r = (el) => { const b = el.getBoundingClientRect(); return {Top: b.top, Bottom: b.bottom, Left: b.left, Right: b.right, Width: b.width}; };
		const panel = document.querySelector('.search ol').parentElement, items = Array.from(document.querySelectorAll('.search ol li'));
		const last = items[items.length - 1];
		let reachable = false, covers = true;
		if (last) {
			last.scrollIntoView({block: 'nearest'});
			const b = last.getBoundingClientRect();
			reachable = last.contains(document.elementFromPoint(b.left + 5, (b.top + b.bottom) / 2));
		}
		const p = panel.getBoundingClientRect();
		for (const y of [p.top + 5, (p.top + p.bottom) / 2, p.bottom - 5]) {
			for (const x of [p.left + 5, (p.left + p.right) / 2, p.right - 5]) {
				if (!panel.contains(document.elementFromPoint(x, y))) covers = false;
			}
		}
		return {Status: document.querySelector('.search [role=status]').textContent,
			Hrefs: items.map(li => li.querySelector('a').getAttribute('href')),
			Label: r(document.querySelector('#search-q').labels[0]), Panel: r(panel),
			Screen: document.documentElement.clientWidth, LastReachable: reachable, PanelCoversTheRest: covers};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestSearchAsAPersonSees types in the search box at a desktop's and a phone's width: what
// starts a word ranks above letters inside a word (« eleve » finds « Élèves » before
// « Relevez »), every result is listed and reachable under a count that agrees with it
// (« 1 résultat », « 31 résultats »), the box has a visible label, and on a phone the results
// take the screen's width, above the navigation.
func TestSearchAsAPersonSees(t *testing.T) {
	srv := serve(t, nil)
	idx := readIndex(t, srv, "fr")
	byURL := map[string]indexEntry{}
	for _, e := range idx {
		byURL["../"+e.U] = e // the results' links are relative to /fr/
	}
	matching := func(word string) int {
		n := 0
		for _, e := range idx {
			if strings.Contains(e.F, word) {
				n++
			}
		}
		return n
	}
	atStart := regexp.MustCompile(`(^|[^a-z0-9])eleve`)
	single := onlyOnce(idx)
	for _, sc := range screens(900) {
		t.Run(sc.name, func(t *testing.T) {
			ctx := newTab(t)
			do(t, ctx, viewport(t, sc.width, sc.height, sc.mobile))

			got := search(t, ctx, srv.URL+"/fr/", "eleve")
			var kinds []string
			for _, h := range got.Hrefs {
				e, ok := byURL[h]
				if !ok {
					t.Fatalf("result %q is not in the index", h)
				}
				kind := "inside"
				if atStart.MatchString(e.F) {
					kind = "start"
				}
				kinds = append(kinds, kind+" "+e.T)
			}
			if !slicesIsSortedByKind(kinds) || len(kinds) == 0 || !strings.HasPrefix(kinds[0], "start") {
				t.Errorf("« eleve »: results where it starts a word do not all come first:\n%s", strings.Join(kinds, "\n"))
			}
			if first := byURL[append(got.Hrefs, "")[0]].T; strings.Contains(strings.ToLower(first), "eleve") && !atStart.MatchString(strings.ToLower(first)) {
				t.Errorf("« eleve »: the first result is %q, where it is inside a word", first)
			}
			if !strings.Contains(strings.Join(kinds, "\n"), "inside ") {
				t.Errorf("« eleve » found nothing inside a word: the order proves nothing:\n%s", strings.Join(kinds, "\n"))
			}

			got = search(t, ctx, srv.URL+"/fr/", "cas")
			if want := matching("cas"); len(got.Hrefs) != want || got.Status != fmt.Sprintf("%d résultats", want) {
				t.Errorf("« cas »: %q, %d results listed, want all %d listed under « %d résultats »", got.Status, len(got.Hrefs), want, want)
			}
			if !got.LastReachable {
				t.Errorf("« cas »: the last result cannot be reached")
			}
			if got.Label.Width < 12 || got.Label.Bottom-got.Label.Top < 12 || got.Label.Left < 0 || got.Label.Right > got.Screen {
				t.Errorf("the search box's label is not visible: %+v", got.Label)
			}
			if !got.PanelCoversTheRest {
				t.Errorf("something shows over the results panel (%+v)", got.Panel)
			}
			if sc.mobile && (got.Panel.Left > 16 || got.Panel.Right < got.Screen-16) {
				t.Errorf("on a phone the results take %.0f–%.0f px of a %.0f px screen", got.Panel.Left, got.Panel.Right, got.Screen)
			}

			got = search(t, ctx, srv.URL+"/fr/", single)
			if len(got.Hrefs) != 1 || got.Status != "1 résultat" {
				t.Errorf("« %s »: %q, %d results listed, want « 1 résultat »", single, got.Status, len(got.Hrefs))
			}
		})
	}
}

// onlyOnce returns a word of the index found in exactly one entry.
func onlyOnce(idx []indexEntry) string {
	var words []string
	for _, e := range idx {
		for _, w := range strings.Fields(e.F) {
			if len(w) >= 8 && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" {
				words = append(words, w)
			}
		}
	}
	sort.Strings(words)
	for _, w := range words {
		n := 0
		for _, e := range idx {
			if strings.Contains(e.F, w) {
				n++
			}
		}
		if n == 1 {
			return w
		}
	}
	return "no-such-word"
}

// slicesIsSortedByKind reports whether every "start …" comes before every "inside …".
func slicesIsSortedByKind(kinds []string) bool {
	inside := false
	for _, k := range kinds {
		if strings.HasPrefix(k, "inside") {
			inside = true
		} else if inside {
			return false
		}
	}
	return true
}

// TestLanguageSwitchKeepsStep follows the language link from a step's address: the English
// page opens at the same step. Without JavaScript the link still opens the English page.
func TestLanguageSwitchKeepsStep(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	do(t, ctx, ready(srv.URL+"/fr/mode-heberge/#net.cas-url"), chromedp.Click(chromedp.CSS("a.lang")),
		chromedp.WaitVisible(chromedp.CSS(`html[lang=en] .cl-progress`)), chromedp.Sleep(300*time.Millisecond))
	type look struct {
		URL         string
		Title       rect
		Bar, Height float64
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[look](`(() => {
		const b = document.querySelector('[id="net.cas-url"] > label').getBoundingClientRect();
		return {URL: location.pathname + location.hash, Title: {Top: b.top, Bottom: b.bottom}, Bar: document.querySelector('.cl-tools').getBoundingClientRect().bottom, Height: innerHeight};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != "/en/hosted-mode/#net.cas-url" || got.Title.Top < got.Bar || got.Title.Bottom > got.Height {
		t.Errorf("English opened at %s with the step at %.0f–%.0f px (toolbar ends at %.0f, screen %.0f px high): want /en/hosted-mode/#net.cas-url with the step on the screen",
			got.URL, got.Title.Top, got.Title.Bottom, got.Bar, got.Height)
	}

	noJS := newTab(t)
	if _, err := chromedp.Call(noJS, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, noJS, chromedp.Navigate(srv.URL+"/fr/mode-heberge/#net.cas-url"), chromedp.WaitReady(chromedp.CSS("a.lang")),
		chromedp.Click(chromedp.CSS("a.lang")), chromedp.WaitReady(chromedp.CSS(`html[lang=en]`)))
	where, err := chromedp.Run(noJS, chromedp.Evaluate[string](`location.pathname`))
	if err != nil || where != "/en/hosted-mode/" {
		t.Errorf("without JavaScript the language link opened %q (%v), want /en/hosted-mode/", where, err)
	}
}

// TestHeaderLeavesTheScreenToContent measures the header and navigation: on a 390 × 844
// phone they take at most a quarter of the screen on every page, the home page's first step
// shows without scrolling, and the menu button opens the navigation; on a 1280 px desktop
// the header (title, search, language) is one line in both languages.
func TestHeaderLeavesTheScreenToContent(t *testing.T) {
	srv := serve(t, nil)
	type look struct {
		Bottom, FirstStep, Line float64
		Lines                   []float64
		NavShown, Expanded      bool
	}
	measure := `(() => {
		const shown = (el) => el && el.getClientRects().length > 0;
		const nav = document.querySelector('nav.toc'), header = document.querySelector('header.site');
		const step = document.querySelector('main ol > li');
		const menu = document.querySelector('button.menu');
		if (!header) return {Lines: []}; // the root page: a language chooser alone
		return {Bottom: Math.max(header.getBoundingClientRect().bottom, shown(nav) ? nav.getBoundingClientRect().bottom : 0),
			FirstStep: step ? step.getBoundingClientRect().bottom : -1,
			Line: parseFloat(getComputedStyle(document.querySelector('.brand')).lineHeight),
			Lines: Array.from(header.children).filter(shown).map(el => el.getBoundingClientRect().height),
			NavShown: shown(nav), Expanded: !!menu && menu.getAttribute('aria-expanded') === 'true'};
	})()`
	t.Run("phone", func(t *testing.T) {
		ctx := newTab(t)
		do(t, ctx, viewport(t, 390, 844, true))
		for _, p := range sitePages(t, *srv.dir.Load()) {
			do(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady(chromedp.CSS("body")), chromedp.Sleep(100*time.Millisecond))
			got, err := chromedp.Run(ctx, chromedp.Evaluate[look](measure))
			if err != nil {
				t.Fatal(err)
			}
			if got.Bottom > 844/4 {
				t.Errorf("%s: header and navigation end at %.0f px of an 844 px screen, over a quarter (211 px)", p, got.Bottom)
			}
			if (p == "/fr/" || p == "/en/") && (got.FirstStep < 0 || got.FirstStep > 844) {
				t.Errorf("%s: the first step ends at %.0f px, below the 844 px screen", p, got.FirstStep)
			}
		}
		do(t, ctx, chromedp.Navigate(srv.URL+"/fr/"), chromedp.Click(chromedp.CSS("button.menu")))
		got, err := chromedp.Run(ctx, chromedp.Evaluate[look](measure))
		if err != nil || !got.NavShown || !got.Expanded {
			t.Errorf("the menu button does not open the navigation: %+v %v", got, err)
		}
	})
	t.Run("desktop", func(t *testing.T) {
		ctx := newTab(t)
		do(t, ctx, viewport(t, 1280, 900, false))
		for _, p := range []string{"/fr/", "/en/", "/fr/mode-non-heberge/", "/en/on-premises-mode/"} {
			do(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady(chromedp.CSS("body")), chromedp.Sleep(100*time.Millisecond))
			got, err := chromedp.Run(ctx, chromedp.Evaluate[look](measure))
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range got.Lines {
				if h > 1.5*got.Line+16 { // a line of text, or a text field's height
					t.Errorf("%s: the header is not one line: its parts are %v px high (a line: %.0f px)", p, got.Lines, got.Line)
					break
				}
			}
		}
	})
}

// TestCheckPageSaysChooseOnPhone reads the check page's drop zone as a person sees it: a
// desktop says to drop the files, a phone (which drops nothing) to choose them.
func TestCheckPageSaysChooseOnPhone(t *testing.T) {
	bc, _ := builtChecker(t)
	srv := serveWith(t, nil, bc)
	for _, sc := range screens(900) {
		for _, lang := range []struct{ page, drop, choose string }{
			{"/fr/verifier/", "Déposez", "Choisissez les fichiers"},
			{"/en/check-your-setup/", "Drop", "Choose the files"},
		} {
			ctx := newTab(t)
			do(t, ctx, viewport(t, sc.width, sc.height, sc.mobile), chromedp.Navigate(srv.URL+lang.page), chromedp.WaitVisible(chromedp.CSS(".wc-drop")))
			said, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.wc-drop').innerText`))
			if err != nil {
				t.Fatal(err)
			}
			drops := strings.Contains(said, lang.drop)
			if drops == sc.mobile || sc.mobile && !strings.Contains(said, lang.choose) {
				t.Errorf("%s on a %s says %q", lang.page, sc.name, said)
			}
		}
	}
}
