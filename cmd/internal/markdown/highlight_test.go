package markdown

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/hds-oze/pronote-oze/checks"
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
