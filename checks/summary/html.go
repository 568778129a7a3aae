package summary

import (
	_ "embed"
	"html/template"
	"io"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/report"
)

//go:embed summary.html
var htmlSource string

//go:embed summary.css
var css string

// styleHash is the CSP hash of the inline stylesheet: the page runs no script and loads
// nothing.
var styleHash = report.StyleHash(css)

var htmlTmpl = template.Must(template.New("summary").Funcs(template.FuncMap{
	"in": func(checks.Text) string { return "" }, // replaced per language in HTML
}).Parse(htmlSource))

type (
	htmlCol struct {
		Item
		N              int
		FailingText    string
		FailingSchools []School
	}
	htmlCount struct {
		Status, Mark, Label string
		N                   int
	}
	htmlCell struct{ Status, Mark, Label, Tip string }
	htmlRow  struct {
		School
		SeenTitle string
		Counts    []htmlCount
		Cells     []htmlCell
	}
)

// HTML writes the summary as one self-contained page in its language: no script, no other
// file, printable in landscape. Every string from a report is escaped by html/template.
func HTML(w io.Writer, s *Summary) error {
	l := s.Lang
	t, err := htmlTmpl.Clone()
	if err != nil {
		return err
	}
	t.Funcs(template.FuncMap{"in": func(t checks.Text) string { return t.In(l) }})
	data := struct {
		S                 *Summary
		W                 Wording
		Style             template.CSS
		StyleHash         string
		Legend            []htmlCount
		Cols, FailingCols []htmlCol
		Rows              []htmlRow
	}{S: s, W: words, Style: template.CSS(css), StyleHash: styleHash}
	for _, st := range checks.Statuses() {
		data.Legend = append(data.Legend, htmlCount{Status: string(st), Mark: report.Mark(string(st)), Label: st.Label().In(l)})
	}
	for i, it := range s.Items {
		c := htmlCol{Item: it, N: i + 1, FailingText: words.SchoolsFailing.Sprintf(it.Failing).In(l)}
		for _, sc := range s.Schools {
			if sc.Results[it.ID] == string(checks.Fail) {
				c.FailingSchools = append(c.FailingSchools, sc)
			}
		}
		data.Cols = append(data.Cols, c)
		if it.Failing > 0 {
			data.FailingCols = append(data.FailingCols, c)
		}
	}
	for _, sc := range s.Schools {
		r := htmlRow{School: sc, SeenTitle: words.SeenTimes.Sprintf(sc.Seen).In(l)}
		r.Mode = modeLabel(sc.Mode, l)
		name := sc.Name
		if name == "" {
			name = words.Unidentified.In(l)
		}
		for _, st := range checks.Statuses() {
			if n := sc.Counts[string(st)]; n > 0 {
				r.Counts = append(r.Counts, htmlCount{Status: string(st), Mark: report.Mark(string(st)), Label: st.Label().In(l), N: n})
			}
		}
		for _, c := range data.Cols {
			st := sc.Results[c.ID]
			if st == "" {
				r.Cells = append(r.Cells, htmlCell{})
				continue
			}
			label := statusLabel(st, l)
			r.Cells = append(r.Cells, htmlCell{Status: st, Mark: report.Mark(st), Label: label,
				Tip: name + " — " + c.Title + l.Colon() + label})
		}
		data.Rows = append(data.Rows, r)
	}
	return t.Execute(w, data)
}
