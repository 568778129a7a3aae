//go:build unix

package openfile

import (
	"errors"
	"syscall"
)

const nonblock = syscall.O_NONBLOCK

// noReader reports whether err is open(2)'s answer for a FIFO without a reader, opened
// O_WRONLY|O_NONBLOCK.
func noReader(err error) bool { return errors.Is(err, syscall.ENXIO) }
