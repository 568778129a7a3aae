package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/report"
	"github.com/hds-oze/pronote-oze/cmd/internal/pdf"
	"github.com/hds-oze/pronote-oze/theme"
	"github.com/spf13/afero"
)

// Suffixes of the folders beside OutDir during a build.
const (
	stagingSuffix = ".tmp-build"
	oldSuffix     = ".old-build"
)

// publish renders the site into a staging folder beside OutDir, then swaps it in.
func (b *Builder) publish(ctx context.Context, s *siteModel) (err error) {
	out := filepath.Clean(b.OutDir)
	staging, old := out+stagingSuffix, out+oldSuffix
	if err := b.recover(out); err != nil {
		return err
	}
	if err := b.Out.RemoveAll(staging); err != nil {
		return fmt.Errorf("cannot clear %s: %w", staging, err)
	}
	if err := b.Out.MkdirAll(staging, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", staging, err)
	}
	defer func() {
		if err != nil {
			_ = b.Out.RemoveAll(staging)
		}
	}()

	var files, size atomic.Int64
	dirs := &dirMaker{fs: b.Out, made: map[string]bool{staging: true}}
	write := func(name string, data []byte) error {
		name = path.Clean("/" + filepath.ToSlash(name))[1:]
		if name == "" || strings.HasPrefix(name, "../") {
			return fmt.Errorf("cannot write %q outside the site", name)
		}
		full := filepath.Join(staging, filepath.FromSlash(name))
		if err := dirs.mkdir(filepath.Dir(full)); err != nil {
			return err
		}
		if err := afero.WriteFile(b.Out, full, data, 0o644); err != nil {
			return fmt.Errorf("cannot write %s: %w", name, err)
		}
		files.Add(1)
		size.Add(int64(len(data)))
		return nil
	}

	// Pages, in parallel.
	var mu sync.Mutex
	var rerr error
	sizes := make(map[*Page]int, len(s.Pages))
	errs := s.forEach(ctx, b.Workers, func(p *Page, errs *errorList) {
		var buf bytes.Buffer
		if err := s.render(p, &buf); err != nil {
			errs.add(p.File, 0, "cannot render: %v", err)
			return
		}
		err := write(p.URL+"index.html", buf.Bytes())
		mu.Lock()
		sizes[p] = buf.Len()
		if err != nil {
			rerr = err
		}
		mu.Unlock()
	})
	if err := errs.err(); err != nil {
		return err
	}
	if rerr != nil {
		return rerr
	}

	// Theme assets, the stylesheet with the highlighting classes, the root and 404 pages.
	if err := fs.WalkDir(theme.Assets(s.theme), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "style.css" {
			return err
		}
		data, err := fs.ReadFile(theme.Assets(s.theme), p)
		if err != nil {
			return err
		}
		return write("assets/"+p, data)
	}); err != nil {
		return fmt.Errorf("theme assets: %w", err)
	}
	css, err := s.stylesheet()
	if err != nil {
		return err
	}
	if err := write("assets/style.css", css); err != nil {
		return err
	}
	if err := s.checkBudget(b.PageBudget, sizes, len(css)); err != nil {
		return err
	}
	for _, special := range []struct{ name, kind string }{{"index.html", "root"}, {"404.html", "404"}} {
		html, err := s.renderRoot(special.kind)
		if err != nil {
			return fmt.Errorf("render %s: %w", special.name, err)
		}
		if err := write(special.name, html); err != nil {
			return err
		}
	}
	// The JSON Schemas of the report and of the answers file, and the checker's builds.
	if err := fs.WalkDir(report.Schemas, "schema", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := report.Schemas.ReadFile(p)
		if err != nil {
			return err
		}
		return write(p, data)
	}); err != nil {
		return fmt.Errorf("schemas: %w", err)
	}
	if len(s.downloads) > 0 {
		var sums bytes.Buffer
		for _, d := range s.downloads {
			if err := write("downloads/"+d.Name, d.Data); err != nil {
				return err
			}
			fmt.Fprintf(&sums, "%s  %s\n", d.SHA256, d.Name)
		}
		if err := write("downloads/SHA256SUMS", sums.Bytes()); err != nil {
			return err
		}
	}
	// The printable checklist of each procedure, in each language, linked from its page.
	for _, cl := range s.Catalog.Checklists {
		for _, l := range checks.Langs {
			page := s.ChecklistPage(cl.ID, l)
			if page == nil {
				continue
			}
			var buf bytes.Buffer
			err := pdf.Write(&buf, pdf.Checklist{
				Checklist: cl, Lang: l, Profile: s.Catalog.Profile,
				SiteTitle: s.Config.Languages[string(l)].Title,
				PageURL:   s.Config.BaseURL + page.URL,
				StepURL:   func(id string) string { return cl.StepURL(s.Config.BaseURL, l, id) },
				Date:      s.date,
			})
			if err != nil {
				return err
			}
			if err := write(PDFPath(cl, l), buf.Bytes()); err != nil {
				return err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.Files, s.Bytes = int(files.Load()), size.Load()

	// Swap: the previous site moves aside, the new one takes its name, the previous goes.
	if _, err := b.Out.Stat(out); err == nil {
		if err := b.Out.Rename(out, old); err != nil {
			return fmt.Errorf("cannot move the previous site aside: %w", err)
		}
	}
	if err := b.Out.Rename(staging, out); err != nil {
		_ = b.Out.Rename(old, out)
		return fmt.Errorf("cannot put the new site in place: %w", err)
	}
	if err := b.Out.RemoveAll(old); err != nil {
		return fmt.Errorf("new site in place, but cannot remove the previous one at %s: %w", old, err)
	}
	return nil
}

// recover restores the previous site if a build was killed between the two renames.
func (b *Builder) recover(out string) error {
	old := out + oldSuffix
	if _, err := b.Out.Stat(old); err != nil {
		return nil
	}
	if _, err := b.Out.Stat(out); os.IsNotExist(err) {
		if err := b.Out.Rename(old, out); err != nil {
			return fmt.Errorf("cannot restore the previous site from %s: %w", old, err)
		}
		return nil
	}
	return b.Out.RemoveAll(old)
}

// renderRoot renders the site root (a language chooser) or the 404 page, in both languages.
func (s *siteModel) renderRoot(kind string) ([]byte, error) {
	def := checks.Lang(s.Config.DefaultLang)
	root := "/"
	if u, err := url.Parse(s.Config.BaseURL); err == nil && u.Path != "" {
		root = u.Path
	}
	var body bytes.Buffer
	var titles []string
	for _, l := range orderedLangs(def) {
		lc := s.Config.Languages[string(l)]
		key, text := "chooseLang", ""
		if kind == "404" {
			key = "notFound"
			t, _ := theme.T(l, "notFoundText")
			text = "<p>" + template.HTMLEscapeString(t) + "</p>"
		}
		t, err := theme.T(l, key)
		if err != nil {
			return nil, err
		}
		titles = append(titles, t)
		home, _ := theme.T(l, "home")
		fmt.Fprintf(&body, "<section lang=\"%s\">%s<p><a href=\"%s%s/\" hreflang=\"%s\">%s — %s</a></p></section>\n",
			l, text, root, l, l, template.HTMLEscapeString(l.Typeset(lc.Title)), template.HTMLEscapeString(home))
	}
	var out bytes.Buffer
	err := s.tmpl.ExecuteTemplate(&out, "root", pageData{
		Lang:    def,
		Title:   strings.Join(titles, " · "),
		CSP:     CSP,
		Root:    root,
		Content: template.HTML(body.String()),
	})
	return out.Bytes(), err
}

func orderedLangs(first checks.Lang) []checks.Lang {
	ls := []checks.Lang{first}
	for _, l := range checks.Langs {
		if l != first {
			ls = append(ls, l)
		}
	}
	return ls
}

// checkBudget fails the build when a page's HTML, with the stylesheet and the script it
// loads, weighs more than budget bytes.
func (s *siteModel) checkBudget(budget int, sizes map[*Page]int, css int) error {
	switch {
	case budget < 0:
		return nil
	case budget == 0:
		budget = DefaultPageBudget
	}
	js, err := fs.ReadFile(theme.Assets(s.theme), "checklist.js")
	if err != nil {
		return err
	}
	var errs errorList
	for p, html := range sizes {
		total, script := html+css, 0
		if len(p.Checklists) > 0 {
			script = len(js)
		}
		if total += script; total > budget {
			errs.add(p.File, 0, "the page weighs %.1f KB (HTML %.1f, CSS %.1f, JS %.1f), over the budget of %.0f KB: shorten it or split it",
				InKB(total), InKB(html), InKB(css), InKB(script), InKB(budget))
		}
	}
	return errs.err()
}

// dirMaker creates the folders of the new site, each with one system call: it remembers the
// folders it made, where MkdirAll would look each parent up again for every file.
type dirMaker struct {
	fs   afero.Fs
	mu   sync.Mutex
	made map[string]bool
}

func (d *dirMaker) mkdir(dir string) error {
	d.mu.Lock()
	done := d.made[dir]
	d.mu.Unlock()
	if done {
		return nil
	}
	err := d.fs.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if err := d.mkdir(filepath.Dir(dir)); err != nil {
			return err
		}
		err = d.fs.Mkdir(dir, 0o755)
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	d.mu.Lock()
	d.made[dir] = true
	d.mu.Unlock()
	return nil
}
