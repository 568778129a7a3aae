package site

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
)

// Page is one Markdown page of one language.
type Page struct {
	Lang checks.Lang
	// Rel is the page's path inside its language folder, slash-separated ("hosted.md").
	Rel string
	// File is the path users see in messages ("content/fr/hosted.md").
	File string
	FM   FrontMatter
	// URL is the page's path on the site, relative to the root ("fr/mode-heberge/").
	URL string
	// Translations are the same page in the other languages, by language.
	Translations map[checks.Lang]*Page
	// Checklists are the checklists the page shows, in order.
	Checklists []*checks.Checklist
	// Checker is set when the page runs the browser checker or its address helper (a
	// ```checker``` or ```infoaddress``` block): it loads check.js and may run WebAssembly.
	Checker bool
	// downloads is set when the page lists the checker's downloads (a ```downloads``` block).
	downloads bool

	// src is the page's path in the source filesystem.
	src string

	// What the build learnt of the page from its source, when it scanned it (see collect) or
	// took it from the previous build's state (see siteModel.reuse).
	scanned bool // anchors, links and checklists are known
	anchors anchorSet
	links   []pageLink
	// sum is the SHA-256 of the source file, and classes the highlighting classes the page
	// uses, set when it renders: what an incremental build keeps (see buildState).
	sum     [32]byte
	classes []string
	out     []*Page // the pages its links lead to, set by checkLinks
	// notes are what the page's rendering did otherwise than it asks (a code block shown
	// unhighlighted), set when it renders: see Site.Notes.
	notes []markdown.Note
}

// pageLink is a link of a page's Markdown, as written.
type pageLink struct {
	dest, title string
	line        int
}

// slug returns the last segment of the page's URL.
func (p *Page) slug() string {
	switch {
	case p.FM.Slug != "":
		return p.FM.Slug
	case len(p.Checklists) == 1:
		return p.Checklists[0].Slug.In(p.Lang)
	}
	return strings.TrimSuffix(path.Base(p.Rel), ".md")
}

// isIndex reports whether the page is its folder's index.
func (p *Page) isIndex() bool { return path.Base(p.Rel) == "index.md" }

// computeURL sets p.URL from its folder and slug.
func (p *Page) computeURL() {
	dir := path.Dir(p.Rel)
	u := string(p.Lang) + "/"
	if dir != "." {
		u += dir + "/"
	}
	if !p.isIndex() {
		u += p.slug() + "/"
	}
	p.URL = u
}

// relURL returns the relative URL from the page at site path from (a folder, "fr/x/") to the
// site path to ("en/y/", "assets/style.css", "" for the root).
func relURL(from, to string) string {
	f := strings.Split(strings.TrimSuffix(from, "/"), "/")
	if from == "" {
		f = nil
	}
	t := strings.Split(to, "/")
	i := 0
	for i < len(f) && i < len(t)-1 && f[i] == t[i] {
		i++
	}
	r := strings.Repeat("../", len(f)-i) + strings.Join(t[i:], "/")
	if r == "" {
		return "./"
	}
	return r
}

// anchorSet is the anchors of a page, sorted: a slice costs a site of many pages much less
// memory than a map per page.
type anchorSet []string

func newAnchorSet(m map[string]bool) anchorSet {
	return anchorSet(slices.Sorted(maps.Keys(m)))
}

func (a anchorSet) has(name string) bool {
	_, ok := slices.BinarySearch(a, name)
	return ok
}
