package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

func TestWriteFile(t *testing.T) {
	tests := []struct {
		name     string
		previous string // "" for no previous file
	}{
		{name: "new file"},
		{name: "replaces a file", previous: "old content, longer than the new one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, "page.html")
			if tt.previous != "" {
				if err := os.WriteFile(name, []byte(tt.previous), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := WriteFile(afero.NewOsFs(), name, []byte("new"), 0o644); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(name); string(got) != "new" {
				t.Errorf("content = %q, want %q", got, "new")
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("folder holds %d files, want the page alone: %v", len(entries), entries)
			}
		})
	}
}

// failingFs fails the writes or the renames of the files it creates.
type failingFs struct {
	afero.Fs
	failWrite, failRename bool
}

var errInjected = errors.New("injected failure")

func (f failingFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	file, err := f.Fs.OpenFile(name, flag, perm)
	if err != nil || !f.failWrite {
		return file, err
	}
	return failingFile{file}, nil
}

func (f failingFs) Rename(old, new string) error {
	if f.failRename {
		return errInjected
	}
	return f.Fs.Rename(old, new)
}

type failingFile struct{ afero.File }

func (failingFile) Write([]byte) (int, error) { return 0, errInjected }

func TestWriteFileFailureKeepsTheFile(t *testing.T) {
	tests := []struct {
		name string
		fs   failingFs
	}{
		{"write fails (disk full)", failingFs{failWrite: true}},
		{"rename fails", failingFs{failRename: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := afero.NewMemMapFs()
			if err := afero.WriteFile(mem, "out/report.html", []byte("previous"), 0o644); err != nil {
				t.Fatal(err)
			}
			fsys := tt.fs
			fsys.Fs = mem
			if err := WriteFile(fsys, "out/report.html", []byte("new"), 0o644); !errors.Is(err, errInjected) {
				t.Fatalf("WriteFile() = %v, want the injected failure", err)
			}
			if got, _ := afero.ReadFile(mem, "out/report.html"); string(got) != "previous" {
				t.Errorf("after a failure the file holds %q, want the previous content", got)
			}
			var left []string
			_ = afero.Walk(mem, "out", func(p string, info fs.FileInfo, err error) error {
				if err == nil && !info.IsDir() && !strings.HasSuffix(p, "report.html") {
					left = append(left, p)
				}
				return err
			})
			if len(left) > 0 {
				t.Errorf("temporary files left behind: %v", left)
			}
		})
	}
}

func TestWriteFileModeKeepsPermissions(t *testing.T) {
	name := filepath.Join(t.TempDir(), "report.json")
	if err := WriteFileMode(afero.NewOsFs(), name, []byte("{}"), 0o640); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", st.Mode().Perm())
	}
}

// TestWriteWithStreams: what fill writes reaches the new file as it comes, before fill
// returns (nothing is held to be written at the end); a fill that fails halfway leaves the
// previous file and no temporary file.
func TestWriteWithStreams(t *testing.T) {
	mem := afero.NewMemMapFs()
	if err := afero.WriteFile(mem, "out/summary.html", []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	chunk := []byte(strings.Repeat("x", 1<<20))
	var seen int64
	fill := func(w io.Writer) error {
		if _, err := w.Write(chunk); err != nil {
			return err
		}
		_ = afero.Walk(mem, "out", func(p string, info fs.FileInfo, err error) error {
			if err == nil && strings.HasPrefix(filepath.Base(p), ".summary.html.tmp-") {
				seen = info.Size()
			}
			return err
		})
		return errInjected
	}
	if err := WriteWith(mem, "out/summary.html", fill, 0o644); !errors.Is(err, errInjected) {
		t.Fatalf("WriteWith() = %v, want fill's error", err)
	}
	if seen != int64(len(chunk)) {
		t.Errorf("while fill ran, the new file held %d bytes, want the %d written", seen, len(chunk))
	}
	if got, _ := afero.ReadFile(mem, "out/summary.html"); string(got) != "previous" {
		t.Errorf("after fill failed the file holds %d bytes, want the previous content", len(got))
	}
	if entries, _ := afero.ReadDir(mem, "out"); len(entries) != 1 {
		t.Errorf("out holds %d files, want summary.html alone", len(entries))
	}
}
