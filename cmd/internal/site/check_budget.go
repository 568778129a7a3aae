package site

import (
	"compress/gzip"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"

	kgzip "github.com/klauspost/compress/gzip"
)

// The weight limits of the first view of a page: 40 KB of HTML, CSS and JS together,
// uncompressed, and 12 KB gzip-compressed. The first view is every byte a page's opening
// fetches, whether or not the page waits for it: its stylesheet holds the print rules, since
// browsers fetch a stylesheet linked for print with every page all the same. What loads on
// use (the search, the steps' states, the answers, the browser checker, and their words in
// steps.json) is outside.
const (
	DefaultPageBudget = 40_000
	DefaultGzipBudget = 12_000
)

// firstView reports whether a file of the site is of the kinds a page's first view loads.
func firstView(p string) bool {
	switch path.Ext(p) {
	case ".html", ".css", ".js":
		return true
	}
	return false
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

// checkBudget fails the build when the first view of a page (its HTML, the stylesheet with its
// print rules, and the scripts it loads; not the search index, loaded on use) weighs more than budget bytes, or
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
			if css, err = weigh(stylesheetOf(o.page)); err != nil {
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

// KB is the kilobyte of every size the build reports and of the page budget: 1000 bytes, as
// DefaultPageBudget is written.
const KB = 1000

// InKB returns n bytes in kilobytes (KB), for messages such as "12.3 KB".
func InKB[N ~int | ~int64](n N) float64 { return float64(n) / KB }
