package markdown

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/hds-oze/pronote-oze/checks"
)

// KindBlock is the kind of [Block] nodes.
var KindBlock = ast.NewNodeKind("Block")

// Block is a generated block: a fenced block whose info string is a known name
// ("checklist hosted", "downloads"), replaced by content the site builder renders from Go
// values, in the page's language.
type Block struct {
	ast.BaseBlock
	// Name is the block's name, the first word of the info string.
	Name string
	// Value is what the name's Resolve returned for the rest of the info string (the
	// *checks.Checklist of a checklist block).
	Value any
	Lang  checks.Lang
	// Page is the builder's value for the page, from the parser.Context.
	Page any
}

// Kind implements ast.Node.
func (n *Block) Kind() ast.NodeKind { return KindBlock }

// Dump implements ast.Node.
func (n *Block) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name, "Lang": string(n.Lang)}, nil)
}

// BlockType says how to resolve and render the blocks of one name.
type BlockType struct {
	// Resolve checks the block's arguments and returns its value, or an error reported at
	// the block's line.
	Resolve func(args []string) (any, error)
	// Render writes the block's HTML.
	Render func(w util.BufWriter, n *Block) error
}

// NewBlocks returns the extension that turns fenced blocks named in types into Block nodes.
// A named block must be empty: its content comes from Go values, not from the page.
func NewBlocks(types map[string]BlockType) goldmark.Extender {
	return &blocks{types: types}
}

type blocks struct {
	types map[string]BlockType
}

func (e *blocks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

// Transform replaces named fenced blocks, wherever they are, by Block nodes.
func (e *blocks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var found []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fb, ok := n.(*ast.FencedCodeBlock); ok && entering && fb.Info != nil {
			if f := strings.Fields(string(fb.Info.Segment.Value(source))); len(f) > 0 {
				if _, ok := e.types[f[0]]; ok {
					found = append(found, fb)
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, fb := range found {
		offset := fb.Info.Segment.Start
		f := strings.Fields(string(fb.Info.Segment.Value(source)))
		value, err := e.types[f[0]].Resolve(f[1:])
		if err != nil {
			AddError(pc, offset, err)
			continue
		}
		if fb.Lines().Len() > 0 {
			AddError(pc, offset, fmt.Errorf("%s: the block must be empty, its content comes from Go values", strings.Join(f, " ")))
			continue
		}
		node := &Block{Name: f[0], Value: value, Lang: Lang(pc), Page: pc.Get(pageKey)}
		node.SetPos(offset)
		fb.Parent().ReplaceChild(fb.Parent(), fb, node)
	}
}

func (e *blocks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindBlock, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*Block)
		if err := e.types[n.Name].Render(w, n); err != nil {
			return ast.WalkStop, fmt.Errorf("render %s block: %w", n.Name, err)
		}
		return ast.WalkSkipChildren, nil
	})
}

// ChecklistBlock is the block type of ```checklist <id>```: lookup finds the checklist of
// package checks, render writes it.
func ChecklistBlock(lookup func(id string) (*checks.Checklist, bool), render func(w util.BufWriter, n *Block) error) BlockType {
	return BlockType{
		Resolve: func(args []string) (any, error) {
			if len(args) != 1 {
				return nil, fmt.Errorf("checklist block needs exactly one ID (```checklist <id>```), got %q", strings.Join(args, " "))
			}
			cl, ok := lookup(args[0])
			if !ok {
				return nil, fmt.Errorf("unknown checklist %q", args[0])
			}
			return cl, nil
		},
		Render: render,
	}
}
