package site

import (
	"context"
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
		for _, lang := range checks.Langs {
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
}
