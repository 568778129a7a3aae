//go:build !unix

package site

import "io/fs"

// haveInodes says that files have no inodes here: size and modification time alone cannot
// tell that two names are the same file.
const haveInodes = false

// inode returns zeros where the system does not give a file's inode: size and modification
// time alone then tell a file from another.
func inode(fs.FileInfo) (ino, dev uint64) { return 0, 0 }

// links returns 1 where the system does not say how many names a file has.
func links(fs.FileInfo) uint64 { return 1 }
