// Package atomicfile replaces a file's content all at once: a reader sees the old bytes or the
// new ones, never half of them, and a failed write leaves the old file and no temporary file.
//
// The site builder writes pages of the served site with it, and the checker its reports.
package atomicfile

import (
	"errors"
	"io"
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
	return write(fsys, name, bytesOf(data), perm, false)
}

// WriteFileMode is WriteFile giving the file exactly the permissions perm, whatever the umask:
// a replaced file keeps its own.
func WriteFileMode(fsys afero.Fs, name string, data []byte, perm fs.FileMode) error {
	return write(fsys, name, bytesOf(data), perm, true)
}

// WriteWith is WriteFile with the content written by fill into the new file as it comes,
// held nowhere: a summary of many schools is not first made in memory. An error of fill is
// WriteWith's, and leaves name untouched.
func WriteWith(fsys afero.Fs, name string, fill func(io.Writer) error, perm fs.FileMode) error {
	return write(fsys, name, fill, perm, false)
}

// WriteWithMode is WriteWith giving the file exactly the permissions perm (see WriteFileMode).
func WriteWithMode(fsys afero.Fs, name string, fill func(io.Writer) error, perm fs.FileMode) error {
	return write(fsys, name, fill, perm, true)
}

// bytesOf returns a fill that writes data.
func bytesOf(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

func write(fsys afero.Fs, name string, fill func(io.Writer) error, perm fs.FileMode, exact bool) (err error) {
	f, tmp, err := create(fsys, name, perm)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = fsys.Remove(tmp)
		}
	}()
	err = fill(f)
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
