package site

import (
	"bytes"
	"html/template"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/yuin/goldmark/ast"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
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
	s.keepPaper(p, tree)
	p.classes = markdown.UsedClasses(tree.doc)
	p.notes = markdown.Notes(tree.doc)
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
	var page bytes.Buffer
	page.Grow(body.Len() + pageChrome) // grown once, not doubled from 64 bytes
	if err := s.tmpl[d.Lang].ExecuteTemplate(&page, "page", d); err != nil {
		return err
	}
	_, err := w.Write(plainApostrophes(page.Bytes()))
	return err
}

// plainApostrophes returns page with the apostrophes html/template escaped as "&#39;" put
// back as they are: html/template escapes them in case an attribute is single-quoted, but
// the theme quotes every attribute with double quotes and has no inline script or style (its
// CSP forbids them), so an apostrophe is plain text wherever it lands. A French page holds a
// hundred, 4 bytes each: 0.4 KB of a procedure's 40 KB budget. A text that says "&#39;"
// itself is written "&amp;#39;", untouched.
func plainApostrophes(page []byte) []byte {
	return bytes.ReplaceAll(page, []byte("&#39;"), []byte("'"))
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

func (w bodyWriter) Flush() error { return nil }

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

// rewriteLinks sets the destination of every link of a freshly parsed page to the relative
// URL of its target. It does not check anchors, which the target may not have been scanned for
// yet: checkLinks does, and a build with a broken link publishes nothing.
func (s *siteModel) rewriteLinks(p *Page, doc ast.Node) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			r, err := s.resolve(p, pageLink{dest: string(l.Destination), title: string(l.Title)}, false)
			if err == nil {
				l.Destination = []byte(r.href)
				if r.lang != "" {
					l.Title = nil
					l.SetAttributeString("lang", []byte(r.lang))
				}
			}
		}
		return ast.WalkContinue, nil
	})
}
