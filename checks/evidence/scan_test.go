package evidence

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// scanAll reads every record with the scanner, and reports whether it stopped on an error.
func scanAll(data []byte, sep byte) ([][]string, error) {
	sc := newRecordScanner(bytes.NewReader(data), sep, 1)
	var recs [][]string
	for {
		rec, _, err := sc.next()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		var r []string
		for _, f := range rec {
			r = append(r, string(f))
		}
		recs = append(recs, r)
	}
}

// csvAll reads every record with encoding/csv, the reference the scanner must agree with;
// lazy reads quotes as csv.Reader.LazyQuotes does.
func csvAll(data []byte, sep byte, lazy bool) ([][]string, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = rune(sep)
	cr.LazyQuotes = lazy
	cr.FieldsPerRecord = -1
	var recs [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		recs = append(recs, rec)
	}
}

// sameAsCSV fails t unless the scanner and encoding/csv give the same records and both
// succeed or both fail. Input with CR is left out: csv folds a CR inside a quoted field, and
// the scanner reads a lone CR as a line end.
//
// The scanner departs from encoding/csv on purpose in one way: a quote inside a field that
// does not start with one (=HYPERLINK("x")) is text, as spreadsheets read it, where csv stops
// with ErrBareQuote. For such input the reference is csv with LazyQuotes, which reads those
// quotes the same way, but is also lenient where the scanner is not: a lone quote inside a
// quoted field ("a"b") is ErrQuote for the scanner. So when strict csv finds a bare quote:
// if lazy csv fails, the scanner must fail; if both succeed, the records must be the same; if
// only lazy csv succeeds, the scanner must have failed on a quote in a quoted field, or on one
// never closed.
func sameAsCSV(t *testing.T, data []byte, sep byte) {
	t.Helper()
	want, werr := csvAll(data, sep, false)
	got, gerr := scanAll(data, sep)
	if errors.Is(werr, csv.ErrBareQuote) {
		want, werr = csvAll(data, sep, true)
		if werr == nil && gerr != nil {
			if !errors.Is(gerr, csv.ErrQuote) && !errors.Is(gerr, errUnclosed) {
				t.Fatalf("sep %q, input %q:\nscanner error %v, lazy csv none", sep, data, gerr)
			}
			return
		}
	}
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("sep %q, input %q:\nscanner error %v, csv error %v", sep, data, gerr, werr)
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("sep %q, input %q:\nscanner %q\ncsv     %q", sep, data, got, want)
	}
}

func FuzzScannerMatchesCSV(f *testing.F) {
	f.Add([]byte("a;b;c\n\nd;\"e;f\"\n\"g\nh\";i\n"), uint8(0))
	f.Add([]byte("x,\"y\"\"z\",\n,,\n"), uint8(1))
	f.Add([]byte("1\t2\t\"3\n"), uint8(2))
	f.Add([]byte("a;b\"c\n"), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, s uint8) {
		if bytes.IndexByte(data, '\r') >= 0 {
			return
		}
		sameAsCSV(t, data, ";,\t"[s%3])
	})
}

// TestScannerMatchesCSVAcrossBuffers checks records that straddle the edge of the reader's
// 1 MiB buffer, with quotes, separators and line ends inside quoted fields.
func TestScannerMatchesCSVAcrossBuffers(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, sep := range []byte{';', '\t'} {
		for _, quoted := range []bool{false, true} {
			t.Run(fmt.Sprintf("%q quoted=%v", sep, quoted), func(t *testing.T) {
				var b strings.Builder
				for b.Len() < 3<<20 {
					for f := range 1 + r.IntN(6) {
						if f > 0 {
							b.WriteByte(sep)
						}
						switch {
						case quoted && r.IntN(8) == 0:
							fmt.Fprintf(&b, "\"q%d%c\"\"x\ny\"", r.IntN(1000), sep)
						case r.IntN(50) == 0:
							b.WriteString(strings.Repeat("é", r.IntN(3000))) // long lines too
						default:
							fmt.Fprintf(&b, "v%d", r.IntN(100000))
						}
					}
					if r.IntN(30) == 0 {
						b.WriteByte('\n') // an empty line
					}
					b.WriteByte('\n')
				}
				sameAsCSV(t, []byte(b.String()), sep)
			})
		}
	}
}

func TestScannerLineNumbers(t *testing.T) {
	data := "h1;h2\n\na;\"b\nc\"\r\nd;e\n\"f\";g"
	sc := newRecordScanner(strings.NewReader(data), ';', 1)
	var got []string
	for {
		rec, line, err := sc.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d:%q", line, rec))
	}
	want := []string{`1:["h1" "h2"]`, `3:["a" "b\nc"]`, `5:["d" "e"]`, `6:["f" "g"]`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
