package site

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/afero"
)

// errBusy is a lock another process holds.
var errBusy = errors.New("locked")

// lockSuffix is the suffix of the lock file beside the output folder.
const lockSuffix = ".lock"

// lockOutput makes sure no other build writes into the output folder out at the same time:
// two builds share the staging folder beside it, and each would remove or swap the other's
// files. It takes a lock on the file out+".lock" (left in place, empty) and returns the
// function that releases it. On a filesystem that is not the operating system's, there is
// nothing to lock.
func lockOutput(fsys afero.Fs, out string) (unlock func(), err error) {
	if _, ok := fsys.(*afero.OsFs); !ok {
		return func() {}, nil
	}
	name := out + lockSuffix
	// Neither followed if a symbolic link (the lock would be a file elsewhere), nor waited on if
	// a FIFO.
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|noFollow|nonBlock, 0o644)
	if err == nil {
		var info os.FileInfo
		if info, err = f.Stat(); err == nil && !info.Mode().IsRegular() {
			err = errNotRegular{info.Mode()}
		}
		if err != nil {
			f.Close()
		}
	}
	if err != nil {
		if info, lerr := os.Lstat(name); lerr == nil && !info.Mode().IsRegular() {
			return nil, fmt.Errorf("cannot open the lock %s: %w; a lock is a regular file, which sitegen makes: remove %s", name, errNotRegular{info.Mode()}, name)
		}
		// Removing the lock would not help: the folder cannot be written.
		return nil, fmt.Errorf("cannot open the lock %s: %w: a build writes beside its output folder (the lock, the new site, the site it replaces), so the folder of %s must be writable", name, err, out)
	}
	if err := tryLock(f); err != nil {
		f.Close()
		if errors.Is(err, errBusy) {
			return nil, fmt.Errorf("another sitegen is writing into %s, a build or serve (it holds %s): wait for it to end, then try again", out, name)
		}
		return nil, fmt.Errorf("cannot lock %s: %w", name, err)
	}
	return func() { f.Close() }, nil
}
