package markdown

import (
	"bytes"
	"fmt"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Limits of what highlighting may cost. chroma's lexers are regular expressions run by a
// backtracking engine, and with many the time grows with the square of a line's length (a
// yaml line of 32 KB of "? " took 47 s); with their match timeout off, for
// reproducible output (see untimedMatches), nothing else bounds them. So a code block is shown
// as plain text, in the same <pre>, with a note in the build's output, when
//   - one of its lines is longer than MaxHighlightLine bytes, or
//   - its lines would take the page's cost past MaxHighlightCost: a line of n bytes costs
//     n × (n + 64), as the slowest lexers' time grows with a line's length and its square,
//     and a page adds up the cost of the blocks it highlights, in order, or
//   - its lexer is one whose time grows faster still (slowLexers), or
//   - its lexer cannot get through it: it stops moving on, more than maxStuck tokens in a row
//     that hold nothing (chroma's jsonata lexer on a backslash matches nothing, for ever), or
//     it panics (YANG on "/*").
//
// Each depends on the page alone: a page is always shown the same way. The limits are far
// above what documentation shows (the costliest page of content/ spends 42 000), and hold the
// costliest page within them to a fraction of a second with the slowest lexers (make bench,
// cmd/internal/bench's hostileCode, measures it).
const (
	// MaxHighlightLine is the longest line, in bytes, of a code block that is highlighted.
	MaxHighlightLine = 512
	// MaxHighlightCost is what a page may spend on highlighting, a line of n bytes costing
	// n × (n + 64): some 85 lines of 80 columns, or 3 lines of MaxHighlightLine bytes. (The
	// HTML of that much highlighted code is near the page budget already.)
	MaxHighlightCost = 1_000_000
	// maxStuck is how many empty tokens in a row tell a lexer that no longer moves on. Rules
	// of several groups may emit a few (an optional group that matched nothing); a lexer
	// stuck emits them until it is stopped.
	maxStuck = 256
)

// slowLexers are chroma's lexers whose time grows faster than the square of a line's length,
// with why: no size that lets them highlight a line of documentation keeps a page within a
// second. They were found by timing every lexer of chroma v2.27.0 on lines of 1 KB made of
// one of 52 short strings repeated (letters, digits, each punctuation mark, "0x", "/*", …):
// all the others took at most 0.6 s (ObjectPascal on "1"), nearly all under 0.16 s.
var slowLexers = map[string]string{
	"LilyPond": `a line of 1 KB of "0x" takes 6 s, and the time grows with the cube of its length`,
	"Markless": `a line of 1 KB of "'" takes 10 s, and the time grows with the cube of its length`,
}

var (
	// plainAttr marks, on a code block, that it is to be shown as plain text (limits).
	plainAttr = []byte("sitegen-highlight-plain")
	// noteAttr holds, on a code block, the Note about it.
	noteAttr = []byte("sitegen-highlight-note")
	// firstLineAttr holds, on a page's Document, the line of its source's first byte.
	firstLineAttr = []byte("sitegen-first-line")
	// firstLineKey holds, in the parser.Context, the line of the source's first byte.
	firstLineKey = parser.NewContextKey()
)

// SetFirstLine records in pc the line of the file at which the Markdown parsed with it
// starts (after a front matter): the line numbers of the page's Notes count from it. It is 1
// when not set.
func SetFirstLine(pc parser.Context, line int) { pc.Set(firstLineKey, line) }

// Note is something the rendering of a page did otherwise than the page asks: a code block
// shown as plain text, and why.
type Note struct {
	Line int // of the page's file (SetFirstLine)
	Text string
}

// Notes returns the notes about the code blocks of doc, a page rendered, in their order.
func Notes(doc ast.Node) []Note {
	var out []Note
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		if v, ok := n.Attribute(noteAttr); ok {
			out = append(out, v.(Note))
		}
		return ast.WalkContinue, nil
	})
	return out
}

// note records on block a note about the source line holding byte offset off.
func note(block ast.Node, source []byte, off int, format string, args ...any) {
	line := 1
	if doc := block.OwnerDocument(); doc != nil {
		if v, ok := doc.Attribute(firstLineAttr); ok {
			line = v.(int)
		}
	}
	off = min(max(off, 0), len(source))
	line += bytes.Count(source[:off], []byte("\n"))
	block.SetAttribute(noteAttr, Note{Line: line, Text: "code shown without highlighting: " + fmt.Sprintf(format, args...)})
}

// limits marks, once a page is parsed, the code blocks that go past MaxHighlightLine or
// MaxHighlightPage, to be shown as plain text.
type limits struct{ h *Highlighter }

// Transform implements parser.ASTTransformer.
func (l limits) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if line, ok := pc.Get(firstLineKey).(int); ok {
		doc.SetAttribute(firstLineAttr, line)
	}
	source := reader.Source()
	cost := 0 // of the code highlighted so far
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		b, ok := n.(*ast.FencedCodeBlock)
		if !ok {
			return ast.WalkContinue, nil
		}
		lang := b.Language(source)
		if lang == nil {
			return ast.WalkSkipChildren, nil
		}
		lexer := l.h.lexer(string(lang))
		if lexer == lexers.Fallback {
			return ast.WalkSkipChildren, nil // plain text already
		}
		if why, slow := slowLexers[lexer.Config().Name]; slow {
			n.SetAttribute(plainAttr, true)
			note(n, source, b.Info.Segment.Start, "chroma's %s lexer is not used: %s", lexer.Config().Name, why)
			return ast.WalkSkipChildren, nil
		}
		c, long := blockCost(b, source)
		switch {
		case long >= 0:
			n.SetAttribute(plainAttr, true)
			seg := b.Lines().At(long)
			note(n, source, seg.Start, "this line is %d bytes long, past the %d a highlighted line may have", lineLen(seg, source), MaxHighlightLine)
		case cost+c > MaxHighlightCost:
			n.SetAttribute(plainAttr, true)
			note(n, source, b.Info.Segment.Start, "with this block the page's code would cost %d to highlight (a line of n bytes costs n × (n + 64)), past the %d a page may spend", cost+c, MaxHighlightCost)
		default:
			cost += c
		}
		return ast.WalkSkipChildren, nil
	})
}

// blockCost returns what highlighting block b costs, and its first line longer than
// MaxHighlightLine, or -1.
func blockCost(b ast.Node, source []byte) (cost, long int) {
	for i := 0; i < b.Lines().Len(); i++ {
		n := lineLen(b.Lines().At(i), source)
		if n > MaxHighlightLine {
			return cost, i
		}
		cost += n * (n + 64)
	}
	return cost, -1
}

// lineLen returns the length of a line of a code block, without its line end.
func lineLen(seg text.Segment, source []byte) int {
	return len(bytes.TrimRight(seg.Value(source), "\r\n"))
}

// tokenise returns the tokens of code, coalesced. When the lexer cannot get through the code,
// failed says why: it stopped moving on (see moving), or it panicked, which some of chroma's
// lexers do on some input (YANG on "/*": "unknown state comment").
func tokenise(lexer chroma.Lexer, code string) (tokens []chroma.Token, failed string, err error) {
	defer func() {
		if e := recover(); e != nil {
			tokens, failed, err = nil, fmt.Sprintf("failed on it (%v)", e), nil
		}
	}()
	var stuck bool
	tokens, err = chroma.Tokenise(chroma.Coalesce(moving{lexer, &stuck}), nil, code)
	if stuck {
		return nil, "stops moving on in it", err
	}
	return tokens, "", err
}

// moving is a lexer that ends, as if at the end of its text, once the lexer it wraps emits
// more than maxStuck empty tokens in a row, and then sets stuck.
type moving struct {
	chroma.Lexer
	stuck *bool
}

func (m moving) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	it, err := m.Lexer.Tokenise(options, text)
	if err != nil {
		return nil, err
	}
	empty := 0
	return func() chroma.Token {
		if *m.stuck {
			return chroma.EOF
		}
		t := it()
		if t.Value != "" || t == chroma.EOF {
			empty = 0
			return t
		}
		if empty++; empty > maxStuck {
			*m.stuck = true
			return chroma.EOF
		}
		return t
	}, nil
}

// blockStart returns the offset of a code block in source: its fence, else its first line.
func blockStart(n ast.Node) int {
	if b, ok := n.(*ast.FencedCodeBlock); ok && b.Info != nil {
		return b.Info.Segment.Start
	}
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return 0
}
