package site

import (
	"bytes"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
)

// FrontMatter is the TOML block between "+++" lines at the top of a page.
type FrontMatter struct {
	// Title is the page's title (required).
	Title string `toml:"title"`
	// Description is the page's summary for search engines and link previews.
	Description string `toml:"description"`
	// Slug is the last part of the page's URL in its language. A page that holds a checklist
	// takes the checklist's slug (checks.Checklist.Slug); it may repeat it, not change it.
	Slug string `toml:"slug"`
	// Weight orders the navigation; lower first, the home page always first.
	Weight int `toml:"weight"`
	// Updated is the date the page's content last changed (updated = 2026-11-29), shown
	// under its title and in sitemap.xml. It comes from the source, not the build's clock,
	// so that the same sources build the same site.
	Updated time.Time `toml:"updated"`
}

const fmDelim = "+++"

// urlSegment reports whether s can be one segment of a page's URL, and so a folder name of
// the site: letters, digits, hyphens and underscores. Slugs and the names of the files and
// folders under content/ (which make the URL of a page without a slug) follow this rule.
func urlSegment(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

// splitFrontMatter parses the front matter of a page. It returns the body and the line number
// of the body's first line.
func splitFrontMatter(file string, data []byte) (FrontMatter, []byte, int, errorList) {
	var fm FrontMatter
	block, rest, line, errs := cutFrontMatter(file, data)
	if errs != nil {
		return fm, rest, line, errs
	}
	md, err := toml.NewDecoder(bytes.NewReader(block)).Decode(&fm)
	if err != nil {
		l := 1
		if pe, ok := err.(toml.ParseError); ok {
			l = pe.Position.Line + 1
		}
		errs.add(file, l, "invalid front matter: %v", tomlMessage(err))
		return fm, rest, line, errs
	}
	for _, k := range md.Undecoded() {
		errs.add(file, keyLine(block, k)+1, "unknown front matter key %q (known: title, description, slug, weight, updated)", k.String())
	}
	if strings.TrimSpace(fm.Title) == "" {
		errs.add(file, 1, "front matter has no title")
	}
	if fm.Slug != "" && !urlSegment(fm.Slug) {
		errs.add(file, keyLine(block, toml.Key{"slug"})+1, "slug %q must be one URL segment (letters, digits, hyphens, underscores)", fm.Slug)
	}
	return fm, rest, line, errs
}

// cutFrontMatter cuts a page into its front matter's TOML block and its body, and returns the
// line number of the body's first line; errs says why it cannot, with the body (data, or nil
// when the front matter is not closed).
func cutFrontMatter(file string, data []byte) (block, body []byte, line int, errs errorList) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	switch strings.TrimSpace(string(first)) {
	case fmDelim:
	case "---":
		errs.add(file, 1, "front matter must be TOML between %q lines, not YAML between \"---\"", fmDelim)
		return nil, data, 1, errs
	default:
		errs.add(file, 1, "missing front matter: the page must start with a %q line, then title = \"…\"", fmDelim)
		return nil, data, 1, errs
	}
	start := rest // the block is the lines up to the closing one, each with its newline
	line = 2
	for {
		l, r, found := bytes.Cut(rest, []byte("\n"))
		if strings.TrimSpace(string(l)) == fmDelim {
			block = start[:len(start)-len(rest)]
			line++
			return block, r, line, nil
		}
		if !found {
			errs.add(file, 1, "front matter is not closed: no %q line after the first", fmDelim)
			return nil, nil, line, errs
		}
		rest = r
		line++
	}
}
