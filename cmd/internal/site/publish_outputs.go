package site

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/report"
	"github.com/hds-oze/pronote-oze/cmd/internal/pdf"
	"github.com/hds-oze/pronote-oze/theme"
)

// The site's two stylesheets, each a page's one stylesheet: stylesheetPath for the pages
// without a checklist, checklistStylesheetPath for those with one. The theme's files they are
// made of (see stylesheet) are not published themselves.
const (
	stylesheetPath          = "assets/style.css"
	checklistStylesheetPath = "assets/checklist.css"
)

// stylesheetOf returns the site path of page p's stylesheet.
func stylesheetOf(p *Page) string {
	if p != nil && len(p.Checklists) > 0 {
		return checklistStylesheetPath
	}
	return stylesheetPath
}

// stylesheet returns the stylesheet of the pages without a checklist: the theme's style.css,
// the highlighting classes the pages use, then the print rules (print.css) in @media print.
func (s *siteModel) stylesheet() ([]byte, error) { return s.stylesheetWith(false) }

// checklistStylesheet returns the stylesheet of the pages with a checklist: stylesheet's, with
// the checklist's rules (checklist.css) and, in print, its paper (paper.css) followed by the
// words it prints that the page does not hold, in each language: a step's line for a comment,
// the lines for who did the steps and when (the PDF's, from the same tables).
func (s *siteModel) checklistStylesheet() ([]byte, error) { return s.stylesheetWith(true) }

// stylesheetWith makes a stylesheet, with the checklist's rules if checklist.
//
// The print rules are in the page's one stylesheet rather than in a file linked with
// media="print": browsers fetch such a file with every page all the same (at low priority),
// so it weighs on every first view; inside the stylesheet, compressed with the rules it shares
// selectors with, it weighs some 0.4 KB less. The checklist's rules, screen and paper, are
// only in the checklist pages' stylesheet: the other pages, some of them long, would carry
// 5 KB of them for nothing.
func (s *siteModel) stylesheetWith(checklist bool) ([]byte, error) {
	read := func(names ...string) ([]byte, error) {
		var b []byte
		for _, name := range names {
			data, err := fs.ReadFile(theme.Assets(s.theme), name)
			if err != nil {
				return nil, err
			}
			b = append(b, data...)
		}
		return b, nil
	}
	screen, print := []string{"style.css"}, []string{"print.css"}
	if checklist {
		screen, print = append(screen, "checklist.css"), append(print, "paper.css")
	}
	css, err := read(screen...)
	if err != nil {
		return nil, err
	}
	paper, err := read(print...)
	if err != nil {
		return nil, err
	}
	buf := bytes.NewBuffer(css)
	if err := s.hl.Stylesheet(buf); err != nil {
		return nil, fmt.Errorf("highlight stylesheet: %w", err)
	}
	buf.WriteString("@media print{\n")
	buf.Write(paper)
	if checklist {
		w := pdf.Words()
		blank := pdf.Blank
		for _, l := range checks.Langs() {
			label := func(t checks.Text) string { return t.In(l) + l.Colon() }
			fmt.Fprintf(buf, ":lang(%s) .cl-item::after{content:%s}\n", l, cssString(label(w.Comment)+blank+blank))
			fmt.Fprintf(buf, ":lang(%s) .cl-school::after{content:%s}\n", l, cssString(label(w.DoneBy)+blank+"   "+label(w.Date)+blank))
		}
	}
	buf.WriteString("}\n")
	out, err := minifier.Bytes("text/css", buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("stylesheet: %w", err)
	}
	return out, nil
}

// cssString returns s as a CSS string, quoted, its quotes, backslashes and line ends escaped.
func cssString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\A `).Replace(s) + `"`
}

// writeSitemap writes sitemap.xml to w: every page with its last-updated date and its
// translations as hreflang alternates, the default language's home page marked x-default. It
// is encoded one URL at a time: a large site's sitemap is never whole in memory.
func (s *siteModel) writeSitemap(w io.Writer) error {
	type alt struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
		Alts    []alt  `xml:"xhtml:link"`
	}
	pages := append([]*Page(nil), s.Pages...)
	sort.Slice(pages, func(i, j int) bool { return pages[i].URL < pages[j].URL })
	def := checks.Lang(s.Config.DefaultLang)
	bw := bufio.NewWriterSize(w, fileBuffer)
	bw.WriteString(xml.Header)
	enc := xml.NewEncoder(bw)
	enc.Indent("", " ")
	set := xml.StartElement{Name: xml.Name{Local: "urlset"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "xmlns"}, Value: "http://www.sitemaps.org/schemas/sitemap/0.9"},
		{Name: xml.Name{Local: "xmlns:xhtml"}, Value: "http://www.w3.org/1999/xhtml"},
	}}
	err := enc.EncodeToken(set)
	for _, p := range pages {
		if err != nil {
			break
		}
		u := url{Loc: s.Config.BaseURL + p.URL}
		if !p.FM.Updated.IsZero() {
			u.LastMod = p.FM.Updated.Format("2006-01-02")
		}
		for _, l := range checks.Langs() {
			if t := p.Translations[l]; t != nil {
				u.Alts = append(u.Alts, alt{"alternate", string(l), s.Config.BaseURL + t.URL})
			}
		}
		if t := p.Translations[def]; t != nil && t.isIndex() {
			u.Alts = append(u.Alts, alt{"alternate", "x-default", s.Config.BaseURL})
		}
		err = enc.EncodeElement(u, xml.StartElement{Name: xml.Name{Local: "url"}})
	}
	if err == nil {
		err = enc.EncodeToken(set.End())
	}
	if err == nil {
		err = enc.Flush()
	}
	bw.WriteByte('\n')
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("sitemap: %w", err)
	}
	return nil
}

// robots returns robots.txt: every page may be indexed; the sitemap is named.
func (s *siteModel) robots() []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.Config.BaseURL + "sitemap.xml\n")
}

// minifier shrinks the theme's stylesheet and scripts as they are published: their comments
// and indentation stay in the sources, not in what every reader downloads.
var minifier = func() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	return m
}()

// asset returns theme asset name as published: minified if it is a stylesheet or a script.
func (s *siteModel) asset(name string) ([]byte, error) {
	data, err := fs.ReadFile(theme.Assets(s.theme), name)
	if err != nil {
		return nil, err
	}
	mediatype := map[string]string{".css": "text/css", ".js": "text/javascript"}[path.Ext(name)]
	if mediatype == "" {
		return data, nil
	}
	out, err := minifier.Bytes(mediatype, data)
	if err != nil {
		return nil, fmt.Errorf("theme asset %s: %w", name, err)
	}
	return out, nil
}

// siteOutputs returns every file of the site besides its pages, made once the pages are: the
// stylesheet holds the highlighting classes the pages used.
func (s *siteModel) siteOutputs() ([]output, error) {
	var outs []output
	for _, add := range []func() ([]output, error){
		s.assetOutputs,
		s.rootOutputs,
		s.findOutputs,
		s.schemaOutputs,
		s.downloadOutputs,
		s.checkerOutputs,
		s.stepsOutputs,
		s.pdfOutputs,
	} {
		o, err := add()
		if err != nil {
			return nil, err
		}
		outs = append(outs, o...)
	}
	return outs, nil
}

// assetOutputs returns the theme's assets and the two stylesheets (see stylesheetWith), in
// place of the theme's CSS files they are made of.
func (s *siteModel) assetOutputs() ([]output, error) {
	outs, err := fsOutputs(theme.Assets(s.theme), ".", "assets/")
	if err != nil {
		return nil, fmt.Errorf("theme assets: %w", err)
	}
	outs = slices.DeleteFunc(outs, func(o output) bool { return o.path == "assets/print.css" || o.path == "assets/paper.css" })
	for i, o := range outs {
		switch {
		case o.path == stylesheetPath:
			outs[i].data = s.stylesheet
		case o.path == checklistStylesheetPath:
			outs[i].data = s.checklistStylesheet
		case strings.HasSuffix(o.path, ".js"), strings.HasSuffix(o.path, ".css"):
			outs[i].data = func() ([]byte, error) { return s.asset(strings.TrimPrefix(o.path, "assets/")) }
		}
	}
	return outs, nil
}

// rootOutputs returns the site root and the 404 page. The root serves the default language's
// home page itself (its canonical link is the page's own URL): no redirect, no script, no
// click, on any static host. A site without that page gets a language chooser.
func (s *siteModel) rootOutputs() ([]output, error) {
	root := output{path: "index.html", data: func() ([]byte, error) { return s.renderRoot("root") }}
	if home := s.byURL[s.Config.DefaultLang+"/"]; home != nil {
		root = output{path: "index.html", page: home, data: func() ([]byte, error) {
			var buf bytes.Buffer
			err := s.renderAtRoot(home, &buf)
			return buf.Bytes(), err
		}}
	}
	return []output{root, {path: "404.html", data: func() ([]byte, error) { return s.renderRoot("404") }}}, nil
}

// findOutputs returns what browsers and search engines ask for (favicon.ico, sitemap.xml,
// robots.txt) and the search index of each language, search/<lang>.json, loaded by the
// search box on first use. They are made after the pages, whose rendering lists what search
// finds.
func (s *siteModel) findOutputs() ([]output, error) {
	outs := []output{
		{path: "favicon.ico", data: favicon},
		{path: "sitemap.xml", stream: s.writeSitemap},
		{path: "robots.txt", data: func() ([]byte, error) { return s.robots(), nil }},
	}
	for _, l := range checks.Langs() {
		outs = append(outs, output{path: searchIndexPath(l), stream: func(w io.Writer) error { return s.writeSearchIndex(l, w) }})
	}
	return outs, nil
}

// schemaOutputs returns the JSON Schemas of the report and of the answers file.
func (s *siteModel) schemaOutputs() ([]output, error) {
	outs, err := fsOutputs(report.Schemas, "schema", "")
	if err != nil {
		return nil, fmt.Errorf("schemas: %w", err)
	}
	return outs, nil
}

// downloadOutputs returns the checker's builds and their SHA256SUMS, when there are any.
func (s *siteModel) downloadOutputs() ([]output, error) {
	if len(s.downloads) == 0 {
		return nil, nil
	}
	var outs []output
	var sums bytes.Buffer
	for _, d := range s.downloads {
		outs = append(outs, output{path: "downloads/" + d.Name, data: func() ([]byte, error) { return d.Data, nil }})
		fmt.Fprintf(&sums, "%s  %s\n", d.SHA256, d.Name)
	}
	return append(outs, output{path: "downloads/SHA256SUMS", data: func() ([]byte, error) { return sums.Bytes(), nil }}), nil
}

// checkerOutputs returns the browser checker, fetched by the check page's worker on first
// use, when it is built.
func (s *siteModel) checkerOutputs() ([]output, error) {
	c := s.checker
	if c == nil {
		return nil, nil
	}
	return []output{
		{path: "assets/ozecheck.wasm.gz", data: func() ([]byte, error) { return c.Compressed(), nil }},
		{path: "assets/wasm_exec.js", data: func() ([]byte, error) { return c.WasmExec, nil }},
	}, nil
}

// stepsOutputs returns what the checklists' script for the steps' states (steps.js,
// loaded on use) reads (assets/steps.json): the state table, the value rules, the counter's
// phrases and plural rule (checks.PageData) and the words of its lines in every language,
// with those of the other scripts loaded on use (onUseWords). The pages' first view carries
// none of it.
func (s *siteModel) stepsOutputs() ([]output, error) {
	doc := struct {
		*checks.PageData
		Words map[checks.Lang]map[string]string `json:"words"`
	}{checks.NewPageData(s.Catalog), map[checks.Lang]map[string]string{}}
	keys := map[string]string{
		"tickedBut": "jsTickedBut", "byValue": "jsByValue", "byChecker": "jsByChecker",
		"byCheckerTick": "jsByCheckerTick", "stale": "jsStale", "line": "jsLine", "dateLocale": "jsDateLocale", "help": "troubleshooting",
	}
	// The words the other scripts show on use.
	for name, key := range onUseWords {
		keys[name] = key
	}
	for _, l := range checks.Langs() {
		doc.Words[l] = map[string]string{}
		for name, key := range keys {
			w, err := theme.T(l, key)
			if err != nil {
				return nil, err
			}
			doc.Words[l][name] = w
		}
	}
	data, err := json.Marshal(doc)
	return []output{{path: "assets/steps.json", data: func() ([]byte, error) { return data, err }}}, nil
}

// onUseWords are the theme's words that the scripts show on use, other than steps.js's, read
// from steps.json, by the name the scripts give them (as a data-t-* attribute's): the
// browser checker's (check-run.js), the answers' (answers.js), the address helper's (check.js,
// once something is typed). The page's first view does not carry them.
var onUseWords = map[string]string{
	"tLocale": "jsDateLocale", "tReading": "wcReading", "tAnswers": "wcAnswers", "tAnswersNoDate": "wcAnswersNoDate",
	"tNoAnswers": "wcNoAnswers", "tAnswersFile": "wcAnswersFile", "tHtml": "wcHTML", "tJson": "wcJSON",
	"tClear": "wcClear", "tImported": "wcImported", "tEvidence": "wcEvidence", "tFail": "wcVerdictFail",
	"tOk": "wcVerdictOK", "tUndecided": "wcUndecided", "tAsk": "wcAsk", "tAskHosted": "wcAskHosted",
	"tAskOnprem": "wcAskOnPrem", "tConfirm": "jsConfirm", "tDownloaded": "jsDownloaded",
	"tHttps": "wcAddrHTTPS", "tHost": "wcAddrHost", "tRoot": "wcAddrRoot", "tVendor": "wcAddrVendor",
	"tOpen": "wcAddrOpen",
}

// pdfOutputs returns the printable checklist of each procedure, in each language where a
// page shows it.
func (s *siteModel) pdfOutputs() ([]output, error) {
	var outs []output
	for _, cl := range s.Catalog.Checklists {
		for _, l := range checks.Langs() {
			page := s.ChecklistPage(cl.ID, l)
			if page == nil {
				continue
			}
			outs = append(outs, output{path: PDFPath(cl, l), data: func() ([]byte, error) {
				text, err := s.paperText(page)
				if err != nil {
					return nil, err
				}
				abs := func(q *Page, anchor string) string {
					if q == nil {
						return ""
					}
					return s.Config.BaseURL + q.URL + anchor
				}
				c := pdf.Checklist{
					Checklist: cl, Lang: l,
					SiteTitle: s.Config.Languages[string(l)].Title,
					Title:     page.FM.Title,
					Before:    text.before, After: text.after,
					PageURL:    s.Config.BaseURL + page.URL,
					StepURL:    func(id string) string { return cl.StepURL(s.Config.BaseURL, l, id) },
					SourcesURL: abs(s.sourcesPage(l), ""),
					SeeTitle: func(id string) string {
						if see, ok := s.Catalog.Checklist(id); ok {
							return see.Title.In(l)
						}
						return id
					},
					Date: s.date,
				}
				if d := newDate(page.FM.Updated, l); d != nil {
					c.Updated = d.Text
				}
				if len(cl.Troubles) > 0 {
					c.HelpURL = abs(s.helpPage(l), "#"+cl.ID+"."+checks.TroubleshootingAnchor)
				}
				var buf bytes.Buffer
				err = pdf.Write(&buf, c)
				return buf.Bytes(), err
			}})
		}
	}
	return outs, nil
}

// fsOutputs returns the files under root in fsys, each at prefix followed by its path below
// root's parent ("schema/x.json" stays "schema/x.json"; "." makes "style.css").
func fsOutputs(fsys fs.FS, root, prefix string) ([]output, error) {
	var outs []output
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		outs = append(outs, output{path: prefix + p, data: func() ([]byte, error) { return fs.ReadFile(fsys, p) }})
		return nil
	})
	return outs, err
}

// renderRoot renders the site root (a language chooser) or the 404 page, in both languages.
func (s *siteModel) renderRoot(kind string) ([]byte, error) {
	def := checks.Lang(s.Config.DefaultLang)
	root := "/"
	if u, err := url.Parse(s.Config.BaseURL); err == nil && u.Path != "" {
		root = u.Path
	}
	var body bytes.Buffer
	var titles []string
	for _, l := range orderedLangs(def) {
		lc := s.Config.Languages[string(l)]
		key, text := "chooseLang", ""
		if kind == "404" {
			key = "notFound"
			t, _ := theme.T(l, "notFoundText")
			text = "<p>" + template.HTMLEscapeString(t) + "</p>"
		}
		t, err := theme.T(l, key)
		if err != nil {
			return nil, err
		}
		titles = append(titles, t)
		home, _ := theme.T(l, "home")
		fmt.Fprintf(&body, "<section lang=\"%s\">%s<p><a href=\"%s%s/\" hreflang=\"%s\">%s — %s</a></p></section>\n",
			l, text, root, l, l, template.HTMLEscapeString(l.Typeset(lc.Title)), template.HTMLEscapeString(home))
	}
	var out bytes.Buffer
	err := s.tmpl[def].ExecuteTemplate(&out, "root", pageData{
		Lang:    def,
		Title:   strings.Join(titles, " · "),
		CSP:     CSP,
		Root:    root,
		Content: template.HTML(body.String()),
	})
	return out.Bytes(), err
}

func orderedLangs(first checks.Lang) []checks.Lang {
	ls := []checks.Lang{first}
	for _, l := range checks.Langs() {
		if l != first {
			ls = append(ls, l)
		}
	}
	return ls
}
