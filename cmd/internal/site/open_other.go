//go:build !unix

package site

// nonBlock is nothing where the system has no FIFOs to wait on.
const nonBlock = 0

// noFollow is nothing where the system cannot refuse to follow a link when it opens a file.
const noFollow = 0
