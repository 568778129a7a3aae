package site

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/afero"
	"github.com/yuin/goldmark/ast"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
)

// searchEntry is one place search can lead to: a page, a heading of it, a step.
type searchEntry struct {
	// URL is relative to the site root ("fr/mode-heberge/#net.cas-url").
	URL string `json:"u"`
	// Title is what the result shows; Page the page's title, ID a step's ID.
	Title string `json:"t"`
	Page  string `json:"p,omitempty"`
	ID    string `json:"i,omitempty"`
	// Folded is every word the entry is found by, folded (markdown.Fold).
	Folded string `json:"f"`
}

// searchEntries lists what search finds on page p, from its syntax tree: the page (its title
// and the text before its first heading), each heading with the text under it, and each step
// of its checklists with its ID, title and text.
func (s *siteModel) searchEntries(p *Page, doc ast.Node, source []byte) []searchEntry {
	page := searchEntry{URL: p.URL, Title: p.FM.Title, Page: p.FM.Title}
	cur := &page
	// words gathers the current entry's title, ID and text as the walk meets them, in one
	// buffer for the whole page.
	words := wordFolders.Get().(*markdown.WordFolder)
	defer wordFolders.Put(words)
	words.Reset()
	words.Add(cur.Title)
	var out []searchEntry
	flush := func() {
		cur.Folded = words.String()
		out = append(out, *cur)
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			flush()
			id, _ := n.AttributeString("id")
			idStr, _ := id.([]byte)
			cur = &searchEntry{URL: p.URL + "#" + string(idStr), Title: plainText(n, source), Page: p.FM.Title}
			words.Reset()
			words.Add(cur.Title)
			return ast.WalkSkipChildren, nil
		case *markdown.Block:
			if cl, ok := n.Value.(*checks.Checklist); ok {
				var step markdown.WordFolder // the text of the page's entry goes on after the checklist
				for _, sec := range cl.Sections {
					for _, it := range sec.Items {
						step.Reset()
						for _, part := range []string{it.ID, it.Title.In(p.Lang), it.DetailIn(cl.Modes).In(p.Lang), it.Where.In(p.Lang), it.ExpectIn(cl.Modes).In(p.Lang)} {
							step.Add(part)
						}
						if it.Table != nil {
							for _, row := range it.Table.Rows {
								for _, c := range row {
									step.Add(c.In(p.Lang))
								}
							}
						}
						e := searchEntry{URL: p.URL + "#" + it.ID, ID: it.ID, Page: p.FM.Title,
							Title: strconv.Itoa(cl.StepNumber(it.ID)) + ". " + it.Title.In(p.Lang)}
						e.Folded = step.String()
						out = append(out, e)
					}
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			words.AddBytes(n.Segment.Value(source))
		case *ast.String:
			words.AddBytes(n.Value)
		}
		return ast.WalkContinue, nil
	})
	flush()
	return out
}

// keepSearch keeps what search finds on page p, from its tree: in the build's spill, or with
// the site kept in memory.
func (s *siteModel) keepSearch(p *Page, tree *parsedPage) error {
	data, err := encodeSearch(s.searchEntries(p, tree.doc, tree.source))
	if err != nil {
		return err
	}
	if s.spill != nil {
		return s.spill.add(p, data)
	}
	s.search.put(p, data)
	return nil
}

// searchParts holds what search finds on each page, its entries in JSON separated by commas.
type searchParts struct {
	mu    sync.Mutex
	parts map[*Page][]byte
}

func (sp *searchParts) put(p *Page, data []byte) {
	sp.mu.Lock()
	sp.parts[p] = data
	sp.mu.Unlock()
}

func (sp *searchParts) get(p *Page) []byte {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	return sp.parts[p]
}

// wordFolders keep the buffers of searchEntries from one page to the next.
var wordFolders = sync.Pool{New: func() any { return new(markdown.WordFolder) }}

// plainText returns the text of n's inline children.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(source))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// searchIndexPath is the site path of lang's search index.
func searchIndexPath(lang checks.Lang) string { return "search/" + string(lang) + ".json" }

// encodeSearch returns entries in JSON, separated by commas: a part of a search index.
func encodeSearch(entries []searchEntry) ([]byte, error) {
	size := 0
	for _, e := range entries {
		size += len(e.URL) + len(e.Title) + len(e.Page) + len(e.ID) + len(e.Folded) + 32
	}
	var buf bytes.Buffer
	buf.Grow(size + size/8)      // room for escapes: one growth at most, where Marshal allocated per entry
	enc := json.NewEncoder(&buf) // as json.Marshal encodes, followed by a newline
	for i, e := range entries {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := enc.Encode(e); err != nil {
			return nil, fmt.Errorf("search entry %s: %w", e.URL, err)
		}
		buf.Truncate(buf.Len() - 1) // the newline
	}
	return buf.Bytes(), nil
}

// A searchSpill holds the search entries of the pages a build renders, so that memory does not
// grow with the site: each page's entries, in JSON, are appended to its language's file in
// the staging folder as the page renders, in no particular order, and read back in the order
// of the index as it is written (see writeSearchIndex). The files go before the site is
// swapped in (see done); with the staging folder if the build fails.
type searchSpill struct {
	st    *stage
	mu    sync.Mutex
	files map[checks.Lang]*spillFile
	spans map[*Page][2]int64 // where each page's entries are in its language's file
}

// spillFile is the file of one language's spill. Its writes go through a buffer: a page's
// entries are a few KB, and a write to the file for each cost more than the copy.
type spillFile struct {
	f   afero.File
	w   *bufio.Writer
	end int64 // bytes written through w
}

// fileBuffer is the buffer of a file written in many small pieces (the spill, the search
// indexes, the sitemap): a system call for every 4 KB of a file of tens of MB cost more than
// the copies.
const fileBuffer = 256 << 10

// startSpill starts the build's spill, in the staging folder st: a staging folder that cannot
// be written into is reported as such before any page renders, not as a page's error.
func (s *siteModel) startSpill(st *stage) error {
	s.spill = &searchSpill{st: st, files: map[checks.Lang]*spillFile{}, spans: map[*Page][2]int64{}}
	if err := s.spill.open(checks.Langs()); err != nil {
		return fmt.Errorf("cannot write into %s: %w", st.dir, err)
	}
	return nil
}

// endSpill removes the build's spill, once the search indexes are written.
func (s *siteModel) endSpill() error {
	sp := s.spill
	if sp == nil {
		return nil
	}
	s.spill = nil
	return sp.done()
}

// spillName is the file of lang's spill in the staging folder: no site path (see
// stage.scratch).
func spillName(lang checks.Lang) string {
	return ".search-" + string(lang) + ".spill"
}

// open creates the spill's file of each language.
func (sp *searchSpill) open(langs []checks.Lang) error {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	for _, l := range langs {
		if _, err := sp.file(l); err != nil {
			return err
		}
	}
	return nil
}

// file returns lang's file, created on first use. sp.mu is held.
func (sp *searchSpill) file(l checks.Lang) (*spillFile, error) {
	if sf := sp.files[l]; sf != nil {
		return sf, nil
	}
	f, err := sp.st.scratch(spillName(l))
	if err != nil {
		return nil, err
	}
	sf := &spillFile{f: f, w: bufio.NewWriterSize(f, fileBuffer)}
	sp.files[l] = sf
	return sf, nil
}

// add appends the entries of page p, in JSON.
func (sp *searchSpill) add(p *Page, data []byte) error {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	sf, err := sp.file(p.Lang)
	if err == nil {
		_, err = sf.w.Write(data)
	}
	if err != nil {
		return fmt.Errorf("search index %s: %w", p.Lang, err)
	}
	sp.spans[p] = [2]int64{sf.end, int64(len(data))}
	sf.end += int64(len(data))
	return nil
}

// read returns the entries of page p, in JSON, in buf's storage.
func (sp *searchSpill) read(p *Page, buf []byte) ([]byte, error) {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	span, ok := sp.spans[p]
	if !ok {
		return buf[:0], nil
	}
	sf := sp.files[p.Lang]
	if sf.w.Buffered() > 0 {
		if err := sf.w.Flush(); err != nil {
			return nil, fmt.Errorf("search index %s: %w", p.Lang, err)
		}
	}
	buf = slices.Grow(buf[:0], int(span[1]))[:span[1]]
	if _, err := sf.f.ReadAt(buf, span[0]); err != nil {
		return nil, fmt.Errorf("search index %s: %w", p.Lang, err)
	}
	return buf, nil
}

// done closes and removes the spill's files.
func (sp *searchSpill) done() error {
	var errs []error
	for l, sf := range sp.files {
		errs = append(errs, sf.f.Close(), sp.st.drop(spillName(l)))
	}
	clear(sp.files)
	return errors.Join(errs...)
}

// writeSearchIndex writes the search index of lang to w: the entries of its pages, by URL, in
// a JSON array. The entries of each page are those its rendering left, with it or in the
// build's spill.
func (s *siteModel) writeSearchIndex(lang checks.Lang, w io.Writer) error {
	var pages []*Page
	for _, p := range s.Pages {
		if p.Lang == lang {
			pages = append(pages, p)
		}
	}
	sort.SliceStable(pages, func(i, j int) bool { return pages[i].URL < pages[j].URL })
	bw := bufio.NewWriterSize(w, fileBuffer)
	bw.WriteByte('[')
	off := int64(1)
	var buf []byte
	spans := make(map[*Page][2]int64, len(pages)) // where each page's entries are
	for _, p := range pages {
		part, err := s.searchPart(p, buf)
		if err != nil {
			return fmt.Errorf("search index %s: %w", lang, err)
		}
		if s.spill != nil {
			buf = part
		}
		if len(part) == 0 {
			spans[p] = [2]int64{off, 0}
			continue
		}
		if off > 1 {
			bw.WriteByte(',')
			off++
		}
		spans[p] = [2]int64{off, int64(len(part))}
		bw.Write(part)
		off += int64(len(part))
	}
	bw.WriteString("]\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("search index %s: %w", lang, err)
	}
	s.inc.written(spans)
	return nil
}

// searchPart returns the search entries of page p, in JSON separated by commas: those its
// rendering left, with the site or in the build's spill, or, for a page taken from the
// previous build, those of the previous index. What is read goes into buf's storage.
func (s *siteModel) searchPart(p *Page, buf []byte) ([]byte, error) {
	switch {
	case s.spill == nil:
		return s.search.get(p), nil
	case s.inc.took(p) != nil:
		return s.inc.oldSearch(p, buf)
	}
	return s.spill.read(p, buf)
}
