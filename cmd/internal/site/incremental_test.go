//go:build unix

package site

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"
)

// copyDir copies the folder from into to.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestIncremental edits a copy of the project's content step by step and builds it each time
// with the state of the previous build, as "sitegen build" does: every build must publish the
// same bytes as a build from nothing, reuse exactly the pages it may, and a failed build must
// leave the previous site as it was.
func TestIncremental(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "content")
	out := filepath.Join(root, "public")
	copyDir(t, "../../../content", src)
	date, _ := SourceDate("1700000000")
	// The checker's builds change without the sources (a new commit): the pages that show
	// them are rendered again, the others are not.
	wasmSize, downloadSize := 100_000, 100_000
	checker := func(context.Context, *Config) (*BrowserChecker, error) {
		return &BrowserChecker{Wasm: make([]byte, wasmSize), WasmExec: []byte("// wasm_exec"), Version: fmt.Sprint("v", wasmSize)}, nil
	}
	downloads := func(context.Context, *Config) ([]Download, error) {
		return []Download{{OS: "linux", Arch: "amd64", Name: "ozecheck-linux-amd64", Version: fmt.Sprint("v", downloadSize), Data: make([]byte, downloadSize), SHA256: fmt.Sprint(downloadSize)}}, nil
	}
	inc := &Builder{Src: afero.NewOsFs(), SrcDir: src, Out: afero.NewOsFs(), OutDir: out, Date: date, StateDir: filepath.Join(root, "state"), BrowserChecker: checker, Downloads: downloads}

	edit := func(name string, f func(string) string) func(t *testing.T) {
		return func(t *testing.T) {
			p := filepath.Join(src, filepath.FromSlash(name))
			data, err := os.ReadFile(p)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(f(string(data))), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	appendTo := func(name, text string) func(t *testing.T) {
		return edit(name, func(s string) string { return s + text })
	}
	replace := func(name, old, new string) func(t *testing.T) {
		return edit(name, func(s string) string {
			if !strings.Contains(s, old) {
				t.Fatalf("%s has no %q", name, old)
			}
			return strings.Replace(s, old, new, 1)
		})
	}
	both := func(fs ...func(t *testing.T)) func(t *testing.T) {
		return func(t *testing.T) {
			for _, f := range fs {
				f(t)
			}
		}
	}
	const all, none = -1, 0
	steps := []struct {
		name   string
		change func(t *testing.T)
		reused int // pages taken from the previous build: all, none, or all but that many
		fails  string
	}{
		{"first build", func(*testing.T) {}, none, ""},
		{"nothing changed", func(*testing.T) {}, all, ""},
		{"one body edited", appendTo("en/help.md", "\nOne more sentence, with `code`.\n"), 1, ""},
		{"a checklist page's body edited", appendTo("fr/hosted.md", "\nUne phrase de plus.\n"), 1, ""},
		{"a title edited: the navigation of every page changes", replace("fr/help.md", "title = \"", "title = \"Vraiment : "), none, ""},
		{"a pair of pages added", both(
			appendTo("fr/cible.md", "+++\ntitle = \"Cible\"\n+++\n\n## Ancre visée\n\nTexte.\n"),
			appendTo("en/cible.md", "+++\ntitle = \"Target\"\n+++\n\n## Aimed anchor\n\nText.\n"),
			appendTo("fr/source.md", "+++\ntitle = \"Source\"\n+++\n\nVoir [la cible](cible.md#ancre-visee).\n\n```bash\necho \"même code\"\n```\n"),
			appendTo("en/source.md", "+++\ntitle = \"Source\"\n+++\n\nSee [the target](cible.md#aimed-anchor).\n\n```bash\necho \"même code\"\n```\n"),
		), none, ""},
		{"nothing changed again", func(*testing.T) {}, all, ""},
		{"the anchor a reused page links to removed", replace("fr/cible.md", "## Ancre visée", "## Autre titre"), 0, "content/fr/source.md"},
		{"the anchor put back", replace("fr/cible.md", "## Autre titre", "## Ancre visée"), all, ""},
		{"a code block edited", replace("en/source.md", "même code", "same code"), 1, ""},
		// A new build of the browser checker, then of the downloads: the pages that show
		// each are rendered again (counted below), the others are not.
		{"the browser checker rebuilt", func(*testing.T) { wasmSize = 300_000 }, -2, ""},
		{"the downloads rebuilt", func(*testing.T) { downloadSize = 300_000 }, -3, ""},
		{"a file added to the kept site", func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(out+keptSuffix, "en", "stray.html"), []byte("stray"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, all, ""},
		{"a page of the kept site replaced by hand", func(t *testing.T) {
			// Written beside and renamed over, as most tools save: the kept site shares
			// files with the published one, and a file rewritten in place changes in both.
			p := filepath.Join(out+keptSuffix, "en", "source", "index.html")
			if err := os.WriteFile(p+".new", []byte("<p>hand-made</p>"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(p+".new", p); err != nil {
				t.Fatal(err)
			}
		}, all, ""},
		{"a folder of the kept site removed", func(t *testing.T) {
			if err := os.RemoveAll(filepath.Join(out+keptSuffix, "fr", "cible")); err != nil {
				t.Fatal(err)
			}
		}, all, ""},
		{"a symbolic link in the kept site", func(t *testing.T) {
			outside := filepath.Join(root, "outside")
			if err := os.MkdirAll(outside, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(outside, "index.html"), []byte("precious"), 0o644); err != nil {
				t.Fatal(err)
			}
			page := filepath.Join(out+keptSuffix, "en", "cible")
			if err := os.RemoveAll(page); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, page); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				if data, _ := os.ReadFile(filepath.Join(outside, "index.html")); string(data) != "precious" {
					t.Errorf("the build wrote outside its folders, through a link: %q", data)
				}
			})
		}, all, ""},
		{"a file where the kept site had a folder", func(t *testing.T) {
			page := filepath.Join(out+keptSuffix, "fr", "cible")
			if err := os.RemoveAll(page); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(page, []byte("junk"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, all, ""},
		{"a file added to the published site", func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(out, "fr", "stray.html"), []byte("stray"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, all, ""},
		{"the next build", func(*testing.T) {}, all, ""}, // makes its site from the one with the stray file
		{"a published page edited by hand", func(t *testing.T) {
			p := filepath.Join(out, "en", "source", "index.html")
			if err := os.WriteFile(p, []byte("<p>hand-made</p>"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, 1, ""},
		{"a search index removed", func(t *testing.T) {
			if err := os.Remove(filepath.Join(out, "search", "fr.json")); err != nil {
				t.Fatal(err)
			}
		}, -9, ""}, // every English page: checked below against the count of pages
		{"the state damaged", func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join(root, "state", "*.state"))
			if len(files) != 1 {
				t.Fatalf("state files: %v", files)
			}
			if err := os.WriteFile(files[0], []byte("not a state"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, none, ""},
		{"a page removed", both(
			func(t *testing.T) { os.Remove(filepath.Join(src, "fr", "source.md")) },
			func(t *testing.T) { os.Remove(filepath.Join(src, "en", "source.md")) },
		), none, ""},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			var before map[string][]byte
			if _, err := os.Stat(out); err == nil {
				before = tree(t, afero.NewOsFs(), out)
			}
			st.change(t)
			if _, err := os.Stat(out); err == nil {
				before = tree(t, afero.NewOsFs(), out) // as the change left it
			}
			s, err := inc.Build(context.Background())
			if st.fails != "" {
				if err == nil || !strings.Contains(err.Error(), st.fails) {
					t.Fatalf("Build() = %v, want an error naming %s", err, st.fails)
				}
				sameTree(t, "the site after a failed build", before, tree(t, afero.NewOsFs(), out))
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.StateErr != nil {
				t.Errorf("state not saved: %v", s.StateErr)
			}
			full := afero.NewMemMapFs()
			if _, err := (&Builder{Src: afero.NewOsFs(), SrcDir: src, Out: full, OutDir: "public", Date: date, BrowserChecker: checker, Downloads: downloads}).Build(context.Background()); err != nil {
				t.Fatal(err)
			}
			sameTree(t, st.name, tree(t, full, "public"), tree(t, afero.NewOsFs(), out))
			want := st.reused
			switch {
			case want == all:
				want = len(s.Pages)
			case want == -9:
				want = len(s.Pages) / 2
			case want == -2, want == -3:
				shows := func(p *Page) bool { return p.Checker }
				if want == -3 {
					shows = func(p *Page) bool { return p.downloads }
				}
				want = len(s.Pages)
				for _, p := range s.Pages {
					if shows(p) {
						want--
					}
				}
				if want == len(s.Pages) {
					t.Fatal("no page shows the checker or its downloads")
				}
			case want > 0:
				want = len(s.Pages) - want
			}
			if s.Reused != want {
				t.Errorf("%d of %d pages taken from the previous build, want %d", s.Reused, len(s.Pages), want)
			}
			// The site replaced is kept for the next build as it was published: the build
			// wrote into none of its files, though the new site shares some with it.
			if before != nil {
				sameTree(t, "the site kept", before, tree(t, afero.NewOsFs(), out+keptSuffix))
			}
			if _, err := os.Stat(out + stagingSuffix); !os.IsNotExist(err) {
				t.Errorf("%s left behind (%v)", out+stagingSuffix, err)
			}
		})
	}
}

// TestTrimStates keeps the most recent states of a state folder.
func TestTrimStates(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	for i := range 5 {
		name := filepath.Join(dir, fmt.Sprintf("%d.state", i))
		if err := os.WriteFile(name, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(name, now, now.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	old := filepath.Join(dir, "9.state.tmp-123")
	fresh := filepath.Join(dir, "8.state.tmp-456")
	for _, f := range []string{old, fresh} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(old, now, now.Add(-2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	trimStates(dir, 3)
	var left []string
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		left = append(left, e.Name())
	}
	want := []string{"2.state", "3.state", "4.state", "8.state.tmp-456"}
	if !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
}

// TestSymlinkedOutput: an output folder that is a symbolic link is replaced by the new site; the
// folder it leads to is left as it was.
func TestSymlinkedOutput(t *testing.T) {
	root := t.TempDir()
	www, out := filepath.Join(root, "www"), filepath.Join(root, "public")
	b := &Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: "../../../content", Out: afero.NewOsFs(), OutDir: www}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := tree(t, afero.NewOsFs(), www)
	if err := os.Symlink(www, out); err != nil {
		t.Fatal(err)
	}
	b.OutDir, b.StateDir = out, filepath.Join(root, "state")
	for i := range 3 { // a site kept from a link, then made from it
		if _, err := b.Build(context.Background()); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		sameTree(t, fmt.Sprintf("the folder the link led to, after build %d", i+1), want, tree(t, afero.NewOsFs(), www))
		sameTree(t, fmt.Sprintf("the site, after build %d", i+1), want, tree(t, afero.NewOsFs(), out))
	}
}
