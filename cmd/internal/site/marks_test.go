package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/hds-oze/pronote-oze/checks"
)

// markPages are the pages whose sources blocks list the facts of each origin: a mark in the
// Markdown links to its fact there.
var markPages = map[checks.Origin]string{
	checks.FromIndexDoc:  "sources.md",
	checks.FromPublished: "sources.md",
	checks.FromPractice:  "advice.md",
}

// contentMarkProblems returns the marks of a page's Markdown body that point nowhere: a mark
// of origin († ‡ *) is a link to its fact on the page that lists that origin
// ([‡](sources.md#cas.single-sign-on)), and the fact has that origin. A mark alone between
// parentheses, "(†)", names the origin in a legend. Code is not read.
func contentMarkProblems(body []byte, facts map[string]*checks.Fact) []string {
	var out []string
	doc := goldmark.New().Parser().Parse(text.NewReader(body))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.CodeSpan, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			label := strings.TrimPrefix(strings.TrimSpace(linkWords(n, body)), `\`)
			origins := checks.MarksIn(label)
			if len(origins) == 0 {
				return ast.WalkContinue, nil
			}
			page, id, _ := strings.Cut(string(n.Destination), "#")
			f := facts[id]
			switch {
			case len(origins) > 1 || label != origins[0].Mark():
				out = append(out, fmt.Sprintf("link %q: a mark's link holds the mark alone", label))
			case f == nil:
				out = append(out, fmt.Sprintf("mark %s links to %q, which is no fact", label, n.Destination))
			case f.Origin != origins[0]:
				out = append(out, fmt.Sprintf("mark %s links to fact %s, of origin %s", label, id, f.Origin))
			case page != markPages[f.Origin]:
				out = append(out, fmt.Sprintf("mark %s links to %s, but fact %s is listed on %s", label, page, id, markPages[f.Origin]))
			}
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock:
			s := unlinkedText(n, body)
			for _, o := range checks.MarksIn(s) {
				legend := strings.Count(s, "("+o.Mark()+")")
				if strings.Count(s, o.Mark()) > legend {
					out = append(out, fmt.Sprintf("mark %s without a link to its fact: %q", o.Mark(), s))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// linkWords returns the words of link n.
func linkWords(n ast.Node, body []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(body))
			continue
		}
		b.WriteString(linkWords(c, body))
	}
	return b.String()
}

// unlinkedText returns the words of block n outside its links and code: where a bare mark would
// point nowhere.
func unlinkedText(n ast.Node, body []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Link, *ast.CodeSpan, *ast.RawHTML:
			b.WriteString(" ")
		case *ast.Text:
			b.Write(c.Segment.Value(body))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteString(" ")
			}
		default:
			b.WriteString(unlinkedText(c, body))
		}
	}
	return b.String()
}

// TestContentMarksPointToFacts: every mark the pages of content/ write links to a fact of its
// origin, on the page that lists it, so that a reader can follow it to the source's words;
// and the checker above fails on the marks that point nowhere.
func TestContentMarksPointToFacts(t *testing.T) {
	facts := map[string]*checks.Fact{}
	for _, f := range checks.Default().Facts() {
		facts[f.ID] = f
	}
	cases := []struct {
		name, md string
		want     string // "" for no problem
	}{
		{"a linked mark", "Client PRONOTE[\\*](advice.md#practice.purge-in-client).", ""},
		{"a legend", "documentation d'Index Education (†), autre source (‡), conseil (*)", ""},
		{"a mark in code", "`x*` and\n\n```\n† y\n```\n", ""},
		{"a bare mark", "Client PRONOTE* (voir les sources).", "mark * without a link"},
		{"a bare dagger", "« HTTP Error 503 »† : base non publiée", "mark † without a link"},
		{"a mark linking to no fact", "texte[†](sources.md#kb.nope)", "which is no fact"},
		{"a mark of another origin", "texte[‡](sources.md#kb.http-503)", "of origin index-education"},
		{"a mark on the wrong page", "texte[†](advice.md#kb.http-503)", "is listed on sources.md"},
	}
	for _, c := range cases {
		got := strings.Join(contentMarkProblems([]byte(c.md), facts), "; ")
		if c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("%s: problems %q, want %q", c.name, got, c.want)
		}
	}

	files, err := filepath.Glob("../../../content/*/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no content pages: %v", err)
	}
	links := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range contentMarkProblems(src, facts) {
			t.Errorf("%s: %s", file, p)
		}
		links += bytes.Count(src, []byte("](sources.md#")) + bytes.Count(src, []byte("](advice.md#"))
	}
	if links == 0 {
		t.Error("no page links a mark to its fact: the test reads nothing")
	}
	// The pages that list the facts are the ones the marks link to.
	for o, page := range markPages {
		for _, lang := range checks.Langs() {
			src, err := os.ReadFile(filepath.Join("../../../content", string(lang), page))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(src, []byte("```sources")) || !bytes.Contains(src, []byte(o.String())) {
				t.Errorf("content/%s/%s lists no facts of origin %s", lang, page, o)
			}
		}
	}
}

// TestEnglishPagesQuoteInEnglish: English pages quote with “ ”, never « ».
func TestEnglishPagesQuoteInEnglish(t *testing.T) {
	files, _ := filepath.Glob("../../../content/en/*.md")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			if strings.ContainsAny(line, "«»") {
				t.Errorf("%s:%d: French quotation marks in English: %q", file, i+1, line)
			}
		}
	}
}
