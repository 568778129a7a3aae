package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/spf13/afero"

	"github.com/hds-oze/pronote-oze/checks"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fsFrom returns a MemMapFs holding the archives' files, later archives overriding earlier.
func fsFrom(t testing.TB, archives ...*txtar.Archive) afero.Fs {
	t.Helper()
	fs := afero.NewMemMapFs()
	for _, ar := range archives {
		for _, f := range ar.Files {
			if err := afero.WriteFile(fs, f.Name, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return fs
}

func parseTxtar(t testing.TB, file string) *txtar.Archive {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return ar
}

func read(t *testing.T, fs afero.Fs, name string) string {
	t.Helper()
	b, err := afero.ReadFile(fs, name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(b)
}

func TestBuildSite(t *testing.T) {
	fs := fsFrom(t, parseTxtar(t, "testdata/site/basic.txtar"))
	b := &Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public"}
	s, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Pages) != 4 {
		t.Errorf("built %d pages, want 4", len(s.Pages))
	}
	frPurge := read(t, fs, "public/fr/changement-d-ent/index.html")
	enPurge := read(t, fs, "public/en/changing-ent/index.html")
	frHome := read(t, fs, "public/fr/index.html")
	enHome := read(t, fs, "public/en/index.html")

	purge, _ := checks.Default().Checklist(checks.PurgeID)
	for _, it := range purge.Items() {
		for lang, page := range map[checks.Lang]string{checks.FR: frPurge, checks.EN: enPurge} {
			if !strings.Contains(page, `id="`+it.ID+`">
<label><input type="checkbox">`) {
				t.Errorf("%s page: no step or checkbox for %s", lang, it.ID)
			}
			if title := htmlEscape(it.Title.In(lang)); !strings.Contains(page, title) {
				t.Errorf("%s page: no title %q for %s", lang, title, it.ID)
			}
		}
	}
	checksIn := []struct {
		name, page, want string
	}{
		{"html lang fr", frPurge, `<html lang="fr">`},
		{"html lang en", enPurge, `<html lang="en">`},
		{"switch to the same page", frPurge, `<a class="lang" href="../../en/changing-ent/" hreflang="en" lang="en"`},
		{"switch back", enPurge, `<a class="lang" href="../../fr/changement-d-ent/" hreflang="fr" lang="fr"`},
		{"alternate", frPurge, `<link rel="alternate" hreflang="en" href="https://example.org/docs/en/changing-ent/">`},
		{"canonical", enPurge, `<link rel="canonical" href="https://example.org/docs/en/changing-ent/">`},
		{"CSP", frHome, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'`},
		{"heading id with accents folded", frPurge, `<h2 id="etape-prealable">`},
		{"link rewritten", frHome, `<a href="changement-d-ent/#purge.clear">purge</a>`},
		{"French spacing", frHome, "\u202f: c'est «\u00a0important\u00a0»\u202f!"},
		{"no French spacing in English", enHome, ": it is «\u00a0important\u00a0»!"},
		{"marked cross-language link", enHome, `<a href="../fr/" lang="fr">version française</a>`},
		{"chroma classes", frHome, `<span class="na">url</span>`},
		{"nav current", frPurge, `aria-current="page">Purge</a>`},
		{"stylesheet", frHome, `<link rel="stylesheet" href="../assets/style.css">`},
		{"checklist's stylesheet", frPurge, `<link rel="stylesheet" href="../../assets/checklist.css">`},
		{"script only with a checklist", frPurge, `<script src="../../assets/checklist.js" defer data-assets="../../assets/">`},
		{"previous page", frPurge, `<a class="prev" href="../" rel="prev"><small>Précédent</small> Accueil</a>`},
		{"next page", frHome, `<a class="next" href="changement-d-ent/" rel="next"><small>Suivant</small> Purge</a>`},
		{"last updated", frHome, `<p class="updated">Mis à jour le <time datetime="2026-11-29">29 novembre 2026</time></p>`},
	}
	for _, c := range checksIn {
		if !strings.Contains(c.page, c.want) {
			t.Errorf("%s: page lacks %q", c.name, c.want)
		}
	}
	if strings.Contains(frHome, "checklist.js") {
		t.Errorf("home page loads the checklist script without a checklist")
	}
	// The print rules are in the page's one stylesheet, which the budget counts: no page links
	// another that every view would fetch (a media="print" one is fetched too). The checklist's
	// rules, screen and paper, are only in the checklist pages' stylesheet.
	for name, want := range map[string]bool{"style.css": false, "checklist.css": true} {
		css := read(t, fs, "public/assets/"+name)
		if !strings.Contains(css, ".chroma .na{") || !regexp.MustCompile(`@media print\{.*@page\{`).MatchString(css) {
			t.Errorf("%s lacks the chroma classes, or the print rules", name)
		}
		if got := strings.Contains(css, ".cl-item{") && regexp.MustCompile(`@media print\{.*\.cl-item\{`).MatchString(css); got != want {
			t.Errorf("%s holds the checklist's rules, screen and paper: %v, want %v", name, got, want)
		}
	}
	if strings.Contains(frPurge, "print.css") || strings.Contains(frHome, "print.css") {
		t.Errorf("a page links print.css, outside the stylesheet the budget counts")
	}
	for _, name := range []string{"print.css", "paper.css"} {
		if ok, _ := afero.Exists(fs, "public/assets/"+name); ok {
			t.Errorf("%s is published beside the stylesheets that hold it", name)
		}
	}
	// The root serves the French home page itself: its text, its canonical URL, links that
	// work from the root, and the way to the English side.
	root := read(t, fs, "public/index.html")
	for _, want := range []string{
		`<link rel="canonical" href="https://example.org/docs/fr/">`,
		`<a href="fr/changement-d-ent/#purge.clear">purge</a>`,
		`<a class="lang" href="en/" hreflang="en"`,
		`<link rel="stylesheet" href="./assets/style.css">`,
	} {
		if !strings.Contains(root, want) {
			t.Errorf("root page lacks %q:\n%s", want, root)
		}
	}
	for name, want := range map[string]string{
		"public/robots.txt":     "Sitemap: https://example.org/docs/sitemap.xml\n",
		"public/sitemap.xml":    `<xhtml:link rel="alternate" hreflang="en" href="https://example.org/docs/en/changing-ent/"></xhtml:link>`,
		"public/search/fr.json": `"u":"fr/changement-d-ent/#purge.open","t":"1. Ouvrez la délégation d'authentification de Gestion des identités","p":"Purge","i":"purge.open","f":"purge.open ouvrez`,
	} {
		if got := read(t, fs, name); !strings.Contains(got, want) {
			t.Errorf("%s lacks %q:\n%s", name, want, got)
		}
	}
	if ico := read(t, fs, "public/favicon.ico"); !strings.HasPrefix(ico, "\x00\x00\x01\x00\x01\x00") || !strings.Contains(ico, "\x89PNG") {
		t.Errorf("favicon.ico is not an icon holding a PNG")
	}
}

// htmlEscape escapes like a page's text is: as html/template does, its apostrophes put back
// (see plainApostrophes).
func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

func TestBuildErrors(t *testing.T) {
	base := parseTxtar(t, "testdata/errors/base.txtar")
	t.Run("base", func(t *testing.T) {
		fs := fsFrom(t, base)
		if _, err := (&Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public"}).Build(context.Background()); err != nil {
			t.Fatalf("the base of the error cases must build: %v", err)
		}
	})
	files := globCases(t, "testdata/errors/*.txtar", "base.txtar")
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar := parseTxtar(t, file)
			var wants []string
			for _, l := range strings.Split(string(ar.Comment), "\n") {
				if w, ok := strings.CutPrefix(l, "want: "); ok {
					wants = append(wants, w)
				}
			}
			if len(wants) == 0 {
				t.Fatal("the case has no want: line")
			}
			fs := fsFrom(t, base, ar)
			_, err := (&Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public"}).Build(context.Background())
			var be *BuildError
			if !errors.As(err, &be) {
				t.Fatalf("Build() = %v, want a *BuildError", err)
			}
			var got []string
			for _, fe := range be.Errs {
				got = append(got, fe.Error())
			}
			for i, w := range wants {
				if i >= len(got) || !strings.HasPrefix(got[i], w) {
					t.Errorf("error %d = %q, want it to start with %q\nall errors:\n%s", i, at(got, i), w, strings.Join(got, "\n"))
				}
			}
			if len(got) != len(wants) {
				t.Errorf("got %d errors, want %d:\n%s", len(got), len(wants), strings.Join(got, "\n"))
			}
			if ok, _ := afero.DirExists(fs, "public"); ok {
				t.Errorf("a failed build created public/")
			}
		})
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "<none>"
}

func TestFailedBuildKeepsPreviousSite(t *testing.T) {
	fs := fsFrom(t, parseTxtar(t, "testdata/errors/base.txtar"))
	b := &Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public"}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := read(t, fs, "public/fr/index.html")
	_ = afero.WriteFile(fs, "content/fr/index.md", []byte("+++\ntitle = \"Cassé\"\n+++\n[x](nulle-part.md)\n"), 0o644)
	if _, err := b.Build(context.Background()); err == nil {
		t.Fatal("build of broken content succeeded")
	}
	if after := read(t, fs, "public/fr/index.html"); after != before {
		t.Errorf("failed build changed public/fr/index.html")
	}
	if ok, _ := afero.DirExists(fs, "public"+stagingSuffix); ok {
		t.Errorf("failed build left its staging folder")
	}

	// A build killed between moving the old site aside and renaming the new one in.
	if err := fs.Rename("public", "public"+oldSuffix); err != nil {
		t.Fatal(err)
	}
	_ = afero.WriteFile(fs, "content/fr/index.md", []byte("+++\ntitle = \"Encore cassé\"\n+++\n[x](nulle-part.md)\n"), 0o644)
	_, _ = b.Build(context.Background())
	_ = fs.MkdirAll("public", 0o755) // nothing of a broken build is published…
	_ = fs.Remove("public")
	b2 := &Builder{Src: fsFrom(t, parseTxtar(t, "testdata/errors/base.txtar")), SrcDir: "content", Out: fs, OutDir: "public"}
	if _, err := b2.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	if ok, _ := afero.DirExists(fs, "public"+oldSuffix); ok {
		t.Errorf("the moved-aside site was left behind")
	}
}

// demoCatalog is a small catalog that uses every feature of an item.
func demoCatalog() *checks.Catalog {
	cl := &checks.Checklist{
		ID:    "demo",
		Title: checks.Text{FR: "Démo", EN: "Demo"},
		Slug:  checks.Text{FR: "demo", EN: "demo"},
		Modes: checks.AnyMode,
		Sections: []checks.Section{{
			ID:    "main",
			Title: checks.Text{FR: "Étapes", EN: "Steps"},
			Intro: checks.Text{FR: "Dans l'ordre : ", EN: "In order:"},
			Items: []*checks.Item{{
				ID:     "demo.url",
				Title:  checks.Text{FR: "Vérifiez « URL » <b>", EN: "Check « URL » <b>"},
				Where:  checks.Text{FR: "Menu › Sous-menu", EN: "Menu › Submenu"},
				Detail: checks.Text{FR: "Pourquoi : parce que*.", EN: "Why: because*."},
				Expect: checks.Text{FR: "https://x.example/cas", EN: "https://x.example/cas"},
				Ask:    checks.Text{FR: "URL vue", EN: "URL seen"},
				Table: &checks.Table{
					Head: []checks.Text{{FR: "Espace", EN: "Espace"}, {FR: "Délégation", EN: "Delegation"}},
					Rows: [][]checks.Text{{{FR: "Élèves", EN: "Students"}, {FR: "Cas", EN: "Cas"}}},
				},
				See:    "demo",
				Modes:  checks.AnyMode,
				Proof:  checks.InfoMobileApp | checks.Answer,
				Origin: checks.FromProcedure,
				Facts: []*checks.Fact{{ID: "demo.fact", Origin: checks.FromPractice,
					Claim: checks.Text{FR: "« URL » <i>", EN: "« URL » <i>"}, Ref: checks.Text{FR: "usage : à confirmer", EN: "practice: to confirm"}}},
				Value: checks.CASURLRule(&checks.Profile{CASURL: "https://x.example/cas"}),
				Check: func(sub *checks.Subject) checks.Verdict { return checks.Verdict{} },
			}},
		}},
	}
	return &checks.Catalog{Profile: checks.OZE(), Checklists: []*checks.Checklist{cl}}
}

var mainRE = regexp.MustCompile(`(?s)<main id="main">\n(.*)</main>`)

// globCases returns the txtar cases matching pattern, except the files named in skip (by base
// name), and fails the test when there is none: a glob that matches nothing must not pass.
func globCases(t *testing.T, pattern string, skip ...string) []string {
	t.Helper()
	all, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range all {
		if !slices.Contains(skip, filepath.Base(f)) {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		t.Fatalf("no test case matches %s", pattern)
	}
	return files
}

func TestGolden(t *testing.T) {
	for _, file := range globCases(t, "testdata/golden/*.txtar") {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar := parseTxtar(t, file)
			var input []byte
			for _, f := range ar.Files {
				if f.Name == "input.md" {
					input = f.Data
				}
			}
			if input == nil {
				t.Fatal("the case has no input.md")
			}
			fs := afero.NewMemMapFs()
			_ = afero.WriteFile(fs, "content/site.toml", []byte("baseURL = \"https://example.org/\"\n[languages.fr]\ntitle = \"Essai\"\n[languages.en]\ntitle = \"Test\"\n"), 0o644)
			for _, l := range []string{"fr", "en"} {
				page := "+++\ntitle = \"Démo\"\n+++\n" + string(input)
				_ = afero.WriteFile(fs, "content/"+l+"/demo.md", []byte(page), 0o644)
			}
			b := &Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public", Catalog: demoCatalog()}
			if _, err := b.Build(context.Background()); err != nil {
				t.Fatal(err)
			}
			changed, compared := false, 0
			for i, f := range ar.Files {
				lang, ok := strings.CutSuffix(f.Name, ".html")
				if !ok {
					continue
				}
				compared++
				m := mainRE.FindStringSubmatch(read(t, fs, "public/"+lang+"/demo/index.html"))
				if m == nil {
					t.Fatalf("%s: no <main>", lang)
				}
				got := strings.TrimRight(m[1], "\n") + "\n" // txtar ends every file with a newline
				if *update {
					ar.Files[i].Data = []byte(got)
					changed = true
					continue
				}
				if diff := cmp.Diff(string(f.Data), got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", f.Name, diff)
				}
			}
			if compared == 0 {
				t.Fatal("the case has no fr.html or en.html section to compare")
			}
			if changed {
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func TestRelURL(t *testing.T) {
	tests := []struct{ name, from, to, want string }{
		{"sibling page", "fr/a/", "fr/b/", "../b/"},
		{"from the language root", "fr/", "fr/b/", "b/"},
		{"to the language root", "fr/a/", "fr/", "../"},
		{"other language", "fr/a/", "en/b/", "../../en/b/"},
		{"site root", "fr/a/", "", "../../"},
		{"asset", "fr/a/", "assets/style.css", "../../assets/style.css"},
		{"nested sibling", "fr/g/a/", "fr/g/b/", "../b/"},
		{"itself: ./, never empty, which a browser would not follow as a link", "fr/a/", "fr/a/", "./"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := relURL(tt.from, tt.to); got != tt.want {
				t.Errorf("relURL(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestPageBudget(t *testing.T) {
	fs := fsFrom(t, parseTxtar(t, "testdata/errors/base.txtar"))
	b := &Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public", PageBudget: 16_000}
	_, err := b.Build(context.Background())
	var be *BuildError
	if !errors.As(err, &be) {
		t.Fatalf("Build() = %v, want the budget exceeded", err)
	}
	for _, fe := range be.Errs {
		if !strings.Contains(fe.Error(), "over the budget of 16 KB") || !strings.HasSuffix(fe.File, "purge.md") {
			t.Errorf("unexpected error %v", fe)
		}
	}
	if len(be.Errs) != 2 {
		t.Errorf("%d errors, want the two purge pages (the home pages are light)", len(be.Errs))
	}

	// The compressed weight has its own limit.
	b = &Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public", GzipBudget: 7_000}
	_, err = b.Build(context.Background())
	if !errors.As(err, &be) {
		t.Fatalf("Build() = %v, want the compressed budget exceeded", err)
	}
	for _, fe := range be.Errs {
		if !strings.Contains(fe.Error(), "KB compressed") || !strings.Contains(fe.Error(), "over the budget of 7 KB") {
			t.Errorf("unexpected error %v", fe)
		}
	}
	if len(be.Errs) == 0 {
		t.Error("no page over a 7 KB compressed budget")
	}
}

// TestGzipBudgetExact checks that the compressed weight that decides, and that a failure
// gives, is compress/gzip's at its default level, recomputed here from the published files:
// the fastest level, tried first, only lets through pages it finds within the budget.
func TestGzipBudgetExact(t *testing.T) {
	fs := fsFrom(t, parseTxtar(t, "testdata/errors/base.txtar"))
	site, err := (&Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public", GzipBudget: 1 << 20}).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	read := func(p string) []byte {
		data, err := afero.ReadFile(fs, "public/"+p)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	gzipped := func(level int, files ...string) int {
		n := 0
		for _, f := range files {
			var buf bytes.Buffer
			zw, err := gzip.NewWriterLevel(&buf, level)
			if err != nil {
				t.Fatal(err)
			}
			zw.Write(read(f))
			zw.Close()
			n += buf.Len()
		}
		return n
	}
	var heaviest *Page
	var most []string
	for _, p := range site.Pages {
		files := []string{p.URL + "index.html", stylesheetOf(p), "assets/site.js"}
		if len(p.Checklists) > 0 {
			files = append(files, "assets/checklist.js")
		}
		if p.Checker {
			files = append(files, "assets/check.js", "assets/check.css")
		}
		if heaviest == nil || gzipped(gzip.DefaultCompression, files...) > gzipped(gzip.DefaultCompression, most...) {
			heaviest, most = p, files
		}
	}
	exact := gzipped(gzip.DefaultCompression, most...)
	fast := 0
	for _, f := range most {
		fast += measure(read(f)).gzip
	}
	if fast <= exact {
		t.Fatalf("%s weighs %d bytes at the fastest level, %d at the default: the test needs the fastest to be heavier", heaviest.File, fast, exact)
	}

	b := &Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public", GzipBudget: exact}
	if _, err := b.Build(context.Background()); err != nil {
		t.Errorf("GzipBudget %d, the heaviest page's exact weight (%d at the fastest level): %v, want success", exact, fast, err)
	}
	b.GzipBudget = exact - 1
	_, err = b.Build(context.Background())
	var be *BuildError
	if !errors.As(err, &be) {
		t.Fatalf("GzipBudget %d: Build() = %v, want %s over it", exact-1, err, heaviest.File)
	}
	want := fmt.Sprintf("weighs %.1f KB compressed", InKB(exact))
	found := false
	for _, fe := range be.Errs {
		if fe.File == heaviest.File {
			found = true
			if !strings.Contains(fe.Error(), want) {
				t.Errorf("got %v, want the exact figure: %q", fe, want)
			}
		}
	}
	if !found {
		t.Errorf("errors %v, want one for %s", be.Errs, heaviest.File)
	}
}

// TestNoOtherOrigin scans every text file the real site is made of for a reference that
// would make a browser contact another origin. The canonical and alternate links name the
// site's own public address, which is allowed.
func TestNoOtherOrigin(t *testing.T) {
	src := afero.NewReadOnlyFs(afero.NewOsFs())
	out := afero.NewMemMapFs()
	s, err := (&Builder{Src: src, SrcDir: "../../../content", Out: out, OutDir: "public"}).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ref := regexp.MustCompile(`(?i)(?:\b(?:src|href|action|srcset|poster|data|formaction|manifest)\s*=\s*["']?|url\(\s*["']?|@import\s+["']?)((?:[a-z][a-z0-9+.-]*:)?//[^"' )>]*)`)
	scanned := 0
	err = afero.Walk(out, "public", func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !regexp.MustCompile(`\.(html|css|js)$`).MatchString(p) {
			return err
		}
		scanned++
		for _, m := range ref.FindAllStringSubmatch(read(t, out, p), -1) {
			if !strings.HasPrefix(m[1], s.Config.BaseURL) {
				t.Errorf("%s refers to another origin: %s", p, m[0])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if scanned < 12 {
		t.Errorf("scanned %d files, expected the whole site", scanned)
	}
}

// TestFileNames refuses page and folder names that cannot be a URL segment, naming the file
// with its control characters escaped (an error is printed on a terminal).
func TestFileNames(t *testing.T) {
	tests := []struct {
		name, rel string
		want      string // the start of the error, file name escaped
	}{
		{"newline", "a\nb.md", `content/en/a\nb.md: file name "a\nb"`},
		{"markup", `<b>"x".md`, `content/en/<b>"x".md: file name "<b>\"x\""`},
		{"terminal escape", "x\x1b[2J.md", `content/en/x\x1b[2J.md: file name "x\x1b[2J"`},
		{"right-to-left override", "fdp\u202egnp.md", `content/en/fdp\u202egnp.md: file name "fdp\u202egnp"`},
		{"folder", "a b/page.md", `content/en/a b/page.md: file name "a b"`},
		{"dot in the name", "index.html.md", `content/en/index.html.md: file name "index.html"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := fsFrom(t, parseTxtar(t, "testdata/errors/base.txtar"))
			for _, l := range []string{"en", "fr"} {
				if err := afero.WriteFile(fs, "content/"+l+"/"+tt.rel, []byte("+++\ntitle = \"x\"\n+++\nx\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := (&Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public"}).Build(context.Background())
			var be *BuildError
			if !errors.As(err, &be) || len(be.Errs) != 2 {
				t.Fatalf("Build() = %v, want an error for the file in each language", err)
			}
			if got := be.Errs[0].Error(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("error %q, want it to start with %q", got, tt.want)
			}
			for _, r := range err.Error() {
				if r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f || r == '\u202e') {
					t.Errorf("the error holds the raw character %U: %q", r, err.Error())
				}
			}
		})
	}
}

// TestSymlinks refuses a symbolic link that leads out of the content folder, naming it; a link
// to a file inside the content folder is a page like any other.
func TestSymlinks(t *testing.T) {
	tests := []struct {
		name   string
		link   string // where content/fr/linked.md leads, relative to its folder
		target string // a file to create, relative to the temporary folder
		want   string // the error's start after the content folder; "" for a good build
	}{
		{"outside", "../../outside/secret.md", "outside/secret.md", "/fr/linked.md: a symbolic link leading outside "},
		{"absolute, outside", "", "outside/secret.md", "/fr/linked.md: a symbolic link leading outside "},
		{"dangling", "../../outside/none.md", "", "/fr/linked.md: a symbolic link that leads nowhere"},
		{"inside", "../shared/linked.md", "content/shared/linked.md", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range parseTxtar(t, "testdata/errors/base.txtar").Files {
				writeFile(t, filepath.Join(dir, f.Name), f.Data)
			}
			page := []byte("+++\ntitle = \"Secret\"\n+++\nSecret.\n")
			writeFile(t, filepath.Join(dir, "content/en/linked.md"), page)
			if tt.target != "" {
				writeFile(t, filepath.Join(dir, tt.target), page)
			}
			link := tt.link
			if link == "" {
				link = filepath.Join(dir, tt.target)
			}
			if err := os.Symlink(link, filepath.Join(dir, "content/fr/linked.md")); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
			src := filepath.Join(dir, "content")
			out := afero.NewMemMapFs()
			_, err := (&Builder{Src: afero.NewOsFs(), SrcDir: src, Out: out, OutDir: "public"}).Build(context.Background())
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if got := read(t, out, "public/fr/linked/index.html"); !strings.Contains(got, "Secret.") {
					t.Error("the linked page was not published")
				}
				return
			}
			// The page is also missing from the French pages: en/linked.md has no translation.
			var fe *FileError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), "\n\t"+src+tt.want) {
				t.Fatalf("Build() = %v, want an error starting with %q", err, src+tt.want)
			}
			if ok, _ := afero.DirExists(out, "public"); ok {
				t.Error("the build published a site")
			}
		})
	}
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
