package evidence

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/csv"
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
	own    []byte // the record's lines, when it has quotes or is longer than the buffer
	out    []byte // the unquoted fields of a quoted record
	bounds []int  // where each field starts and ends in out
	// nul reports whether the last record held a NUL byte: binary data, not text.
	nul bool
}

// windowMin is the least buffered input worth cutting records from; below it the buffer is
// refilled first (moving those few bytes to its start).
const windowMin = 64 << 10

func newRecordScanner(r io.Reader, sep byte, firstLine int) *recordScanner {
	w := &watchReader{r: r}
	return &recordScanner{br: bufio.NewReaderSize(w, 1<<20), src: w, sep: sep, line: firstLine}
}

// watchReader notes whether a quote or a NUL byte has been read so far. Every line reaches
// the scanner after its bytes went through here, so while none has been seen no line can hold
// one, and the scanner does not look for them: most exports quote nothing.
type watchReader struct {
	r          io.Reader
	quote, nul bool
}

func (w *watchReader) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if !w.quote && bytes.IndexByte(p[:n], '"') >= 0 {
		w.quote = true
	}
	if !w.nul && bytes.IndexByte(p[:n], 0) >= 0 {
		w.nul = true
	}
	return n, err
}

// readLine returns the next line without its line end, and whether the input ended.
func (s *recordScanner) readLine() ([]byte, error) {
	s.drop()
	data, err := s.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull { // a line longer than the buffer: gather it
		s.own = append(s.own[:0], data...)
		for err == bufio.ErrBufferFull {
			data, err = s.br.ReadSlice('\n')
			s.own = append(s.own, data...)
		}
		data = s.own
	}
	if len(data) == 0 && err != nil {
		return nil, err
	}
	data = bytes.TrimSuffix(data, []byte("\n"))
	return bytes.TrimSuffix(data, []byte("\r")), nil
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
// Everything is copied into s.own, since reading a line invalidates the previous one.
func (s *recordScanner) quoted(data []byte, start int) ([][]byte, int, error) {
	own := append(s.own[:0], data...)
	bounds, out := s.bounds[:0], s.out[:0]
	line := start
	pos := 0 // in own
	lineStart := 0
	for {
		fieldStart := len(out)
		if pos < len(own) && own[pos] == '"' {
			pos++
			for {
				i := bytes.IndexByte(own[pos:], '"')
				if i < 0 { // the field goes on after the line end
					out = append(out, own[pos:]...)
					out = append(out, '\n')
					next, err := s.readLine()
					if err != nil {
						return nil, 0, &csv.ParseError{StartLine: start, Line: line, Column: len(own) - lineStart + 1, Err: csv.ErrQuote}
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
			if q := bytes.IndexByte(own[pos:pos+end], '"'); q >= 0 {
				return nil, 0, &csv.ParseError{StartLine: start, Line: line, Column: pos + q - lineStart + 1, Err: csv.ErrBareQuote}
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
