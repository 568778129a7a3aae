package markdown

import (
	"fmt"
	"io"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// HighlightStyle is the chroma style of code blocks; its CSS is generated once, by Stylesheet.
const HighlightStyle = "github"

var codeFormatter = chromahtml.New(chromahtml.WithClasses(true))

// Stylesheet writes the CSS of the highlighting classes, once for the whole site.
func Stylesheet(w io.Writer) error {
	return codeFormatter.WriteCSS(w, styles.Get(HighlightStyle))
}

// Highlight renders fenced code blocks with chroma: the lexer named by the info string, the
// plain-text fallback when there is none or it is unknown (no guessing from content), and
// CSS classes instead of inline styles, so the strict Content-Security-Policy holds.
var Highlight goldmark.Extender = highlight{}

type highlight struct{}

func (highlight) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(highlight{}, 200)))
}

func (h highlight) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, h.render)
}

func (highlight) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var lexer chroma.Lexer
	if lang := n.Language(source); lang != nil {
		lexer = lexers.Get(string(lang))
	}
	if lexer == nil {
		lexer = lexers.Fallback
	}
	var code []byte
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code = append(code, seg.Value(source)...)
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, string(code))
	if err != nil {
		return ast.WalkStop, fmt.Errorf("highlight %s code: %w", lexer.Config().Name, err)
	}
	if err := codeFormatter.Format(w, styles.Get(HighlightStyle), it); err != nil {
		return ast.WalkStop, fmt.Errorf("highlight %s code: %w", lexer.Config().Name, err)
	}
	return ast.WalkSkipChildren, nil
}
