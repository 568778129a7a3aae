package terminal

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escape returns s with every control character (C0, DEL, C1), format character (the
// bidirectional controls, zero-width characters, the byte order mark), line or paragraph
// separator and invalid UTF-8 byte replaced by a visible escape: \t, \n and \r by name, other
// bytes and C0 or DEL as \xHH, other runes as \uHHHH or \U00HHHHHH. The result holds no byte a
// terminal acts on.
func Escape(s string) string { return escape(s, false) }

// Visible is [Escape] for HTML, which shows a tab and a line feed as spaces: those two stay
// as they are, every other character Escape replaces is replaced alike, so that a page shows
// what a terminal shows (a bidirectional override would reorder the rest of its line, a BEL
// or ESC would be invisible).
func Visible(s string) string { return escape(s, true) }

func escape(s string, keepSpace bool) string {
	i := 0
	for i < len(s) { // the usual case, accents included: nothing to replace, nothing allocated
		if c := s[i]; c >= 0x20 && c < 0x7f || keepSpace && (c == '\t' || c == '\n') {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < 0x80 || r == utf8.RuneError && size == 1 || unsafe(r) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepSpace && (r == '\t' || r == '\n'):
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafe(r) && r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		case unsafe(r):
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unsafe reports whether a terminal may act on r, or show it as nothing.
func unsafe(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
}
