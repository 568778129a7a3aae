//go:build unix

package openfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestFIFO: a named pipe no program holds opens at once; read, it is empty; to append to,
// it is refused with ErrNoReader. With a program at the other end it reads and writes.
func TestFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "x.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	f, err := Read(fifo)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil || len(data) != 0 {
		t.Errorf("read a FIFO without writer: %q, %v; want nothing and no error", data, err)
	}
	if _, err := Append(fifo); !errors.Is(err, ErrNoReader) {
		t.Errorf("Append to a FIFO without reader: %v, want ErrNoReader", err)
	}

	r, err := Read(fifo) // a reader: now Append opens
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w, err := Append(fifo)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("report")); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if data, err := io.ReadAll(r); string(data) != "report" || err != nil {
		t.Errorf("through the pipe: %q, %v", data, err)
	}
}

// TestRegularFile: a regular file reads and appends as os.Open and O_APPEND would.
func TestRegularFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "r.json")
	if err := os.WriteFile(name, []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := Append(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("b"))
	w.Close()
	f, err := Read(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if data, _ := io.ReadAll(f); string(data) != "ab" {
		t.Errorf("read %q, want ab", data)
	}
}
