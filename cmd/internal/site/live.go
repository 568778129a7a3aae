package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/afero"

	"github.com/hds-oze/pronote-oze/checks"
)

// Live is a site kept in memory between builds, for "sitegen serve": an edited page is scanned
// again and re-rendered with its translation, without rebuilding the site. Its methods are
// safe for one caller at a time.
type Live struct {
	b  *Builder
	mu sync.Mutex
	s  *siteModel
	// dirty holds the pages whose last update failed; they are updated again each time, so
	// that their errors stay reported until fixed.
	dirty map[string]bool
	css   []byte
}

// Update says what an update did.
type Update struct {
	// Full is true when the whole site was rebuilt (configuration, added or removed pages).
	Full bool
	// Rendered lists the pages written, as source files ("content/fr/hosted.md").
	Rendered []string
}

// BuildLive builds the whole site, like Build, and keeps it for updates.
func (b *Builder) BuildLive(ctx context.Context) (*Live, *Site, error) {
	lv := &Live{b: b, dirty: map[string]bool{}}
	s, err := lv.full(ctx)
	if err != nil {
		return nil, nil, err
	}
	return lv, s, nil
}

func (lv *Live) full(ctx context.Context) (*Site, error) {
	s, errs := lv.b.load(ctx)
	if err := errs.err(); err != nil {
		return nil, err
	}
	if err := lv.b.publish(ctx, s); err != nil {
		return nil, err
	}
	lv.s = s
	lv.css, _ = s.stylesheet()
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
// On error nothing is written: the last good site stays served.
func (lv *Live) Update(ctx context.Context, changed []string) (Update, error) {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	s := lv.s
	keys := map[string]bool{}
	for k := range lv.dirty {
		keys[k] = true
	}
	for _, c := range changed {
		c = filepath.ToSlash(filepath.Clean(c))
		p := s.bySource[c]
		if p == nil || !strings.HasSuffix(c, ".md") {
			return lv.fullUpdate(ctx)
		}
		if _, err := lv.b.Src.Stat(path.Join(lv.b.SrcDir, c)); err != nil {
			return lv.fullUpdate(ctx) // removed or renamed
		}
		keys[c] = true
	}
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
		if p.load(lv.b.Src, s.md[p.Lang], &errs) {
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
	// What to check and what to render.
	check := map[*Page]bool{}
	render := map[*Page]bool{}
	for _, p := range pages {
		check[p], render[p] = true, true
		for _, t := range p.Translations {
			render[t] = true
		}
	}
	for _, p := range pages {
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
	if err := errs.err(); err != nil {
		for _, p := range pages {
			lv.dirty[p.Lang.String()+"/"+p.Rel] = true
		}
		return Update{}, err
	}

	// Render, then write each page in place, atomically.
	out := filepath.Clean(lv.b.OutDir)
	var up Update
	sizes := map[*Page]int{}
	for p := range render {
		var buf bytes.Buffer
		if err := s.render(p, &buf); err != nil {
			return Update{}, &BuildError{Errs: []*FileError{{File: p.File, Err: fmt.Errorf("cannot render: %w", err)}}}
		}
		sizes[p] = buf.Len()
		if err := writeInPlace(lv.b.Out, filepath.Join(out, filepath.FromSlash(p.URL), "index.html"), buf.Bytes()); err != nil {
			return Update{}, err
		}
		up.Rendered = append(up.Rendered, p.File)
	}
	css, err := s.stylesheet()
	if err != nil {
		return Update{}, err
	}
	if !bytes.Equal(css, lv.css) {
		if err := writeInPlace(lv.b.Out, filepath.Join(out, "assets", "style.css"), css); err != nil {
			return Update{}, err
		}
		lv.css = css
	}
	if err := s.checkBudget(lv.b.PageBudget, sizes, len(css)); err != nil {
		return up, err
	}
	for _, p := range pages {
		delete(lv.dirty, p.Lang.String()+"/"+p.Rel)
	}
	slices.Sort(up.Rendered)
	return up, nil
}

func (lv *Live) fullUpdate(ctx context.Context) (Update, error) {
	s, err := lv.full(ctx)
	if err != nil {
		return Update{}, err
	}
	up := Update{Full: true}
	for _, p := range s.Pages {
		up.Rendered = append(up.Rendered, p.File)
	}
	return up, nil
}

// writeInPlace replaces a file of the live site through a temporary file, so that a reader
// never sees half a page.
func writeInPlace(fsys afero.Fs, name string, data []byte) error {
	if err := fsys.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp := name + ".tmp-" + fmt.Sprint(os.Getpid())
	if err := afero.WriteFile(fsys, tmp, data, 0o644); err != nil {
		return err
	}
	return fsys.Rename(tmp, name)
}
