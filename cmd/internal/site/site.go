package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/afero"
	"github.com/yuin/goldmark"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
	"github.com/hds-oze/pronote-oze/internal/terminal"
)

// Builder builds a site from a content folder into an output folder.
type Builder struct {
	// Src holds the content; SrcDir is the content folder in it ("content").
	Src    afero.Fs
	SrcDir string
	// Out receives the site; OutDir is replaced atomically ("public").
	Out    afero.Fs
	OutDir string
	// Catalog overrides the checklists of the configured profile (tests reword items).
	Catalog *checks.Catalog
	// Theme is the theme's files (templates/, assets/); nil means theme.Embedded.
	Theme fs.FS
	// Workers is how many pages are parsed and rendered at once; 0 means GOMAXPROCS.
	Workers int
	// PageBudget is the most bytes the first view of a page may weigh, its HTML, CSS and JS
	// together; 0 means DefaultPageBudget, a negative value no limit (either budget).
	PageBudget int
	// GzipBudget is the same limit once each file is gzip-compressed; 0 means
	// DefaultGzipBudget.
	GzipBudget int
	// Downloads makes the checker's binaries, published under downloads/ and listed by the
	// ```downloads``` block, once the content has proved good; nil in tests and quick builds.
	Downloads func(ctx context.Context, cfg *Config) ([]Download, error)
	// BrowserChecker makes the checker compiled to WebAssembly, run by the ```checker```
	// block of the check page, once the content has proved good; nil in tests and quick
	// builds, where that block says it is not built.
	BrowserChecker func(ctx context.Context, cfg *Config) (*BrowserChecker, error)
	// Date is the date of the sources, the only date the output carries (the PDFs'): the
	// same sources give the same bytes. The zero time means 1970-01-01 UTC; see SourceDate.
	Date time.Time
	// Cache remembers highlighted code blocks, in memory and possibly on disk; nil means every
	// block is highlighted every time it is met. A build flushes it when it ends
	// (markdown.Cache.Flush), whatever became of the build.
	Cache *markdown.Cache
	// lockHeld is set while a Live holds the output folder's lock for its updates.
	lockHeld bool
	// StateDir is the folder where a build leaves what the next build of the same content
	// into the same output folder needs to reuse the pages that did not change (see
	// buildState); "" means every page is rendered every time.
	StateDir string
	// DiscardPrevious removes the site a build replaces, where it is otherwise kept beside
	// OutDir for the next build to make its site from (see stage): the next build then makes
	// every folder again.
	DiscardPrevious bool
}

// Download is one build of the checker.
type Download struct {
	OS, Arch string
	// Name is the file name under downloads/ ("ozecheck-windows-amd64.exe").
	Name    string
	Version string
	Data    []byte
	SHA256  string
}

// BrowserChecker is the checker built for the browser (cmd/ozecheckwasm), published
// gzip-compressed as assets/ozecheck.wasm.gz beside the wasm_exec.js of the Go that compiled
// it: the check page's worker decompresses it, so that what a school downloads does not
// depend on whether the web server compresses WebAssembly.
type BrowserChecker struct {
	Wasm     []byte
	WasmExec []byte
	Version  string

	gzOnce sync.Once
	gz     []byte
}

// Compressed returns Wasm gzip-compressed at the best level, as the site publishes it,
// compressed once for every build that publishes this checker.
func (c *BrowserChecker) Compressed() []byte {
	c.gzOnce.Do(func() {
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // a valid level: no error
		w.Write(c.Wasm)                                       // a bytes.Buffer takes every write
		w.Close()
		c.gz = b.Bytes()
	})
	return c.gz
}

// Site is the model of a built site, for the commands and tests.
type Site struct {
	Config  *Config
	Catalog *checks.Catalog
	// Pages are every page, by language then source path.
	Pages []*Page
	// Files counts the files written, Bytes their size.
	Files int
	Bytes int64
	// SearchIndex is the size of each language's search index, loaded on the first use of
	// the search box (outside the page budget).
	SearchIndex map[checks.Lang]int
	// SearchScript is the size of the search box's script and stylesheet, loaded on its
	// first focus.
	SearchScript int
	// StepsFiles is the size of each file the checklists' states load on use, once something
	// is ticked, typed or verified (outside the page budget): by name, in StepsFileNames.
	StepsFiles map[string]int
	// Reused counts the pages taken as they were from the previous build (see
	// Builder.StateDir); StateErr is why the state for the next build could not be saved (the
	// site itself is built).
	Reused   int
	StateErr error
	// WhyAll, when no page was taken from the previous build though the builder keeps a
	// state, says why.
	WhyAll string
	// Warnings say, one line each, what went wrong beside the output folder without failing
	// the build (a kept site that could not be used, a replaced site that could not be
	// removed).
	Warnings []string

	byURL map[string]*Page // "fr/mode-heberge/"
}

// Notes returns, one line each and page by page, what the rendering of the pages did
// otherwise than they ask: "content/en/x.md:12: code shown without highlighting: …" (see
// markdown.MaxHighlightLine). They are the same at every build of the same sources: a page
// taken as it was from the previous build says what its rendering said (the build state
// keeps it). Control and bidirectional characters are shown escaped, as in errors.
func (s *Site) Notes() []string { return notesOf(s.Pages) }

// notesOf returns the notes of pages (see Site.Notes), in their order.
func notesOf(pages []*Page) []string {
	var out []string
	for _, p := range pages {
		for _, n := range p.notes {
			out = append(out, terminal.Escape(fmt.Sprintf("%s:%d: %s", p.File, n.Line, n.Text)))
		}
	}
	return out
}

// ChecklistPage returns the page where checklist id lives in lang: the one at its slug.
func (s *Site) ChecklistPage(id string, lang checks.Lang) *Page {
	cl, ok := s.Catalog.Checklist(id)
	if !ok {
		return nil
	}
	return s.byURL[string(lang)+"/"+cl.Slug.In(lang)+"/"]
}

// siteModel is a site being built.
type siteModel struct {
	*Site
	bySource map[string]*Page // "fr/hosted.md"
	md       map[checks.Lang]goldmark.Markdown
	// tmpl holds the theme's templates for each language, its strings written in (theme.ParseFor).
	tmpl      map[checks.Lang]*template.Template
	hl        *markdown.Highlighter
	navs      map[checks.Lang][]*Page
	incoming  map[*Page]map[*Page]bool
	order     []*Page // s.Pages, translations side by side: the order pages are worked on
	theme     fs.FS
	src       afero.Fs
	downloads []Download
	checker   *BrowserChecker
	date      time.Time
	// spill, during a build, holds the search entries of the pages rendered; nil, they stay
	// with their page (as a live site needs them for its updates).
	spill *searchSpill
	// inc, during an incremental build, is what the previous build left (see incremental).
	inc *incremental
	// live is set for a site kept in memory between builds (see Live).
	live bool
	// search, for a live site, holds what search finds on each page, its entries in JSON
	// separated by commas, for the updates to write the search indexes again.
	search *searchParts
	// trees holds the syntax trees of the pages parsed for their URL (see Page.loadHead),
	// each until the page renders.
	trees *parsedTrees
	// parses counts the Markdown parses of the build (a test wants one per page).
	parses *atomic.Int64
	// paper holds, by checklist page rendered, its text around the checklist, for its PDF.
	paper *paperTexts
}

// parsedTrees are syntax trees kept from one phase of the build to the next, by page.
type parsedTrees struct {
	mu    sync.Mutex
	trees map[*Page]*parsedPage
}

func (t *parsedTrees) put(p *Page, tree *parsedPage) {
	t.mu.Lock()
	t.trees[p] = tree
	t.mu.Unlock()
}

// take returns the tree of p, once: it is forgotten.
func (t *parsedTrees) take(p *Page) *parsedPage {
	t.mu.Lock()
	defer t.mu.Unlock()
	tree := t.trees[p]
	delete(t.trees, p)
	return tree
}

// Build reads the content, checks it and, only if it has no error, replaces the output folder
// with the new site.
func (b *Builder) Build(ctx context.Context) (*Site, error) {
	s, err := b.build(ctx, false)
	if err != nil {
		return nil, err
	}
	return s.Site, nil
}

// build loads the content and, only if it has no error, makes the downloads (the pages list
// them) and publishes the site, which renders and checks the pages: what "sitegen build" and
// "sitegen serve" do alike. With live, the pages keep what search finds on them, for the
// updates to remake the search indexes.
func (b *Builder) build(ctx context.Context, live bool) (*siteModel, error) {
	if b.Cache != nil {
		defer b.Cache.Flush() // the blocks highlighted, for the builds that follow
	}
	out, err := b.outputFolder()
	if err != nil {
		return nil, err
	}
	s, errs := b.load(ctx)
	if err := errs.err(); err != nil {
		return nil, err
	}
	s.live = live
	if b.Downloads != nil {
		var err error
		if s.downloads, err = b.Downloads(ctx, s.Config); err != nil {
			return nil, err
		}
	}
	if b.BrowserChecker != nil {
		var err error
		if s.checker, err = b.BrowserChecker(ctx, s.Config); err != nil {
			return nil, err
		}
	}
	if err := b.publish(ctx, s, out, live); err != nil {
		return nil, withNotes(err, s.Pages)
	}
	return s, nil
}

// SourceDate returns the date of the sources from the value of SOURCE_DATE_EPOCH (seconds
// since 1970, as set by reproducible-build tools; the Makefile sets it to the last commit's
// date when the sources are a git checkout). Empty, it gives the zero time: builds then carry
// 1970-01-01, the same from any copy of the sources. The clock is never read: two builds of
// the same sources write the same bytes.
func SourceDate(epoch string) (time.Time, error) {
	if epoch == "" {
		return time.Time{}, nil
	}
	sec, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil || sec < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: expected a number of seconds since 1970-01-01 UTC", epoch)
	}
	return time.Unix(sec, 0).UTC(), nil
}
