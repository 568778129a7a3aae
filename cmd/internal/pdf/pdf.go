// Package pdf writes a procedure's page as paper, in one language: the page's title and
// date, its text before the checklist, the checklist (the marks' legend, the lines for the
// school, who did it and when, then each step with a box to tick, its number, title, mark and
// ID, its explanation, its table, where it happens, the value to expect, the page it refers
// to, what proves it, a line for the value the admin reads, boxes for what it repeats over,
// and a line for a comment), then the page's text after it.
//
// It is the same paper as the page printed from a browser (theme's print.css), in the same
// order and with the same words: the browser's adds only what the person ticked, typed and
// had verified. Every page's header carries the site's name and the page's title, its footer
// the page's address and "page n / N"; the outline leads to each section, and each step's ID
// links to its place on the site.
//
// Text flows in lines that break at spaces, and inside an address only after a "/".
package pdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/theme"
)

// Checklist is what a PDF is made of: a checklist and the page that shows it.
type Checklist struct {
	Checklist *checks.Checklist
	Lang      checks.Lang
	SiteTitle string
	// Title is the page's title; Updated says when it was last updated ("Mis à jour le 1er
	// décembre 2026"), or is empty.
	Title   string
	Updated string
	// Before and After are the page's text before and after the checklist.
	Before, After []Block
	// PageURL is the absolute address of the page; StepURL gives a step's. SourcesURL and
	// HelpURL, the absolute addresses of the sources and of the checklist's "If it does not
	// work", end the marks' legend as links; an empty one is left out.
	PageURL             string
	StepURL             func(id string) string
	SourcesURL, HelpURL string
	// SeeTitle returns the title of the checklist a step refers to ("See"), by its ID.
	SeeTitle func(id string) string
	// Date is the PDF's creation and modification date: the date of the sources, so that two
	// builds of the same sources write the same bytes. The zero time means 1970-01-01 UTC
	// (SOURCE_DATE_EPOCH=0), never the clock.
	Date time.Time
}

// Run is a piece of text in one style; a paragraph is a list of runs.
type Run struct {
	Text string
	Bold bool
	// URL, if not empty, makes the run a link.
	URL string
	// Small is for a step's ID: smaller, grey.
	Small bool
}

// Block is a block of the page's text around the checklist.
type Block struct {
	// Heading is the level of a heading (2 for "##"), 0 for any other block.
	Heading int
	// Runs are the block's text; a table has none.
	Runs []Run
	// Table is a table's rows of cells, its head first.
	Table [][][]Run
	// Indent is how far the block sits in: one per list or callout it is in.
	Indent int
	// Bullet starts a list item ("•", "2.").
	Bullet string
}

// Wording is the paper's words, one named field each, so that a mistyped name does not
// compile. Each is the one the page prints: taken from package checks or the theme's words,
// never written twice (a test checks both sides).
type Wording struct {
	School, UAI, DoneBy, Date  checks.Text
	Where, Expect, See, Proof  checks.Text
	Comment, Marks, AllSources checks.Text
	Help, Updated, Page        checks.Text
}

// Words returns the paper's words.
func Words() Wording { return words }

var words = func() Wording {
	tw := theme.Words()
	return Wording{
		School: checks.LabelSchool(), UAI: checks.Text{FR: "UAI", EN: "UAI"},
		DoneBy: checks.LabelDoneBy(), Date: checks.LabelDate(),
		Where: checks.LabelWhere(), Expect: checks.LabelExpect(), See: checks.LabelSee(), Proof: checks.LabelProof(),
		Comment: tw["jsComment"], Marks: tw["marks"], AllSources: tw["allSources"],
		Help: checks.LabelTroubleshooting(), Updated: tw["updated"],
		Page: checks.Text{FR: "page %d / %s", EN: "page %d / %s"},
	}
}()

// Blank is the line left to fill in by hand, on the PDF and in print (the site's print.css).
const Blank = "________________"

// Layout, in millimetres and points. The sizes are print.css's: 9.5 pt text, 15 pt title,
// 12 pt section titles.
const (
	margin    = 13.0
	top       = 18.0
	bottom    = 16.0
	indent    = 5.6
	boxSize   = 3.4
	bodySize  = 9.5
	smallSize = 7.5
	lead      = 1.35 // line height, in font sizes
	ptMM      = 25.4 / 72
)

var (
	grey  = [3]int{70, 70, 70}
	black = [3]int{0, 0, 0}
)

// Write writes the checklist's PDF to w.
func Write(w io.Writer, c Checklist) error {
	p := newPaper(c)
	p.pageTop()
	for _, b := range c.Before {
		p.block(b)
	}
	p.checklist()
	for _, b := range c.After {
		p.block(b)
	}
	if err := p.Error(); err != nil {
		return fmt.Errorf("pdf of checklist %s (%s): %w", c.Checklist.ID, c.Lang, err)
	}
	return p.Output(w)
}

// paper is a PDF being written: the document and what it is of.
type paper struct {
	*fpdf.Fpdf
	c     Checklist
	l     checks.Lang
	textW float64
	pageH float64
}

func newPaper(c Checklist) *paper {
	f := fpdf.New("P", "mm", "A4", "")
	p := &paper{Fpdf: f, c: c, l: c.Lang}
	width, height := f.GetPageSize()
	p.textW, p.pageH = width-2*margin, height
	f.SetMargins(margin, top, margin)
	f.SetAutoPageBreak(false, bottom)
	f.AddUTF8FontFromBytes("dejavu", "", theme.FontRegular)
	f.AddUTF8FontFromBytes("dejavu", "B", theme.FontBold)
	site, title := c.runningHeader()
	f.SetTitle(title, true)
	f.SetSubject(site, true)
	f.SetAuthor(site, true)
	f.SetCreator("sitegen", true)
	f.SetLang(string(c.Lang))
	f.SetCatalogSort(true)
	date := c.Date
	if date.IsZero() {
		date = time.Unix(0, 0)
	}
	f.SetCreationDate(date.UTC())
	f.SetModificationDate(date.UTC())
	f.AliasNbPages("{nb}")
	f.SetHeaderFuncMode(func() {
		f.SetFont("dejavu", "", 7.5)
		f.SetTextColor(grey[0], grey[1], grey[2])
		f.SetXY(margin, 8)
		f.CellFormat(p.textW/2, 4, site, "", 0, "L", false, 0, "")
		f.CellFormat(p.textW/2, 4, title, "", 1, "R", false, 0, "")
		f.SetDrawColor(190, 190, 190)
		f.Line(margin, 12.5, width-margin, 12.5)
		f.SetY(top)
	}, true)
	f.SetFooterFunc(func() {
		f.SetY(-11)
		f.SetFont("dejavu", "", 7.5)
		f.SetTextColor(grey[0], grey[1], grey[2])
		f.CellFormat(p.textW*0.75, 4, c.PageURL, "", 0, "L", false, 0, c.PageURL)
		f.CellFormat(p.textW*0.25, 4, fmt.Sprintf(words.Page.In(c.Lang), f.PageNo(), "{nb}"), "", 0, "R", false, 0, "")
	})
	f.AddPage()
	return p
}

// runningHeader returns the two halves of every page's header, the site's name and the
// page's title, typeset for the PDF's language like every other string.
func (c *Checklist) runningHeader() (site, title string) {
	return c.Lang.Typeset(c.SiteTitle), c.Lang.Typeset(c.Title)
}

// label returns t as a label: "Où : ".
func (p *paper) label(t checks.Text) string { return t.In(p.l) + p.l.Colon() }

// pageTop writes the title and the date.
func (p *paper) pageTop() {
	p.write(p.flow([]Run{{Text: p.l.Typeset(p.c.Title), Bold: true}}, p.textW, 15), margin, 15, black)
	if p.c.Updated != "" {
		p.write(p.flow([]Run{{Text: words.Updated.In(p.l) + " " + p.c.Updated}}, p.textW, bodySize), margin, bodySize, grey)
	}
	p.gap(1.5)
}

// block writes a block of the page's text.
func (p *paper) block(b Block) {
	x := margin + float64(b.Indent)*indent
	w := p.textW - float64(b.Indent)*indent
	switch {
	case b.Table != nil:
		p.table(b.Table, x, w)
	case b.Heading > 0:
		size := 12.0
		if b.Heading > 2 {
			size = 10.5
		}
		p.gap(2.5)
		lines := p.flow(bold(b.Runs), w, size)
		p.keep(lineH(size)*float64(len(lines)+2), 0) // not alone at the foot of a page
		p.Bookmark(plain(b.Runs), 0, -1)
		p.write(lines, x, size, black)
		p.gap(0.8)
	default:
		runs := b.Runs
		if b.Bullet != "" {
			p.write(p.flow([]Run{{Text: b.Bullet}}, indent, bodySize)[:1], x, bodySize, black)
			p.SetY(p.GetY() - lineH(bodySize))
			x, w = x+indent, w-indent
		}
		p.write(p.flow(runs, w, bodySize), x, bodySize, black)
		p.gap(1.2)
	}
}

// checklist writes the checklist: the legend, the lines for the school and who did it, the
// sections and their steps.
func (p *paper) checklist() {
	cl := p.c.Checklist
	legend := []Run{{Text: words.Marks.In(p.l) + " "}}
	for _, t := range checks.Legend() {
		legend = append(legend, Run{Text: t.In(p.l) + " "})
	}
	sep := ""
	if p.c.SourcesURL != "" {
		legend = append(legend, Run{Text: words.AllSources.In(p.l), URL: p.c.SourcesURL})
		sep = " · "
	}
	if p.c.HelpURL != "" {
		legend = append(legend, Run{Text: sep}, Run{Text: words.Help.In(p.l), URL: p.c.HelpURL})
	}
	p.write(p.flow(legend, p.textW, 8.5), margin, 8.5, grey)
	p.gap(1.5)
	p.write(p.flow([]Run{{Text: p.label(words.School) + Blank + "   "}, {Text: p.label(words.UAI) + Blank}}, p.textW, bodySize), margin, bodySize, black)
	p.write(p.flow([]Run{{Text: p.label(words.DoneBy) + Blank + "   "}, {Text: p.label(words.Date) + Blank}}, p.textW, bodySize), margin, bodySize, black)
	for _, s := range cl.Sections {
		if len(s.Items) == 0 {
			continue
		}
		p.block(Block{Heading: 2, Runs: []Run{{Text: s.Title.In(p.l)}}})
		if intro := s.Intro.In(p.l); intro != "" {
			p.block(Block{Runs: []Run{{Text: intro}}})
		}
		for _, it := range s.Items {
			p.step(it, cl.StepNumber(it.ID))
		}
	}
	p.gap(2)
}

// stepPart is a part of a step below its title: lines of text, or a table.
type stepPart struct {
	lines [][]piece
	table [][][]Run
}

// step writes one step, kept on one page when it fits on one.
func (p *paper) step(it *checks.Item, n int) {
	cl, l := p.c.Checklist, p.l
	w := p.textW - indent
	title := []Run{{Text: fmt.Sprintf("%d. %s", n, it.Title.In(l)), Bold: true}}
	if m := it.OriginIn(cl.Modes).Mark(); m != "" {
		title = append(title, Run{Text: " " + m})
	}
	title = append(title, Run{Text: " " + it.ID, Small: true, URL: p.c.StepURL(it.ID)})
	field := func(key checks.Text, value string) stepPart {
		return stepPart{lines: p.flow([]Run{{Text: p.label(key), Bold: true}, {Text: value}}, w, bodySize)}
	}
	parts := []stepPart{{lines: p.flow([]Run{{Text: it.DetailIn(cl.Modes).In(l)}}, w, bodySize)}}
	if t := it.Table; t != nil {
		rows := [][][]Run{nil}
		for _, h := range t.Head {
			rows[0] = append(rows[0], []Run{{Text: h.In(l), Bold: true}})
		}
		for _, row := range t.Rows {
			var cells [][]Run
			for _, c := range row {
				cells = append(cells, []Run{{Text: c.In(l)}})
			}
			rows = append(rows, cells)
		}
		parts = append(parts, stepPart{table: rows})
	}
	parts = append(parts, field(words.Where, it.Where.In(l)))
	if e := it.ExpectIn(cl.Modes).In(l); e != "" {
		parts = append(parts, field(words.Expect, e))
	}
	if it.See != "" && p.c.SeeTitle != nil {
		parts = append(parts, field(words.See, p.c.SeeTitle(it.See)))
	}
	parts = append(parts, field(words.Proof, it.Proof.Label().In(l)))
	if !it.Ask.IsZero() {
		parts = append(parts, stepPart{lines: p.flow([]Run{{Text: p.label(it.Ask), Bold: true}, {Text: Blank}}, w, bodySize)})
	}
	if len(it.Repeat) > 0 {
		var boxes []Run
		for _, r := range it.Repeat {
			boxes = append(boxes, Run{Text: "☐\u00a0" + r.In(l) + "   "})
		}
		parts = append(parts, stepPart{lines: p.flow(boxes, w, bodySize)})
	}
	parts = append(parts, stepPart{lines: p.flow([]Run{{Text: p.label(words.Comment) + Blank + Blank}}, w, bodySize)})

	head := p.flow(title, w, bodySize)
	h := lineH(bodySize) * float64(len(head))
	for _, part := range parts {
		h += lineH(bodySize) * float64(len(part.lines)+len(part.table))
	}
	p.keep(h+3, h+3)
	p.gap(1)
	y := p.GetY()
	p.SetDrawColor(150, 150, 150)
	p.SetLineWidth(0.2)
	p.Line(margin, y-0.6, margin+p.textW, y-0.6)
	p.SetDrawColor(0, 0, 0)
	p.SetLineWidth(0.3)
	p.Rect(margin, y+(lineH(bodySize)-boxSize)/2, boxSize, boxSize, "D")
	p.write(head, margin+indent, bodySize, black)
	for _, part := range parts {
		if part.table != nil {
			p.table(part.table, margin+indent, w)
			continue
		}
		p.write(part.lines, margin+indent, bodySize, black)
	}
	p.gap(1.5)
}

// table writes rows of cells, the first the head, in columns of equal width at x.
func (p *paper) table(rows [][][]Run, x, w float64) {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	colW := w / float64(cols)
	const pad = 1.0
	p.gap(0.8)
	for _, r := range rows {
		cells := make([][][]piece, len(r))
		n := 1
		for i, c := range r {
			cells[i] = p.flow(c, colW-2*pad, bodySize)
			n = max(n, len(cells[i]))
		}
		h := lineH(bodySize) * float64(n)
		p.keep(h, 0)
		y := p.GetY()
		p.SetDrawColor(150, 150, 150)
		p.SetLineWidth(0.2)
		for i := range cols {
			p.Rect(x+float64(i)*colW, y, colW, h, "D")
		}
		for i, c := range cells {
			p.SetY(y)
			p.write(c, x+float64(i)*colW+pad, bodySize, black)
		}
		p.SetY(y + h)
	}
	p.gap(0.8)
}

// keep starts a new page unless h millimetres fit on this one; when fits is more than zero
// and more than a page holds, it goes on where it is.
func (p *paper) keep(h, fits float64) {
	room := p.pageH - bottom - top
	if p.GetY()+h > p.pageH-bottom && fits <= room {
		p.AddPage()
	}
}

// gap leaves mm millimetres of space.
func (p *paper) gap(mm float64) { p.SetY(p.GetY() + mm) }

func lineH(size float64) float64 { return size * lead * ptMM }

func bold(runs []Run) []Run {
	out := make([]Run, len(runs))
	for i, r := range runs {
		r.Bold = true
		out[i] = r
	}
	return out
}

func plain(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return b.String()
}
