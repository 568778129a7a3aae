package site

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"io"
	"runtime"
	"sync"

	"github.com/hds-oze/pronote-oze/checks"
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

// publish makes the site's outputs into a staging folder beside the output folder out (see
// stage, outputFolder), checks them, then swaps the new site in; on error out is as it was.
// Unless live, the pages that did not change since the previous build are taken from its site
// (see incremental), and what search finds on the pages is spilled to the staging folder as
// they render (see searchSpill).
func (b *Builder) publish(ctx context.Context, s *siteModel, out string, live bool) (err error) {
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
		inc = b.startIncremental(s, out)
		defer func() { inc.close(); inc.failed(err) }()
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
	errs := append(scan.errs, s.checkPages(ctx, workers)...)
	if len(errs) > 0 && len(taken) > 0 {
		// The pages taken were checked from what the state says of them: a state that says
		// wrong (damaged, or written by someone else) must fail no build. They are read and
		// scanned again, and only what their sources say is reported.
		errs = append(scan.errs, s.rescan(ctx, inc, workers)...)
		errs = append(errs, s.checkPages(ctx, workers)...)
	}
	return errs.err()
}

// rescan scans again, from their sources, the pages taken from the previous build.
func (s *siteModel) rescan(ctx context.Context, inc *incremental, workers int) errorList {
	return s.forEach(ctx, workers, func(p *Page, errs *errorList) {
		if inc.took(p) != nil {
			p.scanFile(s.src, s.md[p.Lang], errs, s.parses)
		}
	})
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
	s.SearchScript = st.sizes["assets/search.js"] + st.sizes["assets/search.css"]
	s.StepsFiles = map[string]int{}
	for _, name := range StepsFileNames {
		s.StepsFiles[name] = st.sizes["assets/"+name]
	}
}

// StepsFileNames are the files checklist.js loads on use for the steps' states: the script,
// its data (see stepsOutputs), its stylesheet and the checker's verdicts.
var StepsFileNames = []string{"steps.js", "steps.json", "steps.css", "verdicts.js"}
