package site

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	gmtext "github.com/yuin/goldmark/text"

	"github.com/spf13/afero"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
)

// pageText is a page's Markdown after its front matter, and the line of the file it starts
// at: what parsing reads, and what the line numbers of the page's problems come from.
type pageText struct {
	body []byte
	line int // of body's first byte
}

// lineOf returns the source line of a byte offset of the body.
func (t pageText) lineOf(offset int) int {
	if offset < 0 || offset > len(t.body) {
		return t.line
	}
	return t.line + bytes.Count(t.body[:offset], []byte("\n"))
}

// parsedPage is a page's syntax tree and the Markdown it was parsed from.
type parsedPage struct {
	doc    ast.Node
	source []byte
}

// parse parses text, the page's Markdown, and adds its problems to errs when errs is not nil.
// It counts the parse in parses, when not nil.
func (p *Page) parse(md goldmark.Markdown, text pageText, errs *errorList, parses *atomic.Int64) ast.Node {
	if parses != nil {
		parses.Add(1)
	}
	pc := markdown.NewContext(p.Lang, p)
	markdown.SetFirstLine(pc, text.line)
	doc := md.Parser().Parse(gmtext.NewReader(text.body), parser.WithContext(pc))
	if errs != nil {
		for _, e := range markdown.Errors(pc) {
			errs.add(p.File, text.lineOf(e.Offset), "%v", e.Err)
		}
	}
	return doc
}

// load reads the page's file, its front matter, and scans it. It reports false, with the
// error, when the file cannot be read.
func (p *Page) load(fsys afero.Fs, md goldmark.Markdown, errs *errorList, parses *atomic.Int64) bool {
	text, ok := p.readHead(fsys, errs)
	if ok && !p.scanned {
		p.collect(p.parse(md, text, errs, parses), text, errs)
	}
	return ok
}

// maxPageFile bounds a page's file, front matter and Markdown together, checked before it is
// read: twice what the Markdown alone may hold (see markdown.MaxPageBytes), so that a page
// over that limit is still reported where it goes over (line and all), and a page of any
// size costs no more memory than this to refuse.
const maxPageFile = 2 * markdown.MaxPageBytes

// readHead reads the page's file and its front matter into p, and returns the Markdown after
// it. It reports false, with the error, when the file cannot be read. A page that would cost
// too much to parse is reported and marked scanned, with nothing found in it.
func (p *Page) readHead(fsys afero.Fs, errs *errorList) (pageText, bool) {
	raw, err := readRegular(fsys, p.src, maxPageFile)
	if big := (errTooBig{}); errors.As(err, &big) {
		errs.add(p.File, 0, "the page's file is %d bytes or more, over the limit of %d (front matter and Markdown; the Markdown alone may hold %d): split it", big.size, big.max, markdown.MaxPageBytes)
		p.scanned = true
		return pageText{}, false
	}
	if err != nil {
		errs.add(p.File, 0, "cannot read: %v", unwrapPath(err))
		p.scanned = true // nothing to scan: not read again to report the same error
		return pageText{}, false
	}
	if !utf8.Valid(raw) {
		bad := invalidUTF8(raw)
		errs.add(p.File, 1+bytes.Count(raw[:bad], []byte("\n")), "invalid UTF-8 (byte 0x%02x): save the page as UTF-8", raw[bad])
	}
	p.sum = sha256.Sum256(raw)
	fm, body, bodyLine, ferrs := splitFrontMatter(p.File, raw)
	*errs = append(*errs, ferrs...)
	text := pageText{body, bodyLine}
	p.FM, p.scanned = fm, false
	if e := markdown.CheckCost(body); e != nil { // refused before goldmark spends its time on it
		errs.add(p.File, text.lineOf(e.Offset), "%v", e.Err)
		p.anchors, p.links, p.Checklists, p.scanned = anchorSet{"main"}, nil, nil, true
		return pageText{}, true
	}
	return text, true
}

// invalidUTF8 returns the offset of the first byte of data that is not UTF-8.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// loadHead reads the page's front matter: what the other pages need to know of it before any
// is rendered (its title, weight and URL). A page without a slug whose body may hold a
// checklist block is scanned too, since its URL may be its checklist's; the others are
// scanned while they render (see siteModel.renderPage). It returns the tree of a page whose
// URL is its checklist's, to render from, and reports false, with the error, when the file
// cannot be read.
func (p *Page) loadHead(fsys afero.Fs, md goldmark.Markdown, errs *errorList, parses *atomic.Int64) (*parsedPage, bool) {
	text, ok := p.readHead(fsys, errs)
	if !ok || p.scanned || p.FM.Slug != "" || !checklistFence.Match(text.body) {
		return nil, ok
	}
	doc := p.parse(md, text, errs, parses)
	p.collect(doc, text, errs)
	if len(p.Checklists) != 1 {
		return nil, true
	}
	// The page's URL is its checklist's: at most one such page per checklist and language
	// builds, so keeping their trees until they render costs little.
	return &parsedPage{doc, text.body}, true
}

// checklistFence matches every line that may open a checklist block: a fence after any
// indentation and list or quote markers, with an info string starting with "checklist".
var checklistFence = regexp.MustCompile("(?m)^[ \\t>*+\\-0-9.)]*(```+|~~~+)[ \\t]*checklist")

// readBody reads the page's file again and returns its Markdown after the front matter,
// which loadHead read and checked.
func (p *Page) readBody(fsys afero.Fs) (pageText, error) {
	raw, err := readRegular(fsys, p.src, maxPageFile)
	if err != nil {
		return pageText{}, fmt.Errorf("cannot read %s again: %w", p.File, unwrapPath(err))
	}
	_, body, line, ferrs := cutFrontMatter(p.File, raw)
	if err := ferrs.err(); err != nil {
		return pageText{}, err
	}
	return pageText{body, line}, nil
}

// scanFile reads the page's body again and scans it; its front matter's problems were
// reported by loadHead.
func (p *Page) scanFile(fsys afero.Fs, md goldmark.Markdown, errs *errorList, parses *atomic.Int64) {
	raw, err := readRegular(fsys, p.src, maxPageFile)
	if err != nil {
		errs.add(p.File, 0, "cannot read: %v", unwrapPath(err))
		return
	}
	_, body, line, _ := cutFrontMatter(p.File, raw)
	text := pageText{body, line}
	p.collect(p.parse(md, text, errs, parses), text, errs)
}

// collect keeps, from the page's syntax tree, parsed from text, what the other pages need to
// know of it (anchors, checklists) and what must be checked (links), and reports images. The
// tree itself is not kept, so that memory does not grow with the size of the site.
func (p *Page) collect(doc ast.Node, text pageText, errs *errorList) {
	p.scanned = true
	anchors := map[string]bool{"main": true}
	defer func() { p.anchors = newAnchorSet(anchors) }()
	p.Checklists, p.links, p.Checker, p.downloads = nil, nil, false, false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				anchors[string(id.([]byte))] = true
			}
		case *ast.Link:
			p.links = append(p.links, pageLink{dest: string(n.Destination), title: string(n.Title), line: text.lineOf(n.Pos())})
		case *ast.AutoLink:
			// <https://…> and <name@example.org> are links like any other: checkLinks applies the
			// same rule to them (an e-mail address is a mailto: link, as it is rendered).
			dest := string(n.URL(text.body))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
				dest = "mailto:" + dest
			}
			p.links = append(p.links, pageLink{dest: dest, line: text.lineOf(n.Pos())})
		case *ast.Image:
			errs.add(p.File, text.lineOf(n.Pos()), "images are not supported: describe the screen with its labels instead (%q)", n.Destination)
		case *markdown.Block:
			anchors[n.Name] = true
			p.Checker = p.Checker || n.Name == "checker" || n.Name == "infoaddress"
			p.downloads = p.downloads || n.Name == "downloads"
			if h, ok := n.Value.(helpBlock); ok {
				cl := h.Checklist
				anchors[cl.ID] = true
				for _, tr := range append(append([]checks.Trouble(nil), cl.Troubles...), cl.Rollback...) {
					anchors[cl.ID+"."+tr.ID] = true
				}
				anchors[cl.ID+"."+checks.TroubleshootingAnchor] = true
				anchors[cl.ID+"."+checks.RollbackAnchor] = true
			}
			if b, ok := n.Value.(sourcesBlock); ok {
				for _, f := range b.Facts() {
					anchors[f.ID] = true
				}
				for _, o := range b.Origins {
					anchors["origin-"+o.String()] = true
				}
			}
			if cl, ok := n.Value.(*checks.Checklist); ok {
				p.Checklists = append(p.Checklists, cl)
				anchors["checklist-"+cl.ID] = true
				for _, s := range cl.Sections {
					anchors[cl.ID+"."+s.ID] = true
					for _, it := range s.Items {
						anchors[it.ID] = true
					}
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}
