package site

import (
	"os"

	"golang.org/x/sys/unix"
)

// mountPoints returns the mount points the system lists for this process.
func mountPoints() ([]string, error) {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseMountInfo(f)
}

// otherFS reports whether the folder dir is not part of the filesystem of device dev:
// another device is mounted there, or another mount of the same device (a bind mount), which
// statx tells (STATX_ATTR_MOUNT_ROOT, Linux 5.8). One system call: a build asks it of every
// folder of the site it keeps. What cannot be asked is taken for another filesystem.
func otherFS(dir string, dev uint64) bool {
	var stx unix.Statx_t
	if unix.Statx(unix.AT_FDCWD, dir, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_TYPE, &stx) != nil {
		return true
	}
	return unix.Mkdev(stx.Dev_major, stx.Dev_minor) != dev ||
		stx.Attributes_mask&unix.STATX_ATTR_MOUNT_ROOT != 0 && stx.Attributes&unix.STATX_ATTR_MOUNT_ROOT != 0
}
