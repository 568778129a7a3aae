package markdown

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
//
// ASCII is lowered as is: only the runs of other characters go through the canonical
// decomposition (NFD), which gives the same as decomposing the whole string, since an ASCII
// character neither decomposes nor reorders with its neighbours (in valid UTF-8: a string
// that is not is decomposed whole). Most of the text folded for the search index is ASCII,
// and most of the rest is made of the common characters of foldTable.
func Fold(s string) string {
	if !utf8.ValidString(s) { // NFD passes invalid bytes through as they come, by runs or not
		var out []byte
		for _, r := range norm.NFD.String(s) {
			out = appendFoldRune(out, r)
		}
		return string(out)
	}
	var nfd []byte
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			out = append(out, lowerASCII(c))
			i++
			continue
		}
		j := i + 1
		for j < len(s) && s[j] >= utf8.RuneSelf {
			j++
		}
		out = appendFoldRun(out, s[i:j], &nfd)
		i = j
	}
	return unsafe.String(unsafe.SliceData(out), len(out)) // out is not written again
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c
}

// appendFoldRun appends the fold of run, a run of non-ASCII characters in valid UTF-8; nfd is
// a buffer for its decomposition, when it has characters outside foldTable.
func appendFoldRun(out []byte, run string, nfd *[]byte) []byte {
	if folded, ok := appendFoldCommon(out, run); ok {
		return folded
	}
	*nfd = norm.NFD.AppendString((*nfd)[:0], run)
	for k := 0; k < len(*nfd); {
		r, n := utf8.DecodeRune((*nfd)[k:])
		k += n
		out = appendFoldRune(out, r)
	}
	return out
}

// FoldWords returns the words of parts (as strings.Fields splits them), in order, separated
// by single spaces and folded: Fold(strings.Join(strings.Fields(strings.Join(parts, " ")),
// " ")), without the strings in between.
func FoldWords(parts ...string) string {
	var f WordFolder
	for _, p := range parts {
		f.Add(p)
	}
	return f.String()
}

// WordFolder gathers words part by part and folds them as FoldWords does: FoldWords(a, b)
// is, for a WordFolder f, f.Add(a), f.Add(b), f.String(). One WordFolder, Reset between
// uses, keeps its buffers: folding the text of a page section by section allocates the
// folded strings and nothing else.
//
// Words are folded as they are added, in one pass: in valid UTF-8, the fold of words joined
// by spaces is the words' folds joined by spaces, since Fold folds the runs between ASCII
// characters one by one (see Fold). Once a part is not valid UTF-8, the words are folded
// together at the end, as Fold does such a string.
type WordFolder struct {
	words   []byte // the words so far, separated by single spaces, kept for invalid UTF-8
	folded  []byte // the fold of words, while every part is valid UTF-8
	invalid bool   // a part was not valid UTF-8
	nfd     []byte
}

// Reset forgets the words, and keeps the buffers.
func (f *WordFolder) Reset() {
	f.words, f.folded, f.invalid = f.words[:0], f.folded[:0], false
}

// Add adds the words of part.
func (f *WordFolder) Add(part string) {
	if !f.invalid && !utf8.ValidString(part) {
		f.invalid = true
	}
	// The buffers are worked on as locals and stored once: no write barrier per byte.
	words, folded := f.words, f.folded
	for i := 0; i < len(part); {
		// Skip the spaces, then read a word up to the next space.
		n := spaceAt(part, i)
		if n > 0 {
			i += n
			continue
		}
		j := i
		for j < len(part) {
			if c := part[j]; c < utf8.RuneSelf && !asciiSpace[c] {
				j++
			} else if n := spaceAt(part, j); n > 0 {
				break
			} else {
				_, size := utf8.DecodeRuneInString(part[j:])
				j += size
			}
		}
		w := part[i:j]
		if len(words) > 0 {
			words = append(words, ' ')
			folded = append(folded, ' ')
		}
		words = append(words, w...)
		if !f.invalid {
			folded = f.appendFold(folded, w)
		}
		i = j
	}
	f.words, f.folded = words, folded
}

// asciiSpace holds unicode.IsSpace for ASCII.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// spaceAt returns the size of the space at s[i] (unicode.IsSpace), or 0.
func spaceAt(s string, i int) int {
	if c := s[i]; c < utf8.RuneSelf {
		if asciiSpace[c] {
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if unicode.IsSpace(r) {
		return size
	}
	return 0
}

// appendFold appends the fold of w, valid UTF-8: its ASCII runs copied at once and lowered
// in place, its other runs as Fold folds them.
func (f *WordFolder) appendFold(out []byte, w string) []byte {
	for i := 0; i < len(w); {
		j := i
		for j < len(w) && w[j] < utf8.RuneSelf {
			j++
		}
		if j > i {
			from := len(out)
			out = append(out, w[i:j]...)
			for k := from; k < len(out); k++ {
				out[k] = lowerASCII(out[k])
			}
			i = j
			continue
		}
		for j < len(w) && w[j] >= utf8.RuneSelf {
			j++
		}
		out = appendFoldRun(out, w[i:j], &f.nfd)
		i = j
	}
	return out
}

// AddBytes adds the words of part.
func (f *WordFolder) AddBytes(part []byte) {
	f.Add(unsafe.String(unsafe.SliceData(part), len(part))) // Add keeps no reference to it
}

// String returns the words added since the last Reset, folded.
func (f *WordFolder) String() string {
	if f.invalid {
		return Fold(string(f.words))
	}
	return string(f.folded)
}

// foldTable holds the fold of the characters below foldTableEnd that decompose, under NFD,
// into a character of combining class 0 followed by anything, and are of class 0 themselves
// (the accented letters, œ, the typographic apostrophe and spaces, « »): a run of such
// characters decomposes character by character, since nothing reorders across a character
// of class 0, so their folds are computed once.
var foldTable = func() (t [foldTableEnd]struct {
	fold string
	ok   bool
}) {
	for r := rune(utf8.RuneSelf); r < foldTableEnd; r++ {
		p := norm.NFD.PropertiesString(string(r))
		if !utf8.ValidRune(r) || p.CCC() != 0 || p.LeadCCC() != 0 {
			continue
		}
		var b []byte
		for _, d := range norm.NFD.String(string(r)) {
			b = appendFoldRune(b, d)
		}
		t[r].fold, t[r].ok = string(b), true
	}
	return t
}()

// foldTableEnd bounds foldTable: Latin-1, Latin Extended-A and B, and General Punctuation.
const foldTableEnd = 0x2070

// appendFoldCommon appends the fold of run, a run of non-ASCII characters in valid UTF-8, if
// every one is in foldTable, and reports whether it did.
func appendFoldCommon(out []byte, run string) ([]byte, bool) {
	for _, r := range run {
		if r >= foldTableEnd || !foldTable[r].ok {
			return out, false
		}
	}
	for _, r := range run {
		out = append(out, foldTable[r].fold...)
	}
	return out, true
}

// appendFoldRune appends r folded: nothing for a combining mark, œ and æ spelled out, the
// typographic apostrophe made straight, anything else in lower case.
func appendFoldRune(out []byte, r rune) []byte {
	switch {
	case unicode.Is(unicode.Mn, r):
		return out
	case r == 'œ' || r == 'Œ':
		return append(out, "oe"...)
	case r == 'æ' || r == 'Æ':
		return append(out, "ae"...)
	case r == '’':
		return append(out, '\'')
	default:
		return utf8.AppendRune(out, unicode.ToLower(r))
	}
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
