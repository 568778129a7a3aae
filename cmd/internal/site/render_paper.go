package site

import (
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
	"github.com/hds-oze/pronote-oze/cmd/internal/pdf"
)

// paperText is the text of a checklist's page around the checklist, as its PDF prints it.
type paperText struct{ before, after []pdf.Block }

// paperTexts holds, by page, the text around its checklist, kept as the page renders.
type paperTexts struct {
	mu    sync.Mutex
	pages map[*Page]paperText
}

func (pt *paperTexts) put(p *Page, t paperText) {
	pt.mu.Lock()
	if pt.pages == nil {
		pt.pages = map[*Page]paperText{}
	}
	pt.pages[p] = t
	pt.mu.Unlock()
}

func (pt *paperTexts) get(p *Page) (paperText, bool) {
	pt.mu.Lock()
	defer pt.mu.Unlock()
	t, ok := pt.pages[p]
	return t, ok
}

// keepPaper keeps the text around the checklist of page p, from its tree (its links
// rewritten), for its PDF: only when p is the page a checklist's PDF prints (its
// ChecklistPage). Other pages that show a checklist print none, and keeping their text cost
// a build of 2 × 10 000 pages, one in ten with a checklist, 80 MB of its peak memory.
func (s *siteModel) keepPaper(p *Page, tree *parsedPage) {
	for _, cl := range p.Checklists {
		if s.ChecklistPage(cl.ID, p.Lang) == p {
			s.paper.put(p, s.paperOf(p, tree.doc, tree.source))
			return
		}
	}
}

// paperText returns the text around the checklist of page p: kept as it rendered, or read
// again when this build took the page from the previous one.
func (s *siteModel) paperText(p *Page) (paperText, error) {
	if t, ok := s.paper.get(p); ok {
		return t, nil
	}
	text, err := p.readBody(s.src)
	if err != nil {
		return paperText{}, err
	}
	doc := p.parse(s.md[p.Lang], text, nil, s.parses)
	s.rewriteLinks(p, doc)
	return s.paperOf(p, doc, text.body), nil
}

// paperOf returns the blocks of page p's tree before and after its checklist, its links
// made absolute: what the page prints around its checklist (theme's print.css prints all of
// the page's text).
func (s *siteModel) paperOf(p *Page, doc ast.Node, source []byte) paperText {
	base, _ := url.Parse(s.Config.BaseURL + p.URL)
	w := paperWalk{lang: p.Lang, source: source, base: base}
	var t paperText
	into := &t.before
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if b, ok := n.(*markdown.Block); ok {
			if _, ok := b.Value.(*checks.Checklist); ok {
				into = &t.after
			}
			continue
		}
		*into = append(*into, w.blocks(n, 0)...)
	}
	return t
}

// paperWalk turns a page's blocks into the PDF's.
type paperWalk struct {
	lang   checks.Lang
	source []byte
	base   *url.URL
}

// blocks returns block n as the PDF's blocks, indent deep.
func (w paperWalk) blocks(n ast.Node, indent int) []pdf.Block {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return []pdf.Block{{Runs: w.runs(n, false, ""), Indent: indent}}
	case *ast.Heading:
		return []pdf.Block{{Heading: n.Level, Runs: w.runs(n, false, ""), Indent: indent}}
	case *east.Table:
		var rows [][][]pdf.Run
		for r := n.FirstChild(); r != nil; r = r.NextSibling() {
			var cells [][]pdf.Run
			_, head := r.(*east.TableHeader)
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				cells = append(cells, w.runs(c, head, ""))
			}
			rows = append(rows, cells)
		}
		return []pdf.Block{{Table: rows, Indent: indent}}
	case *markdown.Callout:
		out := []pdf.Block{{Runs: []pdf.Run{{Text: markdown.CalloutLabels[n.Alert].In(w.lang), Bold: true}}, Indent: indent + 1}}
		return append(out, w.children(n, indent+1)...)
	case *ast.Blockquote:
		return w.children(n, indent+1)
	case *ast.List:
		var out []pdf.Block
		i := n.Start
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			bullet := "•"
			if n.IsOrdered() {
				bullet = strconv.Itoa(i) + "."
				i++
			}
			items := w.children(it, indent)
			if len(items) > 0 && items[0].Table == nil && items[0].Heading == 0 {
				items[0].Bullet = bullet
			}
			for j := 1; j < len(items); j++ {
				items[j].Indent++
			}
			out = append(out, items...)
		}
		return out
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			b.Write(seg.Value(w.source))
		}
		var out []pdf.Block
		for _, line := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
			out = append(out, pdf.Block{Runs: []pdf.Run{{Text: line}}, Indent: indent + 1})
		}
		return out
	}
	return w.children(n, indent)
}

func (w paperWalk) children(n ast.Node, indent int) []pdf.Block {
	var out []pdf.Block
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, w.blocks(c, indent)...)
	}
	return out
}

// runs returns the text of n's inline children, typeset for the page's language: strong
// text bold, a link's text a link to its absolute address.
func (w paperWalk) runs(n ast.Node, bold bool, link string) []pdf.Run {
	out := w.inline(nil, n, bold, link)
	for i := range out {
		out[i].Text = w.lang.Typeset(out[i].Text)
	}
	return out
}

// inline appends the text of n's inline children to out.
func (w paperWalk) inline(out []pdf.Run, n ast.Node, bold bool, link string) []pdf.Run {
	add := func(r pdf.Run) {
		if r.Text == "" {
			return
		}
		if k := len(out) - 1; k >= 0 && out[k].Bold == r.Bold && out[k].URL == r.URL {
			out[k].Text += r.Text
			return
		}
		out = append(out, r)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			add(pdf.Run{Text: textOf(c.Segment.Value(w.source)), Bold: bold, URL: link})
			if c.SoftLineBreak() || c.HardLineBreak() {
				add(pdf.Run{Text: " ", Bold: bold, URL: link})
			}
		case *ast.String:
			add(pdf.Run{Text: string(c.Value), Bold: bold, URL: link})
		case *ast.AutoLink:
			u := string(c.URL(w.source))
			add(pdf.Run{Text: u, Bold: bold, URL: u})
		case *ast.Emphasis:
			out = w.inline(out, c, bold || c.Level == 2, link)
		case *ast.Link:
			href := string(c.Destination)
			if u, err := w.base.Parse(href); err == nil {
				href = u.String()
			}
			out = w.inline(out, c, bold, href)
		default: // code spans, and what else holds text
			out = w.inline(out, c, bold, link)
		}
	}
	return out
}

// textOf returns a text segment as the page shows it: its backslash escapes and character
// references resolved, as goldmark's renderer writes them.
func textOf(b []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b))))
}
