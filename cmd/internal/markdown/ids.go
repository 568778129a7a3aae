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
		j := runEnd(s, i)
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

// runEnd returns the end of the run of non-ASCII bytes that starts at s[i].
func runEnd(s string, i int) int {
	j := i + 1
	for j < len(s) && s[j] >= utf8.RuneSelf {
		j++
	}
	return j
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
// Words are folded as they are read, in one pass over each part: in valid UTF-8, the fold of
// words joined by spaces is the words' folds joined by spaces, since Fold folds the runs
// between ASCII characters one by one (see Fold). Once a part is not valid UTF-8, the parts
// are folded together at the end, as Fold does such a string.
type WordFolder struct {
	raw     []byte // the parts, each followed by a space, for invalid UTF-8
	folded  []byte // the fold of the words, while every part is valid UTF-8
	words   bool   // a word was read
	invalid bool   // a part was not valid UTF-8
	nfd     []byte
}

// Reset forgets the words, and keeps the buffers.
func (f *WordFolder) Reset() {
	f.raw, f.folded, f.words, f.invalid = f.raw[:0], f.folded[:0], false, false
}

// Add adds the words of part.
func (f *WordFolder) Add(part string) {
	f.raw = append(append(f.raw, part...), ' ')
	if f.invalid {
		return
	}
	// The buffer is worked on as a local and stored once: no write barrier per byte.
	folded, words, inWord := f.folded, f.words, false
	for i := 0; i < len(part); {
		if c := part[i]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				inWord = false
			} else {
				if !inWord {
					if words {
						folded = append(folded, ' ')
					}
					words, inWord = true, true
				}
				folded = append(folded, lowerASCII(c))
			}
			i++
			continue
		}
		// A run of other characters, cut at its spaces (no-break spaces and the like).
		j := runEnd(part, i)
		for k := i; k < j; {
			end := k
			for end < j {
				r, size := utf8.DecodeRuneInString(part[end:j])
				if r == utf8.RuneError && size == 1 { // not UTF-8: see String
					f.invalid = true
					return
				}
				if unicode.IsSpace(r) {
					break
				}
				end += size
			}
			if end > k {
				if !inWord {
					if words {
						folded = append(folded, ' ')
					}
					words, inWord = true, true
				}
				folded = appendFoldRun(folded, part[k:end], &f.nfd)
			}
			if end < j { // the space
				_, size := utf8.DecodeRuneInString(part[end:j])
				end += size
				inWord = false
			}
			k = end
		}
		i = j
	}
	f.folded, f.words = folded, words
}

// asciiSpace holds unicode.IsSpace for ASCII.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// AddBytes adds the words of part.
func (f *WordFolder) AddBytes(part []byte) {
	f.Add(unsafe.String(unsafe.SliceData(part), len(part))) // Add keeps no reference to it
}

// String returns the words added since the last Reset, folded.
func (f *WordFolder) String() string {
	if f.invalid {
		return Fold(strings.Join(strings.Fields(string(f.raw)), " "))
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
