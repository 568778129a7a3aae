//go:build unix

package site

import (
	"io/fs"
	"syscall"
)

// haveInodes says that files have inodes here: a file is told from another by its inode.
const haveInodes = true

// inode returns the inode and device of a file, which tell it from a file written in its place
// with the same size and time.
func inode(fi fs.FileInfo) (ino, dev uint64) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino), uint64(st.Dev)
	}
	return 0, 0
}

// links returns how many names the file fi describes has (hard links).
func links(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}
