package report

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/internal/terminal"
)

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

// htmlEscaper escapes what html/template escapes in text and in quoted attribute values,
// with the same entities: the report was an html/template, and its bytes stay the same (a
// test renders both). Every byte it replaces is ASCII, so a byte-wise replacer is exact on
// any input, valid UTF-8 or not.
var htmlEscaper = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)

// EscapeHTML returns s escaped for HTML text or a double-quoted attribute value, with its
// control and bidirectional characters shown as the text report shows them (\x1b, \r,
// \u202e: terminal.Visible), so that a school name can neither reorder its cell and row nor
// hide part of itself. It is html/template's escaping of terminal.Visible(s).
func EscapeHTML(s string) string { return htmlEscaper.Replace(terminal.Visible(s)) }

// escapeBreaking returns s escaped by [EscapeHTML], a line break allowed (<wbr>) after each
// "/" but those of "://": an address breaks after a slash, never inside a name, on a phone.
func escapeBreaking(s string) string {
	var b strings.Builder
	from := 0
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '/' && s[i+1] != '/' && !strings.HasSuffix(s[:i+1], "://") {
			b.WriteString(EscapeHTML(s[from:i+1]) + "<wbr>")
			from = i + 1
		}
	}
	return b.String() + EscapeHTML(s[from:])
}

// escapeHref returns u ready for a double-quoted href: a URL with a scheme other than http,
// https or mailto becomes "#ZgotmplZ" (it could run script), bytes a URL may not hold are
// percent-encoded (an existing %XX escape is kept), then the result is escaped for the
// attribute. It is html/template's treatment of a URL attribute of terminal.Visible(u), byte
// for byte: the link goes where its text, escaped by EscapeHTML, says.
func escapeHref(u string) string {
	u = terminal.Visible(u)
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		u = "#ZgotmplZ"
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0,
			c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02x", c)
		}
	}
	return EscapeHTML(b.String())
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// HTML writes the report as one self-contained, printable HTML page: no script, no other
// file. Every string of the report goes through [EscapeHTML] (links through escapeHref);
// only the page's own markup and stylesheet are written as they are.
func HTML(w io.Writer, d *Doc, showPersonal bool) error {
	l := d.Lang
	esc := EscapeHTML
	in := func(t checks.Text) string { return esc(t.In(l)) }
	colon := esc(l.Colon())
	title := esc(fmt.Sprintf(words.Title.In(l), d.Profile.Name))
	var problems, steps, notApplicable, dependsOnMode []Step
	for _, r := range d.Results {
		switch {
		case r.DependsOnMode:
			dependsOnMode = append(dependsOnMode, r)
			continue
		case r.Status == string(checks.Fail), r.Status == string(checks.Error), r.Status == string(checks.Warn):
			problems = append(problems, r)
		case r.Status == string(checks.NotApplicable):
			notApplicable = append(notApplicable, r)
			continue
		}
		steps = append(steps, r)
	}
	schoolName, schoolUAI := d.Identity.Shown(l)
	if schoolName == "" {
		schoolName = d.School
	}

	b := bufio.NewWriter(w)
	b.WriteString(`<!doctype html>
<html lang="` + esc(l.String()) + `">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src '` + esc(styleHash) + `'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>` + title)
	if d.School != "" {
		b.WriteString(" — " + esc(d.School))
	}
	b.WriteString("</title>\n<style>" + css + "</style>\n</head>\n<body>\n<header>\n<h1>" + title + "</h1>\n<dl class=\"meta\">\n")
	if schoolName != "" {
		b.WriteString("<dt>" + in(words.School) + "</dt><dd>" + esc(schoolName) + "</dd>\n")
	}
	if schoolUAI != "" {
		b.WriteString("<dt>" + in(words.UAI) + "</dt><dd>" + esc(schoolUAI) + "</dd>\n")
	}
	b.WriteString("<dt>" + in(words.Mode) + "</dt><dd>" + escapeBreaking(d.ModeDecision.Says))
	if d.Purge {
		b.WriteString(" · " + in(words.PurgeChecked))
	}
	for _, a := range d.ModeDecision.Against {
		b.WriteString("<br>" + escapeBreaking(a))
	}
	b.WriteString("</dd>\n<dt>" + in(words.Profile) + "</dt><dd>" + esc(d.Profile.Name) + " — <code>" + escapeBreaking(d.Profile.CASURL) + "</code></dd>\n" +
		"<dt>" + in(words.Generated) + `</dt><dd><time datetime="` + esc(d.Generated.Format("2006-01-02T15:04:05Z07:00")) + `">` +
		esc(l.DateTime(d.Generated)) + "</time></dd>\n" +
		"<dt>" + in(words.Checker) + "</dt><dd>" + esc(d.Checker.Name) + " " + esc(d.Checker.Version) + "</dd>\n")
	if d.SendTo != "" {
		b.WriteString("<dt>" + in(words.SendTo) + "</dt><dd>" + esc(d.SendTo) + "</dd>\n")
	}
	b.WriteString("</dl>\n")
	switch {
	case d.Failed:
		b.WriteString(`<p class="verdict bad">` + in(words.VerdictFail) + "</p>\n")
	case d.Undecided():
		b.WriteString(`<p class="verdict st-warn">` + esc(saidVerdictUndecided.In(checks.InReport, l)) + "</p>\n")
	default:
		b.WriteString(`<p class="verdict good">` + in(words.VerdictOK) + "</p>\n")
	}
	if d.Identity != nil && len(d.Identity.Disagree) > 0 {
		b.WriteString(`<p class="verdict st-warn">` + in(words.IdentityWarn) + "</p>\n")
	}
	b.WriteString(`<p class="summary">`)
	for _, s := range checks.Statuses() {
		if n := d.Summary[string(s)]; n > 0 {
			b.WriteString(`<span class="st-` + esc(string(s)) + `">` + strconv.Itoa(n) + " " + esc(s.CountLabel(n).In(l)) + "</span> ")
		}
	}
	b.WriteString("</p>\n</header>\n<main>\n<h2>" + in(words.Inputs) + "</h2>\n")
	if len(d.Inputs) > 0 {
		b.WriteString("<table class=\"inputs\"><tbody>\n")
		for _, f := range d.Inputs {
			b.WriteString(`<tr><th scope="row">` + esc(f.File) + "</th><td>" + esc(f.Detail) + `<br><span class="hash">` +
				in(words.SHA256) + " " + esc(f.SHA256) + "</span></td></tr>\n")
		}
		b.WriteString("</tbody></table>")
	} else {
		b.WriteString("<p>" + in(words.NoInputs) + "</p>")
	}
	b.WriteString("\n")
	writeResults := func(rs []Step) {
		b.WriteString("<ol class=\"results\">")
		for _, r := range rs {
			writeResult(b, r, l, in, colon)
		}
		b.WriteString("</ol>\n")
	}
	if len(problems) > 0 {
		b.WriteString("<h2>" + in(words.ToFix) + "</h2>\n")
		writeResults(problems)
	}
	b.WriteString("<h2>" + in(words.Results) + "</h2>\n")
	writeResults(steps)
	if len(dependsOnMode) > 0 {
		b.WriteString("<h2>" + in(words.DependsOnMode) + "</h2>\n<p class=\"small\">" + escapeBreaking(d.ModeDecision.Says) + "</p>\n<ul class=\"na\">")
		for _, r := range dependsOnMode {
			b.WriteString("<li><code>" + esc(r.ID) + "</code> " + esc(r.Title) + "</li>")
		}
		b.WriteString("</ul>\n")
	}
	if len(notApplicable) > 0 {
		b.WriteString("<h2>" + in(words.NotApplicable) + "</h2>\n<p class=\"small\">" + in(checks.NotApplicable.Meaning()) + "</p>\n<ul class=\"na\">")
		for _, r := range notApplicable {
			b.WriteString("<li><code>" + esc(r.ID) + "</code> " + esc(r.Title) + "</li>")
		}
		b.WriteString("</ul>\n")
	}
	for _, n := range d.Notes {
		b.WriteString(`<p class="note">` + esc(n) + "</p>\n")
	}
	b.WriteString("<h2>" + in(words.Legend) + "</h2>\n<dl class=\"legend\">\n")
	for _, s := range checks.Statuses() {
		b.WriteString(`<dt class="st-` + esc(string(s)) + `"><span class="badge">` + in(s.Label()) + "</span></dt><dd>" + in(s.Meaning()) + "</dd>\n")
	}
	b.WriteString("</dl>\n<h2>" + in(words.Marks) + "</h2>\n<p class=\"small\">")
	for _, t := range checks.Legend() {
		b.WriteString(in(t) + " ")
	}
	privacy := saidMasked
	if showPersonal {
		privacy = saidShown
	}
	b.WriteString("</p>\n<p class=\"note\">" + esc(privacy.In(checks.InReport, l)) + "</p>\n</main>\n</body>\n</html>\n\n") // the template's trailing blank line, kept: same bytes as before
	return b.Flush()
}

// writeResult writes one step of the report as a list item.
func writeResult(b *bufio.Writer, r Step, lang checks.Lang, in func(checks.Text) string, colon string) {
	esc := EscapeHTML
	b.WriteString(`<li class="st-` + esc(r.Status) + `" id="` + esc(r.ID) + `">` + "\n" +
		`<p class="head"><span class="badge">` + esc(r.StatusLabel) + `</span> <code class="id">` + esc(r.ID) + "</code> <strong>" + esc(r.Title) + "</strong>")
	if m := r.Mark(); m != "" {
		b.WriteString(` <span class="mark">` + esc(m) + "</span>")
	}
	b.WriteString("</p>\n<p>" + escapeBreaking(r.Message) + "</p>\n")
	if but := r.TickedBut(lang); but != "" {
		b.WriteString(`<p class="small">` + esc(but) + "</p>\n")
	}
	if r.Evidence != "" {
		b.WriteString(`<p class="small">` + in(words.Evidence) + colon + esc(r.Evidence) + "</p>\n")
	}
	if r.Comment != "" {
		b.WriteString(`<p class="small">` + in(words.Comment) + colon + esc(r.Comment) + "</p>\n")
	}
	if r.URL != "" {
		b.WriteString(`<p class="small">` + in(words.Step) + colon + `<a href="` + escapeHref(r.URL) + `">` + escapeBreaking(r.URL) + "</a></p>\n")
	}
	if r.Help != "" {
		b.WriteString(`<p class="small">` + in(words.Help) + colon + `<a href="` + escapeHref(r.Help) + `">` + escapeBreaking(r.Help) + "</a></p>\n")
	}
	b.WriteString("\n</li>\n")
}
