package markdown

import (
	"bytes"
	"container/list"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// cacheFormat names the layout of a cache entry and the way highlight.go turns code into
// HTML (the formatter's options, the <pre> wrapper, the classes recorded, chroma's matches
// without timeout). Change it whenever one of them changes: entries written under another
// name are never read. Format 2 was written by a highlighter whose matches could time out on
// a loaded machine: its entries may be wrong.
const cacheFormat = "sitegen-highlight 3"

// DefaultCacheSize bounds the highlight cache on disk. A 15-line block takes about 3 KB, so
// this holds some 80 000 distinct blocks; past it, the least recently used go first.
const DefaultCacheSize = 256 << 20

// memCacheSize bounds the blocks a build keeps in memory. Pages are rendered with their
// translation next to them, so a block met on the French page is met again a few pages later
// on the English one; the blocks of a whole large site are never all held.
const memCacheSize = 4 << 20

// Cache remembers highlighted code blocks, so that a build highlights each distinct block once:
// in memory within a build (a bilingual site repeats its code in both languages) and, when it
// has a folder, on disk across builds (most blocks do not change from one build to the next).
//
// An entry is keyed by the SHA-256 of the language, the code, the versions of chroma and of
// its regular-expression engine, the Go version and the highlighting options, so that an entry
// can only be served for the same input highlighted the same way. The folder is safe for two
// builds at once: an entry is written to a temporary file and renamed into place, and an entry
// is read only if its header names the expected key and the SHA-256 of its contents matches;
// a corrupt, truncated or foreign entry is ignored (and replaced), never served. Entries are
// not synced to disk: one lost in a crash is a miss, not an error.
//
// A Cache is safe for concurrent use.
type Cache struct {
	dir      string // "" when memory only
	maxBytes int64
	// version is what the highlighted HTML depends on besides language and code.
	version string

	mu      sync.Mutex
	mem     map[[32]byte]*memEntry
	lru     list.List // of *memEntry, completed entries only, most recent first
	memSize int64
	dirs    map[string]bool // subfolders already made

	hits, diskHits, highlighted, stored atomic.Int64
	errOnce                             sync.Once
	err                                 error
}

// memEntry is a block highlighted, or being highlighted, in this process.
type memEntry struct {
	key   [32]byte
	done  chan struct{} // closed once html and classes are set
	block highlighted
	elem  *list.Element
}

// highlighted is a code block turned into HTML, with the chroma classes it uses.
type highlighted struct {
	html    []byte
	classes []string
	err     error
}

// DefaultCacheDir is where sitegen keeps highlighted code: sitegen/highlight in the user's
// cache folder (os.UserCacheDir: $XDG_CACHE_HOME or ~/.cache on Linux).
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache folder: %w", err)
	}
	return filepath.Join(dir, "sitegen", "highlight"), nil
}

// NewCache returns a cache that keeps entries under dir, bounded to maxBytes (0 means
// DefaultCacheSize), or in memory only when dir is "". The disk is not used either when the
// binary does not say which chroma it was built with (test binaries do not): an entry could
// then not be told from one written by another version.
func NewCache(dir string, maxBytes int64) *Cache {
	v, ok := moduleVersions()
	if !ok && dir != "" {
		c := NewCacheVersion("", maxBytes, "")
		c.fail(errors.New("the binary does not say which chroma it was built with: highlighted code is not cached on disk"))
		return c
	}
	return NewCacheVersion(dir, maxBytes, v)
}

// NewCacheVersion is NewCache for a given description of the highlighter's dependencies
// (chroma's version), for tests, whose binaries carry no module versions.
func NewCacheVersion(dir string, maxBytes int64, deps string) *Cache {
	if maxBytes <= 0 {
		maxBytes = DefaultCacheSize
	}
	return &Cache{
		dir:      dir,
		maxBytes: maxBytes,
		version:  fmt.Sprintf("%s\x00%s\x00style=%s classes pre=focusable\x00%s", cacheFormat, runtime.Version(), HighlightStyle, deps),
		mem:      map[[32]byte]*memEntry{},
		dirs:     map[string]bool{},
	}
}

// moduleVersions describes the modules the highlighted HTML depends on: chroma and its
// regular-expression engine. It reports false when one's version is unknown.
func moduleVersions() (string, bool) {
	found := map[string]string{}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Replace != nil {
				d = d.Replace
			}
			found[d.Path] = d.Version + " " + d.Sum
		}
	}
	var b strings.Builder
	ok := true
	for _, m := range []string{"github.com/alecthomas/chroma/v2", "github.com/dlclark/regexp2/v2"} {
		v := found[m]
		if v == "" || strings.HasPrefix(v, "(devel)") {
			ok = false
		}
		fmt.Fprintf(&b, "%s %s\n", m, v)
	}
	return b.String(), ok
}

// CacheStats counts what a cache did.
type CacheStats struct {
	// Blocks is how many code blocks were asked for; Highlighted how many chroma highlighted,
	// DiskHits how many were read from the disk, Stored how many were written to it.
	Blocks, Highlighted, DiskHits, Stored int64
}

// Stats returns the counts so far.
func (c *Cache) Stats() CacheStats {
	return CacheStats{Blocks: c.hits.Load(), Highlighted: c.highlighted.Load(), DiskHits: c.diskHits.Load(), Stored: c.stored.Load()}
}

// Err returns the first problem met with the cache's folder, if any. Such a problem never
// fails a build: the code is highlighted instead.
func (c *Cache) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *Cache) fail(err error) {
	c.errOnce.Do(func() {
		c.mu.Lock()
		c.err = err
		c.mu.Unlock()
	})
}

// Dir returns the cache's folder, "" when it keeps nothing on disk.
func (c *Cache) Dir() string { return c.dir }

// key returns the key of a block.
func (c *Cache) key(lang string, code []byte) [32]byte {
	h := sha256.New()
	var n [8]byte
	for _, part := range [][]byte{[]byte(c.version), []byte(lang), code} {
		binary.BigEndian.PutUint64(n[:], uint64(len(part)))
		h.Write(n[:])
		h.Write(part)
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// get returns the highlighted block of code in lang: from memory, else from the disk, else
// from highlight (then kept in both). Two goroutines asking for the same block at once
// highlight it once.
func (c *Cache) get(lang string, code []byte, highlight func() highlighted) highlighted {
	c.hits.Add(1)
	k := c.key(lang, code)
	c.mu.Lock()
	if e := c.mem[k]; e != nil {
		if e.elem != nil {
			c.lru.MoveToFront(e.elem)
		}
		c.mu.Unlock()
		<-e.done
		return e.block
	}
	e := &memEntry{key: k, done: make(chan struct{})}
	c.mem[k] = e
	c.mu.Unlock()

	b, ok := c.load(k)
	if ok {
		c.diskHits.Add(1)
	} else {
		b = highlight()
		c.highlighted.Add(1)
		if b.err == nil {
			c.store(k, b)
		}
	}
	e.block = b
	close(e.done)

	c.mu.Lock()
	defer c.mu.Unlock()
	if b.err != nil {
		delete(c.mem, k) // an error is not remembered
		return b
	}
	e.elem = c.lru.PushFront(e)
	c.memSize += e.size()
	for c.memSize > memCacheSize && c.lru.Len() > 1 {
		old := c.lru.Remove(c.lru.Back()).(*memEntry)
		delete(c.mem, old.key)
		c.memSize -= old.size()
	}
	return b
}

func (e *memEntry) size() int64 {
	n := int64(len(e.block.html)) + 100
	for _, c := range e.block.classes {
		n += int64(len(c)) + 16
	}
	return n
}

// path returns the file of entry k: its first hex digit as folder, then the key. Sixteen
// folders, not 256: a cold build makes every folder, and making one costs about as much as
// writing an entry (some 5 000 entries a folder at DefaultCacheSize).
func (c *Cache) path(k [32]byte) string {
	name := hex.EncodeToString(k[:])
	return filepath.Join(c.dir, name[:1], name)
}

// An entry is one header line, then the payload:
//
//	sitegen-highlight 3 <key> <SHA-256 of the payload> <payload length>\n
//	<classes, space-separated>\n
//	<HTML>
func encodeEntry(k [32]byte, b highlighted) []byte {
	payload := []byte(strings.Join(b.classes, " ") + "\n")
	payload = append(payload, b.html...)
	sum := sha256.Sum256(payload)
	out := fmt.Appendf(nil, "%s %x %x %d\n", cacheFormat, k, sum, len(payload))
	return append(out, payload...)
}

// decodeEntry returns the block an entry holds, or false if the entry is not one written for
// key k or its contents do not match its checksum.
func decodeEntry(k [32]byte, data []byte) (highlighted, bool) {
	header, payload, ok := bytes.Cut(data, []byte("\n"))
	if !ok {
		return highlighted{}, false
	}
	f := strings.Fields(string(header))
	if len(f) != 5 || f[0]+" "+f[1] != cacheFormat || f[2] != hex.EncodeToString(k[:]) {
		return highlighted{}, false
	}
	if n, err := strconv.Atoi(f[4]); err != nil || n != len(payload) {
		return highlighted{}, false
	}
	sum := sha256.Sum256(payload)
	if f[3] != hex.EncodeToString(sum[:]) {
		return highlighted{}, false
	}
	classes, html, ok := bytes.Cut(payload, []byte("\n"))
	if !ok {
		return highlighted{}, false
	}
	return highlighted{html: html, classes: strings.Fields(string(classes))}, true
}

// touchAfter is how old an entry's time may get before a hit refreshes it: the time orders
// eviction (least recently used first) and needs no finer grain.
const touchAfter = time.Hour

// load reads entry k from the disk.
func (c *Cache) load(k [32]byte) (highlighted, bool) {
	if c.dir == "" {
		return highlighted{}, false
	}
	f, err := os.Open(c.path(k))
	if err != nil {
		return highlighted{}, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() > 64<<20 {
		return highlighted{}, false
	}
	data := make([]byte, fi.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return highlighted{}, false
	}
	b, ok := decodeEntry(k, data)
	if ok && time.Since(fi.ModTime()) > touchAfter {
		now := time.Now()
		_ = os.Chtimes(c.path(k), now, now)
	}
	return b, ok
}

// store writes entry k: to a temporary file in its folder, renamed into place, so that a
// reader sees the old entry, the new one or none, never half of one.
func (c *Cache) store(k [32]byte, b highlighted) {
	if c.dir == "" {
		return
	}
	final := c.path(k)
	sub := filepath.Dir(final)
	c.mu.Lock()
	made := c.dirs[sub]
	c.mu.Unlock()
	if !made {
		if err := os.MkdirAll(sub, 0o755); err != nil {
			c.fail(fmt.Errorf("highlight cache: %w", err))
			return
		}
		c.mu.Lock()
		c.dirs[sub] = true
		c.mu.Unlock()
	}
	tmp, err := os.CreateTemp(sub, tmpPrefix+"*")
	if err != nil {
		c.fail(fmt.Errorf("highlight cache: %w", err))
		return
	}
	_, werr := tmp.Write(encodeEntry(k, b))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(tmp.Name())
		c.fail(fmt.Errorf("highlight cache: %w", err))
		return
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		_ = os.Remove(tmp.Name())
		c.fail(fmt.Errorf("highlight cache: %w", err))
		return
	}
	c.stored.Add(1)
}

// tmpPrefix starts the name of an entry being written.
const tmpPrefix = ".tmp-"

// Size returns the bytes and the number of entries the cache holds on disk.
func (c *Cache) Size() (n int64, entries int, err error) {
	files, err := c.entries()
	for _, f := range files {
		n += f.size
	}
	return n, len(files), err
}

type cacheFile struct {
	path string
	size int64
	mod  time.Time
}

// entries lists the cache's entries; it removes temporary files left by a build that
// stopped more than an hour ago.
func (c *Cache) entries() ([]cacheFile, error) {
	if c.dir == "" {
		return nil, nil
	}
	subs, err := os.ReadDir(c.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var files []cacheFile
	for _, s := range subs {
		if !s.IsDir() || len(s.Name()) > 2 { // two hex digits: an earlier layout, never read, trimmed
			continue
		}
		sub := filepath.Join(c.dir, s.Name())
		ents, err := os.ReadDir(sub)
		if err != nil {
			continue // removed meanwhile by another build's trim
		}
		for _, e := range ents {
			fi, err := e.Info()
			if err != nil || !fi.Mode().IsRegular() {
				continue
			}
			p := filepath.Join(sub, e.Name())
			if strings.HasPrefix(e.Name(), tmpPrefix) {
				if time.Since(fi.ModTime()) > time.Hour {
					_ = os.Remove(p)
				}
				continue
			}
			files = append(files, cacheFile{p, fi.Size(), fi.ModTime()})
		}
	}
	return files, nil
}

// Trim removes the least recently used entries until the cache holds at most its bound. It
// only looks at the folder when this process wrote entries to it: reading entries cannot make
// the cache grow. Another build trimming at the same time is harmless.
func (c *Cache) Trim() error {
	if c.dir == "" || c.stored.Load() == 0 {
		return nil
	}
	files, err := c.entries()
	if err != nil {
		return fmt.Errorf("highlight cache: %w", err)
	}
	var total int64
	for _, f := range files {
		total += f.size
	}
	if total <= c.maxBytes {
		return nil
	}
	slices.SortFunc(files, func(a, b cacheFile) int { return a.mod.Compare(b.mod) })
	for _, f := range files {
		if total <= c.maxBytes {
			break
		}
		if err := os.Remove(f.path); err == nil || errors.Is(err, fs.ErrNotExist) {
			total -= f.size
		}
	}
	return nil
}
