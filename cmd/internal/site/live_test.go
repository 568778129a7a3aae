package site

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

// TestLiveUpdateErrorWritesNothing holds Update to its promise: on error, whether of content
// or of weight, not a byte of the served site changes, the site in memory is unchanged, and
// the error is reported again with the next change until the page is fixed.
func TestLiveUpdateErrorWritesNothing(t *testing.T) {
	tests := []struct {
		name string
		// edit is the new content of content/fr/index.md, which fails the update.
		edit string
		want string
	}{
		{
			name: "over the page budget",
			edit: "+++\ntitle = \"Accueil modifié\"\n+++\n\n" + strings.Repeat("Un paragraphe qui alourdit la page. ", 1500) + "\n\nVoir la [purge](purge.md).\n",
			want: "over the budget",
		},
		{
			name: "broken link",
			edit: "+++\ntitle = \"Accueil modifié\"\n+++\n\nVoir la [purge](purje.md).\n",
			want: `broken link "purje.md"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := fsFrom(t, parseTxtar(t, "testdata/errors/base.txtar"))
			b := &Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public", PageBudget: 30_000}
			lv, _, err := b.BuildLive(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			before := tree(t, fs, "public")
			good := read(t, fs, "content/fr/index.md")
			write := func(name, data string) {
				t.Helper()
				if err := afero.WriteFile(fs, name, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}

			write("content/fr/index.md", tt.edit)
			_, err = lv.Update(context.Background(), []string{"fr/index.md"})
			var fe *FileError
			if !errors.As(err, &fe) || fe.File != "content/fr/index.md" || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Update() = %v, want %q in content/fr/index.md", err, tt.want)
			}
			if after := tree(t, fs, "public"); !maps.EqualFunc(before, after, bytes.Equal) {
				t.Errorf("a failed update changed the served site")
			}
			if title := lv.s.bySource["fr/index.md"].FM.Title; title != "Accueil" {
				t.Errorf("a failed update changed the site in memory: title %q", title)
			}

			// Another page's change does not hide the error.
			write("content/en/index.md", strings.Replace(read(t, fs, "content/en/index.md"), "See the", "Read the", 1))
			if _, err := lv.Update(context.Background(), []string{"en/index.md"}); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Update() of another page = %v, want the unfixed error %q again", err, tt.want)
			}
			if after := tree(t, fs, "public"); !maps.EqualFunc(before, after, bytes.Equal) {
				t.Errorf("an update failing on an unfixed page changed the served site")
			}

			// Fixed, the page and the other page's change are published.
			write("content/fr/index.md", strings.Replace(good, "Voir la", "Lire la", 1))
			up, err := lv.Update(context.Background(), []string{"fr/index.md"})
			if err != nil {
				t.Fatalf("Update() after the fix = %v", err)
			}
			if !slices.Contains(up.Rendered, "content/en/index.md") || !slices.Contains(up.Rendered, "content/fr/index.md") {
				t.Errorf("rendered %v, want both home pages", up.Rendered)
			}
			if fr, en := read(t, fs, "public/fr/index.html"), read(t, fs, "public/en/index.html"); !strings.Contains(fr, "Lire la") || !strings.Contains(en, "Read the") {
				t.Error("the fixed pages were not published")
			}
		})
	}
}

// TestCloneIsIndependent changes a clone of a site the way an update does and checks that the
// original is untouched.
func TestCloneIsIndependent(t *testing.T) {
	fs := fsFrom(t, parseTxtar(t, "testdata/errors/base.txtar"))
	// A built site: its links are known once its pages are rendered (and scanned).
	s, err := (&Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public"}).build(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	c := s.clone()
	home := c.bySource["fr/index.md"]
	if home == s.bySource["fr/index.md"] {
		t.Fatal("the clone shares its pages")
	}
	home.FM.Title, home.URL = "Changé", "fr/ailleurs/"
	delete(c.byURL, "fr/")
	c.byURL[home.URL] = home
	for t := range c.incoming {
		delete(c.incoming, t)
	}
	c.navs["fr"] = nil
	home.Translations["en"] = nil
	if p := s.bySource["fr/index.md"]; p.FM.Title != "Accueil" || p.URL != "fr/" || s.byURL["fr/"] != p || p.Translations["en"] == nil {
		t.Errorf("changing the clone changed the original page: %+v", p)
	}
	if len(s.incoming) == 0 || len(s.navs["fr"]) == 0 {
		t.Error("changing the clone changed the original's links or navigation")
	}
	for _, p := range c.Pages {
		for _, q := range append(p.out, c.navs["en"]...) {
			if !slices.Contains(c.Pages, q) {
				t.Errorf("the clone's %s leads to a page of the original", p.File)
			}
		}
	}
}

// TestLiveUpdateRefusesALinkOut turns a page of a served site into a symbolic link to a file
// outside the content folder: the update refuses it like a build, and publishes nothing of it.
func TestLiveUpdateRefusesALinkOut(t *testing.T) {
	dir := t.TempDir()
	for _, f := range parseTxtar(t, "testdata/errors/base.txtar").Files {
		writeFile(t, filepath.Join(dir, f.Name), f.Data)
	}
	writeFile(t, filepath.Join(dir, "outside.md"), []byte("+++\ntitle = \"Accueil\"\n+++\nSECRET\n"))
	src, out := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	b := &Builder{Src: afero.NewOsFs(), SrcDir: src, Out: afero.NewOsFs(), OutDir: out}
	lv, _, err := b.BuildLive(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(src, "fr", "index.md")
	if err := os.Remove(home); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "outside.md"), home); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if _, err := lv.Update(context.Background(), []string{"fr/index.md"}); err == nil || !strings.Contains(err.Error(), "a symbolic link leading outside") {
		t.Errorf("Update() = %v, want the link refused", err)
	}
	if page, _ := os.ReadFile(filepath.Join(out, "fr", "index.html")); strings.Contains(string(page), "SECRET") {
		t.Error("the file outside the content folder was published")
	}
}

// TestLiveUpdateMatchesBuild edits pages of a served site: after each update the output folder
// holds exactly what a full build of the same content writes (the root page showing the home
// page, the search indexes and the sitemap included).
func TestLiveUpdateMatchesBuild(t *testing.T) {
	fs := fsFrom(t, parseTxtar(t, "testdata/site/basic.txtar"))
	b := &Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public"}
	lv, _, err := b.BuildLive(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	edits := []struct {
		name, file, old, new string
	}{
		{"home page text", "content/fr/index.md", "important", "très important"},
		{"home page title", "content/fr/index.md", "title = \"", "title = \"Nouvel "},
		{"a code block in a new language", "content/fr/index.md", "```ini", "```go\nfunc main() {}\n```\n\n```ini"},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			page := read(t, fs, e.file)
			if !strings.Contains(page, e.old) {
				t.Fatalf("%s has no %q", e.file, e.old)
			}
			if err := afero.WriteFile(fs, e.file, []byte(strings.Replace(page, e.old, e.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := lv.Update(context.Background(), []string{strings.TrimPrefix(e.file, "content/")}); err != nil {
				t.Fatal(err)
			}
			built := afero.NewMemMapFs()
			if _, err := (&Builder{Src: fs, SrcDir: "content", Out: built, OutDir: "public"}).Build(context.Background()); err != nil {
				t.Fatal(err)
			}
			sameTree(t, "served after the edit, beside a full build", tree(t, built, "public"), tree(t, fs, "public"))
		})
	}
}

// TestLiveUpdateNotes: an update says the notes of the pages it renders, as a build does
// (serve prints them).
func TestLiveUpdateNotes(t *testing.T) {
	fs := fsFrom(t, parseTxtar(t, "testdata/site/basic.txtar"))
	b := &Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public"}
	lv, _, err := b.BuildLive(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	page := read(t, fs, "content/fr/index.md")
	long := "\n```yaml\nkey: " + strings.Repeat("[", 600) + "\n```\n"
	if err := afero.WriteFile(fs, "content/fr/index.md", []byte(page+long), 0o644); err != nil {
		t.Fatal(err)
	}
	up, err := lv.Update(context.Background(), []string{"fr/index.md"})
	if err != nil {
		t.Fatal(err)
	}
	if len(up.Notes) != 1 || !strings.HasPrefix(up.Notes[0], "content/fr/index.md:") || !strings.Contains(up.Notes[0], "code shown without highlighting") {
		t.Errorf("notes %q, want one of content/fr/index.md saying its code is shown without highlighting", up.Notes)
	}
}
