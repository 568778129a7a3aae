package site

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/afero"
)

// openRegular opens the file name of fsys for reading, and returns it only if it is a regular
// file: a FIFO would block the build (and the lock it holds) until something writes into
// it, a device would give without end. The file is opened without waiting for a writer (see
// nonBlock), then checked on the open file itself, so that a file replaced between a check
// and the open cannot slip through.
func openRegular(fsys afero.Fs, name string) (afero.File, fs.FileInfo, error) {
	f, err := fsys.OpenFile(name, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = &fs.PathError{Op: "read", Path: name, Err: errNotRegular{info.Mode()}}
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// readRegular returns the content of the regular file name of fsys (see openRegular), of at
// most max bytes: a bigger file is an errTooBig, told by its size before anything is read, or
// by reading no more than max+1 bytes of a file that grows meanwhile (or whose size the
// system does not say).
func readRegular(fsys afero.Fs, name string, max int64) ([]byte, error) {
	f, info, err := openRegular(fsys, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info.Size() > max {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errTooBig{info.Size(), max}}
	}
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	n, err := buf.ReadFrom(io.LimitReader(f, max+1))
	if err == nil && n > max {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errTooBig{n, max}}
	}
	return buf.Bytes(), err
}

// errTooBig is a file of size bytes, or more, where at most max are read.
type errTooBig struct{ size, max int64 }

func (e errTooBig) Error() string {
	return fmt.Sprintf("%d bytes, over the limit of %d", e.size, e.max)
}

// errNotRegular is a file that is not a regular file.
type errNotRegular struct{ mode fs.FileMode }

func (e errNotRegular) Error() string {
	return fmt.Sprintf("not a regular file but %s", fileKind(e.mode))
}

// fileKind names the kind of file of mode for people.
func fileKind(mode fs.FileMode) string {
	switch {
	case mode.IsRegular():
		return "a regular file"
	case mode.IsDir():
		return "a folder"
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}
