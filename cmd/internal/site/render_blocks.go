package site

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"

	"github.com/yuin/goldmark/util"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
)

// checklistData is what the "checklist" template sees.
type checklistData struct {
	s         *siteModel
	page      *Page
	Checklist *checks.Checklist
	Lang      checks.Lang
	Profile   string
	// School labels the school's name field, asked on every checklist (the UAI beside it).
	School checks.Text
	// Summary says whether the checklist opens with the list of its steps: a long one does.
	Summary bool
}

// Progress returns the counter of the checklist before anything is ticked, typed or
// verified (checks.CountSteps); the checklist's script writes it from the same phrases once
// there is something to count.
func (d checklistData) Progress() string {
	return checks.CountSteps(len(d.Checklist.Items()), nil).In(d.Lang)
}

// summaryFrom is the number of steps from which a checklist opens with their list.
const summaryFrom = 6

// Legend returns the lines of the legend of the provenance marks.
func (d checklistData) Legend() []string {
	var out []string
	for _, t := range checks.Legend() {
		out = append(out, t.In(d.Lang))
	}
	return out
}

// provMark is the mark of a step that is not the procedure's, with its meaning.
type provMark struct{ Sign, Label string }

// Mark returns the mark of item it's origin in this checklist, or nil for the procedure.
func (d checklistData) Mark(it *checks.Item) *provMark {
	o := it.OriginIn(d.Checklist.Modes)
	if o.Mark() == "" {
		return nil
	}
	return &provMark{o.Mark(), o.Label().In(d.Lang)}
}

// HelpURL returns the relative URL of the checklist's "If it does not work" section, or "".
func (d checklistData) HelpURL() string {
	if p := d.s.helpPage(d.Lang); p != nil && len(d.Checklist.Troubles) > 0 {
		return relURL(d.page.URL, p.URL) + "#" + d.Checklist.ID + "." + checks.TroubleshootingAnchor
	}
	return ""
}

// SourcesURL returns the relative URL of the page of sources in the same language (the page
// with a sources block), or "" when the site has none.
func (d checklistData) SourcesURL() string {
	if p := d.s.sourcesPage(d.Lang); p != nil {
		return relURL(d.page.URL, p.URL)
	}
	return ""
}

// SeeURL returns the relative URL of checklist id's page in the same language.
func (d checklistData) SeeURL(id string) string {
	if p := d.s.ChecklistPage(id, d.Lang); p != nil {
		return relURL(d.page.URL, p.URL) + "#checklist-" + id
	}
	return "#"
}

// PDFURL returns the relative URL of the checklist's PDF in the page's language.
func (d checklistData) PDFURL() string {
	return relURL(d.page.URL, PDFPath(d.Checklist, d.Lang))
}

// PDFPath is the site path of a checklist's PDF: pdf/<lang>/<slug>.pdf.
func PDFPath(cl *checks.Checklist, lang checks.Lang) string {
	return "pdf/" + string(lang) + "/" + cl.Slug.In(lang) + ".pdf"
}

// SeeTitle returns the title of checklist id.
func (d checklistData) SeeTitle(id string) string {
	if cl, ok := d.s.Catalog.Checklist(id); ok {
		return cl.Title.In(d.Lang)
	}
	return id
}

func (s *siteModel) renderChecklist(w util.BufWriter, n *markdown.Block) error {
	p, _ := n.Page.(*Page)
	if p == nil {
		return fmt.Errorf("checklist rendered outside a page")
	}
	cl := n.Value.(*checks.Checklist)
	return s.tmpl[n.Lang].ExecuteTemplate(w, "checklist", checklistData{s: s, page: p, Checklist: cl, Lang: n.Lang, Profile: s.Catalog.Profile.ID,
		School: checks.LabelSchool(), Summary: len(cl.Items()) >= summaryFrom})
}

func noArgs(name string) func(args []string) (any, error) {
	return func(args []string) (any, error) {
		if len(args) > 0 {
			return nil, fmt.Errorf("%s block takes no argument, got %q", name, strings.Join(args, " "))
		}
		return nil, nil
	}
}

// renderSupport writes who to send the checker's report to: the [support] setting of
// site.toml, or where to find one (checks.FallbackContact) when it is empty (the site never
// invents one).
func (s *siteModel) renderSupport(w util.BufWriter, n *markdown.Block) error {
	c := s.Config.Support
	return s.tmpl[n.Lang].ExecuteTemplate(w, "support", map[string]any{
		"Contact":  c,
		"Name":     n.Lang.Typeset(c.Name),
		"Address":  n.Lang.Typeset(c.Address),
		"Fallback": strings.ToUpper(checks.FallbackContact().In(n.Lang)[:1]) + checks.FallbackContact().In(n.Lang)[1:] + ".",
	})
}

// helpBlock is the value of a ```help <checklist>``` block: the checklist whose "If it does
// not work" and rollback sections it shows.
type helpBlock struct{ Checklist *checks.Checklist }

func (s *siteModel) resolveHelp(args []string) (any, error) {
	if len(args) != 1 {
		return nil, fmt.Errorf("help block needs exactly one checklist ID (```help <id>```), got %q", strings.Join(args, " "))
	}
	cl, ok := s.Catalog.Checklist(args[0])
	if !ok {
		return nil, fmt.Errorf("unknown checklist %q", args[0])
	}
	return helpBlock{cl}, nil
}

// helpPage returns the page of lang that shows the checklists' help sections: the one at
// checks.HelpSlug, where the checker links. It is found by URL, known before any page is
// rendered.
func (s *siteModel) helpPage(lang checks.Lang) *Page {
	return s.byURL[string(lang)+"/"+checks.HelpSlug().In(lang)+"/"]
}

// helpData is what the "help" template sees.
type helpData struct {
	Lang      checks.Lang
	Checklist *checks.Checklist
	PageURL   string
}

// StepURL returns the relative URL of step id on its checklist's page.
func (d helpData) StepURL(id string) string { return d.PageURL + "#" + id }

func (s *siteModel) renderHelp(w util.BufWriter, n *markdown.Block) error {
	p, _ := n.Page.(*Page)
	if p == nil {
		return fmt.Errorf("help rendered outside a page")
	}
	cl := n.Value.(helpBlock).Checklist
	d := helpData{Lang: n.Lang, Checklist: cl}
	if cp := s.ChecklistPage(cl.ID, n.Lang); cp != nil {
		d.PageURL = relURL(p.URL, cp.URL)
	}
	return s.tmpl[d.Lang].ExecuteTemplate(w, "help", d)
}

// sourcesBlock is the value of a ```sources [origin…]``` block: the catalog whose facts it
// lists, and the origins it lists ("index-education", "published", "practice"; none: all).
type sourcesBlock struct {
	Catalog *checks.Catalog
	Origins []checks.Origin
}

// Facts returns the facts of the block's origins, in the catalog's order.
func (b sourcesBlock) Facts() []*checks.Fact {
	var out []*checks.Fact
	for _, f := range b.Catalog.Facts() {
		if slices.Contains(b.Origins, f.Origin) {
			out = append(out, f)
		}
	}
	return out
}

// resolveSources is the value of a sources block: the catalog, and the origins named.
func (s *siteModel) resolveSources(args []string) (any, error) {
	b := sourcesBlock{Catalog: s.Catalog}
	for _, a := range args {
		i := slices.IndexFunc(checks.Origins(), func(o checks.Origin) bool { return o.String() == a && o.Mark() != "" })
		if i < 0 {
			return nil, fmt.Errorf("sources block: unknown origin %q (want index-education, published or practice)", a)
		}
		b.Origins = append(b.Origins, checks.Origins()[i])
	}
	if len(b.Origins) == 0 {
		for _, o := range checks.Origins() {
			if o.Mark() != "" {
				b.Origins = append(b.Origins, o)
			}
		}
	}
	return b, nil
}

// sourcesSlug is the URL path of the page that lists the sources (a sources block), in
// every language.
const sourcesSlug = "sources"

// sourcesPage returns the page of lang that lists the sources, found by URL, or nil.
func (s *siteModel) sourcesPage(lang checks.Lang) *Page {
	return s.byURL[string(lang)+"/"+sourcesSlug+"/"]
}

// renderSources lists the facts of the block's origins, by origin: the claim, the document
// with its address and its words (or the site's reason), and the steps and help rows that
// state it, by checklist, with their numbers and titles.
func (s *siteModel) renderSources(w util.BufWriter, n *markdown.Block) error {
	p, _ := n.Page.(*Page)
	if p == nil {
		return fmt.Errorf("sources rendered outside a page")
	}
	l, blk := n.Lang, n.Value.(sourcesBlock)
	type link struct{ URL, Text string }
	type use struct {
		Checklist string
		Links     []link
	}
	type fact struct {
		ID, Mark, Claim, Ref, URL, Quote string
		Uses                             []use
	}
	type group struct {
		ID, Title string
		Facts     []fact
	}
	help := s.helpPage(l)
	var groups []group
	for _, o := range blk.Origins {
		label := []rune(o.Label().In(l))
		g := group{ID: "origin-" + o.String(), Title: strings.TrimSpace(o.Mark() + " " + strings.ToUpper(string(label[:1])) + string(label[1:]))}
		for _, f := range blk.Facts() {
			if f.Origin != o {
				continue
			}
			fd := fact{ID: f.ID, Mark: o.Mark(), Claim: f.Claim.In(l), Ref: f.Ref.In(l), URL: f.URL, Quote: f.Quote}
			for _, cl := range s.Catalog.Checklists {
				cp := s.ChecklistPage(cl.ID, l)
				if cp == nil {
					continue
				}
				u := use{Checklist: cl.Title.In(l)}
				for _, it := range cl.Items() {
					if slices.Contains(it.FactsIn(cl.Modes), f) {
						u.Links = append(u.Links, link{relURL(p.URL, cp.URL) + "#" + it.ID, fmt.Sprintf("%d. %s", cl.StepNumber(it.ID), it.Title.In(l))})
					}
				}
				for part, trs := range [][]checks.Trouble{cl.Troubles, cl.Rollback} {
					anchor := []string{checks.TroubleshootingAnchor, checks.RollbackAnchor}[part]
					name := []checks.Text{checks.LabelTroubleshooting(), checks.LabelRollback()}[part].In(l)
					var rows []checks.Trouble
					for _, tr := range trs {
						if help != nil && slices.Contains(tr.Facts, f) {
							rows = append(rows, tr)
						}
					}
					// A fact several rows of a section rest on (the rollback's) links to the
					// section once, not to each of its rows.
					if len(rows) > 1 {
						u.Links = append(u.Links, link{relURL(p.URL, help.URL) + "#" + cl.ID + "." + anchor, name})
						continue
					}
					for _, tr := range rows {
						u.Links = append(u.Links, link{relURL(p.URL, help.URL) + "#" + cl.ID + "." + tr.ID, name + l.Colon() + strings.TrimRight(checks.StripMarks(tr.Symptom.In(l)), " ")})
					}
				}
				if len(u.Links) > 0 {
					fd.Uses = append(fd.Uses, u)
				}
			}
			g.Facts = append(g.Facts, fd)
		}
		if len(g.Facts) > 0 {
			groups = append(groups, g)
		}
	}
	var legend []string
	for _, t := range checks.Legend() {
		legend = append(legend, t.In(l))
	}
	return s.tmpl[l].ExecuteTemplate(w, "sources", map[string]any{"Lang": l, "Legend": legend, "Groups": groups})
}

// renderStatuses lists the checker's statuses and what they mean, from package checks.
func (s *siteModel) renderStatuses(w util.BufWriter, n *markdown.Block) error {
	type row struct{ ID, Label, Meaning string }
	var rows []row
	for _, st := range checks.Statuses() {
		rows = append(rows, row{string(st), st.Label().In(n.Lang), st.Meaning().In(n.Lang)})
	}
	return s.tmpl[n.Lang].ExecuteTemplate(w, "statuses", map[string]any{"Lang": n.Lang, "Rows": rows})
}

// renderChecker renders the browser checker's drop zone (shown by check.js; without
// JavaScript the page says to use the downloaded checker), or says it is not built.
func (s *siteModel) renderChecker(w util.BufWriter, n *markdown.Block) error {
	p, _ := n.Page.(*Page)
	if p == nil {
		return fmt.Errorf("checker rendered outside a page")
	}
	var order []string
	for _, st := range checks.Statuses() {
		order = append(order, string(st))
	}
	d := map[string]any{
		"Lang": n.Lang, "Profile": s.Catalog.Profile.ID, "Order": strings.Join(order, " "),
		"Base": s.Config.BaseURL, "Root": relURL(p.URL, ""), "Assets": relURL(p.URL, "assets/"),
		"HostedLabel": checks.Hosted.Label().In(n.Lang), "OnPremLabel": checks.OnPrem.Label().In(n.Lang),
	}
	if s.checker != nil {
		d["Built"] = true
		d["Size"] = n.Lang.Megabytes(int64(len(s.checker.Compressed())))
		d["SHA256"] = fmt.Sprintf("%x", sha256.Sum256(s.checker.Wasm))
	}
	return s.tmpl[n.Lang].ExecuteTemplate(w, "checker", d)
}

// renderDownloads lists the checker's builds with their size and SHA-256.
func (s *siteModel) renderDownloads(w util.BufWriter, n *markdown.Block) error {
	p, _ := n.Page.(*Page)
	if p == nil {
		return fmt.Errorf("downloads rendered outside a page")
	}
	type row struct{ Platform, Name, Rel, Size, SHA256, Version string }
	var rows []row
	for _, d := range s.downloads {
		rows = append(rows, row{platformName(d.OS, d.Arch).In(n.Lang), d.Name, relURL(p.URL, "downloads/"+d.Name),
			n.Lang.Megabytes(int64(len(d.Data))), d.SHA256, d.Version})
	}
	return s.tmpl[n.Lang].ExecuteTemplate(w, "downloads", map[string]any{"Lang": n.Lang, "Rows": rows, "Sums": relURL(p.URL, "downloads/SHA256SUMS")})
}

// Platform is a system the checker is built for.
type Platform struct {
	OS, Arch string // GOOS and GOARCH
	Name     checks.Text
}

// Platforms returns the systems the checker is built for, in the order of the downloads page.
func Platforms() []Platform {
	return []Platform{
		{"windows", "amd64", checks.Text{FR: "Windows, processeur Intel ou AMD (x64)", EN: "Windows, Intel or AMD processor (x64)"}},
		{"windows", "arm64", checks.Text{FR: "Windows sur ARM (Snapdragon, Surface Pro X…)", EN: "Windows on ARM (Snapdragon, Surface Pro X…)"}},
		{"darwin", "amd64", checks.Text{FR: "macOS, Mac à processeur Intel", EN: "macOS, Mac with an Intel processor"}},
		{"darwin", "arm64", checks.Text{FR: "macOS, Mac Apple Silicon (M1 et suivants)", EN: "macOS, Apple Silicon Mac (M1 and later)"}},
		{"linux", "amd64", checks.Text{FR: "Linux, x86-64", EN: "Linux, x86-64"}},
		{"linux", "arm64", checks.Text{FR: "Linux, ARM 64 bits", EN: "Linux, 64-bit ARM"}},
	}
}

// platformName names a GOOS/GOARCH pair for people.
func platformName(goos, arch string) checks.Text {
	for _, p := range Platforms() {
		if p.OS == goos && p.Arch == arch {
			return p.Name
		}
	}
	return checks.Text{FR: goos + "/" + arch, EN: goos + "/" + arch}
}
