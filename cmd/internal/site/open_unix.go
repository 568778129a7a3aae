//go:build unix

package site

import "syscall"

// nonBlock opens a FIFO without waiting for a writer.
const nonBlock = syscall.O_NONBLOCK

// noFollow opens a symbolic link as an error (ELOOP) rather than the file it leads to.
const noFollow = syscall.O_NOFOLLOW
