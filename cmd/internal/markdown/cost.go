package markdown

import (
	"bytes"
	"fmt"
)

// Limits of what one page may cost. goldmark's time grows much faster than the page with
// deeply nested lists or quotes and with many brackets in one paragraph (1 000 nested list
// levels took 27 s, 20 000 "[a](" 11 s), and linearly but steeply with delimiters ("_a" over
// a page: some 3 µs a byte). A page past a limit is refused before it is parsed, so that a
// broken or hostile page cannot stall a build or "sitegen serve"; BenchmarkParseAtLimits
// measures the pages just within them.
const (
	// MaxPageBytes is the largest Markdown source of a page: three times what a page within
	// the page budget (40 KB of HTML) could hold.
	MaxPageBytes = 128 << 10
	// MaxLineIndent is the widest run of indentation and container markers (spaces, tabs,
	// ">", list markers) that may start a line: some 50 levels of nested lists or quotes.
	MaxLineIndent = 100
	// MaxBrackets is the most "[" a page may hold.
	MaxBrackets = 2000
)

// CheckCost returns where src first goes past one of the limits above, or nil.
func CheckCost(src []byte) *PosError {
	brackets := 0
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		line := src[off : off+end]
		if len(bytes.TrimSpace(line)) > 0 {
			if n := lineIndent(line); n > MaxLineIndent {
				return &PosError{Offset: off, Err: fmt.Errorf("the line starts %d columns in (indentation, list and quote markers), past the limit of %d: nest lists or quotes less deeply", n, MaxLineIndent)}
			}
			if brackets += bytes.Count(line, []byte("[")); brackets > MaxBrackets {
				return &PosError{Offset: off, Err: fmt.Errorf("the page holds more than %d \"[\" by this line: split it", MaxBrackets)}
			}
		}
		off += end + 1
	}
	if len(src) > MaxPageBytes {
		return &PosError{Offset: 0, Err: fmt.Errorf("the page is %d bytes long, over the limit of %d: split it", len(src), MaxPageBytes)}
	}
	return nil
}

// lineIndent returns the width of the indentation and container markers that start line: the
// columns a parser goes through to reach its content.
func lineIndent(line []byte) int {
	col := 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == ' ' || c == '>':
			col++
		case c == '\t':
			col += 4 - col%4
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			col++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 >= len(line) || (line[j] != '.' && line[j] != ')') || (line[j+1] != ' ' && line[j+1] != '\t') {
				return col
			}
			col += j - i + 1
			i = j
		default:
			return col
		}
	}
	return col
}
