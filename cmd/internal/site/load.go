package site

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/spf13/afero"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/util"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
	"github.com/hds-oze/pronote-oze/theme"
)

func (b *Builder) displayPath(parts ...string) string {
	return filepath.ToSlash(filepath.Join(append([]string{b.SrcDir}, parts...)...))
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
	data, err := readRegular(b.Src, path.Join(b.SrcDir, ConfigFile), maxConfigBytes)
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
		paper:    &paperTexts{},
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
			} else if !info.Mode().IsRegular() { // a FIFO would hang the build that reads it
				errs.add(file, 0, "%v: a language folder holds only Markdown pages (.md)", errNotRegular{info.Mode()})
				return nil
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

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
