package summary

import (
	"bufio"
	_ "embed"
	"html/template"
	"io"
	"strconv"
	"strings"
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
	"in":       func(checks.Text) string { return "" }, // replaced per language in HTML
	"date":     func(time.Time) string { return "" },
	"datetime": func(time.Time) string { return "" },
}).Parse(htmlSource))

type (
	htmlGroup struct {
		Title string
		Cols  []htmlCol
	}
	// htmlCol is a column as the page names it: its number, and the step at that number in
	// each procedure of its group (one when they have the same).
	htmlCol struct {
		N        int
		Steps    []htmlStep
		Failing  int
		Tip      string // the header's tooltip
		Label    string // the header as screen readers read it
		Combined string // the steps' titles and IDs on one line, for the failed steps' headings
	}
	htmlStep struct {
		Prefix, Title, ID string // Prefix names the procedure's mode when the steps differ
	}
	htmlCount struct {
		Status, Mark, Label string
		N                   int
	}
	htmlErr struct{ File, Reason template.HTML } // escaped by report.EscapeHTML, as the rows
)

// HTML writes the summary as one self-contained page in its language: no script, no other
// file, printable in landscape. The page around the table is an html/template; the table's
// rows (one per school, a cell per step: thousands of cells) and the lists of failing schools
// are written as they go, every string from a report cut (see Cut) and escaped by
// report.EscapeHTML (the escaping of the page around them and of the HTML report). The
// columns come in groups, one per procedure (hosted and on-premises mode share one: their
// steps are numbered alike), numbered as the procedure's page and PDF number them; a
// school's cell shows the step of its own mode's procedure.
func HTML(w io.Writer, s *Summary) error {
	l := s.Lang
	t, err := htmlTmpl.Clone()
	if err != nil {
		return err
	}
	t.Funcs(template.FuncMap{"in": func(t checks.Text) string { return t.In(l) }, "date": l.Date, "datetime": l.DateTime})
	data := struct {
		S         *Summary
		W         Wording
		Style     template.CSS
		StyleHash string
		Legend    []htmlCount
		Groups    []htmlGroup
		Errors    []htmlErr
	}{S: s, W: words, Style: template.CSS(css), StyleHash: styleHash, Groups: htmlGroups(s)}
	for _, st := range checks.Statuses() {
		data.Legend = append(data.Legend, htmlCount{Status: string(st), Mark: report.Mark(string(st)), Label: st.Label().In(l)})
	}
	for _, e := range s.Errors {
		data.Errors = append(data.Errors, htmlErr{template.HTML(report.EscapeHTML(Cut(e.File))), template.HTML(report.EscapeHTML(e.Reason))})
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := t.ExecuteTemplate(bw, "top", data); err != nil {
		return err
	}
	writeRows(bw, s)
	if err := t.ExecuteTemplate(bw, "middle", data); err != nil {
		return err
	}
	if len(s.Schools) > 0 {
		writeFailing(bw, s, data.Groups)
	}
	if err := t.ExecuteTemplate(bw, "bottom", data); err != nil {
		return err
	}
	return bw.Flush()
}

// htmlGroups names the summary's column groups and columns in its language.
func htmlGroups(s *Summary) []htmlGroup {
	l := s.Lang
	var out []htmlGroup
	for _, g := range s.groups {
		hg := htmlGroup{Title: g.title(l)}
		for _, c := range g.cols {
			hc := htmlCol{N: c.number, Failing: c.failing}
			same := true
			for _, it := range c.items {
				same = same && it == c.items[0]
			}
			var labels, tips, combined []string
			for i, it := range c.items {
				if it == nil || same && i > 0 {
					continue
				}
				st := htmlStep{Title: it.Title.In(l), ID: it.ID}
				label, tip, comb := st.Title, it.ID+" — "+st.Title, st.Title+" ("+it.ID+")"
				if !same {
					mode := g.procs[i].Modes.Label().In(l)
					st.Prefix = mode + l.Colon()
					label += " (" + mode + ")"
					tip, comb = st.Prefix+tip, st.Prefix+comb
				}
				hc.Steps = append(hc.Steps, st)
				labels, tips, combined = append(labels, label), append(tips, tip), append(combined, comb)
			}
			n := strconv.Itoa(c.number)
			hc.Label = n + ". " + strings.Join(labels, " / ")
			hc.Tip = n + ". " + strings.Join(tips, " / ")
			hc.Combined = strings.Join(combined, " / ")
			hg.Cols = append(hg.Cols, hc)
		}
		out = append(out, hg)
	}
	return out
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
	titles := map[*checks.Item]string{} // "Vérifiez … : ", escaped
	for _, g := range s.groups {
		for _, c := range g.cols {
			for _, it := range c.items {
				if it != nil {
					titles[it] = esc(it.Title.In(l) + l.Colon())
				}
			}
		}
	}
	unnamed := esc(words.Unidentified.In(l))
	for i := range s.Schools {
		sc := &s.Schools[i]
		name := esc(Cut(sc.Name))
		w.WriteString("<tr>\n<th scope=\"row\">")
		if sc.Name == "" {
			name = unnamed
			w.WriteString("<em>" + unnamed + "</em>")
		} else {
			w.WriteString(name)
		}
		if sc.UAI != "" {
			w.WriteString(`<br><span class="uai">` + esc(Cut(sc.UAI)) + "</span>")
		}
		for _, n := range notes(sc, l) {
			w.WriteString(`<br><span class="warn">! ` + esc(n) + "</span>")
		}
		w.WriteString("</th>\n<td>" + esc(modeLabel(sc.Mode, l)) + `</td><td><time datetime="` + sc.Generated.Format(time.RFC3339) + `">` +
			esc(l.Date(sc.Generated)) + "</time></td><td>" + esc(sc.Checker) + "</td>\n<td")
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
		for gi := range s.groups {
			g := &s.groups[gi]
			for ci := range g.cols {
				c := &g.cols[ci]
				status := g.status(c, sc)
				sw, ok := sts[status]
				if !ok {
					w.WriteString(`<td class="s"></td>`)
					continue
				}
				w.WriteString(`<td class="s s-` + status + `" title="` + name + " — " + strconv.Itoa(c.number) + ". " + titles[g.step(c, sc.mode)] + sw.label +
					`"><span aria-hidden="true">` + sw.mark + `</span><span class="vh">` + sw.label + "</span></td>")
			}
		}
		w.WriteString("\n</tr>\n")
	}
}

// writeFailing writes a section per failed step, group by group, listing its schools.
func writeFailing(w *bufio.Writer, s *Summary, hgs []htmlGroup) {
	l := s.Lang
	esc := report.EscapeHTML
	wrote := false
	for gi := range s.groups {
		g := &s.groups[gi]
		heading := false
		for ci := range g.cols {
			c := &g.cols[ci]
			if c.failing == 0 {
				continue
			}
			if !heading {
				w.WriteString("<h3>" + esc(hgs[gi].Title) + "</h3>\n")
				heading, wrote = true, true
			}
			hc := hgs[gi].Cols[ci]
			w.WriteString("<section>\n<h4>" + strconv.Itoa(c.number) + ". " + esc(hc.Combined) + " — " +
				esc(checks.NounSchoolFailed.N(c.failing).In(l)) + "</h4>\n<ul>")
			for i := range s.Schools {
				sc := &s.Schools[i]
				if g.status(c, sc) != string(checks.Fail) {
					continue
				}
				w.WriteString("<li>")
				if sc.Name == "" {
					w.WriteString("<em>" + esc(words.Unidentified.In(l)) + "</em>")
				} else {
					w.WriteString(esc(Cut(sc.Name)))
				}
				if sc.UAI != "" {
					w.WriteString(` <span class="uai">` + esc(Cut(sc.UAI)) + "</span>")
				}
				w.WriteString("</li>")
			}
			w.WriteString("</ul>\n</section>\n")
		}
	}
	if !wrote {
		w.WriteString("<p>" + esc(words.NoFailing.In(l)) + "</p>\n")
	}
}
