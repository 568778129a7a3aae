package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/dlclark/regexp2/v2"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// HighlightStyle is the chroma style of code blocks.
const HighlightStyle = "github"

var codeFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithPreWrapper(focusablePre{}))

// focusablePre wraps code in a <pre> that takes keyboard focus, so that a reader without a
// mouse can scroll a long line (WCAG 2.1.1; axe's scrollable-region-focusable).
type focusablePre struct{}

func (focusablePre) Start(code bool, styleAttr string) string {
	if code {
		return `<pre class="chroma" tabindex="0"><code>`
	}
	return `<pre class="chroma" tabindex="0">`
}

func (focusablePre) End(code bool) string {
	if code {
		return "</code></pre>"
	}
	return "</pre>"
}

// Highlighter renders code blocks with chroma: the lexer named by a fenced block's info string,
// the plain-text fallback when there is none or it is unknown (no guessing from content) and for
// indented blocks, which have no info string; and CSS
// classes instead of inline styles, so the strict Content-Security-Policy holds. It records
// the classes it emits, so that the one stylesheet of the site carries only those.
//
// A Highlighter is a goldmark.Extender; one serves every page of a build, concurrently. With a
// Cache it highlights each distinct block once; without, every block every time.
type Highlighter struct {
	// Cache, if not nil, remembers highlighted blocks. Set it before the first page.
	Cache *Cache

	mu   sync.Mutex
	used map[string]bool
	// lexers caches chroma's lookup by info string: for a name it does not know, chroma
	// matches it as a file name against every lexer's patterns, which takes milliseconds.
	lexers sync.Map // string → chroma.Lexer
}

// NewHighlighter returns a highlighter that has emitted nothing yet. The first call turns
// off the match timeout of the regular expressions chroma runs, for the whole process
// (untimedMatches).
func NewHighlighter() *Highlighter {
	untimedMatches()
	return &Highlighter{used: map[string]bool{}}
}

// untimedMatches makes a block's highlighting independent of how busy the machine is.
//
// chroma gives each rule of a lexer a 250 ms match timeout (regexp.go, in maybeCompile) and
// treats a match that times out as no match (matchRules): the lexer then tries its next rule,
// or emits one character as an error. regexp2 measures that timeout on the wall clock, so a
// worker descheduled on a loaded machine could highlight a block otherwise than on the
// previous build, and the cache would keep that highlighting. chroma has no setting for the
// timeout, and its compiled rules are out of reach; but regexp2 computes a match's deadline
// as its clock plus the timeout plus the clock's period, and advances that clock once per
// period (fastclock.go: makeDeadline, runClock). With a period of a century, no deadline is
// ever reached: highlighting depends on the code alone (TestHighlightIgnoresMatchTimeout).
// The cost: a block that sends a lexer's pattern into catastrophic backtracking now takes as
// long as the backtracking does, where each attempt gave up after some 250 ms (and the block
// was highlighted wrong); regexp2's bound on its backtracking stack, which does not depend on
// time, still holds.
//
// It runs before the first block is highlighted and, since nothing else in sitegen runs
// regexp2, before regexp2's clock starts: no match is ever timed against the former period.
var untimedMatches = sync.OnceFunc(func() { regexp2.SetTimeoutCheckPeriod(100 * 365 * 24 * time.Hour) })

// lexer returns the lexer for an info string, or the plain-text one.
func (h *Highlighter) lexer(lang string) chroma.Lexer {
	if l, ok := h.lexers.Load(lang); ok {
		return l.(chroma.Lexer)
	}
	l := lexers.Get(lang)
	if l == nil {
		l = lexers.Fallback
	}
	h.lexers.Store(lang, l)
	return l
}

// Extend implements goldmark.Extender.
func (h *Highlighter) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(limits{h}, 1000)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(h, 200)))
}

// RegisterFuncs implements renderer.NodeRenderer.
func (h *Highlighter) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, h.render)
	reg.Register(ast.KindCodeBlock, h.render) // indented: the same focusable <pre>, plain text
}

func (h *Highlighter) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var lang string // none for an indented block, or one past the limits: plain text
	if n, ok := node.(*ast.FencedCodeBlock); ok {
		if _, plain := n.Attribute(plainAttr); !plain && n.Language(source) != nil {
			lang = string(n.Language(source))
		}
	}
	n := node
	var code []byte
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code = append(code, seg.Value(source)...)
	}
	var b highlighted
	if h.Cache != nil {
		b = h.Cache.get(lang, code, func() highlighted { return h.highlight(lang, code) })
	} else {
		b = h.highlight(lang, code)
	}
	if b.err != nil {
		return ast.WalkStop, b.err
	}
	if b.note != "" {
		note(node, source, blockStart(node), "%s", b.note)
	}
	h.MarkUsed(b.classes)
	node.SetAttribute(classesAttr, b.classes)
	if _, err := w.Write(b.html); err != nil {
		return ast.WalkStop, err
	}
	return ast.WalkSkipChildren, nil
}

// highlight turns code in lang into HTML and lists the classes it uses. Code its lexer cannot
// get through (stuck, or panicking) is given as plain text, with a note saying so.
func (h *Highlighter) highlight(lang string, code []byte) highlighted {
	lexer := lexers.Fallback
	if lang != "" {
		lexer = h.lexer(lang)
	}
	tokens, failed, err := tokenise(lexer, string(code))
	if err != nil {
		return highlighted{err: fmt.Errorf("highlight %s code: %w", lexer.Config().Name, err)}
	}
	if failed != "" {
		b := h.highlight("", code)
		b.note = fmt.Sprintf("chroma's %s lexer %s", lexer.Config().Name, failed)
		return b
	}
	used := map[string]bool{}
	for _, t := range tokens {
		for tt := t.Type; tt != 0; tt = tt.Parent() {
			used[chroma.StandardTypes[tt]] = true
		}
	}
	var buf bytes.Buffer
	if err := codeFormatter.Format(&buf, styles.Get(HighlightStyle), chroma.Literator(tokens...)); err != nil {
		return highlighted{err: fmt.Errorf("highlight %s code: %w", lexer.Config().Name, err)}
	}
	classes := make([]string, 0, len(used))
	for c := range used {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	return highlighted{html: buf.Bytes(), classes: classes}
}

// cssRule matches one rule of chroma's stylesheet: "/* Keyword */ .chroma .k { … }".
var cssRule = regexp.MustCompile(`^/\* \w+ \*/ (\.chroma \.([a-z0-9]+) |\.bg |\.chroma )\{`)

// Stylesheet writes the CSS of the classes emitted so far (and of the code block itself),
// without chroma's comments. An empty site gets an empty stylesheet.
func (h *Highlighter) Stylesheet(w io.Writer) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.used) == 0 {
		return nil
	}
	var all bytes.Buffer
	if err := codeFormatter.WriteCSS(&all, styles.Get(HighlightStyle)); err != nil {
		return err
	}
	var keep []string
	sc := bufio.NewScanner(&all)
	for sc.Scan() {
		line := sc.Text()
		m := cssRule.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if m[2] == "" || h.used[m[2]] || m[2] == "line" || m[2] == "cl" {
			_, rule, _ := strings.Cut(line, "*/ ")
			keep = append(keep, rule)
		}
	}
	sort.Strings(keep)
	for _, r := range keep {
		if _, err := io.WriteString(w, r+"\n"); err != nil {
			return err
		}
	}
	return sc.Err()
}
