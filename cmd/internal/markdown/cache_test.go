package markdown

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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

// build converts src with a new cache on dir, as a build would, and flushes the cache.
func build(t *testing.T, dir, src string) (html string, c *Cache) {
	t.Helper()
	c = testCache(dir, 0)
	html, _ = convert(t, c, checks.EN, src)
	c.Flush()
	if err := c.Err(); err != nil {
		t.Fatal(err)
	}
	return html, c
}

// bashBlocks returns Markdown with a bash block per number in [from, to).
func bashBlocks(from, to int) string {
	var src strings.Builder
	for i := from; i < to; i++ {
		fmt.Fprintf(&src, "```bash\necho %d\n```\n\n", i)
	}
	return src.String()
}

// entry returns the entry of key k holding block b, as a pack holds it.
func entry(k [32]byte, b highlighted) []byte {
	p := encodePayload(b)
	return append(appendEntryHeader(nil, k, p), p...)
}

// diskEntries returns the number of entries the packs in dir hold.
func diskEntries(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	for _, p := range packs(t, dir) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		idx, ok := readPackIndex(bytes.NewReader(data), int64(len(data)), DefaultCacheSize)
		if !ok {
			t.Fatalf("%s does not read as a pack", p)
		}
		n += len(idx)
	}
	return n
}

// packs returns the cache's packs, and fails the test if a temporary file is left.
func packs(t testing.TB, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*"+packSuffix))
	if err != nil {
		t.Fatal(err)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, tmpPrefix+"*")); len(tmp) > 0 {
		t.Errorf("temporary files left: %q", tmp)
	}
	return files
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
			tc.c.Flush()
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
	if entries := diskEntries(t, dir); entries != 4 {
		t.Errorf("%d entries on disk, want 4", entries)
	}
	if p := packs(t, dir); len(p) != 1 {
		t.Errorf("packs %q, want the cold build's only (the warm one stored nothing)", p)
	}
}

// A build that stores nothing leaves no pack, and a pack is visible only once flushed.
func TestCachePackOnFlush(t *testing.T) {
	dir := t.TempDir()
	c := testCache(dir, 0)
	convert(t, c, checks.EN, bashBlocks(0, 3))
	if p, _ := filepath.Glob(filepath.Join(dir, "*"+packSuffix)); len(p) != 0 {
		t.Errorf("a pack is visible before the build ends: %q", p)
	}
	other := testCache(dir, 0)
	convert(t, other, checks.EN, bashBlocks(0, 3))
	if st := other.Stats(); st.DiskHits != 0 {
		t.Errorf("stats %+v: a build read the pack another is writing", st)
	}
	other.Flush()
	c.Flush()
	if p := packs(t, dir); len(p) != 2 {
		t.Fatalf("packs %q after the flushes, want 2", p)
	}
	// Flushed, the cache serves another build, into another pack.
	convert(t, c, checks.EN, bashBlocks(0, 5))
	c.Flush()
	if st := c.Stats(); st.Stored != 5 || st.DiskHits != 0 {
		t.Errorf("stats %+v, want 5 stored (3 then 2) and the 3 first from memory", st)
	}
	if p := packs(t, dir); len(p) != 3 {
		t.Errorf("packs %q, want 3", p)
	}
	_, warm := build(t, dir, bashBlocks(0, 5))
	if st := warm.Stats(); st.DiskHits != 5 || st.Stored != 0 {
		t.Errorf("stats %+v, want the 5 blocks read from the packs", st)
	}
	if p := packs(t, dir); len(p) != 3 {
		t.Errorf("packs %q: a build that stored nothing wrote a pack", p)
	}
}

// TestCacheReadsItsOwnPack: a block forgotten in memory is read back from the pack the build
// is writing.
func TestCacheReadsItsOwnPack(t *testing.T) {
	c := testCache(t.TempDir(), 0)
	k := c.key("bash", []byte("echo 1\n"))
	want := encodePayload(highlighted{html: []byte(`<pre class="chroma">x</pre>`), classes: []string{"k", "s"}})
	if err := c.store.Put(k, want); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.store.Get(k); !ok || !bytes.Equal(got, want) {
		t.Errorf("Get = %q, %v; want %q", got, ok, want)
	}
	if _, ok := c.store.Get(c.key("bash", []byte("echo 2\n"))); ok {
		t.Error("a block never stored was found")
	}
	c.Flush()
	if err := c.Err(); err != nil {
		t.Error(err)
	}
}

func TestCacheIgnoresBadPacks(t *testing.T) {
	const src = "```bash\necho \"hello\" && exit 1\n```\n"
	want, _ := convert(t, nil, checks.EN, src)
	k := testCache("", 0).key("bash", []byte("echo \"hello\" && exit 1\n"))
	foreign := entry(testCache("", 0).key("ini", []byte("key = 1\n")), highlighted{html: []byte("<b>not this block</b>")})
	for _, tc := range []struct {
		name    string
		corrupt func(pack []byte) []byte
	}{
		{"empty", func([]byte) []byte { return nil }},
		{"truncated", func(p []byte) []byte { return p[:len(p)-10] }},
		{"cut in the middle", func(p []byte) []byte { return p[:len(p)/2] }},
		{"byte changed in the HTML", func(p []byte) []byte { return bytes.Replace(p, []byte("hello"), []byte("HELLO"), 1) }},
		{"HTML replaced, length kept", func(p []byte) []byte {
			return bytes.Replace(p, []byte("hello"), []byte("<scr>"), 1)
		}},
		{"index changed", func(p []byte) []byte {
			p[len(p)-footerSize-1]++ // the entry's length
			return p
		}},
		{"another block's entry under this key", func([]byte) []byte {
			p := append(slices.Clone(packHeader), foreign...)
			return append(p, packTail([]idxEntry{{key: k, off: int64(len(packHeader)), n: uint32(len(foreign))}}, int64(len(p)))...)
		}},
		{"older format", func(p []byte) []byte { return bytes.ReplaceAll(p, []byte(cacheFormat), []byte("sitegen-highlight 3")) }},
		{"garbage", func([]byte) []byte { return []byte("not a pack\n<b>bold</b>") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			build(t, dir, src)
			p := packs(t, dir)
			if len(p) != 1 {
				t.Fatalf("packs %q, want 1", p)
			}
			good, err := os.ReadFile(p[0])
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p[0], tc.corrupt(bytes.Clone(good)), 0o644); err != nil {
				t.Fatal(err)
			}
			got, c := build(t, dir, src)
			if got != want {
				t.Errorf("a bad pack was served:\n got %s\nwant %s", got, want)
			}
			if st := c.Stats(); st.DiskHits != 0 || st.Highlighted != 1 || st.Stored != 1 {
				t.Errorf("stats %+v, want the block highlighted and stored again", st)
			}
			got, c = build(t, dir, src)
			if got != want {
				t.Errorf("served after the repair:\n got %s\nwant %s", got, want)
			}
			if st := c.Stats(); st.DiskHits != 1 || st.Highlighted != 0 {
				t.Errorf("stats %+v, want the block stored again read from disk", st)
			}
		})
	}
}

// setAge sets the time of files to now - age.
func setAge(t *testing.T, age time.Duration, files ...string) {
	t.Helper()
	when := time.Now().Add(-age)
	for _, f := range files {
		if err := os.Chtimes(f, when, when); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCacheTrimEvictsOldest(t *testing.T) {
	dir := t.TempDir()
	// Five builds, four blocks each, five packs of about the same size; the first is the oldest.
	var order []string
	var last *Cache
	for i := range 5 {
		_, last = build(t, dir, bashBlocks(4*i, 4*i+4))
		for _, p := range packs(t, dir) {
			if !slices.Contains(order, p) {
				order = append(order, p)
			}
		}
	}
	if len(order) != 5 {
		t.Fatalf("packs %q, want 5", order)
	}
	var size int64
	for i, p := range order {
		setAge(t, 48*time.Hour-time.Duration(i)*time.Minute, p)
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		size = max(size, fi.Size())
	}
	last.store.maxBytes = 2*size + size/2
	if err := last.Trim(); err != nil {
		t.Fatal(err)
	}
	if left := packs(t, dir); !slices.Equal(left, sorted(order[3:])) {
		t.Fatalf("packs left %q, want the two most recent %q", left, order[3:])
	}
	// A cache that only read entries leaves the folder alone, even over its bound, and
	// refreshes the time of the pack it read from (the most recent: the bound holds it only).
	r := testCache(dir, size+size/2)
	convert(t, r, checks.EN, bashBlocks(16, 17))
	if st := r.Stats(); st.DiskHits != 1 {
		t.Fatalf("stats %+v, want the block read from disk", st)
	}
	if err := r.Trim(); err != nil {
		t.Fatal(err)
	}
	if n := len(packs(t, dir)); n != 2 {
		t.Errorf("a cache that wrote nothing trimmed: %d packs left", n)
	}
	if fi, err := os.Stat(order[4]); err != nil || time.Since(fi.ModTime()) > time.Hour {
		t.Errorf("the pack read from was not refreshed (%v)", err)
	}
	if fi, err := os.Stat(order[3]); err != nil || time.Since(fi.ModTime()) < time.Hour {
		t.Errorf("a pack not read from was refreshed (%v)", err)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestCacheCompaction: builds that store a block each (a page edited, then built) keep the
// number of packs bounded, and lose no entry.
func TestCacheCompaction(t *testing.T) {
	dir := t.TempDir()
	const builds = 3 * maxPacks
	most := 0
	for i := range builds {
		_, c := build(t, dir, bashBlocks(0, i+1)) // all earlier blocks read, one new stored
		if st := c.Stats(); st.Stored != 1 || st.DiskHits != int64(i) {
			t.Fatalf("build %d: stats %+v, want %d blocks read from disk and 1 stored", i, st, i)
		}
		most = max(most, len(packs(t, dir)))
	}
	if most > maxPacks || most < maxPacks/2 {
		t.Errorf("at most %d packs, want between %d and %d", most, maxPacks/2, maxPacks)
	}
	_, c := build(t, dir, bashBlocks(0, builds))
	if st := c.Stats(); st.DiskHits != builds || st.Highlighted != 0 {
		t.Errorf("stats %+v, want all %d blocks read from disk", st, builds)
	}
	if entries := diskEntries(t, dir); entries != builds {
		t.Errorf("%d entries on disk, want %d (no entry copied twice)", entries, builds)
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
			h.Cache.Flush()
			if err := h.Cache.Trim(); err != nil || h.Cache.Err() != nil {
				t.Error(err, h.Cache.Err())
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
	if n := len(packs(t, dir)); n < 1 || n > 4 {
		t.Errorf("%d packs, want 1 to 4", n)
	}
	_, c := build(t, dir, src.String())
	if st := c.Stats(); st.DiskHits != 25 || st.Highlighted != 0 {
		t.Errorf("stats %+v, want the 25 blocks read from disk", st)
	}
}

// TestCacheKilledBuild: the pack of a build that never ended is not read, and is removed
// once an hour old by a build that trims.
func TestCacheKilledBuild(t *testing.T) {
	dir := t.TempDir()
	killed := testCache(dir, 0)
	convert(t, killed, checks.EN, bashBlocks(0, 2)) // never flushed
	killed.store.wmu.Lock()
	killed.store.w.bw.Flush() // what a process killed after a while would leave
	killed.store.w.f.Close()
	killed.store.wmu.Unlock()
	tmp, _ := filepath.Glob(filepath.Join(dir, tmpPrefix+"*"))
	if len(tmp) != 1 {
		t.Fatalf("temporary packs %q, want 1", tmp)
	}
	c := testCache(dir, 0)
	convert(t, c, checks.EN, bashBlocks(0, 2))
	if st := c.Stats(); st.DiskHits != 0 || st.Highlighted != 2 {
		t.Errorf("stats %+v: the unfinished pack was read", st)
	}
	if err := c.Trim(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp[0]); err != nil {
		t.Errorf("a recent temporary pack (of a build maybe still running) was removed: %v", err)
	}
	setAge(t, 2*time.Hour, tmp[0])
	_, c = build(t, dir, bashBlocks(2, 3))
	if err := c.Trim(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp[0]); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the temporary pack an hour old is still there (%v)", err)
	}
	if n := len(packs(t, dir)); n != 2 {
		t.Errorf("%d packs, want 2", n)
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

// TestCacheLeavesOtherFiles: the cache removes only files it wrote, even when it trims down to
// a bound smaller than one pack or merges packs. Folders named by one or two hex digits were
// the layout of the cache's first versions, a file per block: they are a user's files like
// any other. So are files named as the cache names its packs and temporary files but that do
// not start as they do, and a folder holding many files named *.pack.
func TestCacheLeavesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	names := []string{"01/photo.jpg", "a/notes.txt", "ff/0123", "builds/x.state", "README",
		"0123456789abcdef.pack", ".tmp-0123456789abcdef", ".tmp-notes"}
	for i := range maxPacks {
		names = append(names, fmt.Sprintf("archive-%d.pack", i))
	}
	var others []string
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, bytes.Repeat([]byte("x"), 1<<10), 0o644); err != nil {
			t.Fatal(err)
		}
		setAge(t, 48*time.Hour, p)
		others = append(others, p)
	}
	for i := range 3 {
		_, c := build(t, dir, bashBlocks(i, i+1))
		c.store.maxBytes = 1
		if err := c.Trim(); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range others {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("a file the cache did not write went: %v", err)
		}
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range ents {
		if !slices.ContainsFunc(names, func(n string) bool { return strings.Split(n, "/")[0] == e.Name() }) {
			left = append(left, e.Name())
		}
	}
	if len(left) != 0 {
		t.Errorf("files %q left, want none of the cache's: the bound is smaller than one pack", left)
	}
}

// BenchmarkCacheStore stores distinct 4 KB entries from every core at once, as a cold build's
// workers do, into one pack under the cache's lock.
func BenchmarkCacheStore(b *testing.B) {
	c := testCache(b.TempDir(), 0)
	block := highlighted{html: bytes.Repeat([]byte("<span class=\"k\">echo</span> "), 140), classes: []string{"k"}}
	var n atomic.Int64
	payload := encodePayload(block)
	b.SetBytes(int64(len(entry([32]byte{}, block))))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := c.store.Put(c.key("bash", strconv.AppendInt(nil, n.Add(1), 10)), payload); err != nil {
				b.Error(err)
			}
		}
	})
	b.StopTimer()
	c.Flush()
	if err := c.Err(); err != nil {
		b.Fatal(err)
	}
}

// TestCachePackRemovedWhileRead: a pack another build removes (trimmed, or merged into its
// own) while this build reads from it is at worst a miss, never an error nor a wrong block.
func TestCachePackRemovedWhileRead(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("an open file cannot be removed on Windows: another build's trim skips it")
	}
	dir := t.TempDir()
	build(t, dir, bashBlocks(0, 4))
	want, _ := convert(t, nil, checks.EN, bashBlocks(0, 4))
	c := testCache(dir, 0)
	first, _ := convert(t, c, checks.EN, bashBlocks(0, 1)) // the index is read
	for _, p := range packs(t, dir) {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
	}
	rest, _ := convert(t, c, checks.EN, bashBlocks(1, 4))
	c.Flush()
	if first+rest != want {
		t.Errorf("output differs from the uncached one:\n got %s\nwant %s", first+rest, want)
	}
	if st := c.Stats(); st.DiskHits+st.Highlighted != 4 || st.DiskHits < 1 {
		t.Errorf("stats %+v, want the first block read from disk and each of the 4 once", st)
	}
	if err := c.Err(); err != nil {
		t.Error(err)
	}
	// A new build finds no pack: a miss.
	_, c = build(t, dir, bashBlocks(0, 1))
	if st := c.Stats(); st.DiskHits != 0 || st.Highlighted != 1 {
		t.Errorf("stats %+v, want the block highlighted", st)
	}
}

// benchBlocks is the number of distinct blocks of the cache benchmarks' builds: a site of
// some size.
const benchBlocks = 1000

// benchBlock returns a block of about 3 KB of HTML (the size of a 15-line block) as the
// highlighter would give it, for the cache benchmarks.
func benchBlock() highlighted {
	return highlighted{html: bytes.Repeat([]byte(`<span class="nb">echo</span> <span class="s2">"x"</span>`+"\n"), 55), classes: []string{"nb", "s2"}}
}

// benchBuild asks cache c for the benchmark's blocks, as a build does, and flushes it.
func benchBuild(b *testing.B, c *Cache) {
	block := benchBlock()
	for i := range benchBlocks {
		c.get("bash", strconv.AppendInt(nil, int64(i), 10), func() highlighted { return block })
	}
	c.Flush()
	if err := c.Err(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCacheCold is a build that highlights every block and stores it: the pack written
// and renamed into place.
func BenchmarkCacheCold(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		benchBuild(b, testCache(dir, 0))
		b.StopTimer()
		for _, p := range packs(b, dir) {
			if err := os.Remove(p); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
	}
}

// BenchmarkCacheWarm is a build that reads every block from the pack of the build before.
func BenchmarkCacheWarm(b *testing.B) {
	dir := b.TempDir()
	benchBuild(b, testCache(dir, 0))
	for b.Loop() {
		c := testCache(dir, 0)
		benchBuild(b, c)
		if st := c.Stats(); st.DiskHits != benchBlocks {
			b.Fatalf("stats %+v, want every block read from disk", st)
		}
	}
}

// BenchmarkCacheMemo asks, from every core, for blocks the build already highlighted.
func BenchmarkCacheMemo(b *testing.B) {
	c := testCache("", 0)
	benchBuild(b, c)
	block := benchBlock()
	var n atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.get("bash", strconv.AppendInt(nil, n.Add(1)%100, 10), func() highlighted { return block })
		}
	})
}

// TestCacheFlushWhileAsked: Flush may run while blocks are asked for (the store, not its
// callers, keeps them apart): each block asked for meanwhile is read whole from the disk,
// none is missed for a pack closed under it.
func TestCacheFlushWhileAsked(t *testing.T) {
	dir := t.TempDir()
	const n = 2000
	stored := testCache(dir, 0)
	for i := 0; i < n; i += 100 { // pages of 100 blocks, within MaxHighlightPage
		convert(t, stored, checks.EN, bashBlocks(i, i+100))
	}
	stored.Flush()
	c := testCache(dir, 0)
	stop := make(chan struct{})
	flushes := make(chan int)
	go func() {
		i := 0
		for ; ; i++ {
			select {
			case <-stop:
				flushes <- i
				return
			default:
				c.Flush()
			}
		}
	}()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 4 {
				b := c.get("bash", fmt.Appendf(nil, "echo %d\n", i), func() highlighted {
					return highlighted{err: fmt.Errorf("block %d highlighted: not read from disk", i)}
				})
				if b.err != nil {
					t.Error(b.err)
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	t.Logf("%d flushes", <-flushes)
	if st := c.Stats(); st.DiskHits != n || st.Highlighted != 0 {
		t.Errorf("stats %+v, want all %d blocks read from disk", st, n)
	}
}

// sparsePack is a pack file of size bytes that holds only the header it starts with and the
// footer it ends with, and reads as zeros elsewhere, as a sparse file does; it records the
// largest read asked of it.
type sparsePack struct {
	size    int64
	foot    []byte
	largest int
}

func (p *sparsePack) ReadAt(b []byte, off int64) (int, error) {
	p.largest = max(p.largest, len(b))
	if off < 0 || off >= p.size {
		return 0, io.EOF
	}
	n := int(min(int64(len(b)), p.size-off))
	if off < int64(len(packHeader)) {
		copy(b[:n], packHeader[off:])
	}
	if start := p.size - int64(len(p.foot)); off+int64(n) > start {
		from := max(start, off)
		copy(b[from-off:n], p.foot[from-start:])
	}
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

// footer returns a pack's footer saying its index of count entries starts at off.
func footer(off, count int64) []byte {
	f := binary.BigEndian.AppendUint64(nil, uint64(off))
	f = binary.BigEndian.AppendUint64(f, uint64(count))
	f = append(f, make([]byte, sha256.Size)...)
	return append(f, packMagic...)
}

// TestPackIndexBounded: what a pack's footer says is checked against the file's size before
// anything is allocated or read: a pack whose footer claims a large index is refused having
// read its footer only, whatever the size it claims.
func TestPackIndexBounded(t *testing.T) {
	header := int64(len(packHeader))
	for _, tc := range []struct {
		name       string
		off, count int64 // the index's offset and entries, as the footer says
		limit      int64
	}{
		{"an index filling a 6 GB sparse pack", header, 6 << 30 / idxEntrySize, 8 << 30},
		{"more entries than fit before the index", header + 100, 1 << 20 / idxEntrySize, DefaultCacheSize},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The index ends where the footer starts, as readFooter wants.
			p := &sparsePack{size: tc.off + tc.count*idxEntrySize + footerSize, foot: footer(tc.off, tc.count)}
			if _, ok := readPackIndex(p, p.size, tc.limit); ok {
				t.Error("the pack was read as one")
			}
			if p.largest > footerSize {
				t.Errorf("a read of %d bytes, want none larger than the footer (%d)", p.largest, footerSize)
			}
		})
	}
}

// TestCacheReadsWithinBound: the packs read are the most recent, as many as the cache's bound
// holds: a pack larger than the bound, which the cache never keeps, is not read at all.
func TestCacheReadsWithinBound(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, bashBlocks(0, 20)) // the older pack, the larger
	older := packs(t, dir)
	setAge(t, 2*time.Hour, older...)
	build(t, dir, bashBlocks(20, 21))
	var sizes []int64
	for _, p := range packs(t, dir) {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, fi.Size())
	}
	small, large := slices.Min(sizes), slices.Max(sizes)
	for _, tc := range []struct {
		name     string
		maxBytes int64
		diskHits int64
	}{
		{"both packs within the bound", small + large, 21},
		{"the recent pack only", small + large - 1, 1},
		{"neither", small - 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			setAge(t, 2*time.Hour, older...) // as old again: a hit refreshes a pack's time
			c := testCache(dir, tc.maxBytes)
			convert(t, c, checks.EN, bashBlocks(0, 21))
			if st := c.Stats(); st.DiskHits != tc.diskHits || st.Highlighted != 21-tc.diskHits {
				t.Errorf("stats %+v, want %d blocks read from disk, the others highlighted", st, tc.diskHits)
			}
		})
	}
}

// FuzzPackReader reads any bytes as a pack: its index, then every entry the index lists. It
// must never panic, and an entry served must be exactly what a pack holds for its key and
// payload: its header made again from them is the bytes read. With fixSum, the fuzz target
// first writes the checksum of the index the footer points to into the footer, so that the
// fuzzer gets past the checksum to the index's entries and what they point to.
func FuzzPackReader(f *testing.F) {
	dir := f.TempDir()
	w, err := createPack(dir)
	if err != nil {
		f.Fatal(err)
	}
	for i, b := range []highlighted{{html: []byte("<b>x</b>"), classes: []string{"k"}}, {}, {html: []byte("\n\n")}} {
		if err := w.put([32]byte{byte(i)}, encodePayload(b)); err != nil {
			f.Fatal(err)
		}
	}
	if err := w.finish(); err != nil {
		f.Fatal(err)
	}
	written := packs(f, dir)
	if len(written) != 1 {
		f.Fatalf("packs %q, want 1", written)
	}
	pack, err := os.ReadFile(written[0])
	if err != nil {
		f.Fatal(err)
	}
	if idx, ok := readPackIndex(bytes.NewReader(pack), int64(len(pack)), 1<<20); !ok || len(idx) != 3 {
		f.Fatalf("the seed pack does not read as a pack of 3 entries")
	}
	f.Add(pack, false)
	f.Add(pack, true)
	f.Add(pack[:len(pack)-1], true)
	f.Add([]byte{}, false)
	f.Add(append(slices.Clone(packHeader), footer(int64(len(packHeader)), 0)...), true)
	f.Fuzz(func(t *testing.T, data []byte, fixSum bool) {
		if fixSum && len(data) >= footerSize {
			end := len(data) - footerSize
			if off := binary.BigEndian.Uint64(data[end:]); off <= uint64(end) {
				sum := sha256.Sum256(data[off:end])
				copy(data[end+16:], sum[:])
			}
		}
		idx, ok := readPackIndex(bytes.NewReader(data), int64(len(data)), 1<<20)
		if !ok {
			return
		}
		for _, e := range idx {
			payload, ok := readEntry(bytes.NewReader(data), e.key, e.off, e.n)
			if !ok {
				continue
			}
			want := append(appendEntryHeader(nil, e.key, payload), payload...)
			if got := data[e.off : e.off+int64(e.n)]; !bytes.Equal(got, want) {
				t.Fatalf("entry served from %q, which is not the entry of its key and payload %q", got, want)
			}
			decodePayload(payload)
		}
	})
}
