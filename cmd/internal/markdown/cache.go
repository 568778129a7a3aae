package markdown

import (
	"bufio"
	"bytes"
	"cmp"
	"container/list"
	"crypto/rand"
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
// a loaded machine: its entries may be wrong. Format 3 kept one file per entry; format 4 keeps
// the entries of a build in one pack file.
const cacheFormat = "sitegen-highlight 4"

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
// can only be served for the same input highlighted the same way. On disk, the entries a build
// stores go into one pack file of its own, written to a temporary file and renamed into place
// when the build ends (Flush); later builds find them through the pack's index. The folder is
// safe for two builds at once: a pack never changes once in place, and an entry is read only
// if its header names the expected key and the SHA-256 of its contents matches; a corrupt,
// truncated or foreign pack or entry is ignored (the block is highlighted and stored anew),
// never served. Packs are not synced to disk: one lost in a crash is a miss, not an error.
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

	dmu sync.Mutex
	d   disk

	hits, diskHits, highlighted, stored atomic.Int64
	wrote                               atomic.Bool // a pack renamed into place
	err                                 error       // the first problem with the folder; mu guards it
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
	// DiskHits how many were read from the disk, Stored how many were written to it (to this
	// build's pack, visible to other builds once flushed).
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
	c.mu.Lock()
	if c.err == nil {
		c.err = err
	}
	c.mu.Unlock()
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

// The disk side. A build appends the entries it stores to a pack file of its own, a temporary
// file renamed into place when the build ends (Flush): a pack is never seen half written and
// never changes once in place, so two builds at once never write the same file. Entries are
// found through the index at the end of each pack, read once per build on its first lookup on
// disk. A pack is a header line, the entries one after the other, their index and a footer:
//
//	sitegen-highlight 4 pack\n
//	<entries, as encodeEntry writes them>
//	<index: per entry its key (32 bytes), its offset (8) and its length (4), big-endian>
//	<footer: the index's offset (8), the number of entries (8), the SHA-256 of the index (32), packMagic>
//
// The index only says where to look: an entry is served only if its own header names the key
// asked for and its payload matches its checksum. A pack that does not read as one (foreign,
// truncated, its index changed) is ignored.
const (
	packSuffix   = ".pack"
	tmpPrefix    = ".tmp-" // starts the name of a pack being written
	packMagic    = "SGHPACK\n"
	idxEntrySize = 32 + 8 + 4
	footerSize   = 8 + 8 + sha256.Size + 8 // the last 8: packMagic
	maxEntrySize = 64 << 20
	// maxPacks bounds the packs in the folder however many small builds run: a build that
	// stores entries while the folder would hold more rewrites the smallest packs into its own
	// and removes them, until half as many remain (compact).
	maxPacks = 16
)

// packHeader starts every pack: a pack of another format is never read.
var packHeader = []byte(cacheFormat + " pack\n")

// idxEntry says where a pack holds the entry of a key.
type idxEntry struct {
	key [32]byte
	off int64
	n   uint32
}

// packFile is a pack of an earlier build, open for reading.
type packFile struct {
	path    string
	f       *os.File
	mod     time.Time
	touched bool // its time refreshed by this build
}

// disk is what a Cache knows of its folder within a build. Cache.dmu guards it.
type disk struct {
	packs []*packFile
	index map[[32]byte]idxLoc
	// more holds, for a key in several packs, the places after the first, tried in turn: a
	// damaged entry must not hide the copy a later build stored to replace it.
	more map[[32]byte][]idxLoc

	w      *os.File // this build's pack, nil until an entry is stored
	bw     *bufio.Writer
	off    int64            // bytes written through bw
	own    map[[32]byte]int // keys stored in w, with their place in ownIdx
	ownIdx []idxEntry
	broken bool // writing failed: this build stores nothing more
}

// idxLoc is where one of disk.packs holds an entry.
type idxLoc struct {
	pack int32
	n    uint32
	off  int64
}

// touchAfter is how old a pack's time may get before a hit refreshes it: the time orders
// eviction (least recently used first) and needs no finer grain.
const touchAfter = time.Hour

// An entry is one header line, then the payload:
//
//	sitegen-highlight 4 <key> <SHA-256 of the payload> <payload length>\n
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

// packTail returns the index of a pack's entries, starting at offset off, and its footer.
func packTail(idx []idxEntry, off int64) []byte {
	out := make([]byte, 0, len(idx)*idxEntrySize+footerSize)
	for _, e := range idx {
		out = append(out, e.key[:]...)
		out = binary.BigEndian.AppendUint64(out, uint64(e.off))
		out = binary.BigEndian.AppendUint32(out, e.n)
	}
	sum := sha256.Sum256(out)
	out = binary.BigEndian.AppendUint64(out, uint64(off))
	out = binary.BigEndian.AppendUint64(out, uint64(len(idx)))
	out = append(out, sum[:]...)
	return append(out, packMagic...)
}

// readFooter returns the offset of a pack's index and its number of entries, or false if the
// pack, of size bytes, does not end as one.
func readFooter(r io.ReaderAt, size int64) (off int64, count int64, ok bool) {
	if size < int64(len(packHeader)+footerSize) {
		return 0, 0, false
	}
	var foot [footerSize]byte
	if _, err := r.ReadAt(foot[:], size-footerSize); err != nil || string(foot[footerSize-len(packMagic):]) != packMagic {
		return 0, 0, false
	}
	u, n := binary.BigEndian.Uint64(foot[:8]), binary.BigEndian.Uint64(foot[8:16])
	end := uint64(size - footerSize)
	if u < uint64(len(packHeader)) || u > end || (end-u)%idxEntrySize != 0 || (end-u)/idxEntrySize != n {
		return 0, 0, false
	}
	return int64(u), int64(n), true
}

// readPackIndex returns the index of a pack of size bytes, or false if it is not a whole pack
// of this format with the index its footer vouches for.
func readPackIndex(r io.ReaderAt, size int64) ([]idxEntry, bool) {
	off, count, ok := readFooter(r, size)
	if !ok {
		return nil, false
	}
	head := make([]byte, len(packHeader))
	if _, err := r.ReadAt(head, 0); err != nil || !bytes.Equal(head, packHeader) {
		return nil, false
	}
	raw := make([]byte, size-footerSize-off)
	if _, err := r.ReadAt(raw, off); err != nil {
		return nil, false
	}
	var sum [sha256.Size]byte
	if _, err := r.ReadAt(sum[:], size-footerSize+16); err != nil || sha256.Sum256(raw) != sum {
		return nil, false
	}
	idx := make([]idxEntry, count)
	for i := range idx {
		e := raw[i*idxEntrySize:]
		copy(idx[i].key[:], e)
		idx[i].off = int64(binary.BigEndian.Uint64(e[32:]))
		idx[i].n = binary.BigEndian.Uint32(e[40:])
		if idx[i].off < int64(len(packHeader)) || idx[i].off > off || int64(idx[i].n) > off-idx[i].off || idx[i].n > maxEntrySize {
			return nil, false
		}
	}
	return idx, true
}

// readEntry reads the entry of key k at off, n bytes long, in r.
func readEntry(r io.ReaderAt, k [32]byte, off int64, n uint32) (highlighted, bool) {
	data := make([]byte, n)
	if _, err := r.ReadAt(data, off); err != nil {
		return highlighted{}, false
	}
	return decodeEntry(k, data)
}

// loadIndex reads the index of every pack in the folder. Called with dmu held.
func (c *Cache) loadIndex() {
	c.d.index = map[[32]byte]idxLoc{}
	c.d.more = map[[32]byte][]idxLoc{}
	packs, _ := c.listPacks()
	for _, p := range packs {
		f, err := os.Open(p.path)
		if err != nil {
			continue // removed meanwhile by another build
		}
		idx, ok := readPackIndex(f, p.size)
		if !ok {
			f.Close()
			continue
		}
		pi := int32(len(c.d.packs))
		c.d.packs = append(c.d.packs, &packFile{path: p.path, f: f, mod: p.mod})
		for _, e := range idx {
			loc := idxLoc{pack: pi, off: e.off, n: e.n}
			if _, dup := c.d.index[e.key]; dup {
				c.d.more[e.key] = append(c.d.more[e.key], loc)
			} else {
				c.d.index[e.key] = loc
			}
		}
	}
}

// load reads entry k from the disk: from this build's pack, else from the packs of earlier
// builds. A hit refreshes the time of the pack that held it, at most hourly.
func (c *Cache) load(k [32]byte) (highlighted, bool) {
	if c.dir == "" {
		return highlighted{}, false
	}
	c.dmu.Lock()
	if i, ok := c.d.own[k]; ok { // stored by this build, then forgotten in memory
		e := c.d.ownIdx[i]
		if c.d.bw.Flush() == nil {
			if b, ok := readEntry(c.d.w, k, e.off, e.n); ok {
				c.dmu.Unlock()
				return b, true
			}
		}
	}
	if c.d.index == nil {
		c.loadIndex()
	}
	loc, ok := c.d.index[k]
	if !ok {
		c.dmu.Unlock()
		return highlighted{}, false
	}
	locs := append([]idxLoc{loc}, c.d.more[k]...)
	packs := c.d.packs
	c.dmu.Unlock()
	// The packs are read without dmu: Flush, which closes them, never runs while a build asks
	// for blocks (a build flushes once its pages are made; serve's updates run one at a time).
	for _, l := range locs {
		p := packs[l.pack]
		if b, ok := readEntry(p.f, k, l.off, l.n); ok {
			c.touch(p)
			return b, true
		}
	}
	return highlighted{}, false
}

// touch refreshes the time of pack p, which served an entry, if it is older than touchAfter.
func (c *Cache) touch(p *packFile) {
	c.dmu.Lock()
	defer c.dmu.Unlock()
	if p.touched || time.Since(p.mod) <= touchAfter {
		return
	}
	p.touched = true
	now := time.Now()
	_ = os.Chtimes(p.path, now, now)
}

// store appends entry k to this build's pack, made when the first entry is stored.
func (c *Cache) store(k [32]byte, b highlighted) {
	if c.dir == "" {
		return
	}
	entry := encodeEntry(k, b)
	c.dmu.Lock()
	defer c.dmu.Unlock()
	if _, ok := c.d.own[k]; ok || c.d.broken {
		return
	}
	if err := c.appendEntry(k, entry); err != nil {
		c.abandon(err)
		return
	}
	c.stored.Add(1)
}

// appendEntry writes an entry to this build's pack. Called with dmu held.
func (c *Cache) appendEntry(k [32]byte, entry []byte) error {
	if c.d.w == nil {
		if err := c.create(); err != nil {
			return err
		}
	}
	if _, err := c.d.bw.Write(entry); err != nil {
		return err
	}
	c.d.own[k] = len(c.d.ownIdx)
	c.d.ownIdx = append(c.d.ownIdx, idxEntry{key: k, off: c.d.off, n: uint32(len(entry))})
	c.d.off += int64(len(entry))
	return nil
}

// create makes this build's pack, a temporary file until Flush. Called with dmu held.
func (c *Cache) create() error {
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	var r [8]byte
	if _, err := rand.Read(r[:]); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(c.dir, tmpPrefix+hex.EncodeToString(r[:])), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	c.d.w, c.d.bw = f, bufio.NewWriterSize(f, 256<<10)
	c.d.own = map[[32]byte]int{}
	c.d.ownIdx = nil
	c.d.off = 0
	if _, err := c.d.bw.Write(packHeader); err != nil {
		return err
	}
	c.d.off = int64(len(packHeader))
	return nil
}

// abandon removes this build's pack after a problem, which it reports: the build stores
// nothing more (the entries already written are a miss for the next build, not an error).
// Called with dmu held.
func (c *Cache) abandon(err error) {
	c.fail(fmt.Errorf("highlight cache: %w", err))
	if c.d.w != nil {
		c.d.w.Close()
		_ = os.Remove(c.d.w.Name())
	}
	c.d.w, c.d.bw, c.d.own, c.d.ownIdx = nil, nil, nil, nil
	c.d.broken = true
}

// Flush ends a build on disk: the pack of the entries it stored, with those of the smallest
// packs when the folder would hold more than maxPacks, is renamed into place, where the builds
// that follow find it; the packs rewritten into it are then removed (one another build still
// reads is a miss for that build, and one that cannot be removed, open on Windows, stays).
// Call it when a build ends, whatever became of the build: its entries are right either way.
// A problem is reported by Err, never fails the build. The cache can then serve another build.
func (c *Cache) Flush() {
	c.dmu.Lock()
	defer c.dmu.Unlock()
	if c.d.w == nil {
		c.closePacks()
		return
	}
	merged := c.compact()
	if c.d.w == nil {
		c.closePacks()
		return // abandoned while compacting
	}
	tmp := c.d.w.Name()
	_, err := c.d.bw.Write(packTail(c.d.ownIdx, c.d.off))
	if err == nil {
		err = c.d.bw.Flush()
	}
	if cerr := c.d.w.Close(); err == nil {
		err = cerr
	}
	c.d.w, c.d.bw, c.d.own, c.d.ownIdx = nil, nil, nil, nil
	if err == nil {
		err = os.Rename(tmp, filepath.Join(filepath.Dir(tmp), strings.TrimPrefix(filepath.Base(tmp), tmpPrefix)+packSuffix))
	}
	c.closePacks() // before removing: on Windows an open file cannot be removed
	if err != nil {
		_ = os.Remove(tmp)
		c.fail(fmt.Errorf("highlight cache: %w", err))
		return
	}
	c.wrote.Store(true)
	for _, p := range merged {
		_ = os.Remove(p)
	}
}

// closePacks closes the packs read by this build; the next lookup reads the index anew.
// Called with dmu held.
func (c *Cache) closePacks() {
	for _, p := range c.d.packs {
		p.f.Close()
	}
	c.d.packs, c.d.index, c.d.more = nil, nil, nil
}

// compact copies into this build's pack the entries of the smallest packs in the folder,
// when with this one it would hold more than maxPacks, until it would hold maxPacks/2, and
// returns the packs copied (or unreadable), to remove once this pack is in place. It costs a
// build that stores entries one copy of small packs every maxPacks/2 builds or so, and keeps
// the packs of many small builds (a page edited each time) from piling up. Called with dmu
// held.
func (c *Cache) compact() []string {
	packs, _ := c.listPacks()
	if len(packs)+1 <= maxPacks {
		return nil
	}
	slices.SortFunc(packs, func(a, b cacheFile) int { return cmp.Compare(a.size, b.size) })
	var merged []string
	left := len(packs) + 1
	for _, p := range packs {
		if left <= maxPacks/2 {
			break
		}
		if err := c.copyPack(p); err != nil {
			c.abandon(err)
			return nil
		}
		merged = append(merged, p.path)
		left--
	}
	return merged
}

// copyPack appends to this build's pack the entries of pack p it does not hold yet, those
// that read right. Called with dmu held.
func (c *Cache) copyPack(p cacheFile) error {
	f, err := os.Open(p.path)
	if err != nil {
		return nil // removed meanwhile
	}
	defer f.Close()
	idx, ok := readPackIndex(f, p.size)
	if !ok {
		return nil // not a pack: removed with the others
	}
	var buf []byte
	for _, e := range idx {
		if _, ok := c.d.own[e.key]; ok {
			continue
		}
		buf = slices.Grow(buf[:0], int(e.n))[:e.n]
		if _, err := f.ReadAt(buf, e.off); err != nil {
			continue
		}
		if _, ok := decodeEntry(e.key, buf); !ok {
			continue
		}
		if err := c.appendEntry(e.key, buf); err != nil {
			return err
		}
	}
	return nil
}

// Size returns the bytes and the number of entries the cache holds on disk, in its packs.
func (c *Cache) Size() (n int64, entries int, err error) {
	files, err := c.entries()
	for _, f := range files {
		n += f.size
		if pf, err := os.Open(f.path); err == nil {
			if _, count, ok := readFooter(pf, f.size); ok {
				entries += int(count)
			}
			pf.Close()
		}
	}
	return n, entries, err
}

// cacheFile is a pack.
type cacheFile struct {
	path string
	size int64
	mod  time.Time
}

// listPacks lists the packs in the folder, not those being written.
func (c *Cache) listPacks() ([]cacheFile, error) {
	return c.list(false)
}

// entries lists the packs, and removes the temporary files of builds that stopped more than an
// hour ago. The folders (builds/) are not the highlight cache's.
func (c *Cache) entries() ([]cacheFile, error) {
	return c.list(true)
}

// list lists the packs, and with all removes the old temporary files.
func (c *Cache) list(all bool) ([]cacheFile, error) {
	if c.dir == "" {
		return nil, nil
	}
	ents, err := os.ReadDir(c.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var files []cacheFile
	for _, e := range ents {
		if e.IsDir() {
			continue
		}
		fi, err := e.Info()
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		p := filepath.Join(c.dir, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), tmpPrefix):
			if all && time.Since(fi.ModTime()) > time.Hour {
				_ = os.Remove(p)
			}
		case strings.HasSuffix(e.Name(), packSuffix):
			files = append(files, cacheFile{path: p, size: fi.Size(), mod: fi.ModTime()})
		}
	}
	return files, nil
}

// Trim flushes this build's pack (Flush), then removes packs, least recently used first,
// until the cache holds at most its bound.
// It only looks at the folder when this process wrote a pack: reading entries cannot make
// the cache grow. Another build trimming at the same time is harmless, and a pack that cannot
// be removed (open on Windows) is skipped.
func (c *Cache) Trim() error {
	c.Flush()
	if c.dir == "" || !c.wrote.Load() {
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
