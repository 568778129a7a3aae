package site

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/spf13/afero"
)

// TestContent builds the project's real content/ in memory: it must build without error, hold
// the same pages in both languages, and show every item of every checklist, with its
// checkbox, on its checklist's page in French and in English.
func TestContent(t *testing.T) {
	src := afero.NewReadOnlyFs(afero.NewOsFs())
	out := afero.NewMemMapFs()
	b := &Builder{Src: src, SrcDir: "../../../content", Out: out, OutDir: "public"}
	s, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fr/", "en/", "fr/changement-d-ent/", "en/changing-ent/", "fr/mode-heberge/", "en/hosted-mode/", "fr/mode-non-heberge/", "en/on-premises-mode/", "fr/verifier/", "en/check-your-setup/"} {
		if ok, _ := afero.Exists(out, "public/"+want+"index.html"); !ok {
			t.Errorf("no page public/%sindex.html", want)
		}
	}
	for _, cl := range s.Catalog.Checklists {
		for _, lang := range checks.Langs() {
			p := s.ChecklistPage(cl.ID, lang)
			if p == nil {
				t.Errorf("checklist %s has no page in %s", cl.ID, lang)
				continue
			}
			html := read(t, out, "public/"+p.URL+"index.html")
			for _, it := range cl.Items() {
				if !strings.Contains(html, `<li class="cl-item" id="`+it.ID+`"`) || !strings.Contains(html, `<input type="checkbox" name="`+it.ID+`">`) {
					t.Errorf("%s: step %s missing", p.File, it.ID)
				}
			}
		}
	}
	// Every page says when it last changed, from its source.
	for _, p := range s.Pages {
		if p.FM.Updated.IsZero() {
			t.Errorf("%s: no updated = YYYY-MM-DD in the front matter", p.File)
		}
	}
	// Search finds a step by a word typed without its accents, and by its ID.
	idx := read(t, out, "public/search/fr.json")
	var entries []searchEntry
	if err := json.Unmarshal([]byte(idx), &entries); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, e := range entries {
		if e.ID != "" && strings.Contains(e.Folded, "eleves") {
			found["eleves"] = true
		}
		if e.ID == "net.cas-url" && strings.Contains(e.URL, "#net.cas-url") {
			found["id"] = true
		}
	}
	if !found["eleves"] || !found["id"] {
		t.Errorf("search index: step with « Élèves » found %v, net.cas-url found %v", found["eleves"], found["id"])
	}
}

// TestFrenchTitlesTypeset reads every French page of the real content and checks the strings
// the templates write outside the Markdown body — <title>, the site name, the navigation,
// the headings — carry French typography: no ordinary space before « : ; ! ? », none inside
// « ». Each title with a colon shows the narrow no-break space.
func TestFrenchTitlesTypeset(t *testing.T) {
	out := afero.NewMemMapFs()
	b := &Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: "../../../content", Out: out, OutDir: "public"}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	parts := regexp.MustCompile(`(?s)<title>(.*?)</title>|<h[1-3][^>]*>(.*?)</h[1-3]>|<a class="brand"[^>]*>(.*?)</a>|<nav.*?</nav>`)
	bad := regexp.MustCompile(`[^\s] [:;!?]|« | »`)
	colons := 0
	err := afero.Walk(out, "public/fr", func(path string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(path, ".html") {
			return err
		}
		html := read(t, out, path)
		for _, m := range parts.FindAllString(html, -1) {
			if bad.MatchString(m) {
				t.Errorf("%s: %q: ordinary space where French wants a no-break one", path, m)
			}
			colons += strings.Count(m, checks.NarrowNBSP+":")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if colons == 0 {
		t.Error("no French title with a narrow no-break space before « : »: the test reads nothing")
	}
}
