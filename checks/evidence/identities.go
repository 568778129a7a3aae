package evidence

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hds-oze/pronote-oze/checks"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// idColumns are the spellings the CAS identifier column has had in Client PRONOTE, as its
// exports show them. Headers are compared folded (see fold).
var idColumns = []string{
	"Identifiant fournisseur identités",
	"Identifiant fournisseur d'identités",
	"Id. CAS",
	"Identifiant CAS",
}

var (
	loginColumns   = []string{"Id. connexion", "Identifiant de connexion", "Login"}
	lastColumns    = []string{"Nom"}
	firstColumns   = []string{"Prénom"}
	typeColumns    = []string{"Type", "Type d'utilisateur", "Profil", "Type utilisateur"}
	foldedIDHeader = foldAll(idColumns)
	foldedLogin    = foldAll(loginColumns)
	foldedLast     = foldAll(lastColumns)
	foldedFirst    = foldAll(firstColumns)
	foldedType     = foldAll(typeColumns)
)

func foldAll(names []string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[fold(n)] = true
	}
	return m
}

// fold reduces a header to what identifies it: lower-case letters and digits, without
// accents, apostrophes, dots or spaces ("Id. CAS" and "id cas" both give "idcas").
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.IsLetter(r) && r < utf8.RuneSelf || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sniff decides the encoding of an export from its first bytes.
func sniff(head []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return encoding.Nop, "UTF-8 (BOM)", 3
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), "UTF-16LE (BOM)", 2
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), "UTF-16BE (BOM)", 2
	}
	// BOM-less UTF-16: text in Latin script has a NUL in every other byte.
	if len(head) >= 4 {
		var evenNUL, oddNUL int
		for i, c := range head {
			if c == 0 {
				if i%2 == 0 {
					evenNUL++
				} else {
					oddNUL++
				}
			}
		}
		half := len(head) / 2
		switch {
		case oddNUL > half*2/3 && evenNUL < half/10:
			return xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), "UTF-16LE", 0
		case evenNUL > half*2/3 && oddNUL < half/10:
			return xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), "UTF-16BE", 0
		}
	}
	// Valid UTF-8 (a rune cut by the end of the sample does not count against it).
	valid := head
	for i := 0; i < utf8.UTFMax && len(valid) > 0 && !utf8.Valid(valid); i++ {
		valid = valid[:len(valid)-1]
	}
	if utf8.Valid(valid) {
		return encoding.Nop, "UTF-8", 0
	}
	return charmap.Windows1252, "Windows-1252", 0
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// IdentityOptions tune the identity reader.
type IdentityOptions struct {
	// UserType applies to exports whose user type neither a column nor the file name gives.
	UserType string
}

// readIdentities streams an identity export. r is buffered at the start of the file; keep is
// how many identifiers the list may keep for the duplicate check (what the run's cap,
// checks.MaxIdentifiers, leaves), the others are counted. It returns the list, and the
// warnings the report must give about the file.
func readIdentities(file string, r *bufio.Reader, opts IdentityOptions, keep int) (*checks.IdentityList, []checks.Warning, error) {
	list, sc, err := scanIdentities(file, r, opts, keep)
	if err != nil {
		return nil, nil, err
	}
	var warn []checks.Warning
	if sc.bare > 0 {
		at := make([]string, len(sc.bareAt))
		for i, l := range sc.bareAt {
			at[i] = fmt.Sprintf("%d:%d", l.Line, l.Column)
		}
		warn = append(warn, checks.Warning{Source: file, Line: sc.bareAt[0].Line, Msg: msgBareQuote.Sprintf(sc.bare, strings.Join(at, ", "))})
	}
	return list, warn, nil
}

func scanIdentities(file string, r *bufio.Reader, opts IdentityOptions, keep int) (*checks.IdentityList, *recordScanner, error) {
	head, _ := r.Peek(sniffSize)
	enc, encName, bom := sniff(head)
	if _, err := r.Discard(bom); err != nil {
		return nil, nil, inputErr(file, 0, 0, msgCannotRead, err)
	}
	isUTF16 := strings.HasPrefix(encName, "UTF-16")
	if isUTF16 && len(head) < sniffSize && len(head)%2 == 1 { // the whole file is in head
		return nil, nil, problem(file, 0, 0, ErrTruncated)
	}
	raw := &countingReader{r: r}
	// Separators, quotes and line ends are ASCII in UTF-8 and Windows-1252 alike: those files
	// are split as bytes and only the fields the checker keeps are decoded. UTF-16 is decoded
	// to UTF-8 first.
	var src io.Reader = raw
	decode := func(b []byte) string { return string(b) }
	switch {
	case isUTF16:
		src = transform.NewReader(raw, enc.NewDecoder())
	case enc == charmap.Windows1252:
		decode = decode1252
	}
	list := &checks.IdentityList{Source: file, Encoding: encName}
	sc := newRecordScanner(src, 0, 1)

	// An Excel "sep=;" first line names the separator.
	first, _ := sc.br.Peek(16)
	if !isUTF16 && hasNUL(first) {
		return nil, nil, problem(file, 1, 0, ErrBinary)
	}
	if l := strings.ToLower(string(first)); strings.HasPrefix(l, "sep=") && len(first) >= 5 {
		list.Separator = rune(first[4])
		if _, err := sc.readLine(); err != nil && err != io.EOF {
			return nil, nil, inputErr(file, 1, 0, msgCannotRead, err)
		}
		sc.line++
	} else {
		header, _ := sc.br.Peek(4096)
		list.Separator = guessSeparator(header)
	}
	sc.sep = byte(list.Separator)

	headerRec, line, err := sc.next()
	if err == io.EOF {
		return nil, nil, problem(file, 0, 0, ErrEmpty)
	}
	if err != nil {
		return nil, nil, csvErr(file, 0, err)
	}
	var seen []string
	idCol, loginCol, lastCol, firstCol, typeCol := -1, -1, -1, -1, -1
	for i, hb := range headerRec {
		h := strings.TrimSpace(strings.TrimPrefix(decode(hb), "\ufeff"))
		seen = append(seen, h)
		f := fold(h)
		switch {
		case foldedIDHeader[f] && idCol < 0:
			idCol = i
			list.Column = h
		case foldedLogin[f] && loginCol < 0:
			loginCol = i
		case foldedLast[f] && lastCol < 0:
			lastCol = i
		case foldedFirst[f] && firstCol < 0:
			firstCol = i
		case foldedType[f] && typeCol < 0:
			typeCol = i
		}
	}
	if idCol < 0 {
		return nil, nil, problem(file, line, 0, ErrNoIDColumn, msgNoIDMore.Sprintf(quoteList(seen), quoteList(idColumns)))
	}

	list.UserType = userTypeFromName(file)
	field := func(rec [][]byte, c int) []byte {
		if c >= 0 && c < len(rec) {
			return trimField(rec[c])
		}
		return nil
	}
	for {
		rec, recLine, err := sc.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, csvErr(file, 0, err)
		}
		if sc.nul && !isUTF16 {
			return nil, nil, problem(file, recLine, 0, ErrBinary)
		}
		if blank(rec) {
			continue
		}
		list.Rows++
		if list.UserType == "" && typeCol >= 0 {
			list.UserType, _ = ParseUserType(decode(field(rec, typeCol)))
		}
		id := field(rec, idCol)
		if len(id) == 0 {
			continue
		}
		if !isASCII(id) {
			id = []byte(decode(id)) // hash the same text whatever the file's encoding
		}
		if len(list.IDs) < keep {
			list.IDs = append(list.IDs, checks.IDRef{Hash: fnv1a(id), Line: recLine})
		} else {
			list.Unkept++
		}
		if len(list.FirstFilled) < checks.MaxSampleRows {
			row := checks.Row{Line: recLine, Identifier: decode(id), Login: decode(field(rec, loginCol))}
			var name []string
			for _, c := range []int{lastCol, firstCol} {
				if f := field(rec, c); len(f) > 0 {
					name = append(name, decode(f))
				}
			}
			row.Name = strings.Join(name, " ")
			list.FirstFilled = append(list.FirstFilled, row)
		}
	}
	if isUTF16 && (raw.n+int64(bom))%2 == 1 {
		return nil, nil, problem(file, 0, 0, ErrTruncated)
	}
	if list.UserType == "" {
		list.UserType = opts.UserType
	}
	return list, sc, nil
}

// trimField removes the spaces and byte order marks around a field. A BOM inside a file (two
// exports pasted into one, a cell copied from another file) is invisible in a spreadsheet and
// would make "\ufeffabc" another identifier than "abc".
func trimField(f []byte) []byte {
	const bom = "\ufeff"
	for {
		f = bytes.TrimSpace(f)
		switch {
		case bytes.HasPrefix(f, []byte(bom)):
			f = f[len(bom):]
		case bytes.HasSuffix(f, []byte(bom)):
			f = f[:len(f)-len(bom)]
		default:
			return f
		}
	}
}

// decode1252 decodes Windows-1252 text; ASCII needs no work.
func decode1252(b []byte) string {
	if isASCII(b) {
		return string(b)
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return string(b)
	}
	return string(s)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fnv1a is the 64-bit FNV-1a hash, without allocation.
func fnv1a(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func csvErr(file string, offset int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := checks.Text{FR: pe.Err.Error(), EN: pe.Err.Error()}
		switch {
		case errors.Is(pe.Err, csv.ErrQuote):
			msg = msgQuote
		case errors.Is(pe.Err, errTooLong):
			msg = msgTooLong.Sprintf(MaxRecord >> 10)
		case errors.Is(pe.Err, errUnclosed):
			msg = msgUnclosed
		case errors.Is(pe.Err, errUnclosedLong):
			msg = msgUnclosedLong.Sprintf(MaxRecord >> 10)
		}
		return &InputError{File: file, Line: pe.Line + offset, Column: pe.Column, Msg: msg, Err: pe.Err}
	}
	return inputErr(file, 0, 0, msgCannotRead, err)
}

// guessSeparator picks the separator the header line uses most, outside quotes; tab first on
// a tie, as Client PRONOTE copies to the clipboard with tabs.
func guessSeparator(head []byte) rune {
	if i := bytes.IndexAny(head, "\r\n"); i >= 0 {
		head = head[:i]
	}
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(head) {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == '\t' || r == ';' || r == ','):
			counts[r]++
		}
	}
	best := '\t'
	for _, r := range []rune{'\t', ';', ','} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

func hasNUL(b []byte) bool { return bytes.IndexByte(b, 0) >= 0 }

// blank reports whether every field of a record is empty or spaces.
func blank(rec [][]byte) bool {
	for _, f := range rec {
		if len(bytes.TrimSpace(f)) > 0 {
			return false
		}
	}
	return true
}

// userTypeFromName finds a user type in a file name ("export_eleves.csv", "Profs 2026.txt").
func userTypeFromName(file string) string {
	base := strings.ToLower(path.Base(strings.ReplaceAll(file, "\\", "/")))
	words := strings.FieldsFunc(norm.NFC.String(base), func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range words {
		if t, ok := ParseUserType(w); ok {
			return t
		}
	}
	return ""
}

// userTypes maps each user type's ID and aliases, folded, to the ID: built once.
var userTypes = func() map[string]string {
	m := map[string]string{}
	for _, t := range checks.UserTypes() {
		for _, a := range append([]string{t.ID}, t.Aliases...) {
			m[fold(a)] = t.ID
		}
	}
	return m
}()

// ParseUserType maps a word naming a user type ("Élève", "professeurs", "students") to the
// type's ID. Column values, file names and ozecheck's --user-type all go through it.
func ParseUserType(w string) (string, bool) {
	id, ok := userTypes[fold(w)]
	return id, ok
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = "« " + v + " »"
	}
	return strings.Join(q, ", ")
}
