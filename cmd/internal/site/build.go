package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
	"github.com/hds-oze/pronote-oze/theme"
	"github.com/spf13/afero"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/util"
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
	// SearchScript is the size of the search box's script, loaded on its first focus.
	SearchScript int
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
	if err := b.publish(ctx, s, live); err != nil {
		return nil, err
	}
	return s, nil
}

func (b *Builder) displayPath(parts ...string) string {
	return filepath.ToSlash(filepath.Join(append([]string{b.SrcDir}, parts...)...))
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

// load reads and checks the whole content tree.
func (b *Builder) load(ctx context.Context) (*siteModel, errorList) {
	var errs errorList
	cfgFile := b.displayPath(ConfigFile)
	if info, err := lstat(b.Src, path.Join(b.SrcDir, ConfigFile)); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		if err := b.linkInside(path.Join(b.SrcDir, ConfigFile)); err != nil {
			errs.add(cfgFile, 0, "%v", err)
			return nil, errs
		}
	}
	data, err := afero.ReadFile(b.Src, path.Join(b.SrcDir, ConfigFile))
	if err != nil {
		errs.add(cfgFile, 0, "cannot read the site configuration: %v", unwrapPath(err))
		return nil, errs
	}
	cfg, profile, cerrs := parseConfig(cfgFile, data)
	errs = append(errs, cerrs...)
	if len(errs) > 0 {
		return nil, errs
	}
	cat := b.Catalog
	if cat == nil {
		cat = checks.NewCatalog(profile)
	}
	if err := cat.Validate(); err != nil {
		errs.add(cfgFile, 0, "%v", err)
		return nil, errs
	}
	s := &siteModel{
		Site:     &Site{Config: cfg, Catalog: cat, byURL: map[string]*Page{}},
		bySource: map[string]*Page{},
		md:       map[checks.Lang]goldmark.Markdown{},
		date:     b.Date,
		trees:    &parsedTrees{trees: map[*Page]*parsedPage{}},
		search:   &searchParts{parts: map[*Page][]byte{}},
		parses:   new(atomic.Int64),
	}
	s.src = b.Src
	s.theme = b.Theme
	if s.theme == nil {
		s.theme = theme.Embedded
	}
	if err := s.prepareTheme(); err != nil {
		errs.add("theme", 0, "%v", err)
		return nil, errs
	}
	s.hl.Cache = b.Cache

	// Read every page of every language.
	for _, lang := range checks.Langs() {
		dir := path.Join(b.SrcDir, string(lang))
		err := afero.Walk(b.Src, dir, func(p string, info fs.FileInfo, err error) error {
			if err != nil {
				return err
			}
			name := info.Name()
			if strings.HasPrefix(name, ".") {
				if info.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if info.IsDir() {
				return nil
			}
			rel := strings.TrimPrefix(filepath.ToSlash(strings.TrimPrefix(p, dir)), "/")
			file := b.displayPath(string(lang), rel)
			if info.Mode()&fs.ModeSymlink != 0 {
				if err := b.linkInside(p); err != nil {
					errs.add(file, 0, "%v", err)
					return nil
				}
			}
			if !strings.HasSuffix(name, ".md") {
				errs.add(file, 0, "unexpected file: a language folder holds only Markdown pages (.md)")
				return nil
			}
			if bad := badSegment(strings.TrimSuffix(rel, ".md")); bad != "" {
				errs.add(file, 0, "file name %q: the names of a page's file and folders make its URL: use letters, digits, hyphens, underscores", bad)
				return nil
			}
			// The file is read by the scan below, in parallel, and dropped once scanned: the
			// sources of a large site are never all in memory at once.
			pg := &Page{Lang: lang, Rel: rel, File: file, src: p}
			s.Pages = append(s.Pages, pg)
			s.bySource[string(lang)+"/"+rel] = pg
			return nil
		})
		if err != nil {
			errs.add(b.displayPath(string(lang)), 0, "cannot read the %s pages: %v", lang, unwrapPath(err))
		}
	}
	if len(s.Pages) == 0 {
		errs.add(b.displayPath(), 0, "no page: expected Markdown pages in %s/ and %s/", checks.FR, checks.EN)
		return nil, errs
	}

	// Pair translations by path.
	for _, p := range s.Pages {
		p.Translations = map[checks.Lang]*Page{}
		for _, l := range checks.Langs() {
			if t := s.bySource[string(l)+"/"+p.Rel]; t != nil {
				p.Translations[l] = t
			} else {
				errs.add(p.File, 1, "no translation: %s is missing", b.displayPath(string(l), p.Rel))
			}
		}
	}

	s.order = pairOrder(s.Pages)

	// Read the front matters, in parallel: the pages are independent. The pages are parsed
	// when they are rendered (see publish), once.
	perrs := s.forEach(ctx, b.Workers, func(p *Page, errs *errorList) {
		if tree, _ := p.loadHead(b.Src, s.md[p.Lang], errs, s.parses); tree != nil {
			s.trees.put(p, tree)
		}
	})
	errs = append(errs, perrs...)

	// URLs, and the checklists' home pages.
	for _, p := range s.Pages {
		p.computeURL()
		if q, dup := s.byURL[p.URL]; dup {
			errs.add(p.File, 1, "URL /%s is already %s's: change the slug", p.URL, q.File)
			continue
		}
		s.byURL[p.URL] = p
	}
	s.navs = map[checks.Lang][]*Page{}
	for _, l := range checks.Langs() {
		s.navs[l] = s.nav(l)
	}
	if len(errs) > 0 {
		// Nothing will be rendered: scan the pages now, to report all their problems at once.
		errs = append(errs, s.forEach(ctx, b.Workers, func(p *Page, errs *errorList) {
			if !p.scanned {
				p.scanFile(b.Src, s.md[p.Lang], errs, s.parses)
			}
		})...)
		errs = append(errs, s.checkPages(ctx, b.Workers)...)
	}
	return s, errs
}

// linkInside returns an error unless the symbolic link at name leads to a file inside the
// content folder: the site publishes what content/ holds, never a file a link brings in from
// elsewhere.
func (b *Builder) linkInside(name string) error {
	// A filesystem reports symbolic links only when it has them: the operating system's.
	target, err := filepath.EvalSymlinks(name)
	if err != nil {
		return fmt.Errorf("a symbolic link that leads nowhere: %v", unwrapPath(err))
	}
	root, err := filepath.EvalSymlinks(b.SrcDir)
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(root, target); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("a symbolic link leading outside %s/ (to %s): the site publishes only the files of %s/; copy the page in instead", b.SrcDir, target, b.SrcDir)
	}
	return nil
}

// lstat returns the file information of name without following a symbolic link, where fsys
// can tell.
func lstat(fsys afero.Fs, name string) (fs.FileInfo, error) {
	if l, ok := fsys.(afero.Lstater); ok {
		info, _, err := l.LstatIfPossible(name)
		return info, err
	}
	return fsys.Stat(name)
}

// badSegment returns the first segment of the slash-separated path rel that cannot be part of a
// URL (see urlSegment), or "".
func badSegment(rel string) string {
	for _, seg := range strings.Split(rel, "/") {
		if !urlSegment(seg) {
			return seg
		}
	}
	return ""
}

// checkPages checks what needs every page scanned: the links and the checklists' homes. It
// records which pages link to which.
func (s *siteModel) checkPages(ctx context.Context, workers int) errorList {
	var errs errorList
	s.checkChecklistHomes(&errs)
	errs = append(errs, s.forEach(ctx, workers, func(p *Page, errs *errorList) { s.checkLinks(p, errs) })...)
	if s.live {
		s.indexIncoming() // for the updates to know which pages an edit concerns
	}
	return errs
}

// checkChecklistHomes makes sure every checklist shown lives at the URL its checks.Checklist
// slug gives, where the checker's reports link.
func (s *siteModel) checkChecklistHomes(errs *errorList) {
	for _, p := range s.Pages {
		for _, cl := range p.Checklists {
			want := cl.Slug.In(p.Lang)
			if len(p.Checklists) == 1 && p.FM.Slug != "" && p.FM.Slug == want {
				continue
			}
			if home := s.byURL[string(p.Lang)+"/"+want+"/"]; home == nil || !slices.Contains(home.Checklists, cl) {
				errs.add(p.File, 1, "checklist %s must live at /%s/%s/ (its slug in checks), where the checker links; give one page that URL", cl.ID, p.Lang, want)
			}
		}

	}
}

// pairOrder returns the pages with each page's translations next to it: a code block met on
// one page is met again a few pages later on its translation, while the highlight cache still
// holds it in memory.
func pairOrder(pages []*Page) []*Page {
	order := slices.Clone(pages)
	slices.SortStableFunc(order, func(a, b *Page) int { return strings.Compare(a.Rel, b.Rel) })
	return order
}

// forEach runs f on every page with n workers and gathers the errors.
func (s *siteModel) forEach(ctx context.Context, n int, f func(p *Page, errs *errorList)) errorList {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	var (
		mu   sync.Mutex
		all  errorList
		wg   sync.WaitGroup
		next = make(chan *Page)
	)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local errorList
			for p := range next {
				f(p, &local)
			}
			mu.Lock()
			all = append(all, local...)
			mu.Unlock()
		}()
	}
	for _, p := range s.order {
		if ctx.Err() != nil {
			break
		}
		next <- p
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		all.add("build", 0, "%v", err)
	}
	return all
}

// prepareTheme parses the templates once and builds one goldmark instance per language.
func (s *siteModel) prepareTheme() error {
	s.tmpl = map[checks.Lang]*template.Template{}
	for _, l := range checks.Langs() {
		t, err := theme.ParseFor(s.theme, nil, l)
		if err != nil {
			return err
		}
		s.tmpl[l] = t
	}
	blocks := markdown.NewBlocks(map[string]markdown.BlockType{
		"checklist": markdown.ChecklistBlock(s.Catalog.Checklist, s.renderChecklist),
		"statuses":  {Resolve: noArgs("statuses"), Render: s.renderStatuses},
		"sources":   {Resolve: s.resolveSources, Render: s.renderSources},
		"help":      {Resolve: s.resolveHelp, Render: s.renderHelp},
		"support":   {Resolve: noArgs("support"), Render: s.renderSupport},
		"downloads": {Resolve: noArgs("downloads"), Render: s.renderDownloads},
		"checker":   {Resolve: noArgs("checker"), Render: s.renderChecker},
		"infoaddress": {Resolve: noArgs("infoaddress"), Render: func(w util.BufWriter, n *markdown.Block) error {
			return s.tmpl[n.Lang].ExecuteTemplate(w, "infoaddress", map[string]any{"Lang": n.Lang})
		}},
	})
	s.hl = markdown.NewHighlighter()
	for _, l := range checks.Langs() {
		s.md[l] = markdown.New(l, s.hl, blocks)
	}
	return nil
}

// stylesheet returns the theme's CSS followed by the highlighting classes the pages use.
func (s *siteModel) stylesheet() ([]byte, error) {
	css, err := fs.ReadFile(theme.Assets(s.theme), "style.css")
	if err != nil {
		return nil, err
	}
	buf := bytes.NewBuffer(css)
	if err := s.hl.Stylesheet(buf); err != nil {
		return nil, fmt.Errorf("highlight stylesheet: %w", err)
	}
	out, err := minifier.Bytes("text/css", buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("stylesheet: %w", err)
	}
	return out, nil
}

// checklistData is what the "checklist" template sees.
type checklistData struct {
	s         *siteModel
	page      *Page
	Checklist *checks.Checklist
	Lang      checks.Lang
	Profile   string
	// School labels the school's name field, asked on every checklist (the UAI beside it).
	School checks.Text
	// Summary says whether the checklist opens with the list of its steps: a long one does.
	Summary bool
}

// Progress returns the counter of the checklist before anything is ticked, typed or
// verified (checks.CountSteps); the checklist's script writes it from the same phrases once
// there is something to count.
func (d checklistData) Progress() string {
	return checks.CountSteps(len(d.Checklist.Items()), nil).In(d.Lang)
}

// summaryFrom is the number of steps from which a checklist opens with their list.
const summaryFrom = 6

// Legend returns the lines of the legend of the provenance marks.
func (d checklistData) Legend() []string {
	var out []string
	for _, t := range checks.ShortLegend() {
		out = append(out, t.In(d.Lang))
	}
	return out
}

// provMark is the mark of a step that is not the procedure's, with its meaning.
type provMark struct{ Sign, Label string }

// Mark returns the mark of item it's origin in this checklist, or nil for the procedure.
func (d checklistData) Mark(it *checks.Item) *provMark {
	o := it.OriginIn(d.Checklist.Modes)
	if o.Mark() == "" {
		return nil
	}
	return &provMark{o.Mark(), o.Label().In(d.Lang)}
}

// HelpURL returns the relative URL of the checklist's "If it does not work" section, or "".
func (d checklistData) HelpURL() string {
	if p := d.s.helpPage(d.Lang); p != nil && len(d.Checklist.Troubles) > 0 {
		return relURL(d.page.URL, p.URL) + "#" + d.Checklist.ID + "." + checks.TroubleshootingAnchor
	}
	return ""
}

// SourcesURL returns the relative URL of the page of sources in the same language (the page
// with a sources block), or "" when the site has none.
func (d checklistData) SourcesURL() string {
	if p := d.s.sourcesPage(d.Lang); p != nil {
		return relURL(d.page.URL, p.URL)
	}
	return ""
}

// SeeURL returns the relative URL of checklist id's page in the same language.
func (d checklistData) SeeURL(id string) string {
	if p := d.s.ChecklistPage(id, d.Lang); p != nil {
		return relURL(d.page.URL, p.URL) + "#checklist-" + id
	}
	return "#"
}

// PDFURL returns the relative URL of the checklist's PDF in the page's language.
func (d checklistData) PDFURL() string {
	return relURL(d.page.URL, PDFPath(d.Checklist, d.Lang))
}

// PDFPath is the site path of a checklist's PDF: pdf/<lang>/<slug>.pdf.
func PDFPath(cl *checks.Checklist, lang checks.Lang) string {
	return "pdf/" + string(lang) + "/" + cl.Slug.In(lang) + ".pdf"
}

// SeeTitle returns the title of checklist id.
func (d checklistData) SeeTitle(id string) string {
	if cl, ok := d.s.Catalog.Checklist(id); ok {
		return cl.Title.In(d.Lang)
	}
	return id
}

func (s *siteModel) renderChecklist(w util.BufWriter, n *markdown.Block) error {
	p, _ := n.Page.(*Page)
	if p == nil {
		return fmt.Errorf("checklist rendered outside a page")
	}
	cl := n.Value.(*checks.Checklist)
	return s.tmpl[n.Lang].ExecuteTemplate(w, "checklist", checklistData{s: s, page: p, Checklist: cl, Lang: n.Lang, Profile: s.Catalog.Profile.ID,
		School: checks.LabelSchool(), Summary: len(cl.Items()) >= summaryFrom})
}

func noArgs(name string) func(args []string) (any, error) {
	return func(args []string) (any, error) {
		if len(args) > 0 {
			return nil, fmt.Errorf("%s block takes no argument, got %q", name, strings.Join(args, " "))
		}
		return nil, nil
	}
}

// renderSupport writes who to send the checker's report to: the [support] setting of
// site.toml, or where to find one (checks.FallbackContact) when it is empty (the site never
// invents one).
func (s *siteModel) renderSupport(w util.BufWriter, n *markdown.Block) error {
	c := s.Config.Support
	return s.tmpl[n.Lang].ExecuteTemplate(w, "support", map[string]any{
		"Contact":  c,
		"Name":     n.Lang.Typeset(c.Name),
		"Address":  n.Lang.Typeset(c.Address),
		"Fallback": strings.ToUpper(checks.FallbackContact().In(n.Lang)[:1]) + checks.FallbackContact().In(n.Lang)[1:] + ".",
	})
}

// helpBlock is the value of a ```help <checklist>``` block: the checklist whose "If it does
// not work" and rollback sections it shows.
type helpBlock struct{ Checklist *checks.Checklist }

func (s *siteModel) resolveHelp(args []string) (any, error) {
	if len(args) != 1 {
		return nil, fmt.Errorf("help block needs exactly one checklist ID (```help <id>```), got %q", strings.Join(args, " "))
	}
	cl, ok := s.Catalog.Checklist(args[0])
	if !ok {
		return nil, fmt.Errorf("unknown checklist %q", args[0])
	}
	return helpBlock{cl}, nil
}

// helpPage returns the page of lang that shows the checklists' help sections: the one at
// checks.HelpSlug, where the checker links. It is found by URL, known before any page is
// rendered.
func (s *siteModel) helpPage(lang checks.Lang) *Page {
	return s.byURL[string(lang)+"/"+checks.HelpSlug().In(lang)+"/"]
}

// helpData is what the "help" template sees.
type helpData struct {
	Lang      checks.Lang
	Checklist *checks.Checklist
	PageURL   string
}

// StepURL returns the relative URL of step id on its checklist's page.
func (d helpData) StepURL(id string) string { return d.PageURL + "#" + id }

func (s *siteModel) renderHelp(w util.BufWriter, n *markdown.Block) error {
	p, _ := n.Page.(*Page)
	if p == nil {
		return fmt.Errorf("help rendered outside a page")
	}
	cl := n.Value.(helpBlock).Checklist
	d := helpData{Lang: n.Lang, Checklist: cl}
	if cp := s.ChecklistPage(cl.ID, n.Lang); cp != nil {
		d.PageURL = relURL(p.URL, cp.URL)
	}
	return s.tmpl[d.Lang].ExecuteTemplate(w, "help", d)
}

// sourcesBlock is the value of a ```sources [origin…]``` block: the catalog whose facts it
// lists, and the origins it lists ("index-education", "published", "practice"; none: all).
type sourcesBlock struct {
	Catalog *checks.Catalog
	Origins []checks.Origin
}

// Facts returns the facts of the block's origins, in the catalog's order.
func (b sourcesBlock) Facts() []*checks.Fact {
	var out []*checks.Fact
	for _, f := range b.Catalog.Facts() {
		if slices.Contains(b.Origins, f.Origin) {
			out = append(out, f)
		}
	}
	return out
}

// resolveSources is the value of a sources block: the catalog, and the origins named.
func (s *siteModel) resolveSources(args []string) (any, error) {
	b := sourcesBlock{Catalog: s.Catalog}
	for _, a := range args {
		i := slices.IndexFunc(checks.Origins(), func(o checks.Origin) bool { return o.String() == a && o.Mark() != "" })
		if i < 0 {
			return nil, fmt.Errorf("sources block: unknown origin %q (want index-education, published or practice)", a)
		}
		b.Origins = append(b.Origins, checks.Origins()[i])
	}
	if len(b.Origins) == 0 {
		for _, o := range checks.Origins() {
			if o.Mark() != "" {
				b.Origins = append(b.Origins, o)
			}
		}
	}
	return b, nil
}

// sourcesSlug is the URL path of the page that lists the sources (a sources block), in
// every language.
const sourcesSlug = "sources"

// sourcesPage returns the page of lang that lists the sources, found by URL, or nil.
func (s *siteModel) sourcesPage(lang checks.Lang) *Page {
	return s.byURL[string(lang)+"/"+sourcesSlug+"/"]
}

// renderSources lists the facts of the block's origins, by origin: the claim, the document
// with its address and its words (or the site's reason), and the steps and help rows that
// state it, by checklist, with their numbers and titles.
func (s *siteModel) renderSources(w util.BufWriter, n *markdown.Block) error {
	p, _ := n.Page.(*Page)
	if p == nil {
		return fmt.Errorf("sources rendered outside a page")
	}
	l, blk := n.Lang, n.Value.(sourcesBlock)
	type link struct{ URL, Text string }
	type use struct {
		Checklist string
		Links     []link
	}
	type fact struct {
		ID, Mark, Claim, Ref, URL, Quote string
		Uses                             []use
	}
	type group struct {
		ID, Title string
		Facts     []fact
	}
	help := s.helpPage(l)
	var groups []group
	for _, o := range blk.Origins {
		label := []rune(o.Label().In(l))
		g := group{ID: "origin-" + o.String(), Title: strings.TrimSpace(o.Mark() + " " + strings.ToUpper(string(label[:1])) + string(label[1:]))}
		for _, f := range blk.Facts() {
			if f.Origin != o {
				continue
			}
			fd := fact{ID: f.ID, Mark: o.Mark(), Claim: f.Claim.In(l), Ref: f.Ref.In(l), URL: f.URL, Quote: f.Quote}
			for _, cl := range s.Catalog.Checklists {
				cp := s.ChecklistPage(cl.ID, l)
				if cp == nil {
					continue
				}
				u := use{Checklist: cl.Title.In(l)}
				for _, it := range cl.Items() {
					if slices.Contains(it.FactsIn(cl.Modes), f) {
						u.Links = append(u.Links, link{relURL(p.URL, cp.URL) + "#" + it.ID, fmt.Sprintf("%d. %s", cl.StepNumber(it.ID), it.Title.In(l))})
					}
				}
				for part, trs := range [][]checks.Trouble{cl.Troubles, cl.Rollback} {
					name := []checks.Text{checks.LabelTroubleshooting(), checks.LabelRollback()}[part].In(l)
					for _, tr := range trs {
						if help != nil && slices.Contains(tr.Facts, f) {
							u.Links = append(u.Links, link{relURL(p.URL, help.URL) + "#" + cl.ID + "." + tr.ID, name + l.Colon() + strings.TrimRight(checks.StripMarks(tr.Symptom.In(l)), " ")})
						}
					}
				}
				if len(u.Links) > 0 {
					fd.Uses = append(fd.Uses, u)
				}
			}
			g.Facts = append(g.Facts, fd)
		}
		if len(g.Facts) > 0 {
			groups = append(groups, g)
		}
	}
	var legend []string
	for _, t := range checks.Legend() {
		legend = append(legend, t.In(l))
	}
	return s.tmpl[l].ExecuteTemplate(w, "sources", map[string]any{"Lang": l, "Legend": legend, "Groups": groups})
}

// renderStatuses lists the checker's statuses and what they mean, from package checks.
func (s *siteModel) renderStatuses(w util.BufWriter, n *markdown.Block) error {
	type row struct{ ID, Label, Meaning string }
	var rows []row
	for _, st := range checks.Statuses() {
		rows = append(rows, row{string(st), st.Label().In(n.Lang), st.Meaning().In(n.Lang)})
	}
	return s.tmpl[n.Lang].ExecuteTemplate(w, "statuses", map[string]any{"Lang": n.Lang, "Rows": rows})
}

// renderChecker renders the browser checker's drop zone (shown by check.js; without
// JavaScript the page says to use the downloaded checker), or says it is not built.
func (s *siteModel) renderChecker(w util.BufWriter, n *markdown.Block) error {
	p, _ := n.Page.(*Page)
	if p == nil {
		return fmt.Errorf("checker rendered outside a page")
	}
	var order []string
	for _, st := range checks.Statuses() {
		order = append(order, string(st))
	}
	d := map[string]any{
		"Lang": n.Lang, "Profile": s.Catalog.Profile.ID, "Order": strings.Join(order, " "),
		"Base": s.Config.BaseURL, "Root": relURL(p.URL, ""), "Assets": relURL(p.URL, "assets/"),
		"HostedLabel": checks.Hosted.Label().In(n.Lang), "OnPremLabel": checks.OnPrem.Label().In(n.Lang),
	}
	if s.checker != nil {
		d["Built"] = true
		d["Size"] = fmt.Sprintf("%.1f", float64(len(s.checker.Compressed()))/1e6)
		d["SHA256"] = fmt.Sprintf("%x", sha256.Sum256(s.checker.Wasm))
	}
	return s.tmpl[n.Lang].ExecuteTemplate(w, "checker", d)
}

// renderDownloads lists the checker's builds with their size and SHA-256.
func (s *siteModel) renderDownloads(w util.BufWriter, n *markdown.Block) error {
	p, _ := n.Page.(*Page)
	if p == nil {
		return fmt.Errorf("downloads rendered outside a page")
	}
	type row struct{ Platform, Name, Rel, Size, SHA256, Version string }
	var rows []row
	for _, d := range s.downloads {
		rows = append(rows, row{platformName(d.OS, d.Arch).In(n.Lang), d.Name, relURL(p.URL, "downloads/"+d.Name),
			fmt.Sprintf("%.1f MB", float64(len(d.Data))/1e6), d.SHA256, d.Version})
	}
	return s.tmpl[n.Lang].ExecuteTemplate(w, "downloads", map[string]any{"Lang": n.Lang, "Rows": rows, "Sums": relURL(p.URL, "downloads/SHA256SUMS")})
}

// Platform is a system the checker is built for.
type Platform struct {
	OS, Arch string // GOOS and GOARCH
	Name     checks.Text
}

// Platforms returns the systems the checker is built for, in the order of the downloads page.
func Platforms() []Platform {
	return []Platform{
		{"windows", "amd64", checks.Text{FR: "Windows, processeur Intel ou AMD (x64)", EN: "Windows, Intel or AMD processor (x64)"}},
		{"windows", "arm64", checks.Text{FR: "Windows sur ARM (Snapdragon, Surface Pro X…)", EN: "Windows on ARM (Snapdragon, Surface Pro X…)"}},
		{"darwin", "amd64", checks.Text{FR: "macOS, Mac à processeur Intel", EN: "macOS, Mac with an Intel processor"}},
		{"darwin", "arm64", checks.Text{FR: "macOS, Mac Apple Silicon (M1 et suivants)", EN: "macOS, Apple Silicon Mac (M1 and later)"}},
		{"linux", "amd64", checks.Text{FR: "Linux, x86-64", EN: "Linux, x86-64"}},
		{"linux", "arm64", checks.Text{FR: "Linux, ARM 64 bits", EN: "Linux, 64-bit ARM"}},
	}
}

// platformName names a GOOS/GOARCH pair for people.
func platformName(goos, arch string) checks.Text {
	for _, p := range Platforms() {
		if p.OS == goos && p.Arch == arch {
			return p.Name
		}
	}
	return checks.Text{FR: goos + "/" + arch, EN: goos + "/" + arch}
}

// The weight limits of the first view of a page: 40 KB of HTML, CSS and JS together,
// uncompressed, and 12 KB gzip-compressed. What loads on use (the search index) is outside.
const (
	DefaultPageBudget = 40_000
	DefaultGzipBudget = 12_000
)

// CSP is the Content-Security-Policy of every page: nothing from another origin, no inline
// script or style, no form, no frame.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'"

// CheckerCSP is the policy of the page that runs the browser checker: CSP, plus
// 'wasm-unsafe-eval' (browsers compile WebAssembly only with it) and its Web Worker.
var CheckerCSP = strings.Replace(CSP, "script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'", 1)

type link struct {
	Lang    checks.Lang
	Title   string
	Rel     string
	Abs     string
	Current bool
}

type pageData struct {
	Lang        checks.Lang
	SiteTitle   string
	Title       string
	Description string
	CSP         string
	Root        string
	Home        string
	Canonical   string
	Alternates  []link
	Nav         []link
	Prev, Next  *link
	Updated     *date
	Script      bool
	Checker     bool
	Content     template.HTML
}

// date is a page's last-updated date, for the datetime attribute and for people.
type date struct{ ISO, Text string }

var months = [...]checks.Text{
	{FR: "janvier", EN: "January"}, {FR: "février", EN: "February"}, {FR: "mars", EN: "March"},
	{FR: "avril", EN: "April"}, {FR: "mai", EN: "May"}, {FR: "juin", EN: "June"},
	{FR: "juillet", EN: "July"}, {FR: "août", EN: "August"}, {FR: "septembre", EN: "September"},
	{FR: "octobre", EN: "October"}, {FR: "novembre", EN: "November"}, {FR: "décembre", EN: "December"},
}

// newDate writes t as people of lang read a date ("29 novembre 2026", "29 November 2026").
func newDate(t time.Time, lang checks.Lang) *date {
	if t.IsZero() {
		return nil
	}
	day := strconv.Itoa(t.Day())
	if lang == checks.FR && t.Day() == 1 {
		day = "1er"
	}
	return &date{ISO: t.Format(time.DateOnly), Text: day + " " + months[t.Month()-1].In(lang) + " " + strconv.Itoa(t.Year())}
}

// render writes page p's HTML at its URL, p scanned already.
func (s *siteModel) render(p *Page, w io.Writer) error {
	return s.renderPage(p, w, nil)
}

// renderPage writes page p's HTML at its URL. A page parsed for its URL (see Page.loadHead)
// renders from the tree kept; any other is parsed again from its file and, with scan, when it
// was not scanned yet, scanned from the same tree, so that a build parses each page once:
// what the checks need (anchors, links, checklists) is collected, and the page's problems are
// added to scan. Rendering needs only what loadHead gave of the other pages (their URLs and
// titles). What search finds on the page is kept (see keepSearch), and the highlighting
// classes it uses.
func (s *siteModel) renderPage(p *Page, w io.Writer, scan *errorList) error {
	tree := s.trees.take(p)
	if tree == nil {
		text, err := p.readBody(s.src)
		if err != nil {
			return err
		}
		if p.scanned {
			scan = nil
		}
		tree = &parsedPage{p.parse(s.md[p.Lang], text, scan, s.parses), text.body}
		if scan != nil {
			p.collect(tree.doc, text, scan)
		}
	}
	if err := s.keepSearch(p, tree); err != nil {
		return err
	}
	if err := s.writePage(p, p, tree, w); err != nil {
		return err
	}
	p.classes = markdown.UsedClasses(tree.doc)
	return nil
}

// renderAtRoot writes page p, the default language's home page, as the site root serves it:
// its links lead from the root, its canonical link to p's own URL.
func (s *siteModel) renderAtRoot(p *Page, w io.Writer) error {
	text, err := p.readBody(s.src)
	if err != nil {
		return err
	}
	at := *p
	at.URL = ""
	return s.writePage(&at, p, &parsedPage{p.parse(s.md[p.Lang], text, nil, s.parses), text.body}, w)
}

// writePage writes the HTML of page p, served at p.URL, from its tree: its links pointed at
// their targets, its body rendered in the theme. p shows page self: self's canonical URL,
// and self's place in the navigation.
func (s *siteModel) writePage(p, self *Page, tree *parsedPage, w io.Writer) error {
	s.rewriteLinks(p, tree.doc)
	body := bodyBuffers.Get().(*bytes.Buffer)
	defer putBody(body)
	body.Grow(2 * len(tree.source))
	if err := s.md[p.Lang].Renderer().Render(bodyWriter{body}, tree.source, tree.doc); err != nil {
		return err
	}
	lc := s.Config.Languages[string(p.Lang)]
	d := pageData{
		Lang:        p.Lang,
		SiteTitle:   p.Lang.Typeset(lc.Title),
		Title:       p.Lang.Typeset(p.FM.Title),
		Description: p.Lang.Typeset(p.FM.Description),
		CSP:         CSP,
		Root:        relURL(p.URL, ""),
		Home:        relURL(p.URL, string(p.Lang)+"/"),
		Canonical:   s.Config.BaseURL + self.URL,
		Updated:     newDate(p.FM.Updated, p.Lang),
		Script:      len(p.Checklists) > 0,
		Checker:     p.Checker,
		Content:     template.HTML(bodyString(body)),
	}
	if p.Checker {
		d.CSP = CheckerCSP
	}
	for _, l := range checks.Langs() {
		if t := p.Translations[l]; t != nil {
			d.Alternates = append(d.Alternates, link{Lang: l, Rel: relURL(p.URL, t.URL), Abs: s.Config.BaseURL + t.URL})
		}
	}
	d.Nav, d.Prev, d.Next = s.navLinks(p, self)
	if buf, ok := w.(*bytes.Buffer); ok {
		buf.Grow(body.Len() + pageChrome) // grown once, not doubled from 64 bytes
	}
	return s.tmpl[d.Lang].ExecuteTemplate(w, "page", d)
}

// navLinks returns the navigation of page p, served at p.URL and showing page self: every
// page of the navigation, self marked current, and the pages before and after it.
func (s *siteModel) navLinks(p, self *Page) (all []link, prev, next *link) {
	nav := s.navs[p.Lang]
	for i, q := range nav {
		l := link{Lang: q.Lang, Title: q.Lang.Typeset(q.FM.Title), Rel: relURL(p.URL, q.URL), Current: q == self}
		all = append(all, l)
		if !l.Current {
			continue
		}
		if i > 0 {
			prev = &link{Title: p.Lang.Typeset(nav[i-1].FM.Title), Rel: relURL(p.URL, nav[i-1].URL)}
		}
		if i+1 < len(nav) {
			next = &link{Title: p.Lang.Typeset(nav[i+1].FM.Title), Rel: relURL(p.URL, nav[i+1].URL)}
		}
	}
	return all, prev, next
}

// bodyBuffers hold the HTML of the pages' bodies while their pages render: a worker takes the
// buffer the last page left, already grown to a body's size, instead of growing a new one.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBody bounds the buffers kept for the next body, so that one huge page does not
// keep its memory for the rest of the build.
const maxPooledBody = 1 << 20

func putBody(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBody {
		b.Reset()
		bodyBuffers.Put(b)
	}
}

// bodyWriter lets goldmark write into a body's buffer as it is, where it wraps any other
// writer in a new bufio.Writer and copies everything twice.
type bodyWriter struct{ *bytes.Buffer }

func (w bodyWriter) Buffered() int { return w.Len() }
func (w bodyWriter) Flush() error  { return nil }

// bodyString returns the bytes of body as a string without copying them: the page template
// only reads it while writePage runs, and body is written again only once it is back in
// bodyBuffers, after the template has run.
func bodyString(body *bytes.Buffer) string {
	return unsafe.String(unsafe.SliceData(body.Bytes()), body.Len())
}

// pageChrome is about what the page template adds to a body (head, header, navigation,
// footer), for a first guess of the page's size.
const pageChrome = 4 << 10

// nav returns the top-level pages of lang in navigation order: the home page, then by weight
// and title. Pages in sub-folders are reached by links, not from the navigation.
func (s *siteModel) nav(lang checks.Lang) []*Page {
	var ps []*Page
	for _, p := range s.Pages {
		if p.Lang == lang && strings.Count(p.URL, "/") <= 2 {
			ps = append(ps, p)
		}
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.isIndex() != b.isIndex() {
			return a.isIndex()
		}
		if a.FM.Weight != b.FM.Weight {
			return a.FM.Weight < b.FM.Weight
		}
		return a.FM.Title < b.FM.Title
	})
	return ps
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
