//go:build unix

package site

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"
	"golang.org/x/sys/unix"

	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
)

// diskSite writes the small site of testdata/site/basic.txtar into dir and returns its content
// folder.
func diskSite(t *testing.T, dir string) string {
	t.Helper()
	for _, f := range parseTxtar(t, "testdata/site/basic.txtar").Files {
		writeFile(t, filepath.Join(dir, f.Name), f.Data)
	}
	return filepath.Join(dir, "content")
}

// mkfifo makes a FIFO at name.
func mkfifo(name string) error { return unix.Mkfifo(name, 0o644) }

// withTimeout runs f and returns its error, or fails the test when f has not returned after
// 20 seconds: what it does hangs (f is left running).
func withTimeout(t *testing.T, f func() error) (struct{}, error) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return struct{}{}, err
	case <-time.After(20 * time.Second):
		t.Fatal("still running after 20 s: it hangs")
		return struct{}{}, nil
	}
}

// TestOutputFolderRefused builds with output folders a build must not replace — the sources,
// a folder holding them or inside them, a folder of someone else's files — and wants the
// build (and serve) refused with the reason, every file left as it was; the folders a build
// may use are an empty one, a missing one whose parents are missing too, and a site a build
// made.
func TestOutputFolderRefused(t *testing.T) {
	tests := []struct {
		name     string
		src, out string // relative to the test's folder, which holds proj/content
		setup    func(t *testing.T, dir string)
		want     string // the error's words; "" for a build that works
	}{
		{"the content folder itself", "proj/content", "proj/content", nil, "is the content folder"},
		{"the folder holding the content folder", "proj/content", "proj", nil, "holds the content folder"},
		{"a folder inside the content folder", "proj/content", "proj/content/public", nil, "is inside the content folder"},
		{"the content folder through a link", "proj/content", "link", func(t *testing.T, dir string) {
			if err := os.Symlink(filepath.Join(dir, "proj", "content"), filepath.Join(dir, "link")); err != nil {
				t.Fatal(err)
			}
		}, "is the content folder"},
		{"the kept site beside it would be the content folder", "proj/x.prev-build", "proj/x", func(t *testing.T, dir string) {
			if err := os.Rename(filepath.Join(dir, "proj", "content"), filepath.Join(dir, "proj", "x.prev-build")); err != nil {
				t.Fatal(err)
			}
		}, "is the content folder"},
		{"a folder of someone else's files", "proj/content", "proj/docs", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "proj", "docs", "notes.txt"), []byte("mine"))
		}, "holds files sitegen did not make (it has no .sitegen)"},
		{"a file", "proj/content", "proj/docs", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "proj", "docs"), []byte("mine"))
		}, "is a regular file, not a folder sitegen made"},
		{"a staging folder of someone else's files beside it", "proj/content", "proj/docs", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "proj", "docs.tmp-build", "notes.txt"), []byte("mine"))
		}, "docs.tmp-build holds files sitegen did not make"},
		{"an empty folder", "proj/content", "proj/docs", func(t *testing.T, dir string) {
			if err := os.MkdirAll(filepath.Join(dir, "proj", "docs"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, ""},
		{"a folder whose parents are missing", "proj/content", "a/b/c/public", nil, ""},
	}
	for _, tt := range tests {
		for _, serve := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, serve %v", tt.name, serve), func(t *testing.T) {
				dir := t.TempDir()
				diskSite(t, filepath.Join(dir, "proj"))
				writeFile(t, filepath.Join(dir, "proj", "README"), []byte("unrelated"))
				if tt.setup != nil {
					tt.setup(t, dir)
				}
				before := tree(t, afero.NewOsFs(), dir)
				b := &Builder{Src: afero.NewOsFs(), SrcDir: filepath.Join(dir, tt.src), Out: afero.NewOsFs(), OutDir: filepath.Join(dir, tt.out)}
				err := buildOrServe(b, serve)
				if tt.want == "" {
					if err != nil {
						t.Fatal(err)
					}
					if _, err := os.Stat(filepath.Join(dir, tt.out, markerName)); err != nil {
						t.Errorf("the site has no marker: %v", err)
					}
					return
				}
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("Build() = %v, want an error saying %q", err, tt.want)
				}
				sameTree(t, "the files after a refused build", before, tree(t, afero.NewOsFs(), dir))
			})
		}
	}
}

// TestOutputFolderOfAnotherFilesystem: where the sources and the site are in two
// filesystems, their paths cannot meet, and a build into "content" works.
func TestOutputFolderOfAnotherFilesystem(t *testing.T) {
	src := fsFrom(t, parseTxtar(t, "testdata/site/basic.txtar"))
	if _, err := (&Builder{Src: src, SrcDir: "content", Out: afero.NewMemMapFs(), OutDir: "content"}).Build(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestSymlinkedOutput: an output folder that is a symbolic link (a web root) is published
// through: the new site takes the place of the folder it leads to, where the previous one is
// kept, and the link stays a link to it.
func TestSymlinkedOutput(t *testing.T) {
	root := t.TempDir()
	www, out := filepath.Join(root, "www"), filepath.Join(root, "public")
	b := &Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: diskSite(t, root), Out: afero.NewOsFs(), OutDir: www}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := tree(t, afero.NewOsFs(), www)
	if err := os.Symlink(www, out); err != nil {
		t.Fatal(err)
	}
	b.OutDir, b.StateDir = out, filepath.Join(root, "state")
	for i := range 3 {
		if _, err := b.Build(context.Background()); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		if target, err := os.Readlink(out); err != nil || target != www {
			t.Fatalf("after build %d, %s is no longer a link to %s (%q, %v)", i+1, out, www, target, err)
		}
		sameTree(t, fmt.Sprintf("the folder the link leads to, after build %d", i+1), want, tree(t, afero.NewOsFs(), www))
		if _, err := os.Stat(www + keptSuffix); err != nil {
			t.Errorf("after build %d, the previous site is not kept beside %s: %v", i+1, www, err)
		}
	}
	if _, err := os.Lstat(out + keptSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a site was kept beside the link: %v", err)
	}
}

// TestLockFileLink: the lock beside the output folder is never followed when it is a symbolic
// link (the build would create or lock a file elsewhere), nor waited on when it is a FIFO.
func TestLockFileLink(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(t *testing.T, lock, elsewhere string)
	}{
		{"a symbolic link", func(t *testing.T, lock, elsewhere string) {
			if err := os.Symlink(elsewhere, lock); err != nil {
				t.Fatal(err)
			}
		}},
		{"a FIFO", func(t *testing.T, lock, _ string) {
			if err := mkfifo(lock); err != nil {
				t.Skipf("no FIFO here: %v", err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out, elsewhere := filepath.Join(dir, "public"), filepath.Join(dir, "elsewhere")
			tc.make(t, out+lockSuffix, elsewhere)
			b := &Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: diskSite(t, dir), Out: afero.NewOsFs(), OutDir: out}
			_, err := withTimeout(t, func() error { _, err := b.Build(context.Background()); return err })
			if err == nil || !strings.Contains(err.Error(), "public.lock") {
				t.Errorf("Build() = %v, want an error naming public.lock", err)
			}
			if _, err := os.Lstat(elsewhere); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the build created the file the link leads to: %v", err)
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the build published a site without its lock: %v", err)
			}
		})
	}
}

// TestFIFOs puts a FIFO where a build opens a file by itself — the build state, site.toml, a
// page, the file a page's link leads to, a published page a serve update compares — and
// wants the build to go on or fail saying so, never to wait for a writer.
func TestFIFOs(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string, b *Builder) // after a first build
		want  string                                     // the error's words; "" for a build that works
	}{
		{"the build state", func(t *testing.T, dir string, b *Builder) {
			out, err := resolveOut(b.OutDir)
			if err != nil {
				t.Fatal(err)
			}
			state, err := statePath(b.StateDir, b.SrcDir, out)
			if err != nil {
				t.Fatal(err)
			}
			fifo(t, state)
		}, ""},
		{"site.toml", func(t *testing.T, dir string, b *Builder) {
			fifo(t, filepath.Join(dir, "content", ConfigFile))
		}, "content/site.toml: cannot read the site configuration: not a regular file but a named pipe (FIFO)"},
		{"a page", func(t *testing.T, dir string, b *Builder) {
			fifo(t, filepath.Join(dir, "content", "fr", "x.md"))
			writeFile(t, filepath.Join(dir, "content", "en", "x.md"), []byte("+++\ntitle = \"x\"\n+++\nx\n"))
		}, "content/fr/x.md: not a regular file but a named pipe (FIFO): a language folder holds only Markdown pages (.md)"},
		{"the file a page's link leads to", func(t *testing.T, dir string, b *Builder) {
			fifo(t, filepath.Join(dir, "content", "fifo"))
			if err := os.Symlink("../fifo", filepath.Join(dir, "content", "fr", "x.md")); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, "content", "en", "x.md"), []byte("+++\ntitle = \"x\"\n+++\nx\n"))
		}, "content/fr/x.md: cannot read: not a regular file but a named pipe (FIFO)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			diskSite(t, dir)
			t.Chdir(dir) // the errors name content/…
			b := &Builder{Src: afero.NewOsFs(), SrcDir: "content", Out: afero.NewOsFs(), OutDir: "public", StateDir: filepath.Join(dir, "state")}
			if _, err := b.Build(context.Background()); err != nil {
				t.Fatal(err)
			}
			tt.setup(t, dir, b)
			_, err := withTimeout(t, func() error { _, err := b.Build(context.Background()); return err })
			if tt.want == "" && err != nil {
				t.Fatal(err)
			}
			if tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Fatalf("Build() = %v, want an error saying %q", err, tt.want)
			}
		})
	}
	t.Run("a published page, under serve", func(t *testing.T) {
		dir := t.TempDir()
		diskSite(t, dir)
		b := &Builder{Src: afero.NewOsFs(), SrcDir: filepath.Join(dir, "content"), Out: afero.NewOsFs(), OutDir: filepath.Join(dir, "public")}
		lv, _, err := b.BuildLive(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer lv.Close()
		page := filepath.Join(dir, "public", "en", "index.html")
		fifo(t, page)
		writeFile(t, filepath.Join(dir, "content", "en", "index.md"), []byte("+++\ntitle = \"Home\"\n+++\nEdited.\n"))
		if _, err := withTimeout(t, func() error { _, err := lv.Update(context.Background(), []string{"en/index.md"}); return err }); err != nil {
			t.Fatal(err)
		}
		if info, err := os.Lstat(page); err != nil || !info.Mode().IsRegular() {
			t.Errorf("the page is not a file again: %v, %v", info, err)
		}
	})
}

// fifo makes a FIFO at name, in place of the file there, or skips the test where the system
// cannot.
func fifo(t *testing.T, name string) {
	t.Helper()
	if err := os.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	if err := mkfifo(name); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
}

// TestCacheFolderRefused builds with a cache folder that is, or is inside, the output folder,
// a folder beside it, or the content folder, and wants the build (and serve) refused with the
// reason, before anything is written; a cache folder beside them works.
func TestCacheFolderRefused(t *testing.T) {
	tests := []struct {
		name  string
		cache string // relative to the test's folder, which holds proj/content; out is proj/public
		want  string // the error's words; "" for a build that works
	}{
		{"the output folder itself", "proj/public", "is inside the output folder"},
		{"a folder inside the output folder", "proj/public/cache", "is inside the output folder"},
		{"the kept site beside the output folder", "proj/public.prev-build/c", "is inside the output folder"},
		{"the content folder itself", "proj/content", "is inside the content folder"},
		{"a folder inside the content folder, named through ..", "proj/public/../content/en/c", "is inside the content folder"},
		{"a folder beside both", "proj/cache", ""},
	}
	for _, tt := range tests {
		for _, serve := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, serve %v", tt.name, serve), func(t *testing.T) {
				dir := t.TempDir()
				diskSite(t, filepath.Join(dir, "proj"))
				before := tree(t, afero.NewOsFs(), dir)
				cache := filepath.Join(dir, tt.cache)
				b := &Builder{Src: afero.NewOsFs(), SrcDir: filepath.Join(dir, "proj", "content"), Out: afero.NewOsFs(),
					OutDir: filepath.Join(dir, "proj", "public"), Cache: markdown.NewCache(cache, 0), StateDir: filepath.Join(cache, "builds")}
				err := buildOrServe(b, serve)
				if tt.want == "" {
					if err != nil {
						t.Fatal(err)
					}
					return
				}
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("Build() = %v, want an error saying %q", err, tt.want)
				}
				sameTree(t, "the files after a refused build", before, tree(t, afero.NewOsFs(), dir))
			})
		}
	}
}
