package site

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/atomicfile"
)

// Live is a site kept in memory between builds, for "sitegen serve": an edited page is scanned
// again and re-rendered with its translation, without rebuilding the site. Its methods are
// safe for one caller at a time.
type Live struct {
	b   *Builder
	out string // the output folder (see Builder.outputFolder)
	mu  sync.Mutex
	s   *siteModel
	// dirty holds the pages whose last update failed; they are updated again each time, so
	// that their errors stay reported until fixed.
	dirty map[string]bool
	// unlock releases the output folder, locked while the site is served (see Close).
	unlock func()
}

// Update says what an update did.
type Update struct {
	// Full is true when the whole site was rebuilt (configuration, added or removed pages).
	Full bool
	// Rendered lists the pages written, as source files ("content/fr/hosted.md").
	Rendered []string
	// Notes are the notes of the pages rendered (see Site.Notes).
	Notes []string
}

// BuildLive builds the whole site, like Build, and keeps it for updates. The output folder
// stays locked until Close: a build into it meanwhile would replace the files the updates
// write.
func (b *Builder) BuildLive(ctx context.Context) (*Live, *Site, error) {
	out, err := b.outputFolder()
	if err != nil {
		return nil, nil, err
	}
	unlock, err := lockOutput(b.Out, out)
	if err != nil {
		return nil, nil, err
	}
	b.lockHeld = true
	lv := &Live{b: b, out: out, dirty: map[string]bool{}, unlock: unlock}
	s, err := lv.full(ctx)
	if err != nil {
		lv.Close()
		return nil, nil, err
	}
	return lv, s, nil
}

// Close releases the output folder for other builds.
func (lv *Live) Close() {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	if lv.unlock != nil {
		lv.unlock()
		lv.unlock = nil
		lv.b.lockHeld = false
	}
}

func (lv *Live) full(ctx context.Context) (*Site, error) {
	s, err := lv.b.build(ctx, true)
	if err != nil {
		return nil, err
	}
	lv.s = s
	clear(lv.dirty)
	return s.Site, nil
}

// Rebuild rebuilds the whole site (after a change of theme); on error the previous site stays.
func (lv *Live) Rebuild(ctx context.Context) (*Site, error) {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	return lv.full(ctx)
}

// Update brings the site up to date after the files changed changed; their paths are relative
// to the content folder ("fr/hosted.md", "site.toml"). A page edited in place is re-rendered
// with its translation, and with the pages whose links to it changed; a change of title, weight
// or URL re-renders its language, whose navigation shows it. Anything else rebuilds the site.
//
// On error nothing is written and the site in memory is unchanged: the last good site stays
// served, and the pages in error are updated again with the next change, so that their errors
// (of content or of weight) stay reported until fixed.
func (lv *Live) Update(ctx context.Context, changed []string) (Update, error) {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	if lv.b.Cache != nil {
		defer lv.b.Cache.Flush() // the blocks highlighted, for the builds that follow
	}
	keys, ok := lv.pagesToUpdate(changed)
	if !ok {
		return lv.fullUpdate(ctx)
	}
	// The update works on a copy of the site, kept only if everything succeeds.
	s := lv.s.clone()
	render, errs := s.reload(keys)
	if err := errs.err(); err != nil {
		lv.markDirty(keys)
		return Update{}, err
	}
	pages := slices.SortedFunc(maps.Keys(render), func(a, b *Page) int { return strings.Compare(a.File, b.File) })
	files, err := lv.renderToMemory(ctx, s, render)
	if err != nil {
		lv.markDirty(keys)
		return Update{}, withNotes(err, pages)
	}
	if err := lv.write(files); err != nil {
		lv.markDirty(keys)
		return Update{}, err
	}
	lv.s = s
	for k := range keys {
		delete(lv.dirty, k)
	}
	up := Update{Notes: notesOf(pages)}
	for _, p := range pages {
		up.Rendered = append(up.Rendered, p.File)
	}
	return up, nil
}

// pagesToUpdate returns the pages to update, by language and path ("fr/hosted.md"): the pages
// changed and the pages whose last update failed. It reports false when the change needs a
// full rebuild (a file other than a known page, a page removed or renamed).
func (lv *Live) pagesToUpdate(changed []string) (map[string]bool, bool) {
	keys := map[string]bool{}
	for k := range lv.dirty {
		keys[k] = true
	}
	for _, c := range changed {
		c = filepath.ToSlash(filepath.Clean(c))
		if lv.s.bySource[c] == nil || !strings.HasSuffix(c, ".md") {
			return nil, false
		}
		info, err := lstat(lv.b.Src, path.Join(lv.b.SrcDir, c))
		if err != nil || info.Mode()&fs.ModeSymlink != 0 {
			return nil, false // removed, renamed, or a link: a full build checks where it leads
		}
		keys[c] = true
	}
	return keys, true
}

func (lv *Live) markDirty(keys map[string]bool) {
	for k := range keys {
		lv.dirty[k] = true
	}
}

// reload reads the pages of keys again into s and checks what their change may break: their
// own links, the links to them, the checklists' homes. It returns the pages to render again:
// the pages and their translations, the pages linking to a page whose URL changed, and every
// page of a language whose navigation changed.
func (s *siteModel) reload(keys map[string]bool) (map[*Page]bool, errorList) {
	var errs errorList
	type before struct {
		url, title string
		weight     int
	}
	old := map[*Page]before{}
	var pages []*Page
	for k := range keys {
		p := s.bySource[k]
		old[p] = before{p.URL, p.FM.Title, p.FM.Weight}
		if p.load(s.src, s.md[p.Lang], &errs, s.parses) {
			pages = append(pages, p)
		}
	}
	navChanged := map[checks.Lang]bool{}
	moved := false
	for _, p := range pages {
		o := old[p]
		p.computeURL()
		if p.URL != o.url {
			moved = true
			delete(s.byURL, o.url)
			if q, dup := s.byURL[p.URL]; dup && q != p {
				errs.add(p.File, 1, "URL /%s is already %s's: change the slug", p.URL, q.File)
			} else {
				s.byURL[p.URL] = p
			}
		}
		if p.URL != o.url || p.FM.Title != o.title || p.FM.Weight != o.weight {
			navChanged[p.Lang] = true
		}
	}
	check := map[*Page]bool{}
	render := map[*Page]bool{}
	for _, p := range pages {
		check[p], render[p] = true, true
		for _, t := range p.Translations {
			render[t] = true
		}
		for q := range s.incoming[p] {
			check[q] = true
			if moved {
				render[q] = true
			}
		}
	}
	for l := range navChanged {
		for _, q := range s.Pages {
			if q.Lang == l {
				render[q] = true
			}
		}
		s.navs[l] = s.nav(l)
	}
	for q := range check {
		for _, t := range q.out {
			delete(s.incoming[t], q)
		}
		s.checkLinks(q, &errs)
		for _, t := range q.out {
			if s.incoming[t] == nil {
				s.incoming[t] = map[*Page]bool{}
			}
			s.incoming[t][q] = true
		}
	}
	s.checkChecklistHomes(&errs)
	return render, errs
}

// renderToMemory makes the pages of render, and the files made from the whole site that
// their change may change (see liveOutputs), and checks the pages' weight. It returns the
// files to write, by site path: those that differ from the served ones.
func (lv *Live) renderToMemory(ctx context.Context, s *siteModel, render map[*Page]bool) (map[string][]byte, error) {
	pages := s.renderOutputs(slices.Collect(maps.Keys(render)), nil)
	files := map[string][]byte{}
	weights := map[string]weight{}
	var mu sync.Mutex
	keep := func(o output, data []byte) error {
		if err := checkSitePath(o.path); err != nil {
			return err
		}
		var w weight
		if firstView(o.path) {
			w = measure(data) // what a first view loads, as the stage weighs it
		}
		mu.Lock()
		defer mu.Unlock()
		files[o.path] = data
		if firstView(o.path) {
			weights[o.path] = w
		}
		return nil
	}
	if err := makeOutputs(ctx, lv.b.Workers, pages, keep); err != nil {
		return nil, err
	}
	whole, err := s.liveOutputs()
	if err != nil {
		return nil, err
	}
	if err := makeOutputs(ctx, lv.b.Workers, whole, keep); err != nil {
		return nil, err
	}
	for _, o := range whole {
		if o.page != nil {
			pages = append(pages, o) // the root, showing the home page
		}
	}
	// What is read of the site served is what a build made: a page's first view, far under
	// maxServedRead, which only bounds a file replaced meanwhile.
	read := func(p string) ([]byte, error) {
		if data, ok := files[p]; ok {
			return data, nil
		}
		return readRegular(lv.b.Out, filepath.Join(lv.out, filepath.FromSlash(p)), maxServedRead)
	}
	if err := s.checkBudget(lv.b.PageBudget, lv.b.GzipBudget, pages, weights, read); err != nil {
		return nil, err
	}
	out := lv.out
	for name, data := range files {
		if served, err := readRegular(lv.b.Out, filepath.Join(out, filepath.FromSlash(name)), int64(len(data))); err == nil && bytes.Equal(served, data) {
			delete(files, name)
		}
	}
	return files, nil
}

// liveOutputs returns the files made from the whole site that an edit of its pages may
// change: the stylesheets (the highlighting classes the pages use), the root page (the home
// page of the default language), the search indexes and the sitemap. The rest (theme assets,
// schemas, downloads, PDFs) changes only with the theme, the configuration or the checks,
// which rebuild the site.
func (s *siteModel) liveOutputs() ([]output, error) {
	outs := []output{{path: stylesheetPath, data: s.stylesheet}, {path: checklistStylesheetPath, data: s.checklistStylesheet}}
	for _, add := range []func() ([]output, error){s.rootOutputs, s.findOutputs} {
		o, err := add()
		if err != nil {
			return nil, err
		}
		outs = append(outs, o...)
	}
	return outs, nil
}

// write replaces files of the served site, each atomically, the stylesheets first: a page
// never asks for a highlighting class its stylesheet lacks.
func (lv *Live) write(files map[string][]byte) error {
	out := lv.out
	put := func(name string) error {
		full := filepath.Join(out, filepath.FromSlash(name))
		if err := lv.b.Out.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		return atomicfile.WriteFile(lv.b.Out, full, files[name], 0o644)
	}
	sheets := []string{stylesheetPath, checklistStylesheetPath}
	for _, name := range sheets {
		if _, ok := files[name]; ok {
			if err := put(name); err != nil {
				return err
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if slices.Contains(sheets, name) {
			continue
		}
		if err := put(name); err != nil {
			return err
		}
	}
	return nil
}

func (lv *Live) fullUpdate(ctx context.Context) (Update, error) {
	s, err := lv.full(ctx)
	if err != nil {
		return Update{}, err
	}
	up := Update{Full: true, Notes: s.Notes()}
	for _, p := range s.Pages {
		up.Rendered = append(up.Rendered, p.File)
	}
	return up, nil
}

// clone returns a copy of s whose pages, and the maps and lists that lead to them, can be
// changed without changing s. What an update does not change (the configuration, the theme,
// the Markdown parsers) is shared.
func (s *siteModel) clone() *siteModel {
	c := *s
	site := *s.Site
	c.Site = &site
	to := make(map[*Page]*Page, len(s.Pages))
	c.Pages = make([]*Page, len(s.Pages))
	for i, p := range s.Pages {
		q := *p
		to[p], c.Pages[i] = &q, &q
	}
	pages := func(ps []*Page) []*Page {
		out := make([]*Page, len(ps))
		for i, p := range ps {
			out[i] = to[p]
		}
		return out
	}
	for _, q := range c.Pages {
		tr := make(map[checks.Lang]*Page, len(q.Translations))
		for l, t := range q.Translations {
			tr[l] = to[t]
		}
		q.Translations, q.out = tr, pages(q.out)
	}
	c.order = pages(s.order)
	c.byURL = make(map[string]*Page, len(s.byURL))
	for k, p := range s.byURL {
		c.byURL[k] = to[p]
	}
	c.bySource = make(map[string]*Page, len(s.bySource))
	for k, p := range s.bySource {
		c.bySource[k] = to[p]
	}
	c.navs = make(map[checks.Lang][]*Page, len(s.navs))
	for l, ps := range s.navs {
		c.navs[l] = pages(ps)
	}
	c.search = &searchParts{parts: make(map[*Page][]byte, len(s.search.parts))}
	for p, data := range s.search.parts {
		c.search.parts[to[p]] = data
	}
	c.incoming = make(map[*Page]map[*Page]bool, len(s.incoming))
	for t, from := range s.incoming {
		m := make(map[*Page]bool, len(from))
		for p := range from {
			m[to[p]] = true
		}
		c.incoming[to[t]] = m
	}
	return &c
}

// maxServedRead bounds a file of the served site read back to weigh a page's first view.
const maxServedRead = 64 << 20
