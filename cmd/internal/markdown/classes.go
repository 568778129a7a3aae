package markdown

import (
	"slices"

	"github.com/yuin/goldmark/ast"
)

// classesAttr is the attribute under which the highlighter leaves, on each code block it
// rendered, the classes the block's HTML uses. It is never rendered: the highlighter writes
// the block's HTML itself.
var classesAttr = []byte("sitegen-highlight-classes")

// MarkUsed records classes as emitted, as if a block using them had been rendered: a build
// that reuses a page rendered before keeps its classes in the stylesheet.
func (h *Highlighter) MarkUsed(classes []string) {
	h.mu.Lock()
	for _, c := range classes {
		h.used[c] = true
	}
	h.mu.Unlock()
}

// UsedClasses returns, sorted, the highlighting classes the code blocks of doc used when doc
// was rendered: what the stylesheet must carry for that page.
func UsedClasses(doc ast.Node) []string {
	var out []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeInline { // code blocks are blocks
			return ast.WalkSkipChildren, nil
		}
		if v, ok := n.Attribute(classesAttr); ok {
			out = append(out, v.([]string)...)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	slices.Sort(out)
	return slices.Compact(out)
}
