//go:build !linux

package site

import (
	"errors"
	"os"
)

// mountPoints returns an error where the system does not list its mounts: otherFS's device
// check alone keeps a removal out of another filesystem.
func mountPoints() ([]string, error) { return nil, errors.New("no list of mounts") }

// otherFS reports whether the folder dir is not part of the filesystem of device dev: another
// device is mounted there (a bind mount of the same device is not told here). What cannot be
// asked is taken for another filesystem.
func otherFS(dir string, dev uint64) bool {
	info, err := os.Lstat(dir)
	if err != nil {
		return true
	}
	_, d := inode(info)
	return d != dev
}
