package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/rogpeppe/go-internal/diff"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/testenv"
)

// checklistPages are the pages that show a checklist, with the PDF of each.
var checklistPages = []struct{ page, pdf string }{
	{"/fr/mode-heberge/", "/pdf/fr/mode-heberge.pdf"},
	{"/en/hosted-mode/", "/pdf/en/hosted-mode.pdf"},
	{"/fr/mode-non-heberge/", "/pdf/fr/mode-non-heberge.pdf"},
	{"/en/on-premises-mode/", "/pdf/en/on-premises-mode.pdf"},
	{"/fr/changement-d-ent/", "/pdf/fr/changement-d-ent.pdf"},
	{"/en/changing-ent/", "/pdf/en/changing-ent.pdf"},
}

// TestPaperIsThePDF prints each checklist's page as a person does (Ctrl+P, A4, nothing
// ticked) and reads both papers with pdftotext: the page printed and the procedure's PDF say
// the same words in the same order — the page's text, the legend, the lines to fill in, each
// step with its fields and a line for a comment — once the pages' furniture (the PDF's
// running header and footer, the site's name above the printed page and its address below)
// is set aside, and their page counts differ by one page at most.
func TestPaperIsThePDF(t *testing.T) {
	srv := serve(t, nil)
	for _, p := range checklistPages {
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
			site, title, url := paperFurniture(t, ctx)
			got := paperWords(printedLines(rawText(t, printed), site, url))
			want := paperWords(pdfLines(rawText(t, generated), site, title, url))
			if d := diff.Diff("pdf", []byte(strings.Join(want, "\n")+"\n"), "printed", []byte(strings.Join(got, "\n")+"\n")); d != nil {
				t.Errorf("%s printed says other words than %s (one word a line):\n%s", p.page, p.pdf, d)
			}
			if n, m := pdfPages(t, printed), pdfPages(t, generated); n > m+1 || m > n+1 {
				t.Errorf("%s prints on %d pages, its PDF has %d", p.page, n, m)
			}
			if dir := os.Getenv("PRINT_DIR"); dir != "" { // to look at them: pdftoppm
				name := strings.Trim(strings.ReplaceAll(p.page, "/", "_"), "_")
				_ = os.WriteFile(filepath.Join(dir, name+".pdf"), printed, 0o644)
				_ = os.WriteFile(filepath.Join(dir, name+"-generated.pdf"), generated, 0o644)
			}
		})
	}
}

// paperFurniture returns what the page at ctx prints around its text: the site's name, the
// page's title, its address.
func paperFurniture(t *testing.T, ctx context.Context) (site, title, url string) {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.querySelector('.brand').textContent,
		document.querySelector('h1').textContent, document.querySelector('link[rel=canonical]').href]`))
	if err != nil {
		t.Fatal(err)
	}
	norm := func(s string) string {
		return strings.Join(strings.Fields(strings.NewReplacer(checks.NarrowNBSP, " ", checks.NBSP, " ").Replace(s)), " ")
	}
	return norm(got[0]), norm(got[1]), got[2]
}

// rawText returns the text of a PDF in the order it is drawn (pdftotext -raw): a page's text
// in the order of the page's elements, a table row by row, hyphens at line ends kept.
func rawText(t *testing.T, data []byte) string {
	t.Helper()
	path := testenv.NeedProgram(t, "the print test", "pdftotext")
	f := filepath.Join(t.TempDir(), "p.pdf")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path, "-raw", "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

var pageNumber = regexp.MustCompile(`^page \d+ / \d+$`)

// textLines returns the pages of pdftotext's text (separated by form feeds), each as its
// lines, their spaces folded, blank lines left out.
func textLines(text string) [][]string {
	var pages [][]string
	for _, page := range strings.Split(text, "\f") {
		var lines []string
		for _, l := range strings.Split(page, "\n") {
			if l = strings.Join(strings.Fields(strings.NewReplacer(checks.NarrowNBSP, " ", checks.NBSP, " ").Replace(l)), " "); l != "" {
				lines = append(lines, l)
			}
		}
		pages = append(pages, lines)
	}
	return pages
}

// pdfLines returns the lines of the PDF's text without each page's header (the site's
// name and the page's title, on one line or two) and footer (the page's address and "page n
// / N").
func pdfLines(text, site, title, url string) []string {
	var out []string
	for _, lines := range textLines(text) {
		switch {
		case len(lines) > 0 && lines[0] == site+" "+title:
			lines = lines[1:]
		case len(lines) > 1 && lines[0] == site && lines[1] == title:
			lines = lines[2:]
		}
		for len(lines) > 0 {
			last := lines[len(lines)-1]
			if last != url && !pageNumber.MatchString(last) && !pageNumber.MatchString(strings.TrimPrefix(last, url+" ")) {
				break
			}
			lines = lines[:len(lines)-1]
		}
		out = append(out, lines...)
	}
	return out
}

// printedLines returns the lines of the printed page's text without the site's name above
// it and the page's address below.
func printedLines(text, site, url string) []string {
	var out []string
	for _, lines := range textLines(text) {
		out = append(out, lines...)
	}
	if len(out) > 0 && out[0] == site {
		out = out[1:]
	}
	if n := len(out); n > 0 && strings.HasSuffix(out[n-1], url) {
		out = out[:n-1]
	}
	return out
}

// paperWords returns the words of lines, lines to fill in left out, and a word cut at a
// line's end after "/" or "-" joined to the next.
func paperWords(lines []string) []string {
	var words []string
	for _, l := range lines {
		for _, w := range strings.Fields(l) {
			if strings.Trim(w, "_") != "" {
				words = append(words, w)
			}
		}
	}
	var out []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		for (strings.HasSuffix(w, "/") || strings.HasSuffix(w, "-")) && len(w) > 1 && i+1 < len(words) {
			i++
			w += words[i]
		}
		out = append(out, w)
	}
	return out
}

// TestPaperShowsWhatWasDone prints the hosted procedure with a step ticked, an address typed
// and a comment written: the label and the value are apart (« URL du serveur CAS affichée :
// https://… »), the address breaks only after a « / », the comment prints after its label
// instead of the empty line, the tick prints, and no state's note is larger than the text.
func TestPaperShowsWhatWasDone(t *testing.T) {
	srv := serve(t, nil)
	ctx := newTab(t)
	long := "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas/un-chemin-bien-trop-long-pour-tenir/sur-une-seule-ligne"
	do(t, ctx, ready(srv.URL+"/fr/mode-heberge/"),
		chromedp.Click(box("net.cas-protocol")),
		chromedp.Click(box("net.cas-url")),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="net.cas-url:value"]`), long),
		chromedp.Click(chromedp.CSS(`[id="net.same-addresses"] .cl-comment summary`)),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="net.same-addresses:comment"]`), "vu avec l'assistance"),
		waitState("net.cas-url", "contradicted"))
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	type look struct {
		Body, Biggest float64
		Pieces, Cut   int
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[look](`(() => {
		const size = (el) => parseFloat(getComputedStyle(el).fontSize);
		let biggest = 0;
		document.querySelectorAll('.cl-state, .cl-state *').forEach((el) => { biggest = Math.max(biggest, size(el)); });
		const pieces = Array.from(document.querySelectorAll('[id="net.cas-url"] .cl-printed .nw'));
		return {Body: size(document.querySelector('[id="net.cas-url"] > p')), Biggest: biggest,
			Pieces: pieces.length, Cut: pieces.filter((el) => el.getClientRects().length > 1).length};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Biggest == 0 || got.Biggest > got.Body {
		t.Errorf("in print a state's note is %.1f px, the text %.1f px: want a note shown, no larger", got.Biggest, got.Body)
	}
	if got.Pieces < 8 || got.Cut > 0 {
		t.Errorf("the typed address prints in %d pieces, %d of them cut across lines: want one piece per « / », none cut", got.Pieces, got.Cut)
	}
	printed, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, printed)
	flat := strings.Join(strings.Fields(strings.NewReplacer(checks.NarrowNBSP, " ", checks.NBSP, " ").Replace(text)), " ")
	for _, want := range []string{
		"URL du serveur CAS affichée : https://enc.hauts-de-seine.fr/",
		"Commentaire : vu avec l'assistance",
		"✓",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the printed page lacks %q:\n%s", want, text)
		}
	}
	// Every line break inside the address typed falls after a « / ».
	k := strings.Index(text, "affichée")
	i := strings.Index(text[max(k, 0):], "https://")
	if k < 0 || i < 0 {
		t.Fatalf("the typed address is not on paper:\n%s", text)
	}
	var parts []string
	for _, line := range strings.Split(text[k+i:], "\n") {
		parts = append(parts, line)
		if strings.Contains(line, "seule-ligne") {
			break
		}
	}
	for _, part := range parts[:len(parts)-1] {
		if !strings.HasSuffix(strings.TrimSpace(part), "/") {
			t.Errorf("the typed address breaks elsewhere than after a « / »: %q", parts)
			break
		}
	}
	if len(parts) < 2 {
		t.Errorf("the typed address, longer than a line, prints on one line: %q", parts)
	}
}
