package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
)

// testCache is a cache for tests: their binaries do not carry chroma's version.
func testCache(dir string, maxBytes int64) *Cache {
	return NewCacheVersion(dir, maxBytes, "chroma under test")
}

// codePage is Markdown with blocks in several languages, one of them twice.
const codePage = "# Code\n\n```bash\necho \"hello\" && exit 1\n```\n\ntext\n\n```ini\nkey = \"value\" ; note\n```\n\n```\nplain <text> & more\n```\n\n```bash\necho \"hello\" && exit 1\n```\n\n```nosuchlanguage\nx = 1\n```\n"

// convert renders src with a highlighter using cache c (nil: none) and returns the HTML and
// the stylesheet of the classes used.
func convert(t *testing.T, c *Cache, lang checks.Lang, src string) (html, css string) {
	t.Helper()
	h := NewHighlighter()
	h.Cache = c
	var out, style bytes.Buffer
	if err := New(lang, h).Convert([]byte(src), &out); err != nil {
		t.Fatal(err)
	}
	if err := h.Stylesheet(&style); err != nil {
		t.Fatal(err)
	}
	return out.String(), style.String()
}

func TestCacheSameOutput(t *testing.T) {
	dir := t.TempDir()
	wantHTML, wantCSS := convert(t, nil, checks.FR, codePage)
	if !strings.Contains(wantHTML, `<pre class="chroma" tabindex="0">`) || !strings.Contains(wantCSS, ".chroma") {
		t.Fatalf("no highlighted code in the reference output:\n%s\n%s", wantHTML, wantCSS)
	}
	cold := testCache(dir, 0)
	for _, tc := range []struct {
		name                string
		c                   *Cache
		highlighted, onDisk int64
	}{
		{"memory only", testCache("", 0), 4, 0},      // the repeated bash block is highlighted once
		{"cold disk cache", cold, 4, 0},              // and the four distinct ones are stored
		{"warm disk cache", testCache(dir, 0), 0, 4}, // a new process reads all four
	} {
		t.Run(tc.name, func(t *testing.T) {
			html, css := convert(t, tc.c, checks.FR, codePage)
			if html != wantHTML {
				t.Errorf("HTML differs from the uncached one:\n got %s\nwant %s", html, wantHTML)
			}
			if css != wantCSS {
				t.Errorf("stylesheet differs from the uncached one:\n got %s\nwant %s", css, wantCSS)
			}
			st := tc.c.Stats()
			if st.Blocks != 5 || st.Highlighted != tc.highlighted || st.DiskHits != tc.onDisk {
				t.Errorf("stats %+v, want 5 blocks, %d highlighted, %d read from disk", st, tc.highlighted, tc.onDisk)
			}
			if err := tc.c.Err(); err != nil {
				t.Error(err)
			}
		})
	}
	if st := cold.Stats(); st.Stored != 4 {
		t.Errorf("the cold cache stored %d entries, want 4", st.Stored)
	}
	if n, entries, err := cold.Size(); err != nil || entries != 4 || n == 0 {
		t.Errorf("Size() = %d bytes, %d entries, %v; want 4 entries", n, entries, err)
	}
}

// entryFiles returns the cache's entry files.
func entryFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "?", "*"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// oneEntry converts src, a page with one code block, with cache c and returns the one entry
// it wrote in dir, and its bytes.
func oneEntry(t *testing.T, c *Cache, dir, src string) (string, []byte) {
	t.Helper()
	convert(t, c, checks.EN, src)
	files := entryFiles(t, dir)
	if len(files) != 1 {
		t.Fatalf("%d entries, want 1", len(files))
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	return files[0], data
}

func TestCacheIgnoresBadEntries(t *testing.T) {
	const src = "```bash\necho \"hello\" && exit 1\n```\n"
	want, _ := convert(t, nil, checks.EN, src)
	other := t.TempDir()
	convert(t, testCache(other, 0), checks.EN, "```ini\nkey = 1\n```\n")
	foreign, err := os.ReadFile(entryFiles(t, other)[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		corrupt func(entry []byte) []byte
	}{
		{"empty", func([]byte) []byte { return nil }},
		{"truncated", func(e []byte) []byte { return e[:len(e)-10] }},
		{"byte changed in the HTML", func(e []byte) []byte { return bytes.Replace(e, []byte("hello"), []byte("HELLO"), 1) }},
		{"HTML replaced, length kept", func(e []byte) []byte {
			return bytes.Replace(e, []byte("hello"), []byte("<scr>"), 1)
		}},
		{"another block's entry", func([]byte) []byte { return foreign }},
		{"older format", func(e []byte) []byte { return bytes.Replace(e, []byte(cacheFormat), []byte("sitegen-highlight 2"), 1) }},
		{"garbage", func([]byte) []byte { return []byte("not an entry\n<b>bold</b>") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			entry, good := oneEntry(t, testCache(dir, 0), dir, src)
			if err := os.WriteFile(entry, tc.corrupt(bytes.Clone(good)), 0o644); err != nil {
				t.Fatal(err)
			}
			c := testCache(dir, 0)
			if got, _ := convert(t, c, checks.EN, src); got != want {
				t.Errorf("a bad entry was served:\n got %s\nwant %s", got, want)
			}
			if st := c.Stats(); st.DiskHits != 0 || st.Highlighted != 1 {
				t.Errorf("stats %+v, want the block highlighted again", st)
			}
			if repaired, _ := os.ReadFile(entry); !bytes.Equal(repaired, good) {
				t.Errorf("the bad entry was not replaced:\n%s", repaired)
			}
		})
	}
}

func TestCacheTrimEvictsOldest(t *testing.T) {
	dir := t.TempDir()
	var src strings.Builder
	for i := range 20 {
		fmt.Fprintf(&src, "```bash\necho %d\n```\n\n", i)
	}
	c := testCache(dir, 0)
	convert(t, c, checks.EN, src.String())
	files := entryFiles(t, dir)
	if len(files) != 20 {
		t.Fatalf("%d entries, want 20", len(files))
	}
	// Give the entries distinct ages, oldest first; remember the five most recent.
	var size int64
	base := time.Now().Add(-48 * time.Hour)
	for i, f := range files {
		if err := os.Chtimes(f, base, base.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
		fi, _ := os.Stat(f)
		size = fi.Size()
	}
	c.maxBytes = 5*size + size/2
	if err := c.Trim(); err != nil {
		t.Fatal(err)
	}
	left := entryFiles(t, dir)
	if len(left) != 5 {
		t.Fatalf("%d entries left, want 5", len(left))
	}
	for i, f := range left {
		if f != files[15+i] {
			t.Errorf("kept %s, want the most recent %s", f, files[15+i])
		}
	}
	// A cache that only read entries leaves the folder alone.
	r := testCache(dir, 1)
	kept := ""
	for i := range 20 {
		code := fmt.Sprintf("echo %d\n", i)
		if r.path(r.key("bash", []byte(code))) == left[0] {
			kept = "```bash\n" + code + "```\n"
		}
	}
	if kept == "" {
		t.Fatal("no block's key names the entry kept")
	}
	convert(t, r, checks.EN, kept)
	if st := r.Stats(); st.DiskHits != 1 {
		t.Fatalf("stats %+v, want the kept block read from disk", st)
	}
	if err := r.Trim(); err != nil {
		t.Fatal(err)
	}
	if n := len(entryFiles(t, dir)); n != 5 {
		t.Errorf("a cache that wrote nothing trimmed: %d entries left", n)
	}
}

// TestCacheTwoBuildsAtOnce runs two caches (two builds) on one folder at the same time.
func TestCacheTwoBuildsAtOnce(t *testing.T) {
	dir := t.TempDir()
	var src strings.Builder
	for i := range 40 {
		fmt.Fprintf(&src, "```bash\necho %d && exit 1\n```\n\n", i%25)
	}
	want, _ := convert(t, nil, checks.FR, src.String())
	var wg sync.WaitGroup
	got := make([]string, 4)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := NewHighlighter()
			h.Cache = testCache(dir, 0)
			var out bytes.Buffer
			if err := New(checks.FR, h).Convert([]byte(src.String()), &out); err != nil {
				t.Error(err)
			}
			got[i] = out.String()
		}()
	}
	wg.Wait()
	for i, g := range got {
		if g != want {
			t.Errorf("build %d: output differs from the uncached one", i)
		}
	}
	if n := len(entryFiles(t, dir)); n != 25 {
		t.Errorf("%d entries, want 25 (no temporary file left)", n)
	}
}

func TestCacheNeedsChromaVersion(t *testing.T) {
	// A test binary carries no module versions: NewCache must not use the disk.
	c := NewCache(t.TempDir(), 0)
	if c.Dir() != "" || c.Err() == nil {
		t.Errorf("NewCache without chroma's version: Dir() = %q, Err() = %v; want no disk and an error saying why", c.Dir(), c.Err())
	}
	a, b := testCache("", 0), NewCacheVersion("", 0, "another chroma")
	if a.key("bash", []byte("x")) == b.key("bash", []byte("x")) {
		t.Error("two chroma versions give the same key")
	}
	if a.key("bash", []byte("x")) == a.key("sh", []byte("x")) || a.key("bash", []byte("x")) == a.key("bash", []byte("y")) {
		t.Error("the key does not depend on the language and the code")
	}
}

// TestCacheTrimsEarlierLayout: entries of the layout with two hex digits of folder are never
// read, but count in the bound and go first, being the oldest.
func TestCacheTrimsEarlierLayout(t *testing.T) {
	dir := t.TempDir()
	c := testCache(dir, 0)
	entry, data := oneEntry(t, c, dir, "```bash\necho new\n```\n")
	name := filepath.Base(entry)
	legacy := filepath.Join(dir, name[:2], strings.Repeat("0", 64))
	if err := os.MkdirAll(filepath.Dir(legacy), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(legacy, data, 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(legacy, old, old); err != nil {
		t.Fatal(err)
	}
	if n, entries, err := c.Size(); err != nil || entries != 2 || n != 2*int64(len(data)) {
		t.Fatalf("Size() = %d, %d, %v, want both entries counted", n, entries, err)
	}
	c.maxBytes = int64(len(data))
	if err := c.Trim(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(legacy); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the entry of the earlier layout is still there (%v)", err)
	}
	if _, err := os.Stat(entry); err != nil {
		t.Errorf("the recent entry went: %v", err)
	}
}
