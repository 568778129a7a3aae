package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/afero"
)

// markerName is the file at the root of every site a build makes (and of its staging
// folder): it proves that a folder is a site sitegen made, which a build may replace whole
// and its leftovers remove. A build never replaces, empties or removes a folder without it,
// unless the folder is empty.
const markerName = ".sitegen"

// markerText is what the marker says to whoever opens it.
const markerText = "This folder is a site made by sitegen: the next build into it replaces it whole.\n"

// outputFolder returns the folder the build replaces, once it is known that the build may:
// OutDir, clean, its symbolic links resolved on disk (a link to a web root is published
// through: the new site takes the place of the folder the link leads to, and the link stays),
// its parent folders made. It refuses an output folder that is, holds or sits inside the
// content folder (a build would remove the sources), one, or a folder beside it that the
// build uses (staging, kept site), that holds files but no marker: a build replaces only
// what it made, and one that holds a mount point (see mountsIn).
func (b *Builder) outputFolder() (string, error) {
	out := filepath.Clean(b.OutDir)
	if onDisk(b.Out) {
		var err error
		if out, err = resolveOut(out); err != nil {
			return "", err
		}
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return "", fmt.Errorf("cannot make the folder of the output folder %s: %w", b.OutDir, err)
		}
	}
	if err := b.apartFromSources(out); err != nil {
		return "", err
	}
	if err := b.apartFromCache(out); err != nil {
		return "", err
	}
	beside := []string{out, out + stagingSuffix, out + keptSuffix, out + oldSuffix}
	for _, dir := range beside {
		if err := madeBySitegen(b.Out, dir, b.OutDir); err != nil {
			return "", err
		}
	}
	if onDisk(b.Out) {
		if m := mountsIn(beside...); len(m) > 0 {
			return "", fmt.Errorf("another filesystem is mounted at %s: a build replaces the output folder %s whole, and would move what is mounted there aside or remove its files; unmount it, and mount it outside %s and the folders beside it (%s, %s, %s)", m[0], b.OutDir, b.OutDir, filepath.Base(out)+stagingSuffix, filepath.Base(out)+keptSuffix, filepath.Base(out)+oldSuffix)
		}
	}
	return out, nil
}

// resolveOut returns the absolute path of out with its symbolic links resolved. Of a path not
// there yet, the part that is there is resolved.
func resolveOut(out string) (string, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	var missing []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		resolved, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(append([]string{resolved}, missing...)...), nil
		}
		if info, lerr := os.Lstat(dir); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
			return "", fmt.Errorf("the output folder %s: %s is a symbolic link that leads nowhere (%v): make the folder it leads to, or remove it", out, dir, err)
		}
		if !errors.Is(err, fs.ErrNotExist) || dir == filepath.Dir(dir) {
			return "", fmt.Errorf("the output folder %s: %w", out, err)
		}
		missing = append([]string{filepath.Base(dir)}, missing...)
	}
}

// apartFromSources returns an error when out, or a folder beside it that the build uses, is,
// holds or sits inside the content folder: the build would replace or remove the sources.
// Paths are compared resolved where both folders are on the operating system's disk, and as
// they are where both are in one filesystem; folders of two other filesystems cannot meet.
func (b *Builder) apartFromSources(out string) error {
	src := filepath.Clean(b.SrcDir)
	switch {
	case onDisk(b.Src) && onDisk(b.Out):
		var err error
		if src, err = resolveOut(src); err != nil {
			return err
		}
	case b.Src != b.Out:
		return nil
	}
	for _, dir := range []string{out, out + stagingSuffix, out + keptSuffix, out + oldSuffix} {
		how := ""
		switch {
		case dir == src:
			how = "is"
		case within(src, dir):
			how = "holds"
		case within(dir, src):
			how = "is inside"
		default:
			continue
		}
		name := b.OutDir
		if dir != out {
			name = b.OutDir + strings.TrimPrefix(dir, out)
		}
		return fmt.Errorf("the output folder %s %s the content folder %s: a build replaces %s whole and would remove the sources; choose an output folder outside %s", name, how, b.SrcDir, name, b.SrcDir)
	}
	return nil
}

// apartFromCache returns an error when the cache folder (the highlight cache's, and the state
// folder) is, or is inside, the output folder, a folder beside it that the build uses, or the
// content folder: the build would publish its cache with the site, remove it with the old
// one, or write it among the sources. Paths are compared resolved, on the operating system's
// disk, where both the cache and the state are.
func (b *Builder) apartFromCache(out string) error {
	var dirs []string
	if b.Cache != nil && b.Cache.Dir() != "" {
		dirs = append(dirs, b.Cache.Dir())
	}
	if b.StateDir != "" {
		dirs = append(dirs, b.StateDir)
	}
	for _, d := range dirs {
		cache, err := resolveOut(filepath.Clean(d))
		if err != nil {
			return fmt.Errorf("the cache folder %s: %w", d, err)
		}
		if onDisk(b.Out) {
			for _, dir := range []string{out, out + stagingSuffix, out + keptSuffix, out + oldSuffix} {
				if cache == dir || within(cache, dir) {
					return fmt.Errorf("the cache folder %s is inside the output folder %s (%s): a build replaces that folder whole, and would publish its cache with the site or remove it; choose a cache folder outside %s", d, b.OutDir, dir, b.OutDir)
				}
			}
		}
		if onDisk(b.Src) {
			src, err := resolveOut(filepath.Clean(b.SrcDir))
			if err == nil && (cache == src || within(cache, src)) {
				return fmt.Errorf("the cache folder %s is inside the content folder %s: a build would write its cache among the sources; choose a cache folder outside %s", d, b.SrcDir, b.SrcDir)
			}
		}
	}
	return nil
}

// within reports whether path is inside the folder dir (not dir itself).
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// madeBySitegen returns an error unless the folder dir of fsys is missing, empty, or holds the
// marker: a site a build made. name is how the user names the output folder.
func madeBySitegen(fsys afero.Fs, dir, name string) error {
	info, err := lstat(fsys, dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s is %s, not a folder sitegen made: a build replaces its output folder whole; choose another output folder, or remove %s", dir, fileKind(info.Mode()), dir)
	}
	if m, err := lstat(fsys, filepath.Join(dir, markerName)); err == nil && m.Mode().IsRegular() {
		return nil
	}
	f, err := fsys.Open(dir)
	if err != nil {
		return err
	}
	names, err := f.Readdirnames(1)
	f.Close()
	if len(names) == 0 && err != nil {
		return nil // empty
	}
	return fmt.Errorf("%s holds files sitegen did not make (it has no %s): a build replaces its output folder whole, so it replaces only a site it made; choose an empty or new output folder instead of %s, or, if an earlier sitegen made it, remove it first (make clean removes public and what a build leaves beside it)", dir, markerName, name)
}
