package site

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/afero"
	"golang.org/x/sys/unix"
)

// TestOtherFS tells a folder of the same filesystem from one of another device, or missing.
func TestOtherFS(t *testing.T) {
	dir := t.TempDir()
	info, err := os.Lstat(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, dev := inode(info)
	tests := []struct {
		name string
		dir  string
		dev  uint64
		want bool
	}{
		{"a folder of the device", dir, dev, false},
		{"a folder of another device", dir, dev + 1, true},
		{"a folder that is not there", filepath.Join(dir, "missing"), dev, true},
		{"/proc, another filesystem than the folder's", "/proc", dev, true},
	}
	for _, tc := range tests {
		if got := otherFS(tc.dir, tc.dev); got != tc.want {
			t.Errorf("%s: otherFS(%s) = %v, want %v", tc.name, tc.dir, got, tc.want)
		}
	}
}

// mount mounts a tmpfs at dir ("" for from), or binds the folder from there, and unmounts it
// when the test ends. It skips the test, saying why, where the test cannot mount: not root
// (a failure under CI, which runs as root), or root without the right to mount.
func mount(t *testing.T, from, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("CI runs as root, and this test needs root to mount a filesystem")
		}
		t.Skip("SKIPPED: mounting a filesystem inside the output folder needs root (CI runs it)")
	}
	var err error
	if from == "" {
		err = unix.Mount("tmpfs", dir, "tmpfs", 0, "size=1m")
	} else {
		err = unix.Mount(from, dir, "", unix.MS_BIND, "")
	}
	if errors.Is(err, unix.EPERM) {
		t.Skipf("SKIPPED: root cannot mount here (%v): no CAP_SYS_ADMIN", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Where a build moved the folder, the mount moved with it.
		for _, p := range mountsIn(filepath.Dir(filepath.Dir(dir))) {
			_ = unix.Unmount(p, unix.MNT_DETACH)
		}
	})
}

// TestMountInsideOutput mounts a filesystem (a tmpfs, a bind mount of a user's folder of the
// same device) holding a user's file inside the output folder or the kept site, and wants
// every build refused, naming the mount, and the user's file kept; removing a site a build
// made never enters a mount point either.
func TestMountInsideOutput(t *testing.T) {
	for _, tc := range []struct {
		name string
		at   string // where the filesystem is mounted, under the test's folder
		bind bool   // a bind mount of a folder of the same device, else a tmpfs
	}{
		{"a tmpfs in the published site", "public/uploads", false},
		{"a folder bound in the published site", "public/uploads", true},
		{"a tmpfs in the kept site", "public" + keptSuffix + "/en/mnt", false},
		{"a folder bound in the kept site", "public" + keptSuffix + "/uploads", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			src := diskSite(t, root)
			out := filepath.Join(root, "public")
			b := &Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: src, Out: afero.NewOsFs(), OutDir: out}
			for range 2 {
				if _, err := b.Build(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			at := filepath.Join(root, tc.at)
			if err := os.MkdirAll(at, 0o755); err != nil {
				t.Fatal(err)
			}
			from := ""
			if tc.bind {
				from = filepath.Join(root, "userdata")
				if err := os.Mkdir(from, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			mount(t, from, at)
			user := filepath.Join(at, "index.html") // a name the site has too
			writeFile(t, user, []byte("the user's"))
			_, err := b.Build(context.Background())
			if err == nil || !strings.Contains(err.Error(), "another filesystem is mounted at "+at) {
				t.Errorf("the build returns %v, want a refusal naming %s", err, at)
			}
			if data, err := os.ReadFile(user); err != nil || string(data) != "the user's" {
				t.Errorf("the user's file in the mount: %q, %v", data, err)
			}
			// What a build removes, it removes without entering the mount, even by the
			// names of the site's files (see removeSite).
			site := filepath.Join(root, strings.Split(tc.at, "/")[0])
			inside, _ := filepath.Rel(site, user)
			err = removeSite(afero.NewOsFs(), site, []string{"index.html", filepath.ToSlash(inside)})
			if !errors.As(err, new(errMounted)) {
				t.Errorf("removing %s returns %v, want it to stop at the mount point", site, err)
			}
			if data, err := os.ReadFile(user); err != nil || string(data) != "the user's" {
				t.Errorf("the user's file in the mount, once the site is removed: %q, %v", data, err)
			}
			if _, err := os.Lstat(filepath.Join(site, markerName)); errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the site that holds the mount lost its marker")
			}
		})
	}
}

// TestLockReadOnly builds into a folder of a read-only filesystem, and wants the error to say
// so, not to tell the user to remove a lock that is not the problem.
func TestLockReadOnly(t *testing.T) {
	dir := t.TempDir()
	mount(t, "", dir)
	if err := unix.Mount("", dir, "", unix.MS_REMOUNT|unix.MS_RDONLY, ""); err != nil {
		t.Fatal(err)
	}
	_, err := lockOutput(afero.NewOsFs(), filepath.Join(dir, "public"))
	if err == nil || !strings.Contains(err.Error(), "read-only file system") || strings.Contains(err.Error(), "remove") {
		t.Errorf("lockOutput = %v, want an error saying that the folder is read-only, not to remove the lock", err)
	}
}
