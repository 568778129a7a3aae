package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/hds-oze/pronote-oze/checks"
)

// KindCallout is the kind of [Callout] nodes.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a note or a warning set apart from the text: a block quote whose first line is
// GitHub's alert marker, "> [!NOTE]" or "> [!WARNING]" (TIP, IMPORTANT and CAUTION too).
type Callout struct {
	ast.BaseBlock
	// Alert is the marker's word in lower case: "note", "tip", "important", "warning",
	// "caution".
	Alert string
}

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Alert": n.Alert}, nil)
}

// CalloutLabels are the titles of the callouts, as the reader sees them, by type.
var CalloutLabels = map[string]checks.Text{
	"note":      {FR: "Remarque", EN: "Note"},
	"tip":       {FR: "Conseil", EN: "Tip"},
	"important": {FR: "Important", EN: "Important"},
	"warning":   {FR: "Attention", EN: "Warning"},
	"caution":   {FR: "Prudence", EN: "Caution"},
}

// callouts turns alert block quotes into Callout nodes and renders them in one language.
type callouts struct{ lang checks.Lang }

func (e callouts) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 200)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 200)))
}

// Transform replaces every block quote that opens with "[!TYPE]" alone on its first line.
func (e callouts) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var found []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if bq, ok := n.(*ast.Blockquote); ok && entering {
			found = append(found, bq)
		}
		return ast.WalkContinue, nil
	})
	for _, bq := range found {
		p, ok := bq.FirstChild().(*ast.Paragraph)
		if !ok || p.Lines().Len() == 0 {
			continue
		}
		first := p.Lines().At(0)
		typ, ok := calloutType(first.Value(source))
		if !ok {
			continue
		}
		// Drop the marker line: its text nodes ("[!NOTE]" may have been split in several),
		// and the paragraph if nothing else is in it.
		for c := p.FirstChild(); c != nil; {
			t, ok := c.(*ast.Text)
			if !ok || t.Segment.Stop > first.Stop {
				break
			}
			next := c.NextSibling()
			p.RemoveChild(p, c)
			c = next
		}
		lines := text.NewSegments()
		for i := 1; i < p.Lines().Len(); i++ {
			lines.Append(p.Lines().At(i))
		}
		p.SetLines(lines)
		if p.ChildCount() == 0 {
			bq.RemoveChild(bq, p)
		}
		co := &Callout{Alert: typ}
		for c := bq.FirstChild(); c != nil; {
			next := c.NextSibling()
			co.AppendChild(co, c)
			c = next
		}
		bq.Parent().ReplaceChild(bq.Parent(), bq, co)
	}
}

// calloutType reads "[!NOTE]" (any case, spaces around) as "note".
func calloutType(line []byte) (string, bool) {
	line = bytes.TrimSpace(line)
	if len(line) < 4 || line[0] != '[' || line[1] != '!' || line[len(line)-1] != ']' {
		return "", false
	}
	typ := string(bytes.ToLower(line[2 : len(line)-1]))
	_, ok := CalloutLabels[typ]
	return typ, ok
}

func (e callouts) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*Callout)
		if entering {
			_, _ = w.WriteString(`<div class="callout callout-` + n.Alert + `" role="note"><p class="callout-title">`)
			_, _ = w.Write(util.EscapeHTML([]byte(CalloutLabels[n.Alert].In(e.lang))))
			_, _ = w.WriteString("</p>\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
