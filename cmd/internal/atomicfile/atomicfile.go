// Package atomicfile replaces a file's content all at once: a reader sees the old bytes or the
// new ones, never half of them, and a failed write leaves the old file and no temporary file.
//
// The site builder writes pages of the served site with it, and the checker its reports.
package atomicfile

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/spf13/afero"
)

// WriteFile writes data to name in fsys through a new file in the same folder, renamed over
// name once complete and synced. perm is the mode of the new file, before the umask, as for
// os.WriteFile. On error the temporary file is removed and name is untouched.
func WriteFile(fsys afero.Fs, name string, data []byte, perm fs.FileMode) error {
	return write(fsys, name, data, perm, false)
}

// WriteFileMode is WriteFile giving the file exactly the permissions perm, whatever the umask:
// a replaced file keeps its own.
func WriteFileMode(fsys afero.Fs, name string, data []byte, perm fs.FileMode) error {
	return write(fsys, name, data, perm, true)
}

func write(fsys afero.Fs, name string, data []byte, perm fs.FileMode, exact bool) (err error) {
	f, tmp, err := create(fsys, name, perm)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = fsys.Remove(tmp)
		}
	}()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && exact {
		err = fsys.Chmod(tmp, perm)
	}
	if err != nil {
		return err
	}
	return fsys.Rename(tmp, name)
}

// create makes a new temporary file beside name: a dot-file, so that neither a file listing
// nor the development server shows it while it is written.
func create(fsys afero.Fs, name string, perm fs.FileMode) (afero.File, string, error) {
	dir, base := filepath.Split(name)
	for range 100 {
		tmp := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatUint(rand.Uint64(), 36))
		f, err := fsys.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, tmp, err
	}
	return nil, "", &fs.PathError{Op: "create a temporary file for", Path: name, Err: fs.ErrExist}
}
