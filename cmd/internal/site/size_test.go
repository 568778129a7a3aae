package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/spf13/afero"
)

// readCounter is a filesystem that counts the bytes read from each file, by name.
type readCounter struct {
	afero.Fs
	mu   *sync.Mutex // the build opens files from several goroutines
	read map[string]*atomic.Int64
}

func (c readCounter) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	f, err := c.Fs.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	n := c.read[name]
	if n == nil {
		n = new(atomic.Int64)
		c.read[name] = n
	}
	c.mu.Unlock()
	return countedFile{f, n}, nil
}

func (c readCounter) Open(name string) (afero.File, error) { return c.OpenFile(name, os.O_RDONLY, 0) }

func (c readCounter) LstatIfPossible(name string) (os.FileInfo, bool, error) {
	return c.Fs.(afero.Lstater).LstatIfPossible(name)
}

type countedFile struct {
	afero.File
	n *atomic.Int64
}

func (f countedFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.n.Add(int64(n))
	return n, err
}

// TestBigFilesNotRead gives a build a page and a site configuration of 8 MB, and wants each
// refused, named with the limit, after reading no more of it than the limit: a file's size is
// checked before it is read, so that a page of any size costs no more memory than the limit.
func TestBigFilesNotRead(t *testing.T) {
	const big = 8 << 20
	tests := []struct {
		name, file string
		data       func(old []byte) []byte
		limit      int64
		want       string
	}{
		{"a page", "content/en/purge.md", func(old []byte) []byte {
			return append(old, bytes.Repeat([]byte("word "), big/5)...)
		}, maxPageFile, "over the limit of 262144 (front matter and Markdown; the Markdown alone may hold 131072): split it"},
		{"the site configuration", "content/" + ConfigFile, func(old []byte) []byte {
			return append(old, bytes.Repeat([]byte("# a comment\n"), big/12)...)
		}, maxConfigBytes, "bytes, over the limit of 1048576"},
	}
	for _, tc := range tests {
		for _, serve := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, serve %v", tc.name, serve), func(t *testing.T) {
				src := readCounter{fsFrom(t, parseTxtar(t, "testdata/site/basic.txtar")), new(sync.Mutex), map[string]*atomic.Int64{}}
				old, err := afero.ReadFile(src.Fs, tc.file)
				if err != nil {
					t.Fatal(err)
				}
				if err := afero.WriteFile(src.Fs, tc.file, tc.data(old), 0o644); err != nil {
					t.Fatal(err)
				}
				b := &Builder{Src: src, SrcDir: "content", Out: afero.NewMemMapFs(), OutDir: "public"}
				err = buildOrServe(b, serve)
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("the build returns %v, want an error saying %q", err, tc.want)
				}
				if n := src.read[tc.file]; n != nil && n.Load() > tc.limit+1 {
					t.Errorf("%d bytes of %s read, over the limit of %d", n.Load(), tc.file, tc.limit)
				}
			})
		}
	}
}

// buildOrServe builds the site with b, or, when serve, starts serving it and stops.
func buildOrServe(b *Builder, serve bool) error {
	if !serve {
		_, err := b.Build(context.Background())
		return err
	}
	lv, _, err := b.BuildLive(context.Background())
	if err == nil {
		lv.Close()
	}
	return err
}
