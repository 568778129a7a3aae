package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// IDs generates heading IDs that keep French words: accents are folded ("Vérifier" gives
// "verifier", where goldmark's default drops the letter), anything else not a letter or digit
// becomes a hyphen. It implements goldmark's parser.IDs.
type IDs struct {
	used map[string]bool
}

// NewIDs returns an empty ID set.
func NewIDs() *IDs { return &IDs{used: map[string]bool{}} }

// Fold returns s as search compares it: lower case, accents dropped, œ and æ spelled out
// ("Élèves" gives "eleves"). The site's search folds the words typed the same way.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'œ' || r == 'Œ':
			b.WriteString("oe")
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
		case r == '’':
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Slugify returns s folded to an ID: lower-case ASCII letters, digits and single hyphens.
func Slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range Fold(s) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			hyphen = false
		} else if !hyphen && b.Len() > 0 {
			b.WriteByte('-')
			hyphen = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// Generate implements parser.IDs.
func (s *IDs) Generate(value []byte, kind ast.NodeKind) []byte {
	id := Slugify(string(value))
	if id == "" {
		id = "section"
	}
	base := id
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (s *IDs) Put(value []byte) { s.used[string(value)] = true }
