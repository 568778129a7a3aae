package site

import "golang.org/x/sys/unix"

// exchange swaps the names of the folders a and b in one step (renameat2 with
// RENAME_EXCHANGE): at no moment is either name missing. It fails on a filesystem that cannot
// (EINVAL) or a kernel older than 3.15 (ENOSYS).
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
