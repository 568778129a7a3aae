package site

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/spf13/afero"
)

// swap puts the folder staging in the place of out, and returns where the site it replaced
// is ("" when out did not exist). On Linux the two folders exchange their names in one step:
// the previous site is then at staging. Elsewhere (or on a filesystem that cannot exchange)
// the previous site moves aside to out+oldSuffix and the new one takes its name; a crash
// between these two renames leaves no out but out+oldSuffix, which recoverSwap puts back.
func swap(fsys afero.Fs, staging, out string) (old string, err error) {
	_, err = fsys.Stat(out)
	existed := err == nil
	if existed && onDisk(fsys) && exchange(staging, out) == nil {
		return staging, nil
	}
	old = out + oldSuffix
	if existed {
		if err := fsys.Rename(out, old); err != nil {
			return "", fmt.Errorf("cannot move the previous site aside: %w", err)
		}
	}
	if err := fsys.Rename(staging, out); err != nil {
		if rerr := fsys.Rename(old, out); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			return "", fmt.Errorf("cannot put the new site in place: %w; the previous site is at %s", err, old)
		}
		return "", fmt.Errorf("cannot put the new site in place: %w", err)
	}
	if !existed {
		return "", nil
	}
	return old, nil
}

// removeSite removes the folder dir, a site, and everything in it. The files it likely holds,
// given by site path, go first, by name and a few at once, then their folders, deepest first:
// os.RemoveAll alone opens and reads every folder, one after the other, and a site has a
// folder per page (see removeFiles). What is left (files not named) goes with removeMade. Nothing
// in a filesystem mounted inside dir is removed.
func removeSite(fsys afero.Fs, dir string, files []string) error {
	info, err := lstat(fsys, dir)
	if err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return fsys.Remove(dir) // the link, not what it leads to
	}
	if _, ok := fsys.(*afero.OsFs); ok && err == nil && len(files) > 0 {
		_, dev := inode(info)
		removeFiles(dir, files, dev)
	}
	return removeMade(fsys, dir)
}

// removeFiles removes the files of dir given by site path, and then their folders, deepest
// first, where they are empty; it removes nothing in a folder of another filesystem than dev's
// (see otherFS), nor in the folders under it.
func removeFiles(dir string, files []string, dev uint64) {
	dirs := map[string]bool{}
	for _, name := range files {
		for d := path.Dir(name); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	other := map[string]bool{}
	for d := range dirs {
		if dev != 0 && otherFS(filepath.Join(dir, filepath.FromSlash(d)), dev) {
			other[d] = true
		}
	}
	inOther := func(name string) bool {
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			if other[d] {
				return true
			}
		}
		return false
	}
	next := make(chan string)
	var wg sync.WaitGroup
	for range 4 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for name := range next {
				_ = os.Remove(filepath.Join(dir, filepath.FromSlash(name))) // whatever stays goes below
			}
		})
	}
	for _, name := range files {
		if !inOther(name) {
			next <- name
		}
	}
	close(next)
	wg.Wait()
	for d := range dirs {
		if inOther(d + "/x") {
			delete(dirs, d)
		}
	}
	removeEmptyDirs(dir, dirs) // what is not empty is left to removeMade
}

// removeMade removes dir, a folder a build made (a site, a staging folder), and everything in
// it but a filesystem mounted there (see removeAll), its marker last: a folder that cannot be removed whole (a file in it another user owns,
// or made immutable) still says that sitegen made it, so that the next builds may use or
// remove it (see madeBySitegen) rather than refuse to build beside it. Its error is the first
// removal that failed.
func removeMade(fsys afero.Fs, dir string) error {
	info, err := lstat(fsys, dir)
	if err != nil || !info.IsDir() {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fsys.RemoveAll(dir) // a link or a file: itself, not what a link leads to
	}
	_, dev := inode(info) // nothing of another filesystem is entered (see removeAll)
	if dev != 0 && otherFS(dir, dev) {
		return errMounted{dir} // a mount point of the same device
	}
	if err := removeChildren(fsys, dir, dev, markerName); err != nil {
		return err
	}
	return fsys.RemoveAll(dir)
}

// removeEmptyDirs removes the folders dirs, slash-separated paths under root, that are empty,
// the deepest first, so that a folder emptied of its folders goes too.
func removeEmptyDirs(root string, dirs map[string]bool) {
	byDepth := slices.Collect(maps.Keys(dirs))
	slices.SortFunc(byDepth, func(a, b string) int {
		return cmp.Or(strings.Count(b, "/")-strings.Count(a, "/"), strings.Compare(a, b))
	})
	// The folders of one depth are removed at once, by several workers, the deepest first.
	for len(byDepth) > 0 {
		depth := strings.Count(byDepth[0], "/")
		n := 1
		for n < len(byDepth) && strings.Count(byDepth[n], "/") == depth {
			n++
		}
		level := byDepth[:n]
		byDepth = byDepth[n:]
		next := make(chan string)
		var wg sync.WaitGroup
		for range min(len(level), 4*runtime.GOMAXPROCS(0)) {
			wg.Go(func() {
				for d := range next {
					// Fails if not empty. (os.Remove would try to unlink it first.)
					_ = syscall.Rmdir(filepath.Join(root, filepath.FromSlash(d)))
				}
			})
		}
		for _, d := range level {
			next <- d
		}
		close(next)
		wg.Wait()
	}
}

// recoverSwap restores the previous site if a swap was stopped between its two renames, and
// removes a previous site left aside otherwise.
func recoverSwap(fsys afero.Fs, out string) error {
	old := out + oldSuffix
	if _, err := fsys.Stat(old); err != nil {
		return nil
	}
	if _, err := fsys.Stat(out); errors.Is(err, fs.ErrNotExist) {
		if err := fsys.Rename(old, out); err != nil {
			return fmt.Errorf("cannot restore the previous site from %s: %w", old, err)
		}
		return nil
	}
	return removeMade(fsys, old)
}
