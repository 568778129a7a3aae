package markdown

import (
	"bytes"
	"strings"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// typesetWriter applies the typography of its language (checks.Lang.Typeset) to the text of
// a page. Code spans and raw text go through RawWrite and stay as written.
type typesetWriter struct {
	html.Writer
	lang checks.Lang
}

func (w typesetWriter) Write(out util.BufWriter, source []byte) {
	w.Writer.Write(out, w.lang.TypesetBytes(source))
}

// frenchBoundaries handles the spaces typesetWriter cannot see: goldmark ends a text node
// before "!" (it may start an image), so in "important !" the space and the "!" are written
// separately. The transformer moves such a space out of the text node and puts the right
// no-break space between the two nodes.
type frenchBoundaries struct{}

func (frenchBoundaries) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var fix []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			if next, ok := t.NextSibling().(*ast.Text); ok && !t.SoftLineBreak() && !t.HardLineBreak() {
				v, nv := t.Segment.Value(source), next.Segment.Value(source)
				if bytes.HasSuffix(v, []byte(" ")) && len(nv) > 0 && strings.ContainsRune(";:!?»", []rune(string(nv))[0]) {
					fix = append(fix, t)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for _, t := range fix {
		t.Segment = t.Segment.WithStop(t.Segment.Stop - 1)
		space := checks.NarrowNBSP
		if bytes.HasPrefix(t.NextSibling().(*ast.Text).Segment.Value(source), []byte("»")) {
			space = checks.NBSP
		}
		t.Parent().InsertAfter(t.Parent(), t, ast.NewString([]byte(space)))
	}
}
