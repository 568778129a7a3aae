package site

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/report"
	"github.com/hds-oze/pronote-oze/cmd/internal/pdf"
	"github.com/hds-oze/pronote-oze/theme"
	kgzip "github.com/klauspost/compress/gzip"
	"github.com/spf13/afero"
)

// An output is one file of the published site: where it goes and how its bytes are made.
// Publishing makes every output into a staging folder, checks the result, then swaps the
// folder in (see swap); a new kind of file is one more entry in siteOutputs.
type output struct {
	// path is the file's place in the site, slash-separated ("fr/index.html").
	path string
	// page is the page the file shows, if it is one: errors name its source file, and its
	// weight counts in the page budget.
	page *Page
	// data makes the file's bytes. Outputs of one list are made in parallel.
	data func() ([]byte, error)
	// stream, instead of data, writes the bytes of a file made from the whole site (the
	// search index), which publish writes as they come rather than holding them.
	stream func(w io.Writer) error
	// taken, for a page's HTML, is what the previous build left of it: the file is taken
	// from the published site (see incremental), not made.
	taken *pageState
}

// renderOutputs returns the HTML file of each page, rendered. With scan, the pages not
// scanned yet are scanned as they render (see renderPage), and their problems gathered in
// scan.
func (s *siteModel) renderOutputs(pages []*Page, scan *scanErrors) []output {
	outs := make([]output, 0, len(pages))
	for _, p := range pages {
		outs = append(outs, output{path: p.URL + "index.html", page: p, data: func() ([]byte, error) {
			var buf bytes.Buffer
			if scan == nil {
				err := s.render(p, &buf)
				return buf.Bytes(), err
			}
			var errs errorList
			err := s.renderPage(p, &buf, &errs)
			scan.add(errs)
			return buf.Bytes(), err
		}})
	}
	return outs
}

// scanErrors gathers the problems of pages scanned in parallel.
type scanErrors struct {
	mu   sync.Mutex
	errs errorList
}

func (e *scanErrors) add(errs errorList) {
	e.mu.Lock()
	e.errs = append(e.errs, errs...)
	e.mu.Unlock()
}

// siteOutputs returns every file of the site besides its pages, made once the pages are: the
// stylesheet holds the highlighting classes the pages used.
func (s *siteModel) siteOutputs() ([]output, error) {
	var outs []output
	for _, add := range []func() ([]output, error){
		s.assetOutputs,
		s.rootOutputs,
		s.findOutputs,
		s.schemaOutputs,
		s.downloadOutputs,
		s.checkerOutputs,
		s.stepsOutputs,
		s.pdfOutputs,
	} {
		o, err := add()
		if err != nil {
			return nil, err
		}
		outs = append(outs, o...)
	}
	return outs, nil
}

// stylesheetPath is the site path of the stylesheet.
const stylesheetPath = "assets/style.css"

// assetOutputs returns the theme's assets and the stylesheet, the theme's CSS followed by the
// highlighting classes the pages use.
func (s *siteModel) assetOutputs() ([]output, error) {
	outs, err := fsOutputs(theme.Assets(s.theme), ".", "assets/")
	if err != nil {
		return nil, fmt.Errorf("theme assets: %w", err)
	}
	for i, o := range outs {
		switch {
		case o.path == stylesheetPath:
			outs[i].data = s.stylesheet
		case strings.HasSuffix(o.path, ".js"), strings.HasSuffix(o.path, ".css"):
			outs[i].data = func() ([]byte, error) { return s.asset(strings.TrimPrefix(o.path, "assets/")) }
		}
	}
	return outs, nil
}

// rootOutputs returns the site root and the 404 page. The root serves the default language's
// home page itself (its canonical link is the page's own URL): no redirect, no script, no
// click, on any static host. A site without that page gets a language chooser.
func (s *siteModel) rootOutputs() ([]output, error) {
	root := output{path: "index.html", data: func() ([]byte, error) { return s.renderRoot("root") }}
	if home := s.byURL[s.Config.DefaultLang+"/"]; home != nil {
		root = output{path: "index.html", page: home, data: func() ([]byte, error) {
			var buf bytes.Buffer
			err := s.renderAtRoot(home, &buf)
			return buf.Bytes(), err
		}}
	}
	return []output{root, {path: "404.html", data: func() ([]byte, error) { return s.renderRoot("404") }}}, nil
}

// findOutputs returns what browsers and search engines ask for (favicon.ico, sitemap.xml,
// robots.txt) and the search index of each language, search/<lang>.json, loaded by the
// search box on first use. They are made after the pages, whose rendering lists what search
// finds.
func (s *siteModel) findOutputs() ([]output, error) {
	outs := []output{
		{path: "favicon.ico", data: favicon},
		{path: "sitemap.xml", stream: s.writeSitemap},
		{path: "robots.txt", data: func() ([]byte, error) { return s.robots(), nil }},
	}
	for _, l := range checks.Langs() {
		outs = append(outs, output{path: searchIndexPath(l), stream: func(w io.Writer) error { return s.writeSearchIndex(l, w) }})
	}
	return outs, nil
}

// schemaOutputs returns the JSON Schemas of the report and of the answers file.
func (s *siteModel) schemaOutputs() ([]output, error) {
	outs, err := fsOutputs(report.Schemas, "schema", "")
	if err != nil {
		return nil, fmt.Errorf("schemas: %w", err)
	}
	return outs, nil
}

// downloadOutputs returns the checker's builds and their SHA256SUMS, when there are any.
func (s *siteModel) downloadOutputs() ([]output, error) {
	if len(s.downloads) == 0 {
		return nil, nil
	}
	var outs []output
	var sums bytes.Buffer
	for _, d := range s.downloads {
		outs = append(outs, output{path: "downloads/" + d.Name, data: func() ([]byte, error) { return d.Data, nil }})
		fmt.Fprintf(&sums, "%s  %s\n", d.SHA256, d.Name)
	}
	return append(outs, output{path: "downloads/SHA256SUMS", data: func() ([]byte, error) { return sums.Bytes(), nil }}), nil
}

// checkerOutputs returns the browser checker, fetched by the check page's worker on first
// use, when it is built.
func (s *siteModel) checkerOutputs() ([]output, error) {
	c := s.checker
	if c == nil {
		return nil, nil
	}
	return []output{
		{path: "assets/ozecheck.wasm.gz", data: func() ([]byte, error) { return c.Compressed(), nil }},
		{path: "assets/wasm_exec.js", data: func() ([]byte, error) { return c.WasmExec, nil }},
	}, nil
}

// stepsOutputs returns what the checklists' script for the steps' states (steps.js,
// loaded on use) reads (assets/steps.json): the state table, the value rules, the counter's
// phrases and plural rule (checks.PageData) and the words of its lines in every language.
// The procedure pages' first view carries none of it.
func (s *siteModel) stepsOutputs() ([]output, error) {
	doc := struct {
		*checks.PageData
		Words map[checks.Lang]map[string]string `json:"words"`
	}{checks.NewPageData(s.Catalog), map[checks.Lang]map[string]string{}}
	keys := map[string]string{
		"tickedBut": "jsTickedBut", "byValue": "jsByValue", "byChecker": "jsByChecker",
		"byCheckerTick": "jsByCheckerTick", "stale": "jsStale", "line": "jsLine", "dateLocale": "jsDateLocale", "help": "troubleshooting",
	}
	for _, l := range checks.Langs() {
		doc.Words[l] = map[string]string{}
		for name, key := range keys {
			w, err := theme.T(l, key)
			if err != nil {
				return nil, err
			}
			doc.Words[l][name] = w
		}
	}
	data, err := json.Marshal(doc)
	return []output{{path: "assets/steps.json", data: func() ([]byte, error) { return data, err }}}, nil
}

// pdfOutputs returns the printable checklist of each procedure, in each language where a
// page shows it.
func (s *siteModel) pdfOutputs() ([]output, error) {
	var outs []output
	for _, cl := range s.Catalog.Checklists {
		for _, l := range checks.Langs() {
			page := s.ChecklistPage(cl.ID, l)
			if page == nil {
				continue
			}
			outs = append(outs, output{path: PDFPath(cl, l), data: func() ([]byte, error) {
				var buf bytes.Buffer
				err := pdf.Write(&buf, pdf.Checklist{
					Checklist: cl, Lang: l, Profile: s.Catalog.Profile,
					SiteTitle: s.Config.Languages[string(l)].Title,
					PageURL:   s.Config.BaseURL + page.URL,
					StepURL:   func(id string) string { return cl.StepURL(s.Config.BaseURL, l, id) },
					Date:      s.date,
					SendTo:    s.Config.Support.Line(l),
				})
				return buf.Bytes(), err
			}})
		}
	}
	return outs, nil
}

// fsOutputs returns the files under root in fsys, each at prefix followed by its path below
// root's parent ("schema/x.json" stays "schema/x.json"; "." makes "style.css").
func fsOutputs(fsys fs.FS, root, prefix string) ([]output, error) {
	var outs []output
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		outs = append(outs, output{path: prefix + p, data: func() ([]byte, error) { return fs.ReadFile(fsys, p) }})
		return nil
	})
	return outs, err
}

// firstView reports whether a file of the site is of the kinds a page's first view loads.
func firstView(p string) bool {
	switch path.Ext(p) {
	case ".html", ".css", ".js":
		return true
	}
	return false
}

// makeOutputs makes outs with n workers (0 means GOMAXPROCS) and hands each file to sink, in
// no particular order. The errors of making are returned together, a page's under its
// source file; the first error of sink stops the rest.
//
// A page and its translation, when they come one after the other in outs, are made by the
// same worker, one after the other: they share their code blocks, and two workers making them
// at once would have one wait, its core idle, while the other highlights the blocks (see
// markdown.Cache); made in turn, the second finds them highlighted.
func makeOutputs(ctx context.Context, n int, outs []output, sink func(o output, data []byte) error) error {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	var (
		mu      sync.Mutex
		errs    errorList
		sinkErr error
		wg      sync.WaitGroup
		next    = make(chan []output)
	)
	for range n {
		wg.Go(func() {
			for batch := range next {
				for _, o := range batch {
					var data []byte
					var err error
					if o.taken == nil {
						data, err = o.make()
					}
					if err == nil {
						if err = sink(o, data); err != nil {
							mu.Lock()
							sinkErr = cmp.Or(sinkErr, err)
							mu.Unlock()
							continue
						}
					}
					if err != nil {
						mu.Lock()
						if o.page != nil {
							errs.add(o.page.File, 0, "cannot render: %v", err)
						} else {
							errs.add(o.path, 0, "cannot make: %v", err)
						}
						mu.Unlock()
					}
				}
			}
		})
	}
	for i := 0; i < len(outs); {
		mu.Lock()
		stop := sinkErr != nil
		mu.Unlock()
		if stop || ctx.Err() != nil {
			break
		}
		j := i + 1
		if p, q := outs[i].page, pageOf(outs, j); p != nil && q != nil && p.Translations[q.Lang] == q {
			j++
		}
		next <- outs[i:j]
		i = j
	}
	close(next)
	wg.Wait()
	if sinkErr != nil {
		return sinkErr
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return errs.err()
}

// pageOf returns the page outs[i] shows, nil if none or past the end.
func pageOf(outs []output, i int) *Page {
	if i >= len(outs) {
		return nil
	}
	return outs[i].page
}

// make makes the output's bytes.
func (o output) make() ([]byte, error) {
	if o.stream != nil {
		var buf bytes.Buffer
		err := o.stream(&buf)
		return buf.Bytes(), err
	}
	return o.data()
}

// put makes output o, whose bytes are data, in the staging folder: a page taken from the
// published site, a file streamed, or data.
func (st *stage) put(o output, data []byte) error {
	switch {
	case o.taken != nil:
		return st.take(o.path, o.taken.HTML, weight{o.taken.Raw, o.taken.Gzip})
	case o.stream != nil:
		return st.stream(o.path, o.stream, nil)
	}
	return st.write(o.path, data)
}

// publish makes the site's outputs into a staging folder beside OutDir (see stage), checks
// them, then swaps the new site in; on error OutDir is as it was. Unless live, the pages that
// did not change since the previous build are taken from its site (see incremental), and what
// search finds on the pages is spilled to the staging folder as they render (see searchSpill).
func (b *Builder) publish(ctx context.Context, s *siteModel, live bool) (err error) {
	out := filepath.Clean(b.OutDir)
	if !b.lockHeld {
		unlock, err := lockOutput(b.Out, out)
		if err != nil {
			return err
		}
		defer unlock()
	}
	pages, rest, err := s.outputs()
	if err != nil {
		return err
	}
	st, err := openStage(b.Out, out, sitePaths(pages, rest), !b.DiscardPrevious)
	if err != nil {
		return err
	}
	defer func() {
		s.Warnings = st.warnings
		if err != nil {
			st.abort()
		}
	}()
	var inc *incremental
	if !live {
		inc = b.startIncremental(s)
		defer inc.close()
		if err := s.startSpill(st); err != nil {
			return err
		}
		defer func() { err = errors.Join(err, s.endSpill()) }()
	}
	if err := s.makePages(ctx, st, inc, pages, b.Workers); err != nil {
		return err
	}
	if err := s.makeFiles(ctx, st, rest, b.Workers); err != nil {
		return err
	}
	if err := s.endSpill(); err != nil {
		return err
	}
	if err := s.checkBudget(b.PageBudget, b.GzipBudget, append(pages, rootPage(rest)...), st.weights, st.read); err != nil {
		return err
	}
	s.tally(st)
	inc.close() // the previous search indexes, before their folder goes
	if err := st.commit(); err != nil {
		return err
	}
	inc.finish(s, st)
	return nil
}

// outputs lists the files of the site, none made yet: the pages' HTML, in the order they are
// made, and the rest, made once the pages are (the stylesheet holds the highlighting classes
// the pages used).
func (s *siteModel) outputs() (pages, rest []output, err error) {
	pages = make([]output, 0, len(s.order))
	for _, p := range s.order {
		pages = append(pages, output{path: p.URL + "index.html", page: p})
	}
	rest, err = s.siteOutputs()
	return pages, rest, err
}

// sitePaths returns the site paths of outs.
func sitePaths(outs ...[]output) []string {
	var paths []string
	for _, os := range outs {
		for _, o := range os {
			paths = append(paths, o.path)
		}
	}
	return paths
}

// rootPage returns the output of outs that shows a page (the site root, showing the default
// language's home page), if any: its weight counts in the page budget.
func rootPage(outs []output) []output {
	for _, o := range outs {
		if o.page != nil {
			return []output{o}
		}
	}
	return nil
}

// makePages makes the pages' HTML, each parsed once: scanned as it renders, unless the
// previous build's can be taken as it is. A page's links are checked once every page is
// scanned; with a problem, nothing is published.
func (s *siteModel) makePages(ctx context.Context, st *stage, inc *incremental, pages []output, workers int) error {
	render, taken := inc.split(s, pages)
	// Taking a page from the previous site is a few system calls, which wait on the disk
	// more than they compute: more workers than cores.
	if err := makeOutputs(ctx, 4*cmp.Or(workers, runtime.GOMAXPROCS(0)), taken, st.put); err != nil {
		return err
	}
	scan := &scanErrors{}
	if err := makeOutputs(ctx, workers, s.renderOutputs(render, scan), st.put); err != nil {
		var be *BuildError
		if !errors.As(err, &be) {
			return err
		}
		scan.add(be.Errs)
	}
	return append(scan.errs, s.checkPages(ctx, workers)...).err()
}

// makeFiles makes the files of the site besides its pages. Those streamed (the search
// indexes, the sitemap) are independent: made at once, each on its own goroutine, they take
// the time of the largest.
func (s *siteModel) makeFiles(ctx context.Context, st *stage, outs []output, workers int) error {
	var whole, streamed []output
	for _, o := range outs {
		if o.stream != nil {
			streamed = append(streamed, o)
		} else {
			whole = append(whole, o)
		}
	}
	if err := makeOutputs(ctx, workers, whole, st.put); err != nil {
		return err
	}
	errs := make([]error, len(streamed))
	var wg sync.WaitGroup
	for i, o := range streamed {
		wg.Go(func() { errs[i] = st.put(o, nil) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// tally reports what the build made.
func (s *siteModel) tally(st *stage) {
	s.Files, s.Bytes = len(st.sizes), st.bytes
	s.SearchIndex = map[checks.Lang]int{}
	for _, l := range checks.Langs() {
		s.SearchIndex[l] = st.sizes[searchIndexPath(l)]
	}
	s.SearchScript = st.sizes["assets/search.js"]
}

// swap puts the folder staging in the place of out, and returns where the site it replaced
// is ("" when out did not exist). On Linux the two folders exchange their names in one step:
// the previous site is then at staging. Elsewhere (or on a filesystem that cannot exchange)
// the previous site moves aside to out+oldSuffix and the new one takes its name; a crash
// between these two renames leaves no out but out+oldSuffix, which recoverSwap puts back.
func swap(fsys afero.Fs, staging, out string) (old string, err error) {
	_, err = fsys.Stat(out)
	existed := err == nil
	if existed && onDisk(fsys) && exchange(staging, out) == nil {
		return staging, nil
	}
	old = out + oldSuffix
	if existed {
		if err := fsys.Rename(out, old); err != nil {
			return "", fmt.Errorf("cannot move the previous site aside: %w", err)
		}
	}
	if err := fsys.Rename(staging, out); err != nil {
		if rerr := fsys.Rename(old, out); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			return "", fmt.Errorf("cannot put the new site in place: %w; the previous site is at %s", err, old)
		}
		return "", fmt.Errorf("cannot put the new site in place: %w", err)
	}
	if !existed {
		return "", nil
	}
	return old, nil
}

// removeSite removes the folder dir, a site, and everything in it. The files it likely holds,
// given by site path, go first, by name and a few at once, then their folders, deepest first:
// os.RemoveAll alone opens and reads every folder, one after the other, and a site has a
// folder per page. What is left (files not named) goes with os.RemoveAll.
func removeSite(fsys afero.Fs, dir string, files []string) error {
	if info, err := lstat(fsys, dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return fsys.Remove(dir) // the link, not what it leads to
	}
	if _, ok := fsys.(*afero.OsFs); ok && len(files) > 0 {
		next := make(chan string)
		var wg sync.WaitGroup
		for range 4 * runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for name := range next {
					_ = os.Remove(filepath.Join(dir, filepath.FromSlash(name))) // whatever stays goes below
				}
			})
		}
		dirs := map[string]bool{}
		for _, name := range files {
			next <- name
			for d := path.Dir(name); d != "." && !dirs[d]; d = path.Dir(d) {
				dirs[d] = true
			}
		}
		close(next)
		wg.Wait()
		removeEmptyDirs(dir, dirs) // what is not empty is left to RemoveAll
	}
	return fsys.RemoveAll(dir)
}

// removeEmptyDirs removes the folders dirs, slash-separated paths under root, that are empty,
// the deepest first, so that a folder emptied of its folders goes too.
func removeEmptyDirs(root string, dirs map[string]bool) {
	byDepth := slices.Collect(maps.Keys(dirs))
	slices.SortFunc(byDepth, func(a, b string) int {
		return cmp.Or(strings.Count(b, "/")-strings.Count(a, "/"), strings.Compare(a, b))
	})
	// The folders of one depth are removed at once, by several workers, the deepest first.
	for len(byDepth) > 0 {
		depth := strings.Count(byDepth[0], "/")
		n := 1
		for n < len(byDepth) && strings.Count(byDepth[n], "/") == depth {
			n++
		}
		level := byDepth[:n]
		byDepth = byDepth[n:]
		next := make(chan string)
		var wg sync.WaitGroup
		for range min(len(level), 4*runtime.GOMAXPROCS(0)) {
			wg.Go(func() {
				for d := range next {
					// Fails if not empty. (os.Remove would try to unlink it first.)
					_ = syscall.Rmdir(filepath.Join(root, filepath.FromSlash(d)))
				}
			})
		}
		for _, d := range level {
			next <- d
		}
		close(next)
		wg.Wait()
	}
}

// recoverSwap restores the previous site if a swap was stopped between its two renames, and
// removes a previous site left aside otherwise.
func recoverSwap(fsys afero.Fs, out string) error {
	old := out + oldSuffix
	if _, err := fsys.Stat(old); err != nil {
		return nil
	}
	if _, err := fsys.Stat(out); errors.Is(err, fs.ErrNotExist) {
		if err := fsys.Rename(old, out); err != nil {
			return fmt.Errorf("cannot restore the previous site from %s: %w", old, err)
		}
		return nil
	}
	return fsys.RemoveAll(old)
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
	err := s.tmpl[def].ExecuteTemplate(&out, "root", pageData{
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
	for _, l := range checks.Langs() {
		if l != first {
			ls = append(ls, l)
		}
	}
	return ls
}

// weight is what a file costs a reader: its bytes, and its bytes gzip-compressed as a
// server sends them.
//
// The compressed figure is first taken at the fastest level (klauspost/compress's gzip at
// level 1, the cost of a server's cheapest setting, such as nginx's default gzip_comp_level
// 1): a fifth of the cost of compress/gzip's default level, for some 10 % more bytes. A page
// whose first view fits the budget at that level fits it as any server compresses it. Only a
// page over the budget at that level is measured again at the exact level, compress/gzip's
// default (6), which decides and whose figure the failure gives (see checkBudget).
type weight struct{ raw, gzip int }

// measure returns the weight of data at the fastest level.
func measure(data []byte) weight { return compressed(data, &fastGzip) }

// measureExact returns the weight of data at compress/gzip's default level.
func measureExact(data []byte) weight { return compressed(data, &exactGzip) }

// gzipWriters are reused: a new one allocates and clears hundreds of KB of tables, which
// cost more than compressing a page.
type gzipWriters struct {
	sync.Pool
}

var (
	fastGzip = gzipWriters{sync.Pool{New: func() any {
		zw, _ := kgzip.NewWriterLevel(nil, kgzip.BestSpeed)
		return zw
	}}}
	exactGzip = gzipWriters{sync.Pool{New: func() any {
		zw, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression)
		return zw
	}}}
)

// compressor is what both gzip writers do.
type compressor interface {
	io.WriteCloser
	Reset(w io.Writer)
}

func compressed(data []byte, pool *gzipWriters) weight {
	var c countWriter
	zw := pool.Get().(compressor)
	zw.Reset(&c)
	_, _ = zw.Write(data)
	_ = zw.Close()
	zw.Reset(nil)
	pool.Put(zw)
	return weight{len(data), int(c)}
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

func (w weight) plus(v weight) weight { return weight{w.raw + v.raw, w.gzip + v.gzip} }

// checkBudget fails the build when the first view of a page (its HTML, the stylesheet and the
// scripts it loads; not the search index, loaded on use) weighs more than budget bytes, or
// more than gzipBudget once compressed. weights holds the weight of the files made, by site
// path, at the fastest level (see weight): the pages', and the stylesheet's and scripts' when
// they were made too. A page over gzipBudget at that level is measured again at the exact
// level, its HTML and stylesheet as read returns them.
func (s *siteModel) checkBudget(budget, gzipBudget int, pages []output, weights map[string]weight, read func(sitePath string) ([]byte, error)) error {
	if budget < 0 {
		return nil
	}
	if budget == 0 {
		budget = DefaultPageBudget
	}
	if gzipBudget == 0 {
		gzipBudget = DefaultGzipBudget
	}
	scripts := map[string][]byte{}
	for _, name := range []string{"site.js", "checklist.js", "check.js", "check.css"} {
		js, err := s.asset(name)
		if err != nil {
			return err
		}
		scripts[name] = js
		if _, ok := weights["assets/"+name]; !ok {
			weights["assets/"+name] = measure(js)
		}
	}
	var errs errorList
	exact := map[string]weight{} // the stylesheet and scripts, once measured exactly
	for _, o := range pages {
		loads := []string{"site.js"}
		if len(o.page.Checklists) > 0 {
			loads = append(loads, "checklist.js")
		}
		if o.page.Checker {
			// The check page's own script and stylesheet; the rest of the browser checker
			// (check-run.js, verdicts.js, checklist.js, the worker, the WebAssembly) loads on
			// use, outside the first view.
			loads = append(loads, "check.js", "check.css")
		}
		first := func(weigh func(sitePath string) (weight, error)) (html, css, js weight, err error) {
			if html, err = weigh(o.path); err != nil {
				return
			}
			if css, err = weigh(stylesheetPath); err != nil {
				return
			}
			for _, name := range loads {
				w, err := weigh("assets/" + name)
				if err != nil {
					return html, css, js, err
				}
				js = js.plus(w)
			}
			return
		}
		html, css, js, _ := first(func(p string) (weight, error) { return weights[p], nil })
		all := html.plus(css).plus(js)
		if all.raw > budget {
			errs.add(o.page.File, 0, "%s weighs %.1f KB (HTML %.1f, CSS %.1f, JS %.1f), over the budget of %.0f KB: shorten it or split it",
				o.path, InKB(all.raw), InKB(html.raw), InKB(css.raw), InKB(js.raw), InKB(budget))
		}
		if all.gzip <= gzipBudget {
			continue
		}
		html, css, js, err := first(func(p string) (weight, error) {
			if w, ok := exact[p]; ok {
				return w, nil
			}
			data, ok := scripts[strings.TrimPrefix(p, "assets/")]
			if !ok {
				var err error
				if data, err = read(p); err != nil {
					return weight{}, fmt.Errorf("cannot weigh %s: %w", p, err)
				}
			}
			w := measureExact(data)
			if p != o.path {
				exact[p] = w
			}
			return w, nil
		})
		if err != nil {
			return err
		}
		if all := html.plus(css).plus(js); all.gzip > gzipBudget {
			errs.add(o.page.File, 0, "%s weighs %.1f KB compressed (HTML %.1f, CSS %.1f, JS %.1f), over the budget of %.0f KB: shorten it or split it",
				o.path, InKB(all.gzip), InKB(html.gzip), InKB(css.gzip), InKB(js.gzip), InKB(gzipBudget))
		}
	}
	return errs.err()
}
