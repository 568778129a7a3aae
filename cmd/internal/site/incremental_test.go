//go:build unix

package site

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"

	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
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

// rendered is which pages a build is expected to render, the others being taken as the
// previous build left them, said in words for the failure message.
type rendered struct {
	what string
	is   func(p *Page) bool
}

var (
	everyPage = rendered{"every page", func(*Page) bool { return true }}
	noPage    = rendered{"no page", func(*Page) bool { return false }}
)

// only expects the pages of the source files names ("en/help.md") to be rendered.
func only(names ...string) rendered {
	return rendered{strings.Join(names, ", "), func(p *Page) bool { return slices.Contains(names, string(p.Lang)+"/"+p.Rel) }}
}

// edits make the changes of TestIncremental's steps to files under a folder.
type edits struct{ dir string }

func (e edits) edit(name string, f func(t *testing.T, s string) string) func(t *testing.T) {
	return func(t *testing.T) {
		p := filepath.Join(e.dir, filepath.FromSlash(name))
		data, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		writeFile(t, p, []byte(f(t, string(data))))
	}
}

func (e edits) appendTo(name, text string) func(t *testing.T) {
	return e.edit(name, func(_ *testing.T, s string) string { return s + text })
}

func (e edits) replace(name, old, new string) func(t *testing.T) {
	return e.edit(name, func(t *testing.T, s string) string {
		if !strings.Contains(s, old) {
			t.Fatalf("%s has no %q", name, old)
		}
		return strings.Replace(s, old, new, 1)
	})
}

func (e edits) remove(names ...string) func(t *testing.T) {
	return func(t *testing.T) {
		for _, name := range names {
			if err := os.RemoveAll(filepath.Join(e.dir, filepath.FromSlash(name))); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func all(fs ...func(t *testing.T)) func(t *testing.T) {
	return func(t *testing.T) {
		for _, f := range fs {
			f(t)
		}
	}
}

// incrementalStep is a change, then a build of TestIncremental.
type incrementalStep struct {
	name   string
	change func(t *testing.T)
	// render is what the build renders; fails, when the build must fail, the file its
	// error names.
	render rendered
	fails  string
}

// TestIncremental edits a copy of the project's content step by step and builds it each time
// with the state of the previous build, as "sitegen build" does: every build must publish the
// same bytes as a build from nothing, render exactly the pages each step names and take the
// others from the previous build, keep the site it replaced for the next build as it was
// published (the build wrote into none of its files, though the new site shares some), and
// leave no staging folder; a failed build must leave the previous site as it was.
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
	full := func() afero.Fs { // the same site, built from nothing
		fs := afero.NewMemMapFs()
		if _, err := (&Builder{Src: afero.NewOsFs(), SrcDir: src, Out: fs, OutDir: "public", Date: date, BrowserChecker: checker, Downloads: downloads}).Build(context.Background()); err != nil {
			t.Fatal(err)
		}
		return fs
	}
	for _, st := range incrementalSteps(root, &wasmSize, &downloadSize) {
		t.Run(st.name, func(t *testing.T) {
			var before map[string][]byte
			if _, err := os.Stat(out); err == nil {
				st.change(t)
				before = tree(t, afero.NewOsFs(), out) // as the change left it
			} else {
				st.change(t)
			}
			s, err := inc.build(context.Background(), false)
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
			sameTree(t, st.name, tree(t, full(), "public"), tree(t, afero.NewOsFs(), out))
			checkRendered(t, s, st.render)
			if before != nil {
				sameTree(t, "the site kept", before, tree(t, afero.NewOsFs(), out+keptSuffix))
			}
			if _, err := os.Stat(out + stagingSuffix); !os.IsNotExist(err) {
				t.Errorf("%s left behind (%v)", out+stagingSuffix, err)
			}
		})
	}
}

// checkRendered reports every page that s rendered though it was expected to take it from the
// previous build, or took though it was expected to render it.
func checkRendered(t *testing.T, s *siteModel, want rendered) {
	t.Helper()
	var wrong []string
	for _, p := range s.Pages {
		if taken := s.inc.took(p) != nil; taken == want.is(p) {
			wrong = append(wrong, fmt.Sprintf("%s (taken %v)", p.File, taken))
		}
	}
	if len(wrong) > 0 {
		t.Errorf("want %s rendered, the others taken from the previous build; wrong: %s", want.what, strings.Join(wrong, ", "))
	}
	if s.Reused != len(s.inc.taken) {
		t.Errorf("Reused = %d for %d pages taken", s.Reused, len(s.inc.taken))
	}
}

// incrementalSteps are the steps of TestIncremental, over the folder root that holds content/
// and public/; wasmSize and downloadSize are the sizes of the checker's builds.
func incrementalSteps(root string, wasmSize, downloadSize *int) []incrementalStep {
	src, out := edits{filepath.Join(root, "content")}, edits{filepath.Join(root, "public")}
	kept := edits{filepath.Join(root, "public") + keptSuffix}
	showsChecker := rendered{"the pages that show the browser checker", func(p *Page) bool { return p.Checker }}
	showsDownloads := rendered{"the pages that list the downloads", func(p *Page) bool { return p.downloads }}
	french := rendered{"every French page", func(p *Page) bool { return p.Lang == "fr" }}
	return []incrementalStep{
		{"first build", func(*testing.T) {}, everyPage, ""},
		{"nothing changed", func(*testing.T) {}, noPage, ""},
		{"one body edited", src.appendTo("en/help.md", "\nOne more sentence, with `code`.\n"), only("en/help.md"), ""},
		{"a checklist page's body edited", src.appendTo("fr/hosted.md", "\nUne phrase de plus.\n"), only("fr/hosted.md"), ""},
		{"a title edited: the navigation of every page changes", src.replace("fr/help.md", "title = \"", "title = \"Vraiment : "), everyPage, ""},
		{"a pair of pages added", all(
			src.appendTo("fr/cible.md", "+++\ntitle = \"Cible\"\n+++\n\n## Ancre visée\n\nTexte.\n"),
			src.appendTo("en/cible.md", "+++\ntitle = \"Target\"\n+++\n\n## Aimed anchor\n\nText.\n"),
			src.appendTo("fr/source.md", "+++\ntitle = \"Source\"\n+++\n\nVoir [la cible](cible.md#ancre-visee).\n\n```bash\necho \"même code\"\n```\n"),
			src.appendTo("en/source.md", "+++\ntitle = \"Source\"\n+++\n\nSee [the target](cible.md#aimed-anchor).\n\n```bash\necho \"même code\"\n```\n"),
		), everyPage, ""},
		{"nothing changed again", func(*testing.T) {}, noPage, ""},
		// The page taken from the previous build still has its links checked.
		{"the anchor a page taken links to removed", src.replace("fr/cible.md", "## Ancre visée", "## Autre titre"), rendered{}, "content/fr/source.md"},
		{"the anchor put back", src.replace("fr/cible.md", "## Autre titre", "## Ancre visée"), noPage, ""},
		{"a code block edited", src.replace("en/source.md", "même code", "same code"), only("en/source.md"), ""},
		{"the browser checker rebuilt", func(*testing.T) { *wasmSize = 300_000 }, showsChecker, ""},
		{"the downloads rebuilt", func(*testing.T) { *downloadSize = 300_000 }, showsDownloads, ""},
		{"a file added to the kept site", kept.appendTo("en/stray.html", "stray"), noPage, ""},
		// Written beside and renamed over, as most tools save: the kept site shares files
		// with the published one, and a file rewritten in place changes in both.
		{"a page of the kept site replaced by hand", func(t *testing.T) {
			p := filepath.Join(kept.dir, "en", "source", "index.html")
			writeFile(t, p+".new", []byte("<p>hand-made</p>"))
			if err := os.Rename(p+".new", p); err != nil {
				t.Fatal(err)
			}
		}, noPage, ""},
		{"a folder of the kept site removed", kept.remove("fr/cible"), noPage, ""},
		{"a symbolic link in the kept site", func(t *testing.T) {
			outside := filepath.Join(root, "outside")
			writeFile(t, filepath.Join(outside, "index.html"), []byte("precious"))
			kept.remove("en/cible")(t)
			if err := os.Symlink(outside, filepath.Join(kept.dir, "en", "cible")); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				if data, _ := os.ReadFile(filepath.Join(outside, "index.html")); string(data) != "precious" {
					t.Errorf("the build wrote outside its folders, through a link: %q", data)
				}
			})
		}, noPage, ""},
		{"a file where the kept site had a folder", all(kept.remove("fr/cible"), kept.appendTo("fr/cible", "junk")), noPage, ""},
		{"a folder where the kept site had a page's file", all(kept.remove("fr/cible/index.html"), kept.appendTo("fr/cible/index.html/x", "junk")), noPage, ""},
		{"a file added to the published site", out.appendTo("fr/stray.html", "stray"), noPage, ""},
		{"the next build", func(*testing.T) {}, noPage, ""}, // makes its site from the one with the stray file
		{"a published page edited by hand", func(t *testing.T) {
			writeFile(t, filepath.Join(out.dir, "en", "source", "index.html"), []byte("<p>hand-made</p>"))
		}, only("en/source.md"), ""},
		{"a search index removed", out.remove("search/fr.json"), french, ""},
		{"the state damaged", func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join(root, "state", "*.state"))
			if len(files) != 1 {
				t.Fatalf("state files: %v", files)
			}
			writeFile(t, files[0], []byte("not a state"))
		}, everyPage, ""},
		{"a page removed", src.remove("fr/source.md", "en/source.md"), everyPage, ""},
	}
}

// TestTrimStates keeps the most recent states of a state folder, and removes nothing else:
// neither a file named like a state that does not start as one, nor a file of another name,
// nor anything in the folder a state folder that is a symbolic link leads to.
func TestTrimStates(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	write := func(name, data string, age time.Duration) {
		t.Helper()
		full := filepath.Join(dir, name)
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(full, now, now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	hex := func(i int) string { return fmt.Sprintf("%024x", i) }
	for i := range 5 {
		write(hex(i)+".state", stateMagic+"x", time.Duration(5-i)*time.Minute)
	}
	write(hex(9)+".state.tmp-123", "", 2*time.Hour)         // a build stopped before writing
	write(hex(10)+".state.tmp-77", stateMagic, 2*time.Hour) // and after
	write(hex(8)+".state.tmp-456", stateMagic, time.Minute) // a build under way
	write(hex(7)+".state", "a user's file", time.Hour)      // named as a state, not one
	write("notes.state", stateMagic+"mine", time.Hour)      // not a state's name
	write("x.state.tmp-1", "", 2*time.Hour)                 // nor a temporary state's
	write(hex(11)+".state.tmp-12", "a user's", 2*time.Hour) // named so, not one
	trimStates(dir, 3)
	var left []string
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		left = append(left, e.Name())
	}
	want := []string{hex(2) + ".state", hex(3) + ".state", hex(4) + ".state", hex(7) + ".state",
		hex(8) + ".state.tmp-456", hex(11) + ".state.tmp-12", "notes.state", "x.state.tmp-1"}
	slices.Sort(want)
	if !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}

	link := filepath.Join(t.TempDir(), "builds")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	trimStates(link, 0)
	if ents, _ := os.ReadDir(dir); len(ents) != len(want) {
		t.Errorf("trimming a link to the state folder left %d files of %d", len(ents), len(want))
	}
}

// rewriteState reads the one state file under dir, lets change alter it, and writes it back
// in the format a build writes (see writeState).
func rewriteState(t *testing.T, dir string, change func(st *buildState)) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.state"))
	if len(files) != 1 {
		t.Fatalf("state files: %v", files)
	}
	st, err := readState(files[0])
	if err != nil {
		t.Fatal(err)
	}
	change(st)
	names := slices.Sorted(maps.Keys(st.Pages))
	var buf bytes.Buffer // as save writes, whatever the header's count
	buf.WriteString(stateMagic)
	enc := gob.NewEncoder(&buf)
	err = enc.Encode(st.stateHeader)
	for _, name := range names {
		err = errors.Join(err, enc.Encode(pageRecord{name, *st.Pages[name]}))
	}
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, files[0], buf.Bytes())
}

// TestStateDistrusted damages the state a build left, in ways a build never writes, then
// builds twice: neither build may panic, allocate what the state claims, fail, or differ from a
// build from nothing; what the state says wrong is not believed, and the next build is not
// stuck with it.
func TestStateDistrusted(t *testing.T) {
	page := "en/help.md"
	tests := []struct {
		name   string
		change func(st *buildState)
		// refused is set when the state must be refused whole: every page rendered.
		refused bool
	}{
		{"two billion pages claimed", func(st *buildState) { st.Count = 2_000_000_000; st.Pages = map[string]*pageState{} }, true},
		{"a negative search span", func(st *buildState) { st.Pages[page].Search = [2]int64{-5, -3} }, true},
		{"a search span past the index", func(st *buildState) { st.Pages[page].Search[1] = 1 << 40 }, true},
		{"a weight that is not the file's", func(st *buildState) { st.Pages[page].Raw = -1 }, true},
		{"anchors out of order", func(st *buildState) {
			a := st.Pages[page].Anchors
			a[0], a[len(a)-1] = a[len(a)-1], a[0]
		}, true},
		{"a note at a negative line", func(st *buildState) {
			st.Pages[page].Notes = []markdown.Note{{Line: -1, Text: "\x1b]0;owned\x07"}}
		}, true},
		{"a page outside the language folders", func(st *buildState) {
			st.Pages["../etc/passwd.md"] = st.Pages[page]
			delete(st.Pages, page)
		}, true},
		{"a link to a file outside the site", func(st *buildState) {
			st.Pages[page].Links = append(st.Pages[page].Links, stateLink{Dest: "../../../../etc/passwd", Line: 3})
		}, false},
		{"anchors a page does not have", func(st *buildState) {
			for _, p := range st.Pages {
				p.Anchors = []string{"main"}
			}
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			src, out := filepath.Join(root, "content"), filepath.Join(root, "public")
			copyDir(t, "../../../content", src)
			b := &Builder{Src: afero.NewOsFs(), SrcDir: src, Out: afero.NewOsFs(), OutDir: out, StateDir: filepath.Join(root, "state")}
			if _, err := b.Build(context.Background()); err != nil {
				t.Fatal(err)
			}
			rewriteState(t, b.StateDir, func(st *buildState) {
				if st.Pages[page] == nil {
					t.Fatalf("no page %s in the state", page)
				}
				st.Count = len(st.Pages)
				tt.change(st)
				if st.Count != 2_000_000_000 {
					st.Count = len(st.Pages)
				}
			})
			full := afero.NewMemMapFs()
			if _, err := (&Builder{Src: afero.NewOsFs(), SrcDir: src, Out: full, OutDir: "public"}).Build(context.Background()); err != nil {
				t.Fatal(err)
			}
			for i := range 2 {
				s, err := b.build(context.Background(), false)
				if err != nil {
					t.Fatalf("build %d after the damage: %v", i+1, err)
				}
				sameTree(t, fmt.Sprintf("build %d after the damage", i+1), tree(t, full, "public"), tree(t, afero.NewOsFs(), out))
				if i == 0 && tt.refused && (s.Reused != 0 || !strings.Contains(s.WhyAll, "state cannot be read")) {
					t.Errorf("build 1 took %d pages from a state a build never writes (%q)", s.Reused, s.WhyAll)
				}
			}
		})
	}
}
