package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/afero"
)

// Folders beside the output folder out, each named out followed by its suffix.
const (
	// stagingSuffix is the staging folder, where a build makes its site before the swap.
	stagingSuffix = ".tmp-build"
	// keptSuffix is the site the last build replaced, which the next build makes its staging
	// folder from (see openStage).
	keptSuffix = ".prev-build"
	// oldSuffix is where swap moves the site it replaces, where the system cannot exchange
	// two folders in one step.
	oldSuffix = ".old-build"
)

// A stage is the staging folder of a build: the one way a file reaches the new site. It
// checks each site path, makes the folders, creates every file new (never writing into a
// file that is there, which another tree may share), records what it made (sizes, the
// weights of what a page's first view loads, and on disk the stamps the next build checks),
// and ends with commit, which swaps the folder in, or abort.
//
// On the operating system's disk, the staging folder starts as the site the last build
// replaced (out+keptSuffix), when there is one: a build then makes no folder and writes only
// what changed, where making a whole new tree of folders and removing the old one costs more
// than the rest of a small edit's build (see the README's figures). openStage removes from it,
// before anything is made, every folder and file the new site does not have; what stays is a
// folder the new site has, or a regular file at one of its paths, which is replaced when the
// file is made, or left when it is the very file (same inode) the published site has and the
// build takes from it (see take). The published site and the kept one share the files of the
// pages that did not change between them; since no file is ever written into, neither
// changes the other.
type stage struct {
	fs  afero.Fs
	out string // the output folder
	dir string // the staging folder, out+stagingSuffix
	// keep is set where the replaced site is kept for the next build: on the operating
	// system's disk, with inodes, unless the builder says otherwise.
	keep bool
	// found holds the files the kept site brought into the staging folder, by site path:
	// those are replaced, or left when they are right.
	found map[string]bool
	// dirs are the folders there, by full path.
	dirs dirMaker
	// warnings say, one line each, what went wrong with the folders beside the output folder
	// without failing the build: a kept site that could not be used, a site not removed.
	warnings []string

	mu      sync.Mutex
	sizes   map[string]int       // every file made, by site path
	weights map[string]weight    // the files a page's first view loads (see firstView)
	bytes   int64                // the sizes' sum
	stamps  map[string]fileStamp // on disk, the stamp of every file made
}

// openStage prepares the staging folder of a build into out, whose site will hold the files
// paths (site paths): it puts back a site a stopped swap left aside, clears what a stopped
// build left, and starts from the kept site when keep and there is one it can use.
func openStage(fsys afero.Fs, out string, paths []string, keep bool) (*stage, error) {
	st := &stage{fs: fsys, out: out, dir: out + stagingSuffix, found: map[string]bool{},
		sizes: map[string]int{}, weights: map[string]weight{}, stamps: map[string]fileStamp{}}
	st.dirs = dirMaker{fs: fsys, made: map[string]bool{st.dir: true}}
	st.keep = keep && onDisk(fsys) && haveInodes
	if err := recoverSwap(fsys, out); err != nil {
		return nil, err
	}
	if err := st.clearStaging(); err != nil {
		return nil, err
	}
	if st.keep {
		if err := st.fromKept(append(paths, markerName)); err != nil {
			// The kept site was moved to the staging folder's name: the error names the
			// folder where the user finds it.
			why := strings.ReplaceAll(err.Error(), st.dir, out+keptSuffix)
			st.warn("the site kept beside %s cannot be used (%s): built from nothing", out, why)
			st.dropKept()
		}
	}
	if len(st.found) == 0 && len(st.dirs.made) == 1 {
		if err := fsys.Mkdir(st.dir, 0o755); err != nil {
			return nil, fmt.Errorf("cannot create %s: %w", st.dir, err)
		}
	}
	if err := st.mark(); err != nil {
		return nil, err
	}
	return st, nil
}

// mark puts the marker at the root of the staging folder, or keeps the kept site's when it
// says what a new one would: replacing it would leave, for a moment, a folder of files without
// it, which no build would then remove (see madeBySitegen).
func (st *stage) mark() error {
	full := filepath.Join(st.dir, markerName)
	if st.found[markerName] {
		if info, err := lstat(st.fs, full); err == nil && info.Size() == int64(len(markerText)) {
			if data, err := readRegular(st.fs, full, int64(len(markerText))); err == nil && string(data) == markerText {
				st.made(markerName, info, weight{})
				return nil
			}
		}
	}
	return st.write(markerName, []byte(markerText))
}

// clearStaging removes what a build that was stopped left in the staging folder. What cannot
// be removed becomes the kept site, when there is none, which the build then drops (see
// dropKept): a folder no build can remove never stops the builds that follow.
func (st *stage) clearStaging() error {
	err := removeMade(st.fs, st.dir)
	if err == nil {
		return nil
	}
	if _, kerr := lstat(st.fs, st.out+keptSuffix); errors.Is(kerr, fs.ErrNotExist) && st.fs.Rename(st.dir, st.out+keptSuffix) == nil {
		return nil
	}
	return fmt.Errorf("cannot clear %s, left by a build that was stopped: %w", st.dir, err)
}

// fromKept makes the kept site the staging folder, removing what the new site does not have.
// It returns nil without doing anything when there is no kept site.
func (st *stage) fromKept(paths []string) error {
	kept := st.out + keptSuffix
	info, err := lstat(st.fs, kept)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s is not a folder", kept)
	}
	if err := st.fs.Rename(kept, st.dir); err != nil {
		return err
	}
	_, dev := inode(info) // nothing of another filesystem is entered (see removeAll)
	files := make(map[string]bool, len(paths))
	dirs := map[string]bool{}
	for _, p := range paths {
		files[p] = true
		for d := path.Dir(p); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return filepath.WalkDir(st.dir, func(full string, d fs.DirEntry, err error) error {
		if err != nil || full == st.dir {
			return err
		}
		rel, err := filepath.Rel(st.dir, full)
		name := filepath.ToSlash(rel)
		switch {
		case err != nil:
			return err
		case d.IsDir() && dev != 0 && otherFS(full, dev):
			return errMounted{full}
		case d.IsDir() && dirs[name]:
			st.dirs.made[full] = true
			return nil
		case d.IsDir():
			if err := removeAll(st.fs, full, dev); err != nil {
				return err
			}
			return filepath.SkipDir
		case d.Type().IsRegular() && files[name] && (name == markerName || shared(d)):
			st.found[name] = true
			return nil
		}
		// A file the new site does not have, anything but a file or a folder (a symbolic link
		// would lead writes elsewhere), or a file no other tree shares, which cannot be the
		// very file the published site has (see take): the build would replace it, so it goes
		// now, where a file that cannot be removed only means that the kept site is not used.
		return st.fs.Remove(full)
	})
}

// shared reports whether the file d has another name than this one (a hard link), as a
// page's file that the published site shares with the kept one.
func shared(d fs.DirEntry) bool {
	info, err := d.Info()
	return err == nil && links(info) > 1
}

// dropKept removes a kept site that cannot be used, wherever fromKept left it, so that the
// staging folder starts empty. What cannot be removed is put back beside the output folder,
// with its marker (see removeMade), where the next builds leave it and say so.
func (st *stage) dropKept() {
	clear(st.found)
	st.dirs.made = map[string]bool{st.dir: true}
	if _, err := lstat(st.fs, st.dir); err != nil {
		return // still beside the output folder
	}
	if err := removeMade(st.fs, st.dir); err != nil {
		_ = st.fs.Rename(st.dir, st.out+keptSuffix)
	}
}

// checkPath returns the full path of the file at site path name in the staging folder, once
// name is known to be a clean path inside the site, and makes its folders.
func (st *stage) checkPath(name string) (string, error) {
	if err := checkSitePath(name); err != nil {
		return "", err
	}
	full := filepath.Join(st.dir, filepath.FromSlash(name))
	if err := st.dirs.mkdir(filepath.Dir(full)); err != nil {
		return "", fmt.Errorf("cannot write %s: %w", name, err)
	}
	return full, nil
}

// create creates the file at site path name, new: what the kept site has there goes first
// (the published site may share it, and must not change), and a file found there anyway is
// an error, never written into.
func (st *stage) create(name string) (afero.File, error) {
	full, err := st.checkPath(name)
	if err != nil {
		return nil, err
	}
	if st.found[name] {
		if err := st.fs.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("cannot replace %s: %w", name, err)
		}
	}
	f, err := st.fs.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", name, err)
	}
	return f, nil
}

// write makes the file at site path name with data.
func (st *stage) write(name string, data []byte) error {
	return st.stream(name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, data)
}

// stream makes the file at site path name with what fill writes. data, when the bytes are
// known, spares reading them back to weigh them.
func (st *stage) stream(name string, fill func(w io.Writer) error, data []byte) error {
	f, err := st.create(name)
	if err != nil {
		return err
	}
	err = fill(f)
	var info fs.FileInfo
	if err == nil {
		info, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	var w weight
	if firstView(name) {
		if data == nil {
			if data, err = st.read(name); err != nil {
				return err
			}
		}
		w = measure(data)
	}
	st.made(name, info, w)
	return nil
}

// take puts in the staging folder the published site's file at site path name, whose stamp
// is want and whose weight is w: left as it is when the staging folder already has that very
// file (a kept site shares it with the published one), else linked (or copied, where the
// system cannot link).
func (st *stage) take(name string, want fileStamp, w weight) error {
	full, err := st.checkPath(name)
	if err != nil {
		return err
	}
	if st.found[name] {
		if cur, ok := stamp(full); ok && cur == want {
			st.record(name, cur, w)
			return nil
		}
		if err := st.fs.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot replace %s: %w", name, err)
		}
	}
	from := filepath.Join(st.out, filepath.FromSlash(name))
	if err := os.Link(from, full); err == nil {
		st.record(name, want, w) // the same file under a second name: the same stamp
		return nil
	}
	data, err := readRegular(afero.NewOsFs(), from, want.Size)
	if err != nil {
		return fmt.Errorf("cannot take %s from the published site: %w", name, err)
	}
	f, err := st.create(name)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	var info fs.FileInfo
	if err == nil {
		info, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	st.made(name, info, w)
	return nil
}

// made records the file at site path name, as info describes it, and its weight.
func (st *stage) made(name string, info fs.FileInfo, w weight) {
	st.record(name, stampOf(info), w)
}

func (st *stage) record(name string, s fileStamp, w weight) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sizes[name] = int(s.Size)
	if firstView(name) {
		st.weights[name] = w
	}
	st.bytes += s.Size
	st.stamps[name] = s
}

// read returns the bytes of the file made at site path name.
func (st *stage) read(name string) ([]byte, error) {
	return afero.ReadFile(st.fs, filepath.Join(st.dir, filepath.FromSlash(name)))
}

// scratch creates a file of the build's own in the staging folder, outside the site (its
// name starts with a dot and is no site path): it must be removed (see drop) before commit.
func (st *stage) scratch(name string) (afero.File, error) {
	full := filepath.Join(st.dir, name)
	if err := st.fs.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return st.fs.OpenFile(full, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
}

// drop removes a file made by scratch.
func (st *stage) drop(name string) error {
	return st.fs.Remove(filepath.Join(st.dir, name))
}

// files returns the site paths of the files made.
func (st *stage) files() []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	names := make([]string, 0, len(st.sizes))
	for name := range st.sizes {
		names = append(names, name)
	}
	return names
}

// commit swaps the staging folder in for the output folder; an error means the output folder
// is as it was. The site it replaces is kept for the next build, or removed; when it cannot be
// removed, a warning says so (the new site is in place all the same).
func (st *stage) commit() error {
	old, err := swap(st.fs, st.dir, st.out)
	if err != nil || old == "" {
		return err
	}
	if st.keep && st.fs.Rename(old, st.out+keptSuffix) == nil {
		return nil
	}
	if err := removeSite(st.fs, old, st.files()); err != nil {
		st.warn("the previous site cannot be removed from %s (%v): remove it by hand", old, err)
	}
	return nil
}

// warn adds a warning, one line, about the folders beside the output: the build goes on.
func (st *stage) warn(format string, args ...any) {
	st.warnings = append(st.warnings, fmt.Sprintf(format, args...))
}

// abort ends a build that failed: the output folder stays as it was, and the staging folder
// goes, or is kept for the next build as the kept site was (it holds only folders of a site
// and regular files at its paths, as openStage leaves it).
func (st *stage) abort() {
	if st.keep && st.fs.Rename(st.dir, st.out+keptSuffix) == nil {
		return
	}
	_ = removeMade(st.fs, st.dir)
}

// onDisk reports whether fsys is the operating system's filesystem, where files have inodes
// and links, and folders can be exchanged and locked: afero.OsFs, or a filesystem that says
// it stands for it (a test's, which makes some calls fail).
func onDisk(fsys afero.Fs) bool {
	switch fsys.(type) {
	case *afero.OsFs, interface{ standsForOS() }:
		return true
	}
	return false
}

// dirMaker creates the folders of the new site, each with one system call: it remembers the
// folders it made, where MkdirAll would look each parent up again for every file.
type dirMaker struct {
	fs   afero.Fs
	mu   sync.Mutex
	made map[string]bool
}

func (d *dirMaker) mkdir(dir string) error {
	d.mu.Lock()
	done := d.made[dir]
	d.mu.Unlock()
	if done {
		return nil
	}
	err := d.fs.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if err := d.mkdir(filepath.Dir(dir)); err != nil {
			return err
		}
		err = d.fs.Mkdir(dir, 0o755)
	}
	if errors.Is(err, fs.ErrExist) {
		// Made meanwhile by another worker; anything else there is an error.
		if info, lerr := lstat(d.fs, dir); lerr != nil || !info.IsDir() {
			return err
		}
		err = nil
	}
	if err != nil {
		return err
	}
	d.mu.Lock()
	d.made[dir] = true
	d.mu.Unlock()
	return nil
}

// checkSitePath returns an error unless name is a clean slash-separated path of a file inside
// the site.
func checkSitePath(name string) error {
	if clean := path.Clean("/" + name)[1:]; clean == "" || clean != name {
		return fmt.Errorf("cannot write %q: not a file path inside the site", name)
	}
	return nil
}
