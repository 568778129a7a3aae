package markdown

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/hds-oze/pronote-oze/checks"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// slowLexerName names a chroma lexer registered by the tests only (registerSlowLexer).
const slowLexerName = "sitegen-test-slow-match"

var registerSlowLexer = sync.OnceFunc(func() {
	lexers.Register(chroma.MustNewLexer(&chroma.Config{Name: slowLexerName}, func() chroma.Rules {
		return chroma.Rules{"root": {
			{Mutator: tinyMatchTimeout{}}, // removed when the lexer is compiled
			// On "aaa…ay", the first branch backtracks through every way of splitting the
			// a's (some 2^n steps: hundreds of milliseconds for 21 a's) before the second
			// branch matches the whole line.
			{Pattern: `(a+)+x|a+y`, Type: chroma.Keyword},
			{Pattern: `[\s\S]`, Type: chroma.Text},
		}}
	}))
})

// tinyMatchTimeout gives every rule of the lexer it is compiled into chroma's match timeout
// shrunk to a nanosecond: a machine so loaded that any match that lasts more than a tick of
// regexp2's clock runs past chroma's 250 ms. chroma calls MutateLexer once, after compiling
// the rules; the rule holding it removes itself, so it never matches.
type tinyMatchTimeout struct{}

func (tinyMatchTimeout) Mutate(*chroma.LexerState) error { return nil }

func (tinyMatchTimeout) MutateLexer(rules chroma.CompiledRules, state string, rule int) error {
	rules[state] = append(rules[state][:rule:rule], rules[state][rule+1:]...)
	for _, rs := range rules {
		for _, r := range rs {
			r.Regexp.MatchTimeout = time.Nanosecond
		}
	}
	return nil
}

// TestHighlightIgnoresMatchTimeout: a block is highlighted the same however long its matches
// take, and that highlighting is what the cache stores. chroma treats a match that runs past
// its timeout as no match, which on a loaded machine would highlight a block otherwise from
// one build to the next; the highlighter turns regexp2's timeouts off. Here the slow rule's
// timeout is one nanosecond and its match outlasts several ticks of regexp2's clock (100 ms
// each by default): with timeouts on, the block's first a's come out as plain text, a different number
// of them on each run, and the cache serves that. The test asserts no duration.
//
// TestCacheSameOutput checks that a block comes out the same with and without the cache.
func TestHighlightIgnoresMatchTimeout(t *testing.T) {
	registerSlowLexer()
	code := strings.Repeat("a", 21) + "y"
	src := "```" + slowLexerName + "\n" + code + "\n```\n"
	want := `<span class="k">` + code + `</span>`
	dir := t.TempDir()
	for _, tc := range []struct {
		name                                    string
		c                                       *Cache
		highlighted, readFromDisk, storedOnDisk int64
	}{
		{"cold disk cache", testCache(dir, 0), 1, 0, 1},
		{"warm disk cache", testCache(dir, 0), 0, 1, 0}, // what the cold one stored
	} {
		t.Run(tc.name, func(t *testing.T) {
			html, css := convert(t, tc.c, checks.EN, src)
			if !strings.Contains(html, want) {
				t.Errorf("the block is not one keyword (%s):\n%s", want, html)
			}
			if !strings.Contains(css, ".chroma .k {") {
				t.Errorf("stylesheet lacks the keyword class:\n%s", css)
			}
			tc.c.Flush() // the build ends
			st := tc.c.Stats()
			if st.Highlighted != tc.highlighted || st.DiskHits != tc.readFromDisk || st.Stored != tc.storedOnDisk {
				t.Errorf("stats %+v, want %d highlighted, %d read from disk, %d stored", st, tc.highlighted, tc.readFromDisk, tc.storedOnDisk)
			}
		})
	}
}

// TestHighlightLimits: a code block past a limit is shown as plain text, the same from one
// build to the next, with a note at the line that says why; the others are highlighted.
func TestHighlightLimits(t *testing.T) {
	long := "key: [" + strings.Repeat("[", MaxHighlightLine-5) + "\n" // one byte past the limit
	atLimit := "key: " + strings.Repeat("a", MaxHighlightLine-5) + "\n"
	quarter := strings.Repeat(strings.Repeat("a", 100)+"\n", MaxHighlightCost/4/100/164) // about a quarter of a page's cost
	for _, tc := range []struct {
		name  string
		src   string
		plain []string // the blocks' code shown as plain text
		notes []Note   // the page starts at line 10 of its file
	}{
		{"a line past MaxHighlightLine", "# Title\n\n```yaml\na: 1\n" + long + "```\n", []string{"a: 1\n" + long},
			[]Note{{14, "code shown without highlighting: this line is 513 bytes long, past the 512 a highlighted line may have"}}},
		{"a line at MaxHighlightLine", "```yaml\n" + atLimit + "```\n", nil, nil},
		{"past MaxHighlightCost, the fifth quarter", strings.Repeat("```yaml\n"+quarter+"```\n\n", 5), []string{quarter},
			[]Note{{10 + 4*(MaxHighlightCost/4/100/164+3), "code shown without highlighting: with this block the page's code would cost 1230000 to highlight (a line of n bytes costs n × (n + 64)), past the 1000000 a page may spend"}}},
		{"a lexer slower than the square of a line", "```lilypond\n\\relative c' { c4 }\n```\n", []string{"\\relative c' { c4 }\n"},
			[]Note{{10, `code shown without highlighting: chroma's LilyPond lexer is not used: a line of 1 KB of "0x" takes 6 s, and the time grows with the cube of its length`}}},
		{"a lexer that stops moving on", "```jsonata\n$x \\ 1\n```\n", []string{"$x \\ 1\n"},
			[]Note{{10, "code shown without highlighting: chroma's JSONata lexer stops moving on in it"}}},
		{"a lexer that panics", "```yang\n/*/*\n```\n", []string{"/*/*\n"},
			[]Note{{10, "code shown without highlighting: chroma's YANG lexer failed on it (unknown state comment)"}}},
		{"plain text is not limited", "```\n" + strings.Repeat("[", 4*MaxHighlightLine) + "\n```\n", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var first string
			for _, build := range []string{"cold", "memory", "warm"} {
				c := testCache(dir, 0)
				html, notes := renderNotes(t, c, tc.src, 10)
				if build == "memory" {
					html, notes = renderNotes(t, c, tc.src, 10)
				}
				c.Flush()
				if first == "" {
					first = html
				} else if html != first {
					t.Errorf("%s build: the HTML differs from the first build's:\n%s", build, html)
				}
				if !slices.Equal(notes, tc.notes) {
					t.Errorf("%s build: notes %+v, want %+v", build, notes, tc.notes)
				}
			}
			for _, code := range tc.plain {
				want, _ := convert(t, nil, checks.EN, "```\n"+code+"```\n")
				if !strings.Contains(first, want) {
					t.Errorf("the block is not shown as plain text:\n%.300s…", first)
				}
			}
			if len(tc.plain) == 0 && !strings.Contains(first, `<span class="`) {
				t.Errorf("no highlighting:\n%.300s…", first)
			}
		})
	}
}

// renderNotes renders src, a page starting at line first of its file, with cache c, and
// returns its HTML and notes.
func renderNotes(t *testing.T, c *Cache, src string, first int) (string, []Note) {
	t.Helper()
	h := NewHighlighter()
	h.Cache = c
	md := New(checks.EN, h)
	pc := NewContext(checks.EN, nil)
	SetFirstLine(pc, first)
	doc := md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
	var out bytes.Buffer
	if err := md.Renderer().Render(&out, []byte(src), doc); err != nil {
		t.Fatal(err)
	}
	return out.String(), Notes(doc)
}
