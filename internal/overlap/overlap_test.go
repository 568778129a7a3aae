package overlap

import (
	"os"
	"path/filepath"
	"testing"
)

func TestIn(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"r3/sub", "other"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"ima.json", "r3/a.json"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "ima.json"), filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "r3"), filepath.Join(dir, "r3link")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, out, input string
		want             bool
	}{
		{"the input itself", "ima.json", "ima.json", true},
		{"the input by another path", "r3/../ima.json", "ima.json", true},
		{"a link to the input", "link.json", "ima.json", true},
		{"the input through a link", "ima.json", "link.json", true},
		{"another file", "other.json", "ima.json", false},
		{"a new file in the input folder", "r3/summary.json", "r3", true},
		{"a file in a subfolder of the input folder", "r3/sub/s.json", "r3", true},
		{"a new file in the input folder, through a linked folder", "r3link/s.json", "r3", true},
		{"an existing report of the input folder", "r3/a.json", "r3", true},
		{"a file beside the input folder", "other/s.json", "r3", false},
		{"a file in a folder that does not exist", "missing/s.json", "r3", false},
		{"an input that does not exist", "s.json", "nothing", false},
		{"the parent of the input folder is no input", "s.json", "r3/sub", false},
	}
	t.Chdir(dir)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := New(tt.out).In(tt.input); got != tt.want {
				t.Errorf("New(%q).In(%q) = %v, want %v", tt.out, tt.input, got, tt.want)
			}
		})
	}
}
