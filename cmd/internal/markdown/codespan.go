package markdown

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeSpans renders inline code so that a narrow screen or a printout breaks it only after a
// slash, "?", "&" or "=", or at a space: never at a hyphen or inside a word. An option
// ("--show-personal-data") or an address ("enc.hauts-de-seine.fr") copied from the page or
// from paper keeps every character.
type codeSpans struct{}

func (codeSpans) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(codeSpans{}, 100)))
}

func (codeSpans) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindCodeSpan, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var code strings.Builder
		for c := node.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				code.Write(t.Segment.Value(source))
			} else if s, ok := c.(*ast.String); ok {
				code.Write(s.Value)
			}
		}
		_, _ = w.WriteString("<code>")
		writePieces(w, code.String())
		_, _ = w.WriteString("</code>")
		return ast.WalkSkipChildren, nil
	})
}

// writePieces writes s escaped, cut into unbreakable pieces that end after a slash (not the
// first of "//"), "?", "&" or "=", with a break opportunity between them; spaces stay
// spaces.
func writePieces(w util.BufWriter, s string) {
	for i, word := range strings.Split(s, " ") {
		if i > 0 {
			_ = w.WriteByte(' ')
		}
		from := 0
		for j := 0; j < len(word); j++ {
			c := word[j]
			if (c == '/' && !(j+1 < len(word) && word[j+1] == '/')) || c == '?' || c == '&' || c == '=' {
				writePiece(w, word[from:j+1], j+1 < len(word))
				from = j + 1
			}
		}
		if from < len(word) {
			writePiece(w, word[from:], false)
		}
	}
}

func writePiece(w util.BufWriter, p string, more bool) {
	if strings.ContainsRune(p, '-') {
		_, _ = w.WriteString(`<span class="nw">`)
		_, _ = w.Write(util.EscapeHTML([]byte(p)))
		_, _ = w.WriteString(`</span>`)
	} else {
		_, _ = w.Write(util.EscapeHTML([]byte(p)))
	}
	if more {
		_, _ = w.WriteString("<wbr>")
	}
}
