package evidence

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"hash/fnv"
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

// IDColumns are the spellings the CAS identifier column has had in Client PRONOTE, as its
// exports show them. Headers are compared folded (see fold).
var IDColumns = []string{
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
	foldedIDHeader = foldAll(IDColumns)
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

// readIdentities streams an identity export. head is the buffered start of r.
func readIdentities(file string, r *bufio.Reader, opts IdentityOptions) (*checks.IdentityList, error) {
	head, _ := r.Peek(sniffSize)
	enc, encName, bom := sniff(head)
	if _, err := r.Discard(bom); err != nil {
		return nil, inputErr(file, 0, 0, msgCannotRead, err)
	}
	raw := &countingReader{r: r}
	text := bufio.NewReaderSize(transform.NewReader(raw, enc.NewDecoder()), 64<<10)
	isUTF16 := strings.HasPrefix(encName, "UTF-16")
	if isUTF16 && len(head) < sniffSize && len(head)%2 == 1 { // the whole file is in head
		return nil, problem(file, 0, 0, ErrTruncated)
	}

	list := &checks.IdentityList{Source: file, Encoding: encName}

	// An Excel "sep=;" first line names the separator.
	line := 1
	first, _ := text.Peek(16)
	if l := strings.ToLower(string(first)); strings.HasPrefix(l, "sep=") && len(first) >= 5 {
		sep, _ := utf8.DecodeRune(first[4:])
		list.Separator = sep
		if _, err := text.ReadString('\n'); err != nil && err != io.EOF {
			return nil, inputErr(file, 1, 0, msgCannotRead, err)
		}
		line = 2
	} else {
		header, _ := text.Peek(4096)
		list.Separator = guessSeparator(header)
	}
	if hasNUL(first) && !isUTF16 {
		return nil, problem(file, 1, 0, ErrBinary)
	}

	cr := csv.NewReader(text)
	cr.Comma = list.Separator
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	headerRec, err := cr.Read()
	if err == io.EOF {
		return nil, problem(file, 0, 0, ErrEmpty)
	}
	if err != nil {
		return nil, csvErr(file, line-1, err)
	}
	var seen []string
	idCol, loginCol, lastCol, firstCol, typeCol := -1, -1, -1, -1, -1
	for i, h := range headerRec {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		seen = append(seen, h)
		f := fold(h)
		switch {
		case foldedIDHeader[f] && idCol < 0:
			idCol = i
			list.Column = h
		case foldAll(loginColumns)[f] && loginCol < 0:
			loginCol = i
		case foldAll(lastColumns)[f] && lastCol < 0:
			lastCol = i
		case foldAll(firstColumns)[f] && firstCol < 0:
			firstCol = i
		case foldAll(typeColumns)[f] && typeCol < 0:
			typeCol = i
		}
	}
	if idCol < 0 {
		return nil, problem(file, line, 0, ErrNoIDColumn, msgNoIDMore.Sprintf(quoteList(seen), quoteList(IDColumns)))
	}

	list.UserType = userTypeFromName(file)
	h := fnv.New64a()
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvErr(file, line-1, err)
		}
		recLine, _ := cr.FieldPos(0)
		recLine += line - 1
		if blank(rec) {
			continue
		}
		for _, f := range rec {
			if strings.ContainsRune(f, 0) {
				return nil, problem(file, recLine, 0, ErrBinary)
			}
		}
		list.Rows++
		if typeCol >= 0 && typeCol < len(rec) && list.UserType == "" {
			list.UserType = userTypeFromWord(rec[typeCol])
		}
		if idCol >= len(rec) {
			continue
		}
		id := strings.TrimSpace(rec[idCol])
		if id == "" {
			continue
		}
		list.Filled++
		h.Reset()
		h.Write([]byte(id))
		list.IDs = append(list.IDs, checks.IDRef{Hash: h.Sum64(), Line: recLine})
		if len(list.FirstFilled) < checks.MaxSampleRows {
			row := checks.Row{Line: recLine, Identifier: id}
			if loginCol >= 0 && loginCol < len(rec) {
				row.Login = strings.TrimSpace(rec[loginCol])
			}
			var name []string
			for _, c := range []int{lastCol, firstCol} {
				if c >= 0 && c < len(rec) && strings.TrimSpace(rec[c]) != "" {
					name = append(name, strings.TrimSpace(rec[c]))
				}
			}
			row.Name = strings.Join(name, " ")
			list.FirstFilled = append(list.FirstFilled, row)
		}
	}
	if isUTF16 && (raw.n+int64(bom))%2 == 1 {
		return nil, problem(file, 0, 0, ErrTruncated)
	}
	if list.UserType == "" {
		list.UserType = opts.UserType
	}
	return list, nil
}

func csvErr(file string, offset int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := checks.Text{FR: pe.Err.Error(), EN: pe.Err.Error()}
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			msg = msgBareQuote
		case errors.Is(pe.Err, csv.ErrQuote):
			msg = msgQuote
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

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
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
		if t := userTypeFromWord(w); t != "" {
			return t
		}
	}
	return ""
}

// userTypeFromWord maps a word ("Élève", "professeurs") to a user type ID.
func userTypeFromWord(w string) string {
	w = strings.ToLower(strings.TrimSpace(norm.NFC.String(w)))
	for _, t := range checks.UserTypes {
		for _, a := range t.Aliases {
			if w == a || fold(w) == fold(a) {
				return t.ID
			}
		}
	}
	return ""
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = "« " + v + " »"
	}
	return strings.Join(q, ", ")
}
