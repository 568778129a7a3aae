//go:build unix

package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/spf13/afero"
)

// stuckOS is the operating system's filesystem where some files and folders cannot be
// removed, nor renamed, nor anything in such a folder: as with a file another user owns in
// a folder they own, or a file or folder made immutable (chattr +i). It tells them by inode,
// as the system does, so that a stuck folder stays stuck wherever a rename takes its parent.
type stuckOS struct {
	afero.OsFs
	inodes map[uint64]bool
}

func (stuckOS) standsForOS() {}

// stick makes the file or folder name stuck.
func (s stuckOS) stick(t *testing.T, name string) {
	t.Helper()
	info, err := os.Lstat(name)
	if err != nil {
		t.Fatal(err)
	}
	ino, _ := inode(info)
	s.inodes[ino] = true
}

// stuck reports whether name cannot be removed or renamed: it, or its folder, is stuck.
func (s stuckOS) stuck(name string) bool {
	for _, p := range []string{name, filepath.Dir(name)} {
		if info, err := os.Lstat(p); err == nil {
			if ino, _ := inode(info); s.inodes[ino] {
				return true
			}
		}
	}
	return false
}

func (s stuckOS) refuse(op, name string) error {
	return &fs.PathError{Op: op, Path: name, Err: syscall.EPERM}
}

func (s stuckOS) Remove(name string) error {
	if s.stuck(name) {
		return s.refuse("remove", name)
	}
	return s.OsFs.Remove(name)
}

func (s stuckOS) Rename(from, to string) error {
	if s.stuck(from) {
		return s.refuse("rename", from)
	}
	return s.OsFs.Rename(from, to)
}

// RemoveAll removes what it can under name, as os.RemoveAll does, and fails if something was
// stuck.
func (s stuckOS) RemoveAll(name string) error {
	var failed error
	var dirs []string
	_ = filepath.WalkDir(name, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case s.stuck(p):
			failed = firstErr(failed, s.refuse("unlinkat", p))
			if d.IsDir() {
				return filepath.SkipDir
			}
		case d.IsDir():
			dirs = append(dirs, p)
		default:
			failed = firstErr(failed, os.Remove(p))
		}
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		_ = os.Remove(dirs[i]) // fails where something stuck is left
	}
	return failed
}

// firstErr returns the first error of a and b.
func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// TestKeptSiteUnusable puts in the folders beside the output folder something a build cannot
// remove, and wants every build to succeed all the same, publish the site a build from
// nothing publishes (nothing of the stuck files in it), and say in one line what it could
// not use or remove: a kept site that cannot be used is left aside, never a reason to fail,
// nor, once partly removed, to refuse the next build as a folder of someone else's files.
func TestKeptSiteUnusable(t *testing.T) {
	for _, tc := range []struct {
		name string
		// stick makes something stuck in the folder root, which holds the output folder
		// public; it returns what the first build must warn of.
		stick   func(t *testing.T, fsys stuckOS, root string) string
		discard bool // the builds keep no site (-keep-previous=false)
	}{
		{"a folder the new site does not have", func(t *testing.T, fsys stuckOS, root string) string {
			writeFile(t, filepath.Join(root, "public"+keptSuffix, "stray", "f"), []byte("x"))
			fsys.stick(t, filepath.Join(root, "public"+keptSuffix, "stray"))
			return "cannot be used"
		}, false},
		{"a file the new site makes again", func(t *testing.T, fsys stuckOS, root string) string {
			fsys.stick(t, filepath.Join(root, "public"+keptSuffix, "sitemap.xml"))
			return "cannot be used"
		}, false},
		{"a folder of a site the build does not keep", func(t *testing.T, fsys stuckOS, root string) string {
			writeFile(t, filepath.Join(root, "public", "stray", "f"), []byte("x"))
			fsys.stick(t, filepath.Join(root, "public", "stray"))
			return "cannot be removed"
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			src := diskSite(t, root)
			fsys := stuckOS{inodes: map[uint64]bool{}}
			out := filepath.Join(root, "public")
			b := &Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: src, Out: fsys, OutDir: out, DiscardPrevious: tc.discard}
			for range 2 {
				if _, err := b.Build(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			want := tree(t, afero.NewOsFs(), out)
			warning := tc.stick(t, fsys, root)
			for i := range 3 {
				s, err := b.Build(context.Background())
				if err != nil {
					t.Fatalf("build %d failed: %v", i+1, err)
				}
				sameTree(t, fmt.Sprintf("the site of build %d", i+1), want, tree(t, afero.NewOsFs(), out))
				if i == 0 && (len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], warning) || strings.Contains(s.Warnings[0], "\n")) {
					t.Errorf("build 1 warns %q, want one line saying %q", s.Warnings, warning)
				}
				if i == 0 && !tc.discard && strings.Contains(strings.Join(s.Warnings, ""), stagingSuffix) {
					t.Errorf("build 1 warns %q, naming the staging folder, gone once the build ends, not the kept site", s.Warnings)
				}
				if _, err := os.Lstat(filepath.Join(out, "stray")); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("build %d published what was stuck beside it: %v", i+1, err)
				}
			}
		})
	}
}
