package evidence

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"io"
	"math/bits"
)

// recordScanner splits delimited text into records, as RFC 4180 says (fields in double quotes
// may hold the separator, doubled quotes and line ends; CRLF or LF), without allocating per
// record: fields are slices of the reader's buffer, valid until the next call.
//
// The common record, one line without a quote, is cut straight out of the reader's buffer
// (the window) in one pass that looks at eight bytes at a time for separators and line ends.
// A quoted record, or a line the window holds only part of, takes the slow path: it is read
// line by line and copied.
type recordScanner struct {
	br     *bufio.Reader
	src    *watchReader
	sep    byte
	line   int    // the line the next record starts on
	win    []byte // buffered input not yet handed out, a view of br's buffer
	pos    int    // how much of win has been handed out
	fields [][]byte
	own    []byte // the record's lines, when it has quotes
	long   []byte // a line longer than the buffer
	out    []byte // the unquoted fields of a quoted record
	bounds []int  // where each field starts and ends in out
	// nul reports whether the last record held a NUL byte: binary data, not text.
	nul bool
	// bare counts the quotes met inside fields that do not start with one (=HYPERLINK("x")),
	// read as text as spreadsheets do; bareAt keeps where the first few were.
	bare   int
	bareAt []Location
}

// Location is a place in an input: 1-based line and column (in bytes).
type Location struct{ Line, Column int }

// MaxLocations is how many places of a kind of problem a warning names.
const MaxLocations = 5

// MaxRecord is the longest record (line, or lines of a quoted field) an identity export may
// have: a real one's lines are a few hundred bytes. Beyond it the input is refused, so that
// memory stays bounded whatever the input (a file without line ends would be held whole).
const MaxRecord = 1 << 20

// Errors of the scanner beyond encoding/csv's, in a *csv.ParseError with the line they are at.
var (
	// errTooLong is a record longer than MaxRecord.
	errTooLong = errors.New("record longer than MaxRecord")
	// errUnclosed is a quote that opens a field and is never closed: at the quote.
	errUnclosed = errors.New("quote never closed")
	// errUnclosedLong is a quoted field longer than MaxRecord: at its opening quote.
	errUnclosedLong = errors.New("quoted field longer than MaxRecord")
)

// windowMin is the least buffered input worth cutting records from; below it the buffer is
// refilled first (moving those few bytes to its start).
const windowMin = 64 << 10

func newRecordScanner(r io.Reader, sep byte, firstLine int) *recordScanner {
	w := &watchReader{r: r}
	return &recordScanner{br: bufio.NewReaderSize(w, MaxRecord), src: w, sep: sep, line: firstLine}
}

// watchReader notes whether a quote or a NUL byte has been read so far. Every line reaches
// the scanner after its bytes went through here, so while none has been seen no line can hold
// one, and the scanner does not look for them: most exports quote nothing.
//
// It also turns a lone CR (old Mac OS line ends, or one stray in a Windows file) into LF, as
// spreadsheets read it: a line end, not a character of the field. A CR that ends what the
// reader below gave is given as LF at once; if the next read starts with LF, that LF is
// dropped, so CRLF stays one line end (the scanner reads CRLF and LF alike).
type watchReader struct {
	r          io.Reader
	quote, nul bool
	cr         bool // the last read ended with a CR, given as LF
}

func (w *watchReader) Read(p []byte) (int, error) {
	var n int
	var err error
	for n == 0 && err == nil && len(p) > 0 {
		n, err = w.r.Read(p)
		if w.cr && n > 0 {
			w.cr = false
			if p[0] == '\n' {
				n = copy(p, p[1:n])
			}
		}
	}
	if n > 0 && p[n-1] == '\r' {
		w.cr = true
	}
	for i := bytes.IndexByte(p[:n], '\r'); i >= 0; {
		if i+1 == n || p[i+1] != '\n' {
			p[i] = '\n'
		}
		j := bytes.IndexByte(p[i+1:n], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if !w.quote && bytes.IndexByte(p[:n], '"') >= 0 {
		w.quote = true
	}
	if !w.nul && bytes.IndexByte(p[:n], 0) >= 0 {
		w.nul = true
	}
	return n, err
}

// readLine returns the next line without its line end, and whether the input ended. A line
// longer than MaxRecord is errTooLong.
func (s *recordScanner) readLine() ([]byte, error) {
	s.drop()
	data, err := s.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull { // a line longer than the buffer: gather it, up to the limit
		s.long = append(s.long[:0], data...)
		for err == bufio.ErrBufferFull {
			data, err = s.br.ReadSlice('\n')
			s.long = append(s.long, data...)
			if len(s.long) > MaxRecord+2 { // room for CRLF
				return nil, errTooLong
			}
		}
		data = s.long
	}
	if len(data) == 0 && err != nil {
		return nil, err
	}
	data = bytes.TrimSuffix(data, []byte("\n"))
	data = bytes.TrimSuffix(data, []byte("\r"))
	if len(data) > MaxRecord {
		return nil, errTooLong
	}
	return data, nil
}

// drop gives the handed-out part of the window back to the reader and forgets the window.
func (s *recordScanner) drop() {
	if s.win != nil {
		_, _ = s.br.Discard(s.pos) // those bytes are buffered: this cannot fail
		s.win, s.pos = nil, 0
	}
}

// next returns the fields of the next non-empty record and the line it starts on.
func (s *recordScanner) next() ([][]byte, int, error) {
	for {
		start := s.line
		if s.pos == len(s.win) {
			s.drop()
			n := s.br.Buffered()
			if n < windowMin {
				n = s.br.Size()
			}
			s.win, _ = s.br.Peek(n) // short at the end of the input; the slow path meets the error
		}
		data := s.win[s.pos:]
		end, plain := s.cut(data)
		switch {
		case end >= 0 && plain: // a whole line without a quote
			s.pos += end + 1
			s.line++
			if end == 0 || end == 1 && data[0] == '\r' {
				continue // csv skips empty lines too
			}
			return s.fields, start, nil
		case !plain: // a quote: the line, if the window holds all of it, goes to the slow path
			if e := bytes.IndexByte(data, '\n'); e >= 0 {
				line := bytes.TrimSuffix(data[:e], []byte("\r"))
				s.pos += e + 1
				s.drop() // quoted copies the line before reading any further
				s.line++
				s.nul = bytes.IndexByte(line, 0) >= 0
				return s.quoted(line, start)
			}
		}
		// The window ends inside this line: read it on its own.
		line, err := s.readLine()
		if err == errTooLong {
			return nil, 0, &csv.ParseError{StartLine: start, Line: start, Err: errTooLong}
		}
		if err != nil {
			return nil, 0, err
		}
		s.line++
		if len(line) == 0 {
			continue
		}
		if _, plain := s.cut(line); plain {
			return s.fields, start, nil
		}
		s.nul = bytes.IndexByte(line, 0) >= 0
		return s.quoted(line, start)
	}
}

// cut splits data at its separators into s.fields, up to its first line end (without the CR
// before it), eight bytes at a time. It returns where that line end is (-1 if data has none:
// the last field then runs to the end of data), or where a quote is and false: a quoted
// record needs the slow path, and s.fields is then incomplete. It sets s.nul.
func (s *recordScanner) cut(data []byte) (int, bool) {
	const ones, low7 = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f
	// zeros has 0x80 in each byte of x that is zero, and nothing else (no borrow between bytes).
	zeros := func(x uint64) uint64 { return ^((x&low7 + low7) | x | low7) }
	sep, nl := uint64(s.sep)*ones, uint64('\n')*ones
	quote, nul := sep, sep // looked for only once the input has had one
	if s.src.quote {
		quote = '"' * ones
	}
	if s.src.nul {
		nul = 0
	}
	s.fields, s.nul = s.fields[:0], false
	from := 0
	for i := 0; i < len(data); i += 8 {
		var m uint64 // 0x80 in each byte of data[i:i+8] to look at
		if i+8 <= len(data) {
			x := binary.LittleEndian.Uint64(data[i:])
			m = zeros(x^sep) | zeros(x^nl) | zeros(x^quote) | zeros(x^nul)
		} else {
			for k, c := range data[i:] {
				if c == s.sep || c == '\n' || c == '"' && s.src.quote || c == 0 && s.src.nul {
					m |= 0x80 << (8 * k)
				}
			}
		}
		for ; m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros64(m)>>3
			switch data[j] {
			case s.sep:
				s.fields = append(s.fields, data[from:j])
				from = j + 1
			case '\n':
				s.fields = append(s.fields, bytes.TrimSuffix(data[from:j], []byte("\r")))
				return j, true
			case '"':
				return j, false
			default:
				s.nul = true
			}
		}
	}
	s.fields = append(s.fields, data[from:])
	return -1, true
}

// quoted parses a record that has quotes, reading more lines while a quoted field is open.
// Everything is copied into s.own, since reading a line invalidates the previous one. A quote
// inside a field that does not start with one is text, as spreadsheets read it (counted in
// s.bare); a quoted field never closed is an error at its opening quote.
func (s *recordScanner) quoted(data []byte, start int) ([][]byte, int, error) {
	own := append(s.own[:0], data...)
	bounds, out := s.bounds[:0], s.out[:0]
	line := start
	pos := 0 // in own
	lineStart := 0
	for {
		fieldStart := len(out)
		if pos < len(own) && own[pos] == '"' {
			open := Location{line, pos - lineStart + 1}
			pos++
			for {
				i := bytes.IndexByte(own[pos:], '"')
				if i < 0 { // the field goes on after the line end
					out = append(out, own[pos:]...)
					out = append(out, '\n')
					next, err := s.readLine()
					switch {
					case err == errTooLong || err == nil && len(own)+len(next)+line-start+1 > MaxRecord: // with the line ends
						return nil, 0, &csv.ParseError{StartLine: start, Line: open.Line, Column: open.Column, Err: errUnclosedLong}
					case err == io.EOF:
						return nil, 0, &csv.ParseError{StartLine: start, Line: open.Line, Column: open.Column, Err: errUnclosed}
					case err != nil:
						return nil, 0, err
					}
					s.line++
					line++
					lineStart = len(own)
					own = append(own, next...)
					pos = lineStart
					continue
				}
				out = append(out, own[pos:pos+i]...)
				pos += i + 1
				if pos < len(own) && own[pos] == '"' { // a doubled quote
					out = append(out, '"')
					pos++
					continue
				}
				break
			}
			if pos < len(own) && own[pos] != s.sep {
				return nil, 0, &csv.ParseError{StartLine: start, Line: line, Column: pos - lineStart + 1, Err: csv.ErrQuote}
			}
		} else {
			end := bytes.IndexByte(own[pos:], s.sep)
			if end < 0 {
				end = len(own) - pos
			}
			for f, q := own[pos:pos+end], 0; ; {
				i := bytes.IndexByte(f[q:], '"')
				if i < 0 {
					break
				}
				q += i + 1
				if s.bare++; len(s.bareAt) < MaxLocations {
					s.bareAt = append(s.bareAt, Location{line, pos + q - lineStart})
				}
			}
			out = append(out, own[pos:pos+end]...)
			pos += end
		}
		bounds = append(bounds, fieldStart, len(out))
		if pos >= len(own) {
			break
		}
		pos++                // the separator
		if pos == len(own) { // a separator at the end: one more, empty field
			bounds = append(bounds, len(out), len(out))
			break
		}
	}
	s.own, s.out, s.bounds = own, out, bounds
	s.fields = s.fields[:0]
	for i := 0; i < len(bounds); i += 2 {
		s.fields = append(s.fields, out[bounds[i]:bounds[i+1]])
	}
	return s.fields, start, nil
}
