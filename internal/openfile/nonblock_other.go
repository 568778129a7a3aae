//go:build !unix

package openfile

const nonblock = 0

func noReader(error) bool { return false }
