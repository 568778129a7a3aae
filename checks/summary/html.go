package summary

import (
	"bufio"
	_ "embed"
	"html/template"
	"io"
	"strconv"
	"time"

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
)

// HTML writes the summary as one self-contained page in its language: no script, no other
// file, printable in landscape. The page around the table is an html/template; the table's
// rows (one per school, a cell per step: thousands of cells) are written as they go, every
// string from a report through report.EscapeHTML (the escaping of the page around
// them and of the HTML report), the words and titles escaped once.
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
	}{S: s, W: words, Style: template.CSS(css), StyleHash: styleHash}
	for _, st := range checks.Statuses() {
		data.Legend = append(data.Legend, htmlCount{Status: string(st), Mark: report.Mark(string(st)), Label: st.Label().In(l)})
	}
	for i, it := range s.Items {
		c := htmlCol{Item: it, N: i + 1, FailingText: checks.NounSchoolFailed.N(it.Failing).In(l)}
		if it.Failing > 0 {
			for _, sc := range s.Schools {
				if sc.Results[it.ID] == string(checks.Fail) {
					c.FailingSchools = append(c.FailingSchools, sc)
				}
			}
			data.FailingCols = append(data.FailingCols, c)
		}
		data.Cols = append(data.Cols, c)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := t.ExecuteTemplate(bw, "top", data); err != nil {
		return err
	}
	writeRows(bw, s)
	if err := t.ExecuteTemplate(bw, "bottom", data); err != nil {
		return err
	}
	return bw.Flush()
}

// writeRows writes the table's rows. Each cell is a symbol (hidden from screen readers) and
// the status's name (for them), with a tooltip naming the school, the step and the status.
func writeRows(w *bufio.Writer, s *Summary) {
	l := s.Lang
	esc := report.EscapeHTML
	type stWords struct{ mark, label string }
	sts := map[string]stWords{}
	for _, st := range checks.Statuses() {
		sts[string(st)] = stWords{report.Mark(string(st)), esc(st.Label().In(l))}
	}
	titles := make([]string, len(s.Items))
	for i, it := range s.Items {
		titles[i] = esc(it.Title) + esc(l.Colon())
	}
	unnamed := esc(words.Unidentified.In(l))
	identityWarning := esc(words.IdentityWarning.In(l))
	for _, sc := range s.Schools {
		name := esc(sc.Name)
		w.WriteString("<tr>\n<th scope=\"row\">")
		if sc.Name == "" {
			name = unnamed
			w.WriteString("<em>" + unnamed + "</em>")
		} else {
			w.WriteString(name)
		}
		if sc.UAI != "" {
			w.WriteString(`<br><span class="uai">` + esc(sc.UAI) + "</span>")
		}
		if sc.IdentityWarning {
			w.WriteString(`<br><span class="warn">! ` + identityWarning + "</span>")
		}
		w.WriteString("</th>\n<td>" + esc(modeLabel(sc.Mode, l)) + `</td><td><time datetime="` + sc.Generated.Format(time.RFC3339) + `">` +
			sc.Generated.Format(time.DateOnly) + "</time></td><td>" + esc(sc.Checker) + "</td>\n<td")
		if sc.Seen > 1 {
			w.WriteString(` title="` + esc(words.SeenTimes.Sprintf(sc.Seen).In(l)) + `"`)
		}
		w.WriteString(">" + strconv.Itoa(sc.Seen) + "</td>\n<td class=\"counts\">")
		for _, st := range checks.Statuses() {
			if n := sc.Counts[string(st)]; n > 0 {
				sw := sts[string(st)]
				w.WriteString(`<span class="s-` + string(st) + `"><span aria-hidden="true">` + sw.mark + "</span>&#8239;" + strconv.Itoa(n) +
					`<span class="vh"> ` + sw.label + "</span></span>")
			}
		}
		w.WriteString("</td>\n")
		for i, it := range s.Items {
			st := sc.Results[it.ID]
			sw, ok := sts[st]
			if !ok {
				w.WriteString(`<td class="s"></td>`)
				continue
			}
			w.WriteString(`<td class="s s-` + st + `" title="` + name + " — " + titles[i] + sw.label + `"><span aria-hidden="true">` +
				sw.mark + `</span><span class="vh">` + sw.label + "</span></td>")
		}
		w.WriteString("\n</tr>\n")
	}
}
