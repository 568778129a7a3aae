package markdown

import (
	"strings"
	"testing"
)

func nestedList(levels int, marker string) string {
	var b strings.Builder
	for i := range levels {
		b.WriteString(strings.Repeat(" ", i*len(marker)) + marker + "a\n")
	}
	return b.String()
}

func TestCheckCost(t *testing.T) {
	tests := []struct {
		name, src string
		wantLine  int // 1-based line of the error; 0 for none
	}{
		{"ordinary page", "# Title\n\n- a\n  - b\n    1. c\n\n> quote\n\n```\n" + strings.Repeat(" ", 40) + "code\n```\n", 0},
		{"40 nested list levels", nestedList(40, "- "), 0},
		{"1000 nested list levels", nestedList(1000, "- "), 51},
		{"500 nested ordered lists", nestedList(500, "1. "), 34},
		{"1000 quotes on one line", "text\n\n" + strings.Repeat("> ", 1000) + "a\n", 3},
		{"markers on one line", strings.Repeat("- ", 60) + "a\n", 1},
		{"tabs", strings.Repeat("\t", 30) + "a\n", 1},
		{"a thematic break is no list marker", strings.Repeat("*", 500) + "\n", 0},
		{"20000 brackets", "intro\n\n" + strings.Repeat("[", 20000) + "\n", 3},
		{"20000 unclosed links over lines", "a\n\nb\n" + strings.Repeat("[a](\n", 20000), 2004},
		{"a hundred links", strings.Repeat("See [a](a.md) and [b](b.md).\n\n", 50), 0},
		{"too long", strings.Repeat("a", MaxPageBytes+1), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckCost([]byte(tt.src))
			line := 0
			if err != nil {
				line = 1 + strings.Count(tt.src[:err.Offset], "\n")
			}
			if line != tt.wantLine {
				t.Errorf("CheckCost() = %v at line %d, want line %d", err, line, tt.wantLine)
			}
		})
	}
}

// BenchmarkParseAtLimits parses pages just within the limits, the most costly CheckCost lets
// through: each must stay far below a second.
func BenchmarkParseAtLimits(b *testing.B) {
	md := New("fr", NewHighlighter(), NewBlocks(nil))
	pages := map[string]string{
		"nested lists":  nestedList(MaxLineIndent/2-1, "- "),
		"nested quotes": strings.Repeat(strings.Repeat("> ", MaxLineIndent/2)+"a\n", 1000),
		"brackets":      strings.Repeat("[a](", MaxBrackets),
		"emphasis":      strings.Repeat("_a", MaxPageBytes/2-1),
		"table":         strings.Repeat(strings.Repeat("|a", 100)+"\n", MaxPageBytes/201-1),
	}
	for name, src := range pages {
		if err := CheckCost([]byte(src)); err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				var out strings.Builder
				if err := md.Convert([]byte(src), &out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
