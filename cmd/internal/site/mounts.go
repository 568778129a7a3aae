package site

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/afero"
)

// A build replaces its output folder whole and removes the folders it made; a filesystem
// mounted inside them (a Docker volume at public/uploads, a tmpfs) is none of its files. So a
// build refuses an output folder, or a folder beside it that it uses, that holds a mount
// point (see mountsIn), and its removals (see removeAll) never enter a folder of another
// device than the folder they remove, nor a mount point of the same device (a bind mount),
// where the system tells: they stop there with an error, and what is mounted stays whole.

// errMounted is a folder a removal does not enter: another filesystem is mounted there.
type errMounted struct{ dir string }

func (e errMounted) Error() string {
	return fmt.Sprintf("%s is a mount point, another filesystem mounted there: sitegen never enters nor empties it", e.dir)
}

// mountsIn returns the mount points of the system that are one of dirs or inside one of
// them (absolute, clean paths), or nil where the system does not list them.
func mountsIn(dirs ...string) []string {
	points, err := mountPoints()
	if err != nil {
		return nil
	}
	var in []string
	for _, p := range points {
		for _, d := range dirs {
			if p == d || within(p, d) {
				in = append(in, p)
				break
			}
		}
	}
	return in
}

// maxMountInfo bounds what is read of the system's list of mounts: 16 MB is some 100 000
// mounts.
const maxMountInfo = 16 << 20

// parseMountInfo returns the mount points that r, in the format of Linux's
// /proc/self/mountinfo, lists: the fifth field of each line, its spaces, tabs, newlines and
// backslashes written as octal escapes (\040).
func parseMountInfo(r io.Reader) ([]string, error) {
	sc := bufio.NewScanner(io.LimitReader(r, maxMountInfo))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	var points []string
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 5 {
			return nil, fmt.Errorf("a line of %d fields in the list of mounts", len(fields))
		}
		points = append(points, unescapeOctal(fields[4]))
	}
	return points, sc.Err()
}

// unescapeOctal replaces every backslash and three octal digits of s by the byte they write.
func unescapeOctal(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// removeAll removes name and everything in it, as os.RemoveAll does, but enters no folder of
// another filesystem than dev's (see otherFS): it leaves it whole and returns errMounted. On a
// filesystem other than the operating system's, or where dev is unknown (0), it is
// fsys.RemoveAll.
func removeAll(fsys afero.Fs, name string, dev uint64) error {
	if _, ok := fsys.(*afero.OsFs); !ok || dev == 0 {
		return fsys.RemoveAll(name)
	}
	info, err := os.Lstat(name)
	switch {
	case err != nil && os.IsNotExist(err):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		if err := os.Remove(name); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	case otherFS(name, dev):
		return errMounted{name}
	}
	if err := removeChildren(fsys, name, dev, ""); err != nil {
		return err
	}
	if err := os.Remove(name); err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}

// removeChildren removes what the folder dir holds but the file keep ("" for none), each with
// removeAll; its error is the first removal that failed.
func removeChildren(fsys afero.Fs, dir string, dev uint64, keep string) error {
	f, err := fsys.Open(dir)
	if err != nil {
		return err
	}
	names, err := f.Readdirnames(-1)
	f.Close()
	if err != nil {
		return err
	}
	var first error
	for _, name := range names {
		if name == keep {
			continue
		}
		if err := removeAll(fsys, filepath.Join(dir, name), dev); first == nil {
			first = err
		}
	}
	return first
}
