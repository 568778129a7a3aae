package markdown

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// packStore keeps entries, payloads under 32-byte keys, in pack files in a folder: the disk
// side of a Cache, with the face of a build cache (Get, Put, Flush, Trim).
//
// The entries a build puts go into one pack of its own, a temporary file renamed into place
// by Flush: a pack is never seen half written and never changes once in place, so two
// builds, or two processes, at once never write the same file. Get finds the entries of
// earlier builds through the index at the end of each pack, read at the first Get after a
// Flush. The folder is safe for two builds at once: a corrupt, truncated or foreign pack or
// entry is ignored (a miss), never served (see cache_pack.go). Packs are not synced to disk:
// one lost in a crash is a miss, not an error.
//
// A packStore is safe for concurrent use. Get reads the packs of earlier builds under rw held
// for reading, and Flush, which closes them, holds it for writing: Flush waits for the Gets
// under way, and a Get that follows it reads the index anew.
type packStore struct {
	dir      string
	maxBytes int64

	rw   sync.RWMutex
	imu  sync.Mutex // guards read
	read *packSet   // the packs of earlier builds, nil until the first Get after a Flush

	wmu   sync.Mutex // guards the fields below
	w     *packWriter
	err   error // the problem that stopped this build's pack: the store puts nothing more
	wrote bool  // a pack was renamed into place: Trim has something to do
}

// maxPacks bounds the packs in the folder however many small builds run: a build that puts
// entries while the folder would hold more rewrites the smallest packs into its own and
// removes them, until half as many remain (compact).
const maxPacks = 16

// touchAfter is how old a pack's time may get before a hit refreshes it: the time orders
// eviction (least recently used first) and needs no finer grain.
const touchAfter = time.Hour

func newPackStore(dir string, maxBytes int64) *packStore {
	return &packStore{dir: dir, maxBytes: maxBytes}
}

// packSet is the packs of earlier builds open for reading, with their index.
type packSet struct {
	packs []*packFile
	index map[[32]byte]idxLoc
	// more holds, for a key in several packs, the places after the first, tried in turn: a
	// damaged entry must not hide the copy a later build stored to replace it.
	more map[[32]byte][]idxLoc
}

// packFile is a pack of an earlier build, open for reading.
type packFile struct {
	path    string
	f       *os.File
	mod     time.Time
	touched atomic.Bool // its time refreshed by this build
}

// idxLoc is where one of packSet.packs holds an entry.
type idxLoc struct {
	pack int32
	n    uint32
	off  int64
}

// Get returns the payload put under key k: by this build, else by an earlier one.
func (s *packStore) Get(k [32]byte) ([]byte, bool) {
	if p, ok := s.getOwn(k); ok {
		return p, true
	}
	s.rw.RLock()
	defer s.rw.RUnlock()
	return s.packs().get(k)
}

// getOwn returns the payload this build put under k (then forgotten by the memory).
func (s *packStore) getOwn(k [32]byte) ([]byte, bool) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.w == nil {
		return nil, false
	}
	return s.w.get(k)
}

// packs returns the packs of earlier builds, reading their index on the first call after a
// Flush. Called with rw held for reading.
func (s *packStore) packs() *packSet {
	s.imu.Lock()
	defer s.imu.Unlock()
	if s.read == nil {
		s.read = s.openPacks()
	}
	return s.read
}

// openPacks opens the packs in the folder and reads their index: the most recent first, as
// many as the store's bound holds (the others would go at the next Trim), so that what it
// reads is bounded by maxBytes whatever the folder holds.
func (s *packStore) openPacks() *packSet {
	set := &packSet{index: map[[32]byte]idxLoc{}, more: map[[32]byte][]idxLoc{}}
	files, _ := s.list()
	slices.SortFunc(files, func(a, b cacheFile) int { return b.mod.Compare(a.mod) })
	left := s.maxBytes
	for _, p := range files {
		if p.tmp || p.size > left {
			continue
		}
		f, err := os.Open(p.path)
		if err != nil {
			continue // removed meanwhile by another build
		}
		idx, ok := readPackIndex(f, p.size, left)
		if !ok {
			f.Close()
			continue
		}
		left -= p.size
		pi := int32(len(set.packs))
		set.packs = append(set.packs, &packFile{path: p.path, f: f, mod: p.mod})
		for _, e := range idx {
			loc := idxLoc{pack: pi, off: e.off, n: e.n}
			if _, dup := set.index[e.key]; dup {
				set.more[e.key] = append(set.more[e.key], loc)
			} else {
				set.index[e.key] = loc
			}
		}
	}
	return set
}

// get returns the payload of key k from the first of its places that reads right.
func (set *packSet) get(k [32]byte) ([]byte, bool) {
	loc, ok := set.index[k]
	if !ok {
		return nil, false
	}
	if payload, ok := set.read(k, loc); ok {
		return payload, true
	}
	for _, l := range set.more[k] {
		if payload, ok := set.read(k, l); ok {
			return payload, true
		}
	}
	return nil, false
}

// read returns the payload of key k at l, if it reads right. A hit refreshes the time of the
// pack that held it, at most hourly.
func (set *packSet) read(k [32]byte, l idxLoc) ([]byte, bool) {
	p := set.packs[l.pack]
	payload, ok := readEntry(p.f, k, l.off, l.n)
	if ok {
		p.touch()
	}
	return payload, ok
}

// touch refreshes the time of pack p, which served an entry, if it is older than touchAfter.
func (p *packFile) touch() {
	if time.Since(p.mod) <= touchAfter || !p.touched.CompareAndSwap(false, true) {
		return
	}
	now := time.Now()
	_ = os.Chtimes(p.path, now, now)
}

// close closes the packs.
func (set *packSet) close() {
	for _, p := range set.packs {
		p.f.Close()
	}
}

// Put appends the entry of key k to this build's pack, made at the first Put. After a
// problem writing, reported once, the build puts nothing more (the entries already written
// are a miss for the next build, not an error).
func (s *packStore) Put(k [32]byte, payload []byte) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.err != nil {
		return errStopped
	}
	if s.w == nil {
		w, err := createPack(s.dir)
		if err != nil {
			return s.stop(err)
		}
		s.w = w
	}
	if err := s.w.put(k, payload); err != nil {
		return s.stop(err)
	}
	return nil
}

// errStopped is what Put returns once the store has stopped writing.
var errStopped = errors.New("highlight cache: not written since an earlier problem")

// stop removes this build's pack after err: the build puts nothing more. Called with wmu held.
func (s *packStore) stop(err error) error {
	if s.w != nil {
		s.w.discard()
		s.w = nil
	}
	s.err = err
	return fmt.Errorf("highlight cache: %w", err)
}

// Flush ends a build: the pack of the entries it put, with those of the smallest packs when
// the folder would hold more than maxPacks, is renamed into place, where the builds that
// follow find it; the packs rewritten into it are then removed (one another build still
// reads is a miss for that build, and one that cannot be removed, open on Windows, stays).
// It waits for the Gets under way, closes the packs they read, and leaves the store ready for
// another build.
func (s *packStore) Flush() error {
	s.rw.Lock()
	defer s.rw.Unlock()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.closePacks() // before removing any: on Windows an open file cannot be removed
	if s.w == nil {
		return nil
	}
	merged, err := s.compact()
	if err != nil {
		return s.stop(err)
	}
	w := s.w
	s.w = nil
	if err := w.finish(); err != nil {
		return fmt.Errorf("highlight cache: %w", err)
	}
	s.wrote = true
	for _, p := range merged {
		_ = os.Remove(p)
	}
	return nil
}

// closePacks closes the packs read by this build; the next Get reads the index anew. Called
// with rw held for writing.
func (s *packStore) closePacks() {
	if s.read != nil {
		s.read.close()
		s.read = nil
	}
}

// compact copies into this build's pack the entries of the smallest packs in the folder,
// when with this one it would hold more than maxPacks, until it would hold maxPacks/2, and
// returns the packs copied (or unreadable), to remove once this pack is in place. It costs a
// build that puts entries one copy of small packs every maxPacks/2 builds or so, and keeps
// the packs of many small builds (a page edited each time) from piling up. Called with wmu
// held.
func (s *packStore) compact() ([]string, error) {
	files, _ := s.list()
	packs := slices.DeleteFunc(files, func(f cacheFile) bool { return f.tmp })
	if len(packs)+1 <= maxPacks {
		return nil, nil
	}
	slices.SortFunc(packs, func(a, b cacheFile) int { return cmp.Compare(a.size, b.size) })
	var merged []string
	left := len(packs) + 1
	for _, p := range packs {
		if left <= maxPacks/2 {
			break
		}
		if err := s.w.copyPack(p, s.maxBytes); err != nil {
			return nil, err
		}
		merged = append(merged, p.path)
		left--
	}
	return merged, nil
}

// Trim removes packs, least recently used first, until the folder holds at most maxBytes,
// and the temporary packs of builds that stopped more than an hour ago. It flushes first, and
// only looks at the folder when this store wrote a pack: reading entries cannot make the
// folder grow. Another build trimming at the same time is harmless, and a pack that cannot
// be removed (open on Windows) is skipped.
func (s *packStore) Trim() error {
	if err := s.Flush(); err != nil {
		return err
	}
	s.wmu.Lock()
	wrote := s.wrote
	s.wmu.Unlock()
	if !wrote {
		return nil
	}
	files, err := s.list()
	if err != nil {
		return fmt.Errorf("highlight cache: %w", err)
	}
	var total int64
	packs := files[:0]
	for _, f := range files {
		switch {
		case !f.tmp:
			packs = append(packs, f)
			total += f.size
		case time.Since(f.mod) > time.Hour:
			_ = os.Remove(f.path)
		}
	}
	slices.SortFunc(packs, func(a, b cacheFile) int { return a.mod.Compare(b.mod) })
	for _, f := range packs {
		if total <= s.maxBytes {
			break
		}
		if err := os.Remove(f.path); err == nil || errors.Is(err, fs.ErrNotExist) {
			total -= f.size
		}
	}
	return nil
}

// cacheFile is a pack in the folder, or the temporary file of a pack being written.
type cacheFile struct {
	path string
	size int64
	mod  time.Time
	tmp  bool
}

// list lists the packs in the folder and the temporary files of those being written: the
// files the store wrote, which it may remove. A file is one only if its name is one the
// store gives (ownName) and it starts as the store starts every file (ownStart); anything
// else in the folder is someone else's.
func (s *packStore) list() ([]cacheFile, error) {
	ents, err := os.ReadDir(s.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var files []cacheFile
	for _, e := range ents {
		tmp, ok := ownName(e.Name())
		if !ok {
			continue
		}
		fi, err := e.Info()
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		p := filepath.Join(s.dir, e.Name())
		if ownStart(p, tmp) {
			files = append(files, cacheFile{path: p, size: fi.Size(), mod: fi.ModTime(), tmp: tmp})
		}
	}
	return files, nil
}

// packID is the length of the random part of a pack's name, in hex digits (createPack).
const packID = 16

// ownName reports whether name is one the store gives its files: 16 hex digits then ".pack",
// or ".tmp-" then 16 hex digits for a pack being written; tmp tells which.
func ownName(name string) (tmp, ok bool) {
	if id, ok := strings.CutPrefix(name, tmpPrefix); ok {
		return true, isHexID(id)
	}
	id, ok := strings.CutSuffix(name, packSuffix)
	return false, ok && isHexID(id)
}

func isHexID(s string) bool {
	if len(s) != packID {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}

// ownStart reports whether the file at p starts as the store starts every file: with
// "sitegen-highlight ", the first words of packHeader in every format. A temporary file may
// also be empty, or hold part of those words only: the store writes through a buffer, and a
// build killed before it filled up leaves less.
func ownStart(p string, tmp bool) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	mark := []byte(formatName + " ")
	got := make([]byte, len(mark))
	n, _ := io.ReadFull(f, got)
	return n == len(mark) && bytes.Equal(got, mark) || tmp && bytes.Equal(got[:n], mark[:n])
}

// packWriter is this build's pack being written.
type packWriter struct {
	f   *os.File
	bw  *bufio.Writer
	off int64            // bytes written through bw
	own map[[32]byte]int // keys put, with their place in idx
	idx []idxEntry
}

// createPack makes this build's pack in dir, a temporary file until finish.
func createPack(dir string) (*packWriter, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var r [packID / 2]byte
	if _, err := rand.Read(r[:]); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, tmpPrefix+hex.EncodeToString(r[:])), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	w := &packWriter{f: f, bw: bufio.NewWriterSize(f, 256<<10), own: map[[32]byte]int{}}
	if _, err := w.bw.Write(packHeader); err != nil {
		w.discard()
		return nil, err
	}
	w.off = int64(len(packHeader))
	return w, nil
}

// put appends the entry of key k holding payload, unless the pack holds k already.
func (w *packWriter) put(k [32]byte, payload []byte) error {
	if _, ok := w.own[k]; ok {
		return nil
	}
	var head [256]byte
	h := appendEntryHeader(head[:0], k, payload)
	if _, err := w.bw.Write(h); err != nil {
		return err
	}
	if _, err := w.bw.Write(payload); err != nil {
		return err
	}
	w.add(k, int64(len(h)+len(payload)))
	return nil
}

// add records that the entry of key k, n bytes long, was written at w.off.
func (w *packWriter) add(k [32]byte, n int64) {
	w.own[k] = len(w.idx)
	w.idx = append(w.idx, idxEntry{key: k, off: w.off, n: uint32(n)})
	w.off += n
}

// get returns the payload of key k if the pack holds it.
func (w *packWriter) get(k [32]byte) ([]byte, bool) {
	i, ok := w.own[k]
	if !ok || w.bw.Flush() != nil {
		return nil, false
	}
	e := w.idx[i]
	return readEntry(w.f, k, e.off, e.n)
}

// copyPack appends the entries of pack p the pack does not hold yet, those that read right;
// a pack larger than maxBytes is not read.
func (w *packWriter) copyPack(p cacheFile, maxBytes int64) error {
	f, err := os.Open(p.path)
	if err != nil {
		return nil // removed meanwhile
	}
	defer f.Close()
	idx, ok := readPackIndex(f, p.size, maxBytes)
	if !ok {
		return nil // not a pack of this format: removed with the others
	}
	var buf []byte
	for _, e := range idx {
		if _, ok := w.own[e.key]; ok {
			continue
		}
		buf = slices.Grow(buf[:0], int(e.n))[:e.n]
		if _, err := f.ReadAt(buf, e.off); err != nil {
			continue
		}
		if _, ok := decodeEntry(e.key, buf); !ok {
			continue
		}
		if _, err := w.bw.Write(buf); err != nil {
			return err
		}
		w.add(e.key, int64(e.n))
	}
	return nil
}

// finish writes the pack's index and footer and renames it into place.
func (w *packWriter) finish() error {
	tmp := w.f.Name()
	_, err := w.bw.Write(packTail(w.idx, w.off))
	if err == nil {
		err = w.bw.Flush()
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(filepath.Dir(tmp), strings.TrimPrefix(filepath.Base(tmp), tmpPrefix)+packSuffix))
	}
	if err != nil {
		_ = os.Remove(tmp)
	}
	return err
}

// discard closes and removes the pack.
func (w *packWriter) discard() {
	w.f.Close()
	_ = os.Remove(w.f.Name())
}
