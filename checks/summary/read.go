package summary

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/report"
	"github.com/hds-oze/pronote-oze/internal/openfile"
	"github.com/hds-oze/pronote-oze/internal/overlap"
)

// Inputs lists the report files named by args: a file as is, a folder's *.json files
// recursively (hidden ones skipped), and for "-" the lines of stdin, each a file or folder.
// It sends the files to out in order, each once, and closes out. A name that cannot be read is
// sent too: reading it gives its error row. Nothing is opened here: a named pipe in a folder
// is sent like a file, and read refuses it without waiting on it.
//
// output is the file the summary is written to ("" for standard output): an input that is
// that file, or a folder that holds it, is an *InputsError, before anything is sent from it
// (the summary would replace a report, or become an unreadable input of the next run). So is
// a line of stdin longer than MaxListLine.
func Inputs(ctx context.Context, args []string, stdin io.Reader, out chan<- string, output string) error {
	defer close(out)
	var avoid *overlap.Output
	if output != "" {
		avoid = overlap.New(output)
	}
	seen := map[string]bool{}
	send := func(p string) error {
		key := p
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if seen[key] {
			return nil
		}
		seen[key] = true
		select {
		case out <- p:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	var one func(arg string) error
	one = func(arg string) error {
		if arg == "-" {
			sc := bufio.NewScanner(stdin)
			sc.Buffer(nil, MaxListLine)
			line := 0
			for sc.Scan() {
				line++
				if name := strings.TrimSpace(sc.Text()); name != "" && name != "-" {
					if err := one(name); err != nil {
						return err
					}
				}
			}
			if errors.Is(sc.Err(), bufio.ErrTooLong) {
				return &InputsError{msgListLine.Sprintf(line+1, MaxListLine)}
			}
			return sc.Err()
		}
		st, err := os.Stat(arg)
		if avoid != nil && avoid.In(arg) {
			if err == nil && st.IsDir() {
				return &InputsError{msgOutputInInput.Sprintf(output, arg)}
			}
			return &InputsError{msgOutputIsInput.Sprintf(output, arg)}
		}
		if err != nil || !st.IsDir() {
			return send(arg)
		}
		return filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return send(p) // unreadable: its error row says why
			}
			if p != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".json") {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if st, err := os.Stat(p); err == nil && st.IsDir() {
					return nil // a folder's link: not followed, no loop
				}
			}
			return send(p)
		})
	}
	for _, a := range args {
		if err := one(a); err != nil {
			return err
		}
	}
	return nil
}

// MaxListLine is the longest line of the list of inputs read from standard input ("-"): a
// file or folder name, far longer than any path a system allows.
const MaxListLine = 64 << 10

// InputsError is a list of inputs that cannot be summarised.
type InputsError struct{ Msg checks.Text }

func (e *InputsError) Error() string { return e.Msg.EN }

// In returns the error in lang.
func (e *InputsError) In(lang checks.Lang) string { return e.Msg.In(lang) }

// reportIn is what the summary reads of a report: no message, evidence or input.
type reportIn struct {
	Format  *int   `json:"format"`
	Kind    string `json:"kind"`
	Checker struct {
		Version string `json:"version"`
	} `json:"checker"`
	Generated time.Time        `json:"generated"`
	Lang      string           `json:"lang"`
	Mode      string           `json:"mode"`
	School    string           `json:"school"`
	Identity  *report.Identity `json:"identity"`
	Failed    bool             `json:"failed"`
	Summary   map[string]int   `json:"summary"`
	Results   []struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	} `json:"results"`
}

// maxKey is the longest UAI or folded name kept as is to tell schools apart; a longer one is
// kept by its SHA-256, and rows are sorted by the first maxKey bytes of the folded name.
const maxKey = 256

// read reads one report into a row, or says why it cannot; buf is the worker's, reused. The
// row keeps the school's name and UAI whole (the JSON summary gives them whole), the steps of
// the catalog by their catalog IDs, and of the others their number and the first
// maxUnknownListed IDs: a row costs its name, UAI and the catalog's steps, whatever the report
// claims.
func read(file string, buf *bytes.Buffer) (*School, *checks.Text) {
	f, err := openfile.Read(file) // a named pipe does not hang: its type is refused below
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		t := msgUnreadable.Sprintf(err.Error())
		return nil, &t
	}
	defer f.Close()
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		return nil, &msgNotFile
	}
	buf.Reset()
	if err == nil && st.Size() <= MaxReportSize {
		buf.Grow(int(st.Size()) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxReportSize+1)); err != nil {
		t := msgUnreadable.Sprintf(err.Error())
		return nil, &t
	}
	data := buf.Bytes()
	if len(data) > MaxReportSize {
		t := msgTooBig.Sprintf(MaxReportSize >> 20)
		return nil, &t
	}
	var r reportIn
	if err := json.Unmarshal(data, &r); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			t := msgNotJSON.Sprintf(se.Offset)
			return nil, &t
		}
		if r.Kind != report.Kind {
			return nil, &msgNotReport
		}
		t := msgBadField.Sprintf(Cut(err.Error()))
		return nil, &t
	}
	mode, modeOK := parseMode(r.Mode)
	switch {
	case r.Kind != report.Kind:
		return nil, &msgNotReport
	case r.Format == nil || *r.Format < 1:
		return nil, &msgNoFormat
	case *r.Format > report.Format:
		t := msgTooNew.Sprintf(*r.Format, report.Format)
		return nil, &t
	case r.Generated.IsZero():
		return nil, &msgNoDate
	case r.Generated.UTC().Year() < 0 || r.Generated.UTC().Year() > 9999:
		// A date JSON cannot write back: 0000-01-01T00:30:00+01:00 is year -1 in UTC.
		t := msgBadDate.Sprintf(r.Generated.Format(time.RFC3339))
		return nil, &t
	case !modeOK:
		t := msgBadMode.Sprintf(Cut(r.Mode))
		return nil, &t
	}
	s := &School{
		Name: strings.TrimSpace(r.Identity.BestName()), UAI: r.Identity.BestUAI(),
		Mode: mode.String(), mode: mode, Generated: r.Generated.UTC(), Checker: Cut(r.Checker.Version), Lang: Cut(r.Lang),
		Seen: 1, File: file, Failed: r.Failed, Counts: make(map[string]int, 8), Results: make(map[string]string, len(catalogIDs())),
	}
	if s.Name == "" {
		s.Name = strings.TrimSpace(r.School)
	}
	s.IdentityWarning = r.Identity != nil && len(r.Identity.Disagree) > 0
	s.UAI = strings.ToUpper(strings.TrimSpace(s.UAI))
	known := catalogIDs()
	for _, res := range r.Results {
		status, ok := knownStatus(res.Status)
		if !ok {
			t := msgBadStatus.Sprintf(Cut(res.ID), Cut(res.Status))
			return nil, &t
		}
		s.Counts[status]++
		if status == string(checks.Fail) {
			s.Failed = true
		}
		// The catalog's own strings are kept, not the report's copies: a row costs its map.
		if id, ok := known[res.ID]; ok {
			s.Results[id] = status
			continue
		}
		if s.Unknown == nil {
			s.Unknown = &Unknown{}
		}
		s.Unknown.Count++
		if status == string(checks.Fail) {
			s.Unknown.Failing++
		}
		if len(s.Unknown.First) < maxUnknownListed {
			s.Unknown.First = append(s.Unknown.First, strings.Clone(res.ID))
		}
	}
	fold := report.FoldName(s.Name)
	s.fold = strings.Clone(fold[:min(len(fold), maxKey)])
	switch {
	case s.UAI != "":
		s.key = "uai:" + bounded(s.UAI)
	case fold != "":
		s.key = "name:" + bounded(fold)
	default:
		s.key = "file:" + file
	}
	return s, nil
}

// bounded returns s, or its SHA-256 when it is longer than maxKey: a key that tells two
// values apart without a second copy of a long one.
func bounded(s string) string {
	if len(s) <= maxKey {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// parseMode reads a report's mode: hosted, onprem, any (the purge alone) or undecided.
func parseMode(s string) (checks.Mode, bool) {
	for _, m := range []checks.Mode{checks.Hosted, checks.OnPrem, checks.AnyMode, 0} {
		if s == m.String() {
			return m, true
		}
	}
	return 0, false
}

// catalogIDs maps each item ID of the catalog to itself.
var catalogIDs = sync.OnceValue(func() map[string]string {
	ids := map[string]string{}
	for _, cl := range checks.Default().Checklists {
		for _, it := range cl.Items() {
			ids[it.ID] = it.ID
		}
	}
	return ids
})

// statusNames are the statuses' names, in checks.Statuses' order.
var statusNames = sync.OnceValue(func() []string {
	var names []string
	for _, st := range checks.Statuses() {
		names = append(names, string(st))
	}
	return names
})

// knownStatus returns the status named s as this package keeps it, and whether it is one.
func knownStatus(s string) (string, bool) {
	for _, st := range statusNames() {
		if st == s {
			return st, true
		}
	}
	return "", false
}
