package evidence

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/hds-oze/pronote-oze/checks"
	"golang.org/x/text/transform"
)

// Kind is a kind of input, recognised from content.
type Kind string

// The kinds of input.
const (
	KindInfoMobileApp Kind = "infomobileapp"
	KindIdentities    Kind = "identities"
	KindAnswers       Kind = "answers"
)

const sniffSize = 8 << 10

// Read recognises the kind of r's content, reads it, and adds it to ev. file names the input
// in messages and reports. cat is the catalog the answers must belong to. A file with the
// same content (SHA-256) as one already read is not read twice: ev gets a warning saying so.
func Read(file string, r io.Reader, cat *checks.Catalog, ev *checks.Evidence, opts IdentityOptions) (Kind, error) {
	hr := newHashingReader(r)
	defer hr.Close()
	br := bufio.NewReaderSize(hr, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return "", inputErr(file, 0, 0, msgCannotRead, err)
	}
	text := head // head as UTF-8, to recognise JSON
	enc, encName, bom := sniff(head)
	utf16 := strings.HasPrefix(encName, "UTF-16")
	if utf16 {
		text, _ = enc.NewDecoder().Bytes(head[bom : bom+(len(head)-bom)&^1])
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(text, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	if len(trimmed) == 0 {
		return "", problem(file, 0, 0, ErrEmpty)
	}
	sum := hr.Sum

	if trimmed[0] == '{' || trimmed[0] == '[' {
		var src io.Reader = br
		if utf16 { // JSON saved as "Unicode" by a Windows editor
			if _, err := br.Discard(bom); err != nil {
				return "", inputErr(file, 0, 0, msgCannotRead, err)
			}
			src = transform.NewReader(br, enc.NewDecoder())
		}
		data, err := io.ReadAll(io.LimitReader(src, MaxJSONSize+1))
		if err != nil {
			return "", inputErr(file, 0, 0, msgCannotRead, err)
		}
		if len(data) > MaxJSONSize {
			return "", inputErr(file, 0, 0, msgTooLarge, MaxJSONSize>>20)
		}
		return readJSON(file, bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}), sum, cat, ev)
	}

	if bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return "", problem(file, 0, 0, ErrSpreadsheet)
	}
	if looksBinary(head) {
		return "", problem(file, 0, 0, ErrBinary)
	}
	list, warn, err := readIdentities(file, br, opts, checks.MaxIdentifiers-kept(ev.Identities))
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(io.Discard, br); err != nil { // the hash covers the whole file
		return "", inputErr(file, 0, 0, msgCannotRead, err)
	}
	list.SHA256 = sum()
	if sameFile(file, list.SHA256, ev) {
		return KindIdentities, nil
	}
	ev.Identities = append(ev.Identities, list)
	ev.Warnings = append(ev.Warnings, warn...)
	return KindIdentities, nil
}

// kept counts the identifiers lists keep for the duplicate check: at most
// checks.MaxIdentifiers in all, whatever the number of exports.
func kept(lists []*checks.IdentityList) int {
	n := 0
	for _, l := range lists {
		n += len(l.IDs)
	}
	return n
}

// keepAtMost leaves l at most n identifiers for the duplicate check, counting the others
// (Unkept); the identifiers it drops no longer hold memory.
func keepAtMost(l *checks.IdentityList, n int) {
	if n = max(n, 0); len(l.IDs) <= n {
		return
	}
	l.Unkept += len(l.IDs) - n
	l.IDs = slices.Clone(l.IDs[:n])
}

// readJSON reads an answers file or InfoMobileApp.json from data, whose SHA-256 sum gives.
func readJSON(file string, data []byte, sum func() string, cat *checks.Catalog, ev *checks.Evidence) (Kind, error) {
	obj, err := decodeObject(file, data)
	if err != nil {
		return "", err
	}
	kind := KindInfoMobileApp
	if k, ok := field(obj, "kind"); ok {
		if s, _ := asString(k); s == AnswersKind {
			kind = KindAnswers
		}
	}
	if kind == KindInfoMobileApp && !isInfoMobileApp(obj) {
		return "", problem(file, 0, 0, ErrUnknownJSON)
	}
	h := sum()
	if sameFile(file, h, ev) {
		return kind, nil
	}
	if kind == KindAnswers {
		if ev.Answers != nil {
			return "", inputErr(file, 0, 0, msgSecondAnswers, ev.Answers.Source)
		}
		a, err := parseAnswers(file, data, cat)
		if err != nil {
			return "", err
		}
		a.SHA256 = h
		ev.Answers = a
	} else {
		if ev.Info != nil {
			return "", inputErr(file, 0, 0, msgSecondInfo, ev.Info.Source)
		}
		info, err := parseInfo(file, obj)
		if err != nil {
			return "", err
		}
		info.SHA256 = h
		ev.Info = info
	}
	ev.Warnings = append(ev.Warnings, duplicateKeys(file, data)...)
	return kind, nil
}

// sameFile reports whether an input already read has the content sum (a SHA-256), as when
// the same export is given twice, under its name or another; if so, ev gets a warning: the
// file is read once, and its identifiers are not taken for another user's.
func sameFile(file, sum string, ev *checks.Evidence) bool {
	var first string
	switch {
	case ev.Info != nil && ev.Info.SHA256 == sum:
		first = ev.Info.Source
	case ev.Answers != nil && ev.Answers.SHA256 == sum:
		first = ev.Answers.Source
	default:
		for _, l := range ev.Identities {
			if l.SHA256 == sum {
				first = l.Source
				break
			}
		}
	}
	if first == "" {
		return false
	}
	ev.Warnings = append(ev.Warnings, checks.Warning{Source: file, Msg: msgSameFile.Sprintf(first)})
	return true
}

// looksBinary reports whether head is neither text in a known encoding nor UTF-16.
func looksBinary(head []byte) bool {
	if _, name, _ := sniff(head); strings.HasPrefix(name, "UTF-16") {
		return false
	}
	ctrl := 0
	for _, c := range head {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f' {
			ctrl++
		}
	}
	return ctrl > len(head)/20+1
}

// String names the kind for people.
func (k Kind) String() string {
	switch k {
	case KindInfoMobileApp:
		return "InfoMobileApp.json"
	case KindIdentities:
		return "identity export"
	case KindAnswers:
		return "answers file"
	}
	return fmt.Sprintf("Kind(%q)", string(k))
}

// hashingReader computes the SHA-256 of what is read through it on another goroutine, so
// that hashing a large export costs no time on the reading one (two cores: one reads, one
// hashes).
type hashingReader struct {
	r      io.Reader
	chunks chan []byte
	free   chan []byte
	sum    chan string
	closed bool
}

const hashChunk = 256 << 10

func newHashingReader(r io.Reader) *hashingReader {
	h := &hashingReader{r: r, chunks: make(chan []byte, 8), free: make(chan []byte, 10), sum: make(chan string, 1)}
	go func() {
		d := sha256.New()
		for c := range h.chunks {
			d.Write(c)
			select {
			case h.free <- c[:0]:
			default:
			}
		}
		h.sum <- hex.EncodeToString(d.Sum(nil))
	}()
	return h
}

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	for rest := p[:n]; len(rest) > 0; {
		var c []byte
		select {
		case c = <-h.free:
		default:
			c = make([]byte, 0, hashChunk)
		}
		k := min(len(rest), cap(c))
		h.chunks <- append(c, rest[:k]...)
		rest = rest[k:]
	}
	return n, err
}

// Sum returns the SHA-256 of everything read, in hex; the reader is done.
func (h *hashingReader) Sum() string {
	h.Close()
	s := <-h.sum
	h.sum <- s
	return s
}

// Close stops the hashing goroutine.
func (h *hashingReader) Close() {
	if !h.closed {
		h.closed = true
		close(h.chunks)
	}
}
