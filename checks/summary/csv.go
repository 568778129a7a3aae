package summary

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
)

// JSON writes the summary as JSON (summary.schema.json, version Format).
func JSON(w io.Writer, s *Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

// CSV writes the summary for a spreadsheet: UTF-8 with a byte order mark (Excel then reads
// accents right), ";" between cells (French Excel's separator), one row per school then one
// per unreadable file. Every cell from a report that a spreadsheet could take for a formula
// (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe, so it
// shows as text.
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
	for _, it := range s.Items {
		head = append(head, it.ID)
	}
	if err := cw.Write(cells(head)); err != nil {
		return err
	}
	for _, sc := range s.Schools {
		reason := ""
		if sc.IdentityWarning {
			reason = words.IdentityWarning.In(l)
		}
		row := []string{words.RowSchool.In(l), sc.Name, sc.UAI, modeLabel(sc.Mode, l), sc.Generated.Format(time.RFC3339),
			sc.Checker, sc.Lang, strconv.Itoa(sc.Seen), sc.File, reason}
		for _, st := range checks.Statuses() {
			row = append(row, strconv.Itoa(sc.Counts[string(st)]))
		}
		for _, it := range s.Items {
			row = append(row, statusLabel(sc.Results[it.ID], l))
		}
		if err := cw.Write(cells(row)); err != nil {
			return err
		}
	}
	for _, e := range s.Errors {
		row := make([]string, len(head))
		row[0], row[8], row[9] = words.RowError.In(l), e.File, e.Reason
		if err := cw.Write(cells(row)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cells neutralises formulas in a row (see CSV).
func cells(row []string) []string {
	for i, c := range row {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			row[i] = "'" + c
		}
	}
	return row
}

// modeLabel names a mode in l.
func modeLabel(mode string, l checks.Lang) string {
	if m, ok := checks.ParseMode(mode); ok {
		return m.Label().In(l)
	}
	for _, m := range []checks.Mode{checks.AnyMode, 0} { // the purge alone; undecided
		if mode == m.String() {
			return m.Label().In(l)
		}
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
