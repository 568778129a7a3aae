package site

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/afero"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
)

// buildState is what a build leaves for the next build of the same content into the same
// output folder (see the package documentation, "The incremental build").
type buildState struct {
	stateHeader
	// Pages are by language and source path ("fr/hosted.md").
	Pages map[string]*pageState
}

// siteKey sums, part by part, everything rendering reads besides a page's own source (Parts),
// and apart what only some pages show (Deps): see siteModel.siteKey.
type siteKey struct {
	Parts [len(keyParts)][32]byte
	Deps  [2][32]byte // the checker's downloads, its browser build
}

// rendersAlike reports whether a page rendered under key k renders the same under now, given
// whether it shows the checker or its downloads.
func (k siteKey) rendersAlike(now siteKey, checker, downloads bool) bool {
	return k.Parts == now.Parts && (!downloads || k.Deps[0] == now.Deps[0]) && (!checker || k.Deps[1] == now.Deps[1])
}

// stateFormat names the layout of buildState: a state of another format is ignored.
const stateFormat = "sitegen-build-state 6"

// pageState is what a build keeps of one page for the next.
type pageState struct {
	Sum        [32]byte // SHA-256 of the source file
	HTML       fileStamp
	Raw, Gzip  int // the weight of the HTML (see weight)
	Anchors    []string
	Links      []stateLink
	Checklists []string // IDs
	// Checker and Downloads say the page shows the browser checker or the downloads, whose
	// builds change without the sources.
	Checker, Downloads bool
	Classes            []string
	// Search is where the page's entries are in its language's index: offset and length.
	Search [2]int64
	// Notes are what the page's rendering did otherwise than it asks (see Site.Notes): a page
	// taken as it was says them again.
	Notes []markdown.Note
}

type stateLink struct {
	Dest, Title string
	Line        int
}

// fileStamp tells a file from the one that was there: its size, modification time and, where
// the system has them, inode and device.
type fileStamp struct {
	Size, ModTime int64
	Ino, Dev      uint64
}

func stampOf(fi fs.FileInfo) fileStamp {
	st := fileStamp{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
	st.Ino, st.Dev = inode(fi)
	return st
}

// stamp returns the stamp of the regular file name, or false.
func stamp(name string) (fileStamp, bool) {
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return fileStamp{}, false
	}
	return stampOf(fi), true
}

// incremental is an incremental build under way: the previous state, if it applies, and the
// new one being gathered.
type incremental struct {
	file string // the state file
	out  string // the output folder, as it was before this build
	// last is the state of the previous build, when what every page's rendering reads is
	// unchanged since (see siteKey); nil otherwise, and why says why.
	last *buildState
	key  siteKey
	why  string

	mu      sync.Mutex
	indexes map[checks.Lang]*indexReader
	// indexOK says, by language, whether the previous search index is the one the state
	// describes.
	indexOK map[checks.Lang]bool
	// taken holds the pages taken from the previous build, with their state; spans where
	// the search entries of each page are in the index written (see siteModel.writeSearchIndex).
	taken map[*Page]*pageState
	spans map[*Page][2]int64
}

// statePath returns the file of the state of the build of src into out, in dir: one per pair
// of folders, named by their absolute paths.
func statePath(dir, src, out string) (string, error) {
	as, err := filepath.Abs(src)
	if err != nil {
		return "", err
	}
	ao, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(as + "\x00" + ao))
	return filepath.Join(dir, hex.EncodeToString(sum[:12])+".state"), nil
}

// startIncremental prepares an incremental build of s, or returns nil when b cannot build
// incrementally: no state folder, an output that is not on the operating system's disk, or
// checklists that do not come from the program (tests reword them).
func (b *Builder) startIncremental(s *siteModel, out string) *incremental {
	if b.StateDir == "" || b.Catalog != nil {
		return nil
	}
	if _, ok := b.Out.(*afero.OsFs); !ok {
		return nil
	}
	file, err := statePath(b.StateDir, b.SrcDir, out)
	if err != nil {
		return nil
	}
	key, err := s.siteKey()
	if err != nil {
		return nil
	}
	inc := &incremental{file: file, out: out, key: key, indexes: map[checks.Lang]*indexReader{}, indexOK: map[checks.Lang]bool{},
		taken: map[*Page]*pageState{}, spans: map[*Page][2]int64{}}
	s.inc = inc
	prev, err := readState(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		inc.why = "no previous build of " + b.SrcDir + " into " + b.OutDir + " in the cache folder"
	case err != nil:
		inc.why = "the previous build's state cannot be read (" + err.Error() + ")"
	default:
		for i, k := range key.Parts {
			if prev.Key.Parts[i] != k {
				inc.why = keyParts[i]
				return inc
			}
		}
		inc.last = prev
		for l, want := range prev.Search {
			cur, ok := stamp(filepath.Join(inc.out, filepath.FromSlash(searchIndexPath(l))))
			inc.indexOK[l] = ok && cur == want
		}
	}
	return inc
}

// readState reads the state file. Any doubt is an error, which the build takes for no state:
// a file that is not a regular one, or that does not hold what a build writes (see
// decodeState).
func readState(file string) (*buildState, error) {
	f, info, err := openRegular(afero.NewOsFs(), file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	if head, err := r.Peek(len(stateMagic)); err != nil || string(head) != stateMagic {
		return nil, fmt.Errorf("%s is not a state sitegen wrote (it does not start with %q)", file, strings.TrimSpace(stateMagic))
	}
	_, _ = r.Discard(len(stateMagic))
	st, err := decodeState(r, info.Size()-int64(len(stateMagic)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return st, nil
}

// stateMagic starts every state file, before what writeState writes: what trimStates finds
// without it in the state folder is not a state, and stays.
const stateMagic = "sitegen build state\n"

// minPageRecord is the fewest bytes a page record takes in a state file: its source's sum
// alone is 32.
const minPageRecord = 32

// decodeState reads a state of size bytes from r. Every size it reads is bounded by what the
// file can hold before anything is allocated for it (gob itself refuses a length past the end
// of its message), and every value is checked as a build would use it (see
// pageState.check): a state that a build did not write, or that a later edit damaged, is an
// error, never a panic, a huge allocation or a page taken on a false word.
func decodeState(r io.Reader, size int64) (*buildState, error) {
	dec := gob.NewDecoder(r)
	var h stateHeader
	if err := dec.Decode(&h); err != nil {
		return nil, err
	}
	if h.Format != stateFormat {
		return nil, fmt.Errorf("written by another version of sitegen, format %q", h.Format)
	}
	if h.Count < 0 || int64(h.Count) > size/minPageRecord {
		return nil, fmt.Errorf("%d pages claimed in %d bytes", h.Count, size)
	}
	for l, idx := range h.Search {
		if _, ok := checks.ParseLang(string(l)); !ok || idx.Size < 0 {
			return nil, fmt.Errorf("search index %q of %d bytes", l, idx.Size)
		}
	}
	st := &buildState{stateHeader: h, Pages: make(map[string]*pageState, h.Count)}
	for range h.Count {
		var r pageRecord
		if err := dec.Decode(&r); err != nil {
			return nil, err
		}
		if err := r.check(h.Search); err != nil {
			return nil, fmt.Errorf("page %q: %w", r.Name, err)
		}
		if st.Pages[r.Name] != nil {
			return nil, fmt.Errorf("page %q given twice", r.Name)
		}
		st.Pages[r.Name] = &r.State
	}
	if err := dec.Decode(new(pageRecord)); err != io.EOF {
		return nil, fmt.Errorf("more than the %d pages claimed (%v)", h.Count, err)
	}
	return st, nil
}

// check returns an error unless the record is one a build could have written, given the
// stamps of the search indexes: a page of a known language, an HTML file of the size its
// weight says, its search entries inside its language's index, its anchors sorted (they are
// looked up by binary search), no negative line.
func (r pageRecord) check(indexes map[checks.Lang]fileStamp) error {
	lang, rel, _ := strings.Cut(r.Name, "/")
	l, ok := checks.ParseLang(lang)
	switch {
	case !ok || !strings.HasSuffix(rel, ".md") || path.Clean("/" + rel)[1:] != rel:
		return errors.New("not a page of a language folder")
	case r.State.HTML.Size < 0 || int64(r.State.Raw) != r.State.HTML.Size || r.State.Gzip < 0:
		return fmt.Errorf("HTML of %d bytes weighing %d (%d compressed)", r.State.HTML.Size, r.State.Raw, r.State.Gzip)
	}
	idx, ok := indexes[l]
	if span := r.State.Search; !ok || span[0] < 1 || span[1] < 0 || span[0] > idx.Size-span[1] {
		return fmt.Errorf("search entries at %d, %d bytes, in an index of %d bytes", span[0], span[1], idx.Size)
	}
	if !slices.IsSorted(r.State.Anchors) || len(slices.Compact(slices.Clone(r.State.Anchors))) != len(r.State.Anchors) {
		return errors.New("anchors out of order")
	}
	for _, link := range r.State.Links {
		if link.Line < 0 {
			return fmt.Errorf("link %q at line %d", link.Dest, link.Line)
		}
	}
	for _, n := range r.State.Notes {
		if n.Line < 0 {
			return fmt.Errorf("note at line %d", n.Line)
		}
	}
	return nil
}

// A state file is a gob stream: a stateHeader, then a pageRecord per page. Pages are written
// one at a time, so that saving the state of a large site does not hold a second copy of it.
type stateHeader struct {
	Format string
	Key    siteKey
	// Search are the search indexes the pages' spans point into, by language.
	Search map[checks.Lang]fileStamp
	// Count is how many page records follow.
	Count int
}

type pageRecord struct {
	Name  string
	State pageState
}

// programSum is the SHA-256 of the running executable: what a page looks like depends on the
// program's code (templates, checklists, highlighter) as much as on the sources.
var programSum = sync.OnceValues(func() ([32]byte, error) {
	var sum [32]byte
	exe, err := os.Executable()
	if err != nil {
		return sum, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
})

// siteKey sums, part by part, what rendering a page reads besides its own source: a page
// is reused only if every part is unchanged (the part that changed says why none is). What
// only the pages with a downloads or checker block show is summed apart (see rendersAlike).
// Every value is summed whole, through sumValue: a field added to the configuration, the
// front matter or the checker's builds is in the key without a word here.
func (s *siteModel) siteKey() (key siteKey, err error) {
	keys, deps := &key.Parts, &key.Deps
	prog, err := programSum()
	if err != nil {
		return key, err
	}
	keys[0] = sha256.Sum256(fmt.Appendf(nil, "%s\x00%x", stateFormat, prog)) // the date shows on the PDFs only, made every time
	if keys[1], err = themeSum(s.theme); err != nil {
		return key, err
	}
	type pageKey struct { // what the navigation and the links show of a page
		Lang     checks.Lang
		Rel, URL string
		FM       FrontMatter
	}
	pages := make([]pageKey, len(s.Pages))
	for i, p := range s.Pages {
		pages[i] = pageKey{p.Lang, p.Rel, p.URL, p.FM}
	}
	for _, part := range []struct {
		sum *[32]byte
		v   any
	}{{&keys[2], s.Config}, {&keys[3], pages}, {&deps[0], s.downloads}, {&deps[1], s.checker}} {
		if *part.sum, err = sumValue(part.v); err != nil {
			return key, err
		}
	}
	return key, nil
}

// themeSum sums the theme's files, each by its path and bytes.
func themeSum(theme fs.FS) (sum [32]byte, err error) {
	h := sha256.New()
	err = fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		fmt.Fprintf(h, "\x00theme %q %d\x00", p, len(data))
		h.Write(data)
		return err
	})
	copy(sum[:], h.Sum(nil))
	return sum, err
}

// sumValue returns the SHA-256 of v, the whole value: every exported field of a struct, the
// entries of a map in key order, the elements of a slice, what a pointer leads to, a time as
// the instant it names. Unexported fields (a cache, a sync.Once) are what a value derives
// from the others and are left out. A kind sumValue cannot sum (a function, a channel) is an
// error, never a silent hole in the key.
func sumValue(v any) ([32]byte, error) {
	w := valueWriter{h: sha256.New()}
	err := w.value(reflect.ValueOf(v))
	var sum [32]byte
	copy(sum[:], w.h.Sum(nil))
	return sum, err
}

var timeType = reflect.TypeFor[time.Time]()

// valueWriter writes values to a hash so that two different values write different bytes:
// each part is preceded by its kind, and a string or a list by its length.
type valueWriter struct {
	h   hash.Hash
	buf []byte
}

// part writes a kind, a number and, for a string, its bytes.
func (w *valueWriter) part(kind byte, n int64, s string) {
	w.buf = append(strconv.AppendInt(append(w.buf[:0], kind), n, 10), ':')
	w.h.Write(append(w.buf, s...))
}

func (w *valueWriter) value(v reflect.Value) error {
	switch {
	case !v.IsValid():
		w.part('0', 0, "")
	case v.Type() == timeType:
		t := v.Interface().(time.Time)
		w.part('t', t.UnixNano(), t.Location().String())
	case v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface:
		if v.IsNil() {
			return w.value(reflect.Value{})
		}
		return w.value(v.Elem())
	case v.Kind() == reflect.String:
		w.part('s', int64(v.Len()), v.String())
	case v.CanInt():
		w.part('i', v.Int(), "")
	case v.CanUint():
		w.part('u', int64(v.Uint()), "")
	case v.Kind() == reflect.Bool:
		w.part('b', map[bool]int64{true: 1}[v.Bool()], "")
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8:
		w.part('B', int64(v.Len()), "")
		w.h.Write(v.Bytes())
	case v.Kind() == reflect.Slice || v.Kind() == reflect.Array:
		w.part('l', int64(v.Len()), "")
		for i := range v.Len() {
			if err := w.value(v.Index(i)); err != nil {
				return err
			}
		}
	case v.Kind() == reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		w.part('m', int64(len(keys)), "")
		for _, k := range keys {
			if err := errors.Join(w.value(k), w.value(v.MapIndex(k))); err != nil {
				return err
			}
		}
	case v.Kind() == reflect.Struct:
		w.part('{', int64(v.NumField()), v.Type().String())
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				w.part('f', int64(i), f.Name)
				if err := w.value(v.Field(i)); err != nil {
					return err
				}
			}
		}
	default:
		return fmt.Errorf("site key: cannot sum a %s", v.Type())
	}
	return nil
}

// keyParts says, for each part of the site's key, what changed when it differs.
var keyParts = [...]string{
	"sitegen itself changed",
	"the theme changed",
	"the site configuration changed",
	"a page was added, removed or moved, or a front matter changed (every page shows the titles and URLs in its navigation)",
}

// reusable returns the state of page p when its HTML can be taken from the previous build.
func (inc *incremental) reusable(p *Page) *pageState {
	if inc == nil || inc.last == nil || !inc.indexOK[p.Lang] {
		return nil
	}
	st := inc.last.Pages[string(p.Lang)+"/"+p.Rel]
	if st == nil || st.Sum != p.sum || !inc.last.Key.rendersAlike(inc.key, st.Checker, st.Downloads) {
		return nil
	}
	if cur, ok := stamp(filepath.Join(inc.out, filepath.FromSlash(p.URL+"index.html"))); !ok || cur != st.HTML {
		return nil
	}
	return st
}

// reuse makes p as the previous build left it: scanned, with its anchors, links and
// checklists, its highlighting classes counted in the stylesheet, and its search entries read
// from the previous index when the new one is written (see searchPart).
func (s *siteModel) reuse(p *Page, st *pageState) error {
	p.anchors = st.Anchors
	p.links = p.links[:0]
	for _, l := range st.Links {
		p.links = append(p.links, pageLink{dest: l.Dest, title: l.Title, line: l.Line})
	}
	p.Checklists = nil
	for _, id := range st.Checklists {
		cl, ok := s.Catalog.Checklist(id)
		if !ok {
			return fmt.Errorf("checklist %q", id)
		}
		p.Checklists = append(p.Checklists, cl)
	}
	p.Checker, p.downloads, p.classes, p.notes, p.scanned = st.Checker, st.Downloads, st.Classes, st.Notes, true
	s.trees.take(p) // not rendered: the tree parsed for its URL goes
	s.hl.MarkUsed(st.Classes)
	return nil
}

// oldSearch returns, in buf's storage, the entries of reused page p in the previous search
// index. The index is written in URL order, as the previous one was: the previous one is read
// forward, through a buffer, rather than with a system call per page.
func (inc *incremental) oldSearch(p *Page, buf []byte) ([]byte, error) {
	span := inc.taken[p].Search
	inc.mu.Lock()
	defer inc.mu.Unlock()
	r := inc.indexes[p.Lang]
	if r == nil || span[0] < r.pos {
		if r == nil {
			f, _, err := openRegular(afero.NewOsFs(), filepath.Join(inc.out, filepath.FromSlash(searchIndexPath(p.Lang))))
			if err != nil {
				return nil, err
			}
			r = &indexReader{f: f}
			inc.indexes[p.Lang] = r
		}
		if _, err := r.f.Seek(span[0], io.SeekStart); err != nil {
			return nil, err
		}
		r.br = bufio.NewReaderSize(r.f, 1<<20)
		r.pos = span[0]
	}
	if _, err := r.br.Discard(int(span[0] - r.pos)); err != nil {
		return nil, err
	}
	buf = slices.Grow(buf[:0], int(span[1]))[:span[1]]
	_, err := io.ReadFull(r.br, buf)
	r.pos = span[0] + span[1]
	return buf, err
}

// indexReader reads a previous search index forward.
type indexReader struct {
	f   afero.File
	br  *bufio.Reader
	pos int64
}

// split returns the pages of pages to render and those to take as they are from the previous
// build's site, the latter as outputs that take their file.
func (inc *incremental) split(s *siteModel, pages []output) (render []*Page, taken []output) {
	for _, o := range pages {
		st := inc.reusable(o.page)
		if st == nil || s.reuse(o.page, st) != nil {
			render = append(render, o.page)
			continue
		}
		o.taken = st
		taken = append(taken, o)
		inc.taken[o.page] = st
	}
	return render, taken
}

// took returns the state of page p when it was taken from the previous build, else nil.
func (inc *incremental) took(p *Page) *pageState {
	if inc == nil {
		return nil
	}
	return inc.taken[p]
}

// written records where the search entries of pages are in the index written, for the state.
func (inc *incremental) written(spans map[*Page][2]int64) {
	if inc == nil {
		return
	}
	inc.mu.Lock()
	defer inc.mu.Unlock()
	for p, span := range spans {
		inc.spans[p] = span
	}
}

// close releases the previous search indexes.
func (inc *incremental) close() {
	if inc == nil {
		return
	}
	for _, r := range inc.indexes {
		r.f.Close()
	}
	clear(inc.indexes)
}

// failed forgets the state the build read when the build failed for another reason than the
// content's problems (those are the sources', see siteModel.makePages) or an interruption:
// the state may be the cause, and the next build starts from nothing rather than fail again.
func (inc *incremental) failed(err error) {
	var be *BuildError
	if inc == nil || inc.last == nil || err == nil || errors.As(err, &be) || errors.Is(err, context.Canceled) {
		return
	}
	_ = os.Remove(inc.file)
}

// finish says what the build took from the previous one, and saves the state of the site
// just published.
func (inc *incremental) finish(s *siteModel, st *stage) {
	if inc == nil {
		return
	}
	s.Reused, s.WhyAll = len(inc.taken), inc.why
	if inc.why == "" && len(inc.taken) == 0 {
		s.WhyAll = inc.whyNone(s)
	}
	s.StateErr = inc.save(s, st.stamps, st.weights)
}

// save writes the state of the site just published, whose files have the stamps and weights
// given. Pages whose HTML was not stamped are left out: the next build renders them.
func (inc *incremental) save(s *siteModel, stamps map[string]fileStamp, weights map[string]weight) error {
	h := stateHeader{Format: stateFormat, Key: inc.key, Search: map[checks.Lang]fileStamp{}}
	for _, l := range checks.Langs() {
		if idx, ok := stamps[searchIndexPath(l)]; ok {
			h.Search[l] = idx
		}
	}
	var pages []*Page
	for _, p := range s.Pages {
		if _, ok := stamps[p.URL+"index.html"]; ok && p.scanned && p.sum != ([32]byte{}) {
			pages = append(pages, p)
		}
	}
	h.Count = len(pages)
	err := os.MkdirAll(filepath.Dir(inc.file), 0o755)
	var tmp *os.File
	if err == nil {
		tmp, err = os.CreateTemp(filepath.Dir(inc.file), path.Base(inc.file)+".tmp-*")
	}
	if err != nil {
		return fmt.Errorf("cannot save the build's state for the next one: %w", err)
	}
	bw := bufio.NewWriter(tmp)
	_, _ = bw.WriteString(stateMagic) // an error stays in bw, and Flush returns it
	err = writeState(bw, h, func(i int) pageRecord {
		p := pages[i]
		name := p.URL + "index.html"
		w := weights[name]
		ps := pageState{Sum: p.sum, HTML: stamps[name], Raw: w.raw, Gzip: w.gzip, Checker: p.Checker, Downloads: p.downloads, Classes: p.classes, Search: inc.spans[p], Notes: p.notes}
		ps.Anchors = p.anchors
		for _, l := range p.links {
			ps.Links = append(ps.Links, stateLink{l.dest, l.title, l.line})
		}
		for _, cl := range p.Checklists {
			ps.Checklists = append(ps.Checklists, cl.ID)
		}
		return pageRecord{string(p.Lang) + "/" + p.Rel, ps}
	})
	if err == nil {
		err = bw.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), inc.file)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("cannot save the build's state for the next one: %w", err)
	}
	trimStates(filepath.Dir(inc.file), keptStates)
	return nil
}

// writeState writes a state to w: the header h, then h.Count page records, which record gives
// one at a time, so that saving the state of a large site does not hold a second copy of it.
func writeState(w io.Writer, h stateHeader, record func(i int) pageRecord) error {
	enc := gob.NewEncoder(w)
	err := enc.Encode(h)
	for i := 0; err == nil && i < h.Count; i++ {
		err = enc.Encode(record(i))
	}
	return err
}

// keptStates is how many states the state folder keeps: one per content and output folder
// pair built, the most recently saved.
const keptStates = 32

// trimStates removes all but the keep most recent states of dir, and temporary files left by
// a build stopped over an hour ago. It removes only what a build wrote there: a regular file
// named as statePath names a state (or as save names its temporary file) and starting with
// stateMagic (a temporary file may be empty, stopped before anything was written). A dir that
// is a symbolic link is left alone: it leads to a folder sitegen did not make. Another build
// trimming at the same time is harmless.
func trimStates(dir string, keep int) {
	if info, err := os.Lstat(dir); err != nil || !info.IsDir() {
		return
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type state struct {
		name string
		mod  time.Time
	}
	var states []state
	for _, e := range ents {
		fi, err := e.Info()
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		full := filepath.Join(dir, e.Name())
		switch {
		case stateName.MatchString(e.Name()) && wroteState(full, false):
			states = append(states, state{e.Name(), fi.ModTime()})
		case stateTemp.MatchString(e.Name()) && time.Since(fi.ModTime()) > time.Hour && wroteState(full, true):
			_ = os.Remove(full)
		}
	}
	slices.SortFunc(states, func(a, b state) int { return b.mod.Compare(a.mod) })
	for _, st := range states[min(keep, len(states)):] {
		_ = os.Remove(filepath.Join(dir, st.name))
	}
}

// The names of a state (see statePath) and of its temporary file (see save).
var (
	stateName = regexp.MustCompile(`^[0-9a-f]{24}\.state$`)
	stateTemp = regexp.MustCompile(`^[0-9a-f]{24}\.state\.tmp-[0-9]+$`)
)

// wroteState reports whether the file name is a regular file that starts with stateMagic, or,
// when empty is set, holds nothing.
func wroteState(name string, empty bool) bool {
	f, info, err := openRegular(afero.NewOsFs(), name)
	if err != nil {
		return false
	}
	defer f.Close()
	if empty && info.Size() == 0 {
		return true
	}
	head := make([]byte, len(stateMagic))
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == stateMagic
}

// whyNone says why no page was taken from the previous build though its state applied.
func (inc *incremental) whyNone(s *siteModel) string {
	same := 0
	for _, p := range s.Pages {
		if st := inc.last.Pages[string(p.Lang)+"/"+p.Rel]; st != nil && st.Sum == p.sum {
			same++
		}
	}
	if same == 0 {
		return "every page's source changed"
	}
	return fmt.Sprintf("%d pages are unchanged, but the files in %s are not those the previous build left (a build with -no-cache, sitegen serve, or files removed or edited)", same, inc.out)
}
