package summary

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/internal/terminal"
)

// CSV writes the summary for a spreadsheet: UTF-8 with a byte order mark (Excel then reads
// accents right), ";" between cells (French Excel's separator), one row per school then one
// per unreadable file, written as they go. A step's column is named by its procedures, its
// number in them and its ID ("hosted/onprem 6 · net.cas-url"); a school's cell is the status
// of the step of its own procedure. Every string from a report is cut (see Cut), its control
// and bidirectional characters shown escaped as the text report shows them (\x1b, \u202e),
// and a cell a spreadsheet could take for a formula (starting with = + - @, a tab or a
// carriage return) is prefixed with an apostrophe, so it shows as text.
func CSV(w io.Writer, s *Summary) error {
	l := s.Lang
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	head := []string{words.Row.In(l), words.School.In(l), words.UAI.In(l), words.Mode.In(l), words.Date.In(l),
		words.Checker.In(l), words.Lang.In(l), words.Seen.In(l), words.File.In(l), words.Note.In(l)}
	for _, st := range checks.Statuses() {
		head = append(head, st.Label().In(l))
	}
	for _, g := range s.groups {
		for _, c := range g.cols {
			head = append(head, g.key()+" "+strconv.Itoa(c.number)+" · "+c.ids())
		}
	}
	if err := cw.Write(cells(head)); err != nil {
		return err
	}
	for i := range s.Schools {
		sc := &s.Schools[i]
		row := []string{words.RowSchool.In(l), Cut(sc.Name), Cut(sc.UAI), modeLabel(sc.Mode, l), sc.Generated.Format(time.RFC3339),
			sc.Checker, sc.Lang, strconv.Itoa(sc.Seen), Cut(sc.File), strings.Join(notes(sc, l), " — ")}
		for _, st := range checks.Statuses() {
			row = append(row, strconv.Itoa(sc.Counts[string(st)]))
		}
		for gi := range s.groups {
			g := &s.groups[gi]
			for ci := range g.cols {
				row = append(row, statusLabel(g.status(&g.cols[ci], sc), l))
			}
		}
		if err := cw.Write(cells(row)); err != nil {
			return err
		}
	}
	for _, e := range s.Errors {
		row := make([]string, len(head))
		row[0], row[8], row[9] = words.RowError.In(l), Cut(e.File), e.Reason
		if err := cw.Write(cells(row)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// notes returns what a row says of its report besides statuses: the sources disagree on the
// school, the report has steps this version does not know.
func notes(sc *School, l checks.Lang) []string {
	var ns []string
	if sc.IdentityWarning {
		ns = append(ns, words.IdentityWarning.In(l))
	}
	if u := sc.Unknown; u != nil {
		ids := make([]string, 0, len(u.First)+1)
		for _, id := range u.First {
			ids = append(ids, Cut(id))
		}
		if u.Count > len(u.First) {
			ids = append(ids, CutMark)
		}
		t := msgUnknownSteps.Sprintf(nounUnknownStep.N(u.Count), strings.Join(ids, ", "))
		if u.Failing > 0 {
			t = msgUnknownFailing.Sprintf(nounUnknownStep.N(u.Count), checks.NounFailing.N(u.Failing), strings.Join(ids, ", "))
		}
		ns = append(ns, t.In(l))
	}
	return ns
}

// cells makes a row safe for a spreadsheet (see CSV).
func cells(row []string) []string {
	for i, c := range row {
		c = terminal.Escape(c)
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			c = "'" + c
		}
		row[i] = c
	}
	return row
}

// modeLabel names a mode in l.
func modeLabel(mode string, l checks.Lang) string {
	if m, ok := parseMode(mode); ok {
		return m.Label().In(l)
	}
	return mode
}

// statusLabel names a status in l, "" for none.
func statusLabel(status string, l checks.Lang) string {
	for _, st := range checks.Statuses() {
		if string(st) == status {
			return st.Label().In(l)
		}
	}
	return status
}
