package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/internal/terminal"
)

// testdata/report.html is the html/template the HTML report was written with. HTML must
// write the same bytes for every document: the template's contextual escaping is the
// reference its hand-written escaping is checked against.
//
//go:embed testdata/report.html
var templateSource string

var referenceTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"in":   func(checks.Text) string { return "" },
	"dict": func(root any, r Step) refResult { return refResult{root, r} },
	// pieces cuts an address, or a text that may hold one, after each "/" that is neither
	// followed by another nor the last of "://": the report allows a line break there.
	"pieces": func(s string) []string {
		var out []string
		for from, j := 0, 0; ; j++ {
			if j+1 >= len(s) {
				return append(out, s[from:])
			}
			if s[j] == '/' && s[j+1] != '/' && !strings.HasSuffix(s[:j+1], "://") {
				out, from = append(out, s[from:j+1]), j+1
			}
		}
	},
}).Parse(templateSource))

type refResult struct {
	Root any
	R    Step
}

type refCount struct {
	Status, Label string
	Count         int
}

type refLegend struct {
	Status, Label, Meaning string
}

// referenceHTML writes d through the reference template.
func referenceHTML(w io.Writer, d *Doc, showPersonal bool) error {
	l := d.Lang
	t := template.Must(referenceTmpl.Clone())
	t.Funcs(template.FuncMap{"in": func(t checks.Text) string { return t.In(l) }})
	data := struct {
		Doc       *Doc
		W         Wording
		Title     string
		Style     template.CSS
		StyleHash string
		Colon     string
		Summary   []refCount
		Legend    []refLegend
		Marks     []string
		Privacy   string
		Generated string

		VerdictUndecided string
		DependsOnMode    []Step

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
		Privacy:   saidMasked.In(checks.InReport, l),
		Generated: l.DateTime(d.Generated),

		VerdictUndecided: saidVerdictUndecided.In(checks.InReport, l),
	}
	for _, r := range d.Results {
		switch {
		case r.DependsOnMode:
			data.DependsOnMode = append(data.DependsOnMode, r)
			continue
		case r.Status == string(checks.Fail), r.Status == string(checks.Error), r.Status == string(checks.Warn):
			data.Problems = append(data.Problems, r)
		case r.Status == string(checks.NotApplicable):
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
		data.Privacy = saidShown.In(checks.InReport, l)
	}
	for _, s := range checks.Statuses() {
		if n := d.Summary[string(s)]; n > 0 {
			data.Summary = append(data.Summary, refCount{string(s), s.CountLabel(n).In(l), n})
		}
		data.Legend = append(data.Legend, refLegend{string(s), s.Label().In(l), s.Meaning().In(l)})
	}
	return t.Execute(w, data)
}

// hostile is every kind of string the template escapes differently: markup, quotes, '+',
// NUL, invalid UTF-8, noncharacters, and URLs with a script scheme, spaces, non-ASCII bytes
// and percent escapes good and bad.
var hostile = []string{
	`Collège "<script>alert('x')</script>" & C++`,
	"a\x00b\xffc\ufdd0d\uffff\u202e",
	"LYCÉE \u202eA\u2066B\x1b[2J\x07\r\tC\nD",
	"javascript:alert(1)",
	"JavaScript:alert(1)",
	"data:text/html,<b>x</b>",
	"mailto:a+b@x.example?subject=é",
	"https://x.example/a b/é?q=1&r=<2>#f'\"",
	"/relative/path:with?x=%zz&y=%4A%4",
	"vbscript:x",
	"",
}

// docWith returns a document whose every string field is s, with every optional part there.
func docWith(l checks.Lang, s string, i int) *Doc {
	url := hostile[i%len(hostile)]
	d := &Doc{
		Checker:      Checker{Name: s, Version: s},
		Generated:    time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC),
		Lang:         l,
		Profile:      ENT{ID: s, Name: s, CASURL: s},
		ModeLabel:    s,
		ModeDecision: ModeDecision{By: []string{"flag", "undecided", "espaces"}[i%3], Says: s, Against: []string{s}[:i%2]},
		Purge:        i%2 == 0,
		School:       s,
		Inputs:       []Input{{File: s, SHA256: s, Detail: s}},
		Summary:      map[string]int{},
		Failed:       i%2 == 1,
		SendTo:       s,
		Notes:        []string{s, "n2"},
	}
	if i%3 == 0 {
		d.Identity = &Identity{Name: []Claim{{Value: s, Source: FromInfo}, {Value: s + "x", Source: FromAnswers}},
			UAI: []Claim{{Value: s, Source: FromInfo}}, Disagree: []string{"name"}}
	}
	for j, st := range checks.Statuses() {
		d.Summary[string(st)] = j + i%2
		step := Step{ID: s, Title: s, Status: string(st), StatusLabel: s, Message: s, URL: url, DependsOnMode: st == checks.NotApplicable && i%2 == 0}
		if j%3 == 1 {
			step.URL = "" // a step of no procedure (the mode undecided)
		}
		if j%2 == 0 {
			step.Evidence, step.Comment, step.Help = s, s, hostile[(i+j)%len(hostile)]
		}
		if j < len(checks.Origins()) {
			step.Origin = checks.Origins()[j].String()
		}
		d.Results = append(d.Results, step)
	}
	return d
}

// visibleDoc returns a copy of d with every string passed through terminal.Visible: what the
// HTML report must show of it. The reference template, given that copy, escapes it as
// html/template does: HTML must write the same bytes.
func visibleDoc(d *Doc) *Doc {
	c := *d
	visibleValue(reflect.ValueOf(&c).Elem())
	return &c
}

func visibleValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(terminal.Visible(v.String()))
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				visibleValue(v.Field(i))
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			c := reflect.New(v.Elem().Type())
			c.Elem().Set(v.Elem())
			visibleValue(c.Elem())
			v.Set(c)
		}
	case reflect.Slice:
		if !v.IsNil() {
			c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			reflect.Copy(c, v)
			for i := range c.Len() {
				visibleValue(c.Index(i))
			}
			v.Set(c)
		}
	case reflect.Map:
		if !v.IsNil() {
			c := reflect.MakeMap(v.Type())
			for it := v.MapRange(); it.Next(); {
				val := reflect.New(v.Type().Elem()).Elem()
				val.Set(it.Value())
				visibleValue(val)
				c.SetMapIndex(it.Key(), val)
			}
			v.Set(c)
		}
	}
}

func assertSameHTML(t *testing.T, d *Doc, showPersonal bool) {
	t.Helper()
	var got, want bytes.Buffer
	if err := HTML(&got, d, showPersonal); err != nil {
		t.Fatal(err)
	}
	if err := referenceHTML(&want, visibleDoc(d), showPersonal); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		g, w := got.String(), want.String()
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		t.Fatalf("HTML differs from the template at byte %d:\ngot  %q\nwant %q", i, g[max(0, i-80):min(len(g), i+80)], w[max(0, i-80):min(len(w), i+80)])
	}
}

// TestHTMLMatchesTemplate checks that HTML writes what the template wrote, byte for byte,
// for the judged sample, documents with every optional part, and hostile strings.
func TestHTMLMatchesTemplate(t *testing.T) {
	for _, l := range checks.Langs() {
		t.Run(string(l)+"/sample", func(t *testing.T) {
			assertSameHTML(t, sampleDoc(l), false)
			assertSameHTML(t, sampleDoc(l), true)
		})
		t.Run(string(l)+"/empty", func(t *testing.T) {
			assertSameHTML(t, &Doc{Lang: l}, false)
		})
		for i, s := range hostile {
			t.Run(fmt.Sprintf("%s/hostile-%d", l, i), func(t *testing.T) {
				assertSameHTML(t, docWith(l, s, i), i%2 == 0)
			})
		}
	}
}

// FuzzHTMLMatchesTemplate checks the same for any string in every field and any link.
func FuzzHTMLMatchesTemplate(f *testing.F) {
	for i, s := range hostile {
		f.Add(s, hostile[(i+1)%len(hostile)], i)
	}
	f.Fuzz(func(t *testing.T, s, url string, i int) {
		d := docWith(checks.EN, s, i&0xff)
		for j := range d.Results {
			d.Results[j].URL = url
			if d.Results[j].Help != "" {
				d.Results[j].Help = url + s
			}
		}
		assertSameHTML(t, d, i%2 == 0)
	})
}

func TestEscapeHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "abc é", "abc é"},
		{"markup", `<a href="x">'&'</a>`, "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;"},
		{"plus", "C++", "C&#43;&#43;"},
		{"nul, visible", "a\x00b", `a\x00b`},
		{"invalid utf-8, visible", "a\xffb", `a\xffb`},
		{"ESC, BEL and CR, visible", "A\x1b[31m\x07\rB", `A\x1b[31m\x07\rB`},
		{"bidirectional override and isolate, visible", "Lycée \u202eA\u2066B", `Lycée \u202eA\u2066B`},
		{"line feed and tab stay (HTML shows them as spaces)", "a\nb\tc", "a\nb\tc"},
		{"French spaces stay", "Zoé\u202f: «\u00a0x\u00a0»", "Zoé\u202f: «\u00a0x\u00a0»"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EscapeHTML(tt.in); got != tt.want {
				t.Errorf("EscapeHTML(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEscapeHref(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"https", "https://s.example/fr/a#b", "https://s.example/fr/a#b"},
		{"relative", "/fr/x?a=1&b=2", "/fr/x?a=1&amp;b=2"},
		{"javascript", "javascript:alert(1)", "#ZgotmplZ"},
		{"javascript upper", " JAVASCRIPT:x", "#ZgotmplZ"},
		{"data", "data:text/html,x", "#ZgotmplZ"},
		{"colon after slash", "/a:b", "/a:b"},
		{"mailto", "mailto:a@b.example", "mailto:a@b.example"},
		{"space quote non-ascii", `https://x/a b"é`, "https://x/a%20b%22%c3%a9"},
		{"percent", "/a%2Fb%zz%4", "/a%2Fb%25zz%254"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := escapeHref(tt.in); got != tt.want {
				t.Errorf("escapeHref(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if !strings.Contains(escapeHref("/a+b"), "&#43;") {
		t.Errorf("escapeHref does not escape + for the attribute")
	}
}
