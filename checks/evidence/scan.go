package evidence

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
)

// recordScanner splits delimited text into records, as RFC 4180 says (fields in double quotes
// may hold the separator, doubled quotes and line ends; CRLF or LF), without allocating per
// record: fields are slices of the reader's buffer, valid until the next call. A line without
// a quote, the common case, is split with bytes.IndexByte; only quoted records are copied.
type recordScanner struct {
	br     *bufio.Reader
	sep    byte
	line   int // the line the next record starts on
	fields [][]byte
	own    []byte // the record's lines, when it has quotes or is longer than the buffer
	out    []byte // the unquoted fields of a quoted record
	bounds []int  // where each field starts and ends in out
	// nul reports whether the last record held a NUL byte: binary data, not text.
	nul bool
}

func newRecordScanner(r io.Reader, sep byte, firstLine int) *recordScanner {
	return &recordScanner{br: bufio.NewReaderSize(r, 1<<20), sep: sep, line: firstLine}
}

// readLine returns the next line without its line end, and whether the input ended.
func (s *recordScanner) readLine() ([]byte, error) {
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

// next returns the fields of the next non-empty record and the line it starts on.
func (s *recordScanner) next() ([][]byte, int, error) {
	for {
		start := s.line
		data, err := s.readLine()
		if err != nil {
			return nil, 0, err
		}
		s.line++
		if len(data) == 0 {
			continue // csv skips empty lines too
		}
		// One pass over the line finds the separators, or a quote (then the slow path).
		s.fields = s.fields[:0]
		from, quote := 0, false
		s.nul = false
		for i, c := range data {
			switch c {
			case s.sep:
				s.fields = append(s.fields, data[from:i])
				from = i + 1
			case '"':
				quote = true
			case 0:
				s.nul = true
			}
			if quote {
				break
			}
		}
		if !quote {
			s.fields = append(s.fields, data[from:])
			return s.fields, start, nil
		}
		s.nul = bytes.IndexByte(data, 0) >= 0
		return s.quoted(data, start)
	}
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
