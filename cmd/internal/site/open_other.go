//go:build !unix

package site

// nonBlock is nothing where the system has no FIFOs to wait on.
const nonBlock = 0
