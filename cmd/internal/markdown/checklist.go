package markdown

import (
	"fmt"
	"strings"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindChecklist is the kind of [Checklist] nodes.
var KindChecklist = ast.NewNodeKind("Checklist")

// Checklist is a block that shows a checklist of package checks, in the page's language.
type Checklist struct {
	ast.BaseBlock
	Checklist *checks.Checklist
	Lang      checks.Lang
	// Page is the builder's value for the page, from the parser.Context.
	Page any
}

// Kind implements ast.Node.
func (n *Checklist) Kind() ast.NodeKind { return KindChecklist }

// Dump implements ast.Node.
func (n *Checklist) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.Checklist.ID, "Lang": string(n.Lang)}, nil)
}

// ChecklistInfo is the word that starts a checklist block's info string.
const ChecklistInfo = "checklist"

// RenderChecklistFunc writes the HTML of a checklist node.
type RenderChecklistFunc func(w util.BufWriter, n *Checklist) error

// NewChecklistExtension returns the extension that turns ```checklist <id>``` blocks into
// Checklist nodes, looking IDs up with lookup and rendering nodes with render.
func NewChecklistExtension(lookup func(id string) (*checks.Checklist, bool), render RenderChecklistFunc) goldmark.Extender {
	return &checklistExtension{lookup: lookup, render: render}
}

type checklistExtension struct {
	lookup func(id string) (*checks.Checklist, bool)
	render RenderChecklistFunc
}

func (e *checklistExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(checklistTransformer{e.lookup}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(checklistRenderer{e.render}, 100)))
}

type checklistTransformer struct {
	lookup func(id string) (*checks.Checklist, bool)
}

// Transform replaces checklist blocks, wherever they are, by Checklist nodes.
func (t checklistTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var blocks []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fb, ok := n.(*ast.FencedCodeBlock); ok && entering && fb.Info != nil {
			if f := strings.Fields(string(fb.Info.Segment.Value(source))); len(f) > 0 && f[0] == ChecklistInfo {
				blocks = append(blocks, fb)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, fb := range blocks {
		offset := fb.Info.Segment.Start
		f := strings.Fields(string(fb.Info.Segment.Value(source)))
		if len(f) != 2 {
			AddError(pc, offset, fmt.Errorf("checklist block needs exactly one ID (```checklist <id>```), got %q", strings.Join(f, " ")))
			continue
		}
		cl, ok := t.lookup(f[1])
		if !ok {
			AddError(pc, offset, fmt.Errorf("unknown checklist %q", f[1]))
			continue
		}
		if fb.Lines().Len() > 0 {
			AddError(pc, offset, fmt.Errorf("checklist %q: the block must be empty, its items come from package checks", f[1]))
			continue
		}
		node := &Checklist{Checklist: cl, Lang: Lang(pc), Page: pc.Get(pageKey)}
		node.SetPos(offset)
		fb.Parent().ReplaceChild(fb.Parent(), fb, node)
	}
}

type checklistRenderer struct {
	render RenderChecklistFunc
}

func (r checklistRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindChecklist, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if err := r.render(w, node.(*Checklist)); err != nil {
			return ast.WalkStop, fmt.Errorf("render checklist %s: %w", node.(*Checklist).Checklist.ID, err)
		}
		return ast.WalkSkipChildren, nil
	})
}
