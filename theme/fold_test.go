package theme

import (
	"bytes"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"text/template/parse"

	"github.com/hds-oze/pronote-oze/checks"
)

// foldFS holds templates where the language of a call to t is the data's Lang, or is not
// certainly: inside range and with, through a variable declared twice, in a template called
// with less than the data.
var foldFS = fstest.MapFS{"templates/x.html": {Data: []byte(`{{define "x"}}{{$l := .Lang}}<p lang="{{.Lang}}" title="{{t .Lang "skip"}}">{{t $.Lang "skip"}} {{$.Lang}} {{$l}}</p>
{{range .Others}}<a lang="{{.Lang}}" title="{{t .Lang "otherLang"}}">{{t .Lang "otherLang"}} {{t $.Lang "otherLang"}} {{.Lang}} {{$.Lang}}</a>{{end}}
{{with .Inner}}{{t .Lang "nav"}}{{end}}<a href="{{t $l "search"}}">{{colon $l}}</a><title>{{t $l "home"}}</title>
{{template "y" .}}{{template "z" .Inner}}{{if .Lang}}{{t .Lang "prev"}}{{else}}{{t .Lang "next"}}{{end}}{{end}}
{{define "y"}}<b>{{t .Lang "prev"}}</b>{{end}}
{{define "z"}}<i>{{t .Lang "next"}}</i>{{end}}
{{define "v"}}{{$l := .Lang}}{{range .Others}}{{$l := .Lang}}{{t $l "next"}}{{end}}{{t $l "next"}}{{end}}
{{define "w"}}{{$l := .Lang}}{{$l = .Inner.Lang}}{{t $l "next"}}{{end}}
`)}}

type foldData struct {
	Lang   checks.Lang
	Others []foldData
	Inner  *foldData
}

func TestParseForFolds(t *testing.T) {
	for _, lang := range checks.Langs() {
		other := checks.EN
		if lang == checks.EN {
			other = checks.FR
		}
		data := foldData{Lang: lang, Others: []foldData{{Lang: other}}, Inner: &foldData{Lang: other}}
		folded := sameAsParse(t, foldFS, lang, data, "x", "v", "w")
		// Left: the calls whose language may not be the data's. The others are text.
		left := map[string][]string{}
		for _, tt := range folded.Templates() {
			if tt.Tree != nil {
				left[tt.Name()] = stringKeys(tt.Tree.Root)
			}
		}
		for name, want := range map[string][]string{
			"x": {"otherLang", "otherLang", "nav"}, "y": nil, "z": {"next"}, "v": {"next", "next"}, "w": {"next"},
		} {
			if !slices.Equal(left[name], want) {
				t.Errorf("%s: template %s still calls t for %q, want %q", lang, name, left[name], want)
			}
		}
		if constants := stringActions(folded.Lookup("x").Tree.Root); constants > 0 {
			t.Errorf("%s: %d escaped string constants left in template x, want them written as text", lang, constants)
		}
	}
}

// stringActions counts the actions under n that write a string constant.
func stringActions(n parse.Node) int {
	count := 0
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				count += stringActions(c)
			}
		}
	case *parse.ActionNode:
		if _, ok := n.Pipe.Cmds[0].Args[0].(*parse.StringNode); ok {
			count++
		}
	case *parse.IfNode:
		count = stringActions(n.List) + stringActions(n.ElseList)
	case *parse.RangeNode:
		count = stringActions(n.List) + stringActions(n.ElseList)
	case *parse.WithNode:
		count = stringActions(n.List) + stringActions(n.ElseList)
	}
	return count
}

// TestThemeFolds checks that the theme's page chrome and checklists, written for every page,
// call t nowhere once parsed for a language: each call is one the site pays per page.
func TestThemeFolds(t *testing.T) {
	for _, lang := range checks.Langs() {
		tm, err := ParseFor(Embedded, nil, lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"head", "page", "root", "checklist"} {
			tt := tm.Lookup(name)
			if tt == nil || tt.Tree == nil {
				t.Fatalf("%s: no template %q", lang, name)
			}
			if keys := stringKeys(tt.Tree.Root); len(keys) > 0 {
				t.Errorf("%s: template %s still calls t for %q: use $.Lang (or a variable set to .Lang) where dot is not the page's data", lang, name, keys)
			}
			if n := stringActions(tt.Tree.Root); n > 0 {
				t.Errorf("%s: template %s has %d escaped string constants left, want them written as text", lang, name, n)
			}
		}
	}
}

// TestThemeFoldsSameBytes runs the theme's page and root templates, parsed by Parse and by
// ParseFor, on a page's usual values in each language: ParseFor leans on how html/template
// escapes (on the first run, with escapers that depend on the value alone), and a Go release
// that changed it must fail here, not change the site.
func TestThemeFoldsSameBytes(t *testing.T) {
	for _, lang := range checks.Langs() {
		sameAsParse(t, Embedded, lang, samplePage(lang), "page", "root")
	}
}

// sameAsParse runs the templates names of fsys on data, parsed by Parse and by ParseFor for
// lang, reports where they differ, and returns ParseFor's templates.
func sameAsParse(t *testing.T, fsys fs.FS, lang checks.Lang, data any, names ...string) *template.Template {
	t.Helper()
	plain, err := Parse(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	folded, err := ParseFor(fsys, nil, lang)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		var want, got strings.Builder
		if err := plain.ExecuteTemplate(&want, name, data); err != nil {
			t.Fatal(err)
		}
		if err := folded.ExecuteTemplate(&got, name, data); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s, %s: ParseFor gives\n%s\nParse gives\n%s", lang, name, got.String(), want.String())
		}
	}
	return folded
}

// benchPage is what the site hands the page template, with a page's usual values.
type benchPage struct {
	Lang                                                      checks.Lang
	SiteTitle, Title, Description, CSP, Root, Home, Canonical string
	Alternates, Nav                                           []benchLink
	Prev, Next                                                *benchLink
	Updated                                                   *struct{ ISO, Text string }
	Script, Checker                                           bool
	Content                                                   template.HTML
}

type benchLink struct {
	Lang            checks.Lang
	Title, Rel, Abs string
	Current         bool
}

// BenchmarkPageTemplate runs the page template as Parse and as ParseFor give it: the cost of
// a page's chrome.
// samplePage returns a page's usual values, as the site hands them to the page template, with
// lang as its language.
func samplePage(lang checks.Lang) benchPage {
	return benchPage{Lang: lang, SiteTitle: "PRONOTE et oZe", Title: "Mode hébergé : « CAS »", Description: "Les étapes",
		CSP: "default-src 'self'", Root: "../../", Home: "../../fr/", Canonical: "https://example.org/fr/heberge/",
		Alternates: []benchLink{{Lang: checks.FR, Rel: "./", Abs: "https://example.org/fr/heberge/"}, {Lang: checks.EN, Rel: "../../en/hosted/", Abs: "https://example.org/en/hosted/"}},
		Nav:        []benchLink{{Title: "Accueil", Rel: "../"}, {Title: "Mode hébergé", Rel: "./", Current: true}, {Title: "Purge", Rel: "../purge/"}},
		Prev:       &benchLink{Title: "Accueil", Rel: "../"}, Next: &benchLink{Title: "Purge", Rel: "../purge/"},
		Updated: &struct{ ISO, Text string }{"2026-11-29", "29 novembre 2026"}, Script: true, Content: "<p>Corps</p>"}
}

func BenchmarkPageTemplate(b *testing.B) {
	d := samplePage(checks.FR)
	for _, tt := range []struct {
		name  string
		parse func() (*template.Template, error)
	}{
		{"Parse", func() (*template.Template, error) { return Parse(Embedded, nil) }},
		{"ParseFor", func() (*template.Template, error) { return ParseFor(Embedded, nil, checks.FR) }},
	} {
		b.Run(tt.name, func(b *testing.B) {
			tm, err := tt.parse()
			if err != nil {
				b.Fatal(err)
			}
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := tm.ExecuteTemplate(&buf, "page", d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
