package markdown

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
)

// cacheFormat names the layout of a cache entry and the way highlight.go turns code into
// HTML (the formatter's options, the <pre> wrapper, the classes recorded, chroma's matches
// without timeout). Change it whenever one of them changes: entries written under another
// name are never read. Format 2 was written by a highlighter whose matches could time out on
// a loaded machine: its entries may be wrong. Format 3 kept one file per entry; format 4 keeps
// the entries of a build in one pack file.
const cacheFormat = formatName + " 4"

// formatName starts cacheFormat in every format, and so every file the cache writes.
const formatName = "sitegen-highlight"

// DefaultCacheSize bounds the highlight cache on disk. A 15-line block takes about 3 KB, so
// this holds some 80 000 distinct blocks; past it, the least recently used go first.
const DefaultCacheSize = 256 << 20

// memCacheSize bounds the blocks a build keeps in memory. Pages are rendered with their
// translation next to them, so a block met on the French page is met again a few pages later
// on the English one; the blocks of a whole large site are never all held.
const memCacheSize = 4 << 20

// Cache remembers highlighted code blocks, so that a build highlights each distinct block once:
// in memory within a build (a bilingual site repeats its code in both languages: the memo)
// and, when it has a folder, on disk across builds (most blocks do not change from one build
// to the next: the pack store, see packStore).
//
// An entry is keyed by the SHA-256 of the language, the code, the versions of chroma and of
// its regular-expression engine, the Go version and the highlighting options, so that an entry
// can only be served for the same input highlighted the same way.
//
// A Cache is safe for concurrent use, Flush and Trim included: they wait for the blocks being
// read from disk.
type Cache struct {
	// version is what the highlighted HTML depends on besides language and code.
	version string
	memo    *memo
	store   *packStore // nil when memory only

	blocks, highlighted, diskHits, stored atomic.Int64

	mu  sync.Mutex
	err error // the first problem with the folder
}

// highlighted is a code block turned into HTML, with the chroma classes it uses. A block with
// a note (shown as plain text: see limits) is not kept on disk, so that every build that
// shows it says why.
type highlighted struct {
	html    []byte
	classes []string
	note    string
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
	c := &Cache{
		version: fmt.Sprintf("%s\x00%s\x00style=%s classes pre=focusable\x00%s", cacheFormat, runtime.Version(), HighlightStyle, deps),
		memo:    newMemo(memCacheSize),
	}
	if dir != "" {
		c.store = newPackStore(dir, maxBytes)
	}
	return c
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
	// DiskHits how many were read from the disk, Stored how many were written to it (to this
	// build's pack, visible to other builds once flushed).
	Blocks, Highlighted, DiskHits, Stored int64
}

// Stats returns the counts so far.
func (c *Cache) Stats() CacheStats {
	return CacheStats{Blocks: c.blocks.Load(), Highlighted: c.highlighted.Load(), DiskHits: c.diskHits.Load(), Stored: c.stored.Load()}
}

// Err returns the first problem met with the cache's folder, if any. Such a problem never
// fails a build: the code is highlighted instead.
func (c *Cache) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *Cache) fail(err error) {
	c.mu.Lock()
	if c.err == nil {
		c.err = err
	}
	c.mu.Unlock()
}

// Dir returns the cache's folder, "" when it keeps nothing on disk.
func (c *Cache) Dir() string {
	if c.store == nil {
		return ""
	}
	return c.store.dir
}

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
	c.blocks.Add(1)
	k := c.key(lang, code)
	return c.memo.get(k, func() highlighted { return c.load(k, highlight) })
}

// load returns block k from the disk, else from highlight, then stored on disk.
func (c *Cache) load(k [32]byte, highlight func() highlighted) highlighted {
	if c.store != nil {
		if payload, ok := c.store.Get(k); ok {
			if b, ok := decodePayload(payload); ok {
				c.diskHits.Add(1)
				return b
			}
		}
	}
	b := highlight()
	c.highlighted.Add(1)
	if b.err != nil || b.note != "" || c.store == nil {
		return b
	}
	if err := c.store.Put(k, encodePayload(b)); err != nil {
		if !errors.Is(err, errStopped) {
			c.fail(err)
		}
		return b
	}
	c.stored.Add(1)
	return b
}

// encodePayload is what the store keeps of a block: its classes, space-separated, a newline,
// its HTML.
func encodePayload(b highlighted) []byte {
	n := len(b.html) + 1
	for _, c := range b.classes {
		n += len(c) + 1
	}
	p := make([]byte, 0, n)
	for i, c := range b.classes {
		if i > 0 {
			p = append(p, ' ')
		}
		p = append(p, c...)
	}
	p = append(p, '\n')
	return append(p, b.html...)
}

// decodePayload returns the block a payload holds.
func decodePayload(p []byte) (highlighted, bool) {
	classes, html, ok := bytes.Cut(p, []byte("\n"))
	if !ok {
		return highlighted{}, false
	}
	return highlighted{html: html, classes: strings.Fields(string(classes))}, true
}

// Flush ends a build on disk: the blocks it stored are put in place, where the builds that
// follow find them (packStore.Flush). Call it when a build ends, whatever became of the build:
// its blocks are right either way. A problem is reported by Err, never fails the build. The
// cache can then serve another build.
func (c *Cache) Flush() {
	if c.store == nil {
		return
	}
	if err := c.store.Flush(); err != nil {
		c.fail(err)
	}
}

// Trim flushes (Flush), then keeps the folder within its bound (packStore.Trim).
func (c *Cache) Trim() error {
	c.Flush()
	if c.store == nil {
		return nil
	}
	return c.store.Trim()
}
