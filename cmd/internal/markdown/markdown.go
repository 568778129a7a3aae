package markdown

import (
	"github.com/hds-oze/pronote-oze/checks"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// New returns the goldmark instance for pages in lang, highlighting code with h. Raw HTML
// stays off: content is Markdown only, and nothing an author types reaches the page
// unescaped. Of GitHub Flavored Markdown, tables, strikethrough and task lists are on;
// linkify is off, since the site links to no other origin. GitHub's alerts ("> [!NOTE]",
// "> [!WARNING]") become callouts titled in lang.
func New(lang checks.Lang, h *Highlighter, extenders ...goldmark.Extender) goldmark.Markdown {
	opts := []goldmark.Option{
		goldmark.WithExtensions(append([]goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList, h, callouts{lang}, codeSpans{}}, extenders...)...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	}
	opts = append(opts, goldmark.WithRendererOptions(html.WithWriter(typesetWriter{html.DefaultWriter, lang})))
	if lang == checks.FR {
		opts = append(opts, goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(frenchBoundaries{}, 900))))
	}
	return goldmark.New(opts...)
}
