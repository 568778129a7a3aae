package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// checkLook is what a person sees of the check page's results: the status line, the mode's
// line or the question, the headline and its level, the files listed with their classes,
// and the steps listed.
type checkLook struct {
	Status, Mode, Verdict, VerdictClass string
	// Ask is the question's text when the page asks the mode; AskAbove says it is above the
	// list of steps and in the window.
	Ask      string
	AskAbove bool
	Files    []string
	Links    map[string]string // item ID → the address its title links to, "" for none
	Evidence map[string]string // item ID → its « Evidence: » line, "" for none
	Answers  string
}

func lookAtCheck(t *testing.T, ctx context.Context) checkLook {
	t.Helper()
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".wc-results .wc-verdict")))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[checkLook](`(() => {
		const q = (s) => document.querySelector(s), text = (s) => q(s) ? q(s).textContent : '';
		const ask = q('.wc-ask'), list = q('.wc-list');
		const above = !!ask && ask.getBoundingClientRect().bottom <= list.getBoundingClientRect().top &&
			ask.getBoundingClientRect().top >= 0 && ask.getBoundingClientRect().top < innerHeight && ask.offsetParent !== null;
		return {
			Status: text('.wc-status'), Mode: text('.wc-mode'), Verdict: text('.wc-verdict'), VerdictClass: q('.wc-verdict').className,
			Ask: ask ? ask.textContent : '', AskAbove: above,
			Files: Array.from(document.querySelectorAll('.wc-files li')).map(li => li.className + '|' + li.textContent),
			Links: Object.fromEntries(Array.from(document.querySelectorAll('.wc-result')).map(li => [li.querySelector('code').textContent, li.querySelector('a') ? li.querySelector('a').getAttribute('href') : ''])),
			Evidence: Object.fromEntries(Array.from(document.querySelectorAll('.wc-result')).map(li => [li.querySelector('code').textContent, li.querySelector('.wc-ev') ? li.querySelector('.wc-ev').textContent : ''])),
			Answers: text('.wc-answers span'),
		};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// relativeFiles writes the relative-URL InfoMobileApp.json of the CLI's scripts, and the same
// with a wrong realm and "/login" added (a new export after a change gone wrong).
func relativeFiles(t *testing.T) (good, wrong string) {
	t.Helper()
	dir := fixture(t, "relative")
	good = filepath.Join(dir, "InfoMobileApp.json")
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	wrong = filepath.Join(t.TempDir(), "InfoMobileApp (1).json")
	bad := strings.Replace(string(data), "/realms/oze_hds/protocol/cas", "/realms/oze_hd/protocol/cas/login", 1)
	if bad == string(data) {
		t.Fatal("the fixture has no CAS URL to change")
	}
	if err := os.WriteFile(wrong, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	return good, wrong
}

// TestSecondExportReplacesTheFirst drops a good InfoMobileApp.json, then a new export with a
// wrong realm: the second replaces the first, visibly, the headline is the second's (the
// first's green headline does not stay), and "unreadable" is said of nothing.
func TestSecondExportReplacesTheFirst(t *testing.T) {
	bc, _ := builtChecker(t)
	srv := serveWith(t, nil, bc)
	good, wrong := relativeFiles(t)
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/en/check-your-setup/"))
	dropFiles(t, ctx, "hosted", false, good)
	first := lookAtCheck(t, ctx)
	if first.Verdict != "No step fails." {
		t.Fatalf("first drop: %q", first.Verdict)
	}
	if first.Status != "Check done: 1 file read. The verdicts also show beside the procedures' steps." {
		t.Errorf("first drop: status %q, want one file read, in the singular", first.Status)
	}
	do(t, ctx, chromedp.SetUploadFiles(chromedp.CSS(`.webcheck input[type=file]`), []string{wrong}),
		chromedp.WaitVisible(chromedp.CSS(".wc-files li:nth-child(2)")))
	second := lookAtCheck(t, ctx)
	want := []string{
		"wc-replaced|InfoMobileApp.json — Replaced by InfoMobileApp (1).json, dropped later: it is no longer judged.",
		"|InfoMobileApp (1).json — InfoMobileApp.json, which replaces InfoMobileApp.json, dropped before.",
	}
	if strings.Join(second.Files, "\n") != strings.Join(want, "\n") {
		t.Errorf("files listed:\n%s\nwant:\n%s", strings.Join(second.Files, "\n"), strings.Join(want, "\n"))
	}
	if !strings.HasPrefix(second.Verdict, "At least one step fails") || !strings.Contains(second.VerdictClass, "wc-fail") {
		t.Errorf("headline after the second export: %q (%s), want the second's failure", second.Verdict, second.VerdictClass)
	}
	if !strings.HasPrefix(second.Status, "Check done: 2 files read, including 1 replaced.") {
		t.Errorf("after the second export: status %q, want both files counted and the replaced one said", second.Status)
	}
	if strings.Contains(strings.ToLower(strings.Join(second.Files, " ")+second.Status), "unreadable") {
		t.Errorf("a file read is called unreadable: %v %q", second.Files, second.Status)
	}
}

// TestModeFromTicks ticks steps on the hosted procedure page, then drops a relative-URL
// export with no mode chosen: the page judges the hosted mode and says why, links to the
// hosted page, and writes the last tick's date in the reader's language.
func TestModeFromTicks(t *testing.T) {
	bc, _ := builtChecker(t)
	srv := serveWith(t, nil, bc)
	good, _ := relativeFiles(t)
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/en/hosted-mode/"), chromedp.WaitVisible(chromedp.CSS(".cl-progress")),
		chromedp.Click(box("hosted.net-open")), chromedp.Click(box("net.unpublished")))
	do(t, ctx, chromedp.Navigate(srv.URL+"/en/check-your-setup/"))
	dropFiles(t, ctx, "", false, good)
	got := lookAtCheck(t, ctx)
	if got.Mode != "Hosted mode: you ticked more steps in this browser on the hosted mode page than on the other mode's." {
		t.Errorf("mode line %q", got.Mode)
	}
	if got.Ask != "" {
		t.Errorf("the page asks the mode although the ticks decide it: %q", got.Ask)
	}
	if !strings.Contains(got.Links["net.cas-url"], "hosted-mode/#net.cas-url") {
		t.Errorf("net.cas-url links to %q, want the hosted page", got.Links["net.cas-url"])
	}
	if !regexp.MustCompile(`\(the latest on \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\)$`).MatchString(got.Answers) {
		t.Errorf("answers line %q, want the date as an English reader writes it", got.Answers)
	}
	if !strings.Contains(strings.Join(got.Files, "\n"), "|your answers in this browser — 2 answers, for the hosted mode.") {
		t.Errorf("files listed: %v", got.Files)
	}
	// The answers are named as a person reads them, the step's ID as code, not « Your
	// answers in this browser: net.unpublished »; the status counts them with the file.
	if ev := got.Evidence["net.unpublished"]; ev != "Evidence: your answers in this browser (net.unpublished)" {
		t.Errorf("evidence of a ticked step: %q", ev)
	}
	if !strings.HasPrefix(got.Status, "Check done: 1 file read and your answers in this browser.") {
		t.Errorf("status %q", got.Status)
	}
}

// TestModeQuestion drops a relative-URL export with nothing to decide the mode: the page asks,
// the question visible above the results, which link to neither mode's page; the answer, then
// the PRONOTE address typed on the page, decide it, each said so. The checker's size is
// written as a French reader writes it.
func TestModeQuestion(t *testing.T) {
	bc, _ := builtChecker(t)
	srv := serveWith(t, nil, bc)
	good, _ := relativeFiles(t)
	ctx := newTab(t)
	do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(srv.URL+"/fr/verifier/"))
	size, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".wc-size")))
	if err != nil || !regexp.MustCompile(`^Le vérificateur \(\d+,\d\x{a0}Mo\) se charge`).MatchString(size) {
		t.Errorf("size line %q (%v), want « 5,5 Mo »", size, err)
	}
	dropFiles(t, ctx, "", false, good)
	got := lookAtCheck(t, ctx)
	if !strings.HasPrefix(got.Ask, "Votre PRONOTE est-il hébergé par Index Education\u202f?") || !got.AskAbove {
		t.Errorf("question %q, above the results and in the window: %v", got.Ask, got.AskAbove)
	}
	if strings.Contains(got.Ask+got.Verdict+got.Status, "--") {
		t.Errorf("the page names a command-line flag: %q %q", got.Ask, got.Verdict)
	}
	if !strings.Contains(got.VerdictClass, "wc-attention") || !strings.HasPrefix(got.Verdict, "Aucune étape non conforme parmi celles jugées") {
		t.Errorf("headline %q (%s), want attention", got.Verdict, got.VerdictClass)
	}
	for id, href := range got.Links {
		if href != "" {
			t.Errorf("%s links to %q while the mode is undecided", id, href)
		}
	}
	if len(got.Links) == 0 || got.Links["net.cas-url"] != "" {
		t.Errorf("steps listed: %v, want those that do not depend on the mode", got.Links)
	}

	do(t, ctx, chromedp.Click(chromedp.CSS(`.wc-ask button[data-mode=hosted]`)), chromedp.WaitNotPresent(chromedp.CSS(".wc-ask")))
	chosen := lookAtCheck(t, ctx)
	if chosen.Mode != "Mode hébergé\u202f: choisi ci-dessus." || !strings.Contains(chosen.Links["net.cas-url"], "mode-heberge/#net.cas-url") {
		t.Errorf("after answering: mode %q, net.cas-url → %q", chosen.Mode, chosen.Links["net.cas-url"])
	}

	// The address typed on the page decides it when the choice above is left open.
	do(t, ctx, chromedp.SetValue(chromedp.CSS(".webcheck select[name=mode]"), ""),
		chromedp.SendKeys(chromedp.CSS(".wc-info input"), "https://0920000a.index-education.net/pronote/\t"))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('.wc-mode') !== null && document.querySelector('.wc-mode').textContent.includes('adresse')`)); err != nil {
		t.Fatalf("the typed address did not decide the mode: %v", err)
	}
	typed := lookAtCheck(t, ctx)
	want := "Mode hébergé\u202f: l'adresse de PRONOTE saisie sur cette page, https://0920000a.index-education.net/pronote/, est sous index-education.net, le domaine d'Index Education, qui sert les PRONOTE hébergés."
	if typed.Mode != want {
		t.Errorf("mode line %q, want %q", typed.Mode, want)
	}
	if v := cspViolations(t, ctx); len(v) > 0 {
		t.Errorf("CSP violations: %v", v)
	}
}

// TestTypedValueAgainstExport types a wrong realm in « URL du serveur CAS » on the hosted
// procedure, then drops the export, which shows the right URL: the check page names both
// values (« vous avez relevé … ; l'export dit … »), and names the browser's answers as a
// person would, not as a file.
func TestTypedValueAgainstExport(t *testing.T) {
	bc, _ := builtChecker(t)
	srv := serveWith(t, nil, bc)
	good, _ := relativeFiles(t)
	ctx := newTab(t)
	do(t, ctx, ready(srv.URL+"/fr/mode-heberge/"), chromedp.Click(box("net.cas-url")),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="net.cas-url:value"]`), wrongRealm),
		waitState("net.cas-url", "contradicted"))
	do(t, ctx, chromedp.Navigate(srv.URL+"/fr/verifier/"))
	dropFiles(t, ctx, "hosted", false, good)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const li = Array.from(document.querySelectorAll('.wc-result')).find(li => li.querySelector('code').textContent === 'net.cas-url');
		return [li ? li.className : '', li ? li.innerText : '', document.querySelector('.webcheck').innerText];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	want := "Vous avez relevé «\u00a0" + wrongRealm + "\u00a0»\u202f; l'export dit «\u00a0" + casURLSeen + "\u00a0»."
	if !strings.Contains(got[0], "st-fail") || !strings.Contains(got[1], want) {
		t.Errorf("net.cas-url on the check page (%s):\n%s\nwant it failed, saying %q", got[0], got[1], want)
	}
	if !strings.Contains(got[1], "Preuve\u202f: vos réponses dans ce navigateur (net.cas-url)") {
		t.Errorf("net.cas-url's evidence does not name the browser's answers as a person would:\n%s", got[1])
	}
	if strings.Contains(got[2], "navigateur.json") {
		t.Errorf("the page names the browser's answers as a file:\n%s", got[2])
	}
}
