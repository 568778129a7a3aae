package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/atomicfile"
	"github.com/hds-oze/pronote-oze/internal/openfile"
	"github.com/spf13/afero"
)

// writeReport writes what fill writes to the file name, as -o asks, as it comes (a summary of
// many schools is not held in memory first), without ever replacing something that is not a
// regular file:
//   - a character device or a named pipe (/dev/null, a pipe read by another program) is
//     written through, as the shell's >> would, and so is a file named under /dev or /proc
//     (/dev/stdout when the output is redirected to a file, which may be appended to); a
//     named pipe that no program reads is refused at once, where the shell would wait;
//   - a symlink is followed: its target gets the report, the link stays; a link to nothing is
//     refused;
//   - a regular file is replaced atomically (a temporary file in the same folder, renamed over
//     it), keeping its permissions, so that a failure never leaves a half-written report nor
//     destroys a previous one; a new report gets 0644 less the umask;
//   - anything else (a folder, a block device, a socket) is refused, and so is a name in a
//     folder that does not exist (it is not made).
//
// No temporary file is left behind, whatever fails.
func writeReport(name string, fill func(io.Writer) error) error {
	fi, err := os.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(filepath.Dir(name)); errors.Is(err, fs.ErrNotExist) {
			return &outputError{name, msgOutNoFolder.Sprintf(filepath.Dir(name))}
		}
		return replaceFile(name, fill, 0o644, false)
	}
	if err != nil {
		return err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		if fi, err = os.Stat(name); errors.Is(err, fs.ErrNotExist) {
			return &outputError{name, msgOutDangling}
		} else if err != nil {
			return err
		}
	}
	m := fi.Mode()
	switch {
	case m&fs.ModeCharDevice != 0 || m&fs.ModeNamedPipe != 0 || m.IsRegular() && systemName(name):
		f, err := openfile.Append(name)
		if errors.Is(err, openfile.ErrNoReader) {
			return &outputError{name, msgOutNoReader}
		}
		if err != nil {
			return err
		}
		err = fill(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	case m.IsRegular():
		target, err := filepath.EvalSymlinks(name) // the file itself, to rename over
		if err != nil {
			return err
		}
		return replaceFile(target, fill, m.Perm(), true)
	case m.IsDir():
		return &outputError{name, msgOutFolder}
	}
	return &outputError{name, msgOutSpecial}
}

// systemName reports whether name is under /dev or /proc, where a regular file is an open one
// (/dev/stdout, /dev/fd/N), not a report to replace.
func systemName(name string) bool {
	abs, err := filepath.Abs(name)
	return err == nil && (strings.HasPrefix(abs, "/dev/") || strings.HasPrefix(abs, "/proc/"))
}

// replaceFile writes what fill writes to a new file beside name, then renames it over name.
// The new file is created with perm, less the umask; keep sets perm exactly (an existing
// file's permissions).
func replaceFile(name string, fill func(io.Writer) error, perm fs.FileMode, keep bool) error {
	if keep {
		return atomicfile.WriteWithMode(afero.NewOsFs(), name, fill, perm)
	}
	return atomicfile.WriteWith(afero.NewOsFs(), name, fill, perm)
}

// outputError is a -o target that cannot take a report.
type outputError struct {
	name string
	msg  checks.Text
}

func (e *outputError) Error() string { return e.In(checks.EN) }

// In returns the error in lang.
func (e *outputError) In(lang checks.Lang) string { return e.name + ": " + e.msg.In(lang) }
