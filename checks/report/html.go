package report

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"

	"github.com/hds-oze/pronote-oze/checks"
)

//go:embed report.html
var htmlSource string

//go:embed report.css
var css string

// styleHash is the CSP hash of the inline stylesheet: the report runs no script and loads
// nothing, not even from itself.
var styleHash = StyleHash(css)

// StyleHash returns the Content-Security-Policy source of an inline stylesheet ('sha256-…'
// without the quotes), for a page that allows only its own style.
func StyleHash(css string) string {
	sum := sha256.Sum256([]byte(css))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

var htmlTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"in":   func(checks.Text) string { return "" }, // replaced per language in HTML
	"dict": func(root any, r Step) resultData { return resultData{root, r} },
}).Parse(htmlSource))

type resultData struct {
	Root any
	R    Step
}

type statusCount struct {
	Status, Label string
	Count         int
}

type legendRow struct {
	Status, Label, Meaning string
}

// HTML writes the report as one self-contained, printable HTML page.
func HTML(w io.Writer, d *Doc, showPersonal bool) error {
	l := d.Lang
	t, err := htmlTmpl.Clone()
	if err != nil {
		return err
	}
	t.Funcs(template.FuncMap{"in": func(t checks.Text) string { return t.In(l) }})
	data := struct {
		Doc       *Doc
		W         Wording
		Title     string
		Style     template.CSS
		StyleHash string
		Colon     string
		Summary   []statusCount
		Legend    []legendRow
		Marks     []string
		Privacy   string

		Problems, Steps, NotApplicable []Step
		NAReason                       string
		SchoolName, SchoolUAI          string
		IdentityWarn                   bool
	}{
		Doc:       d,
		W:         words,
		Title:     fmt.Sprintf(words.Title.In(l), d.Profile.Name),
		Style:     template.CSS(css),
		StyleHash: styleHash,
		Colon:     l.Colon(),
		Privacy:   words.Masked.In(l),
	}
	for _, r := range d.Results {
		switch r.Status {
		case string(checks.Fail), string(checks.Error), string(checks.Warn):
			data.Problems = append(data.Problems, r)
		case string(checks.NotApplicable):
			data.NotApplicable = append(data.NotApplicable, r)
			continue
		}
		data.Steps = append(data.Steps, r)
	}
	data.NAReason = checks.NotApplicable.Meaning().In(l)
	data.SchoolName, data.SchoolUAI = d.Identity.Shown(l)
	if data.SchoolName == "" {
		data.SchoolName = d.School
	}
	data.IdentityWarn = d.Identity != nil && len(d.Identity.Disagree) > 0
	for _, t := range checks.Legend() {
		data.Marks = append(data.Marks, t.In(l))
	}
	if showPersonal {
		data.Privacy = words.Shown.In(l)
	}
	for _, s := range checks.Statuses() {
		if n := d.Summary[string(s)]; n > 0 {
			data.Summary = append(data.Summary, statusCount{string(s), s.CountLabel(n).In(l), n})
		}
		data.Legend = append(data.Legend, legendRow{string(s), s.Label().In(l), s.Meaning().In(l)})
	}
	return t.Execute(w, data)
}
