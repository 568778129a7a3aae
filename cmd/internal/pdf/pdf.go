// Package pdf writes the printable checklist of a procedure, in one language, from the items
// of package checks: a box to tick, the item's number, ID and title, where it happens in
// PRONOTE and the value to expect, with lines to fill in by hand. Headers and footers carry
// "page n / N" and the procedure's address; a linked outline and contents lead to each
// section, and each step links to its place on the site.
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

// Checklist is what a PDF is made of.
type Checklist struct {
	Checklist *checks.Checklist
	Lang      checks.Lang
	Profile   *checks.Profile
	SiteTitle string
	// PageURL is the absolute address of the procedure's page; StepURL gives an item's.
	PageURL string
	StepURL func(id string) string
	// Date is the PDF's creation and modification date: the date of the sources, so that two
	// builds of the same sources write the same bytes. The zero time means 1970-01-01 UTC
	// (SOURCE_DATE_EPOCH=0), never the clock.
	Date time.Time
	// SendTo is who to send the checker's report to (checks.Contact.Line): the site's
	// contact, or where to find one.
	SendTo string
}

// Wording is the PDF's own words, one named field each, so that a mistyped name does not
// compile; both sides are required (a test checks).
type Wording struct {
	School   checks.Text
	UAI      checks.Text
	Person   checks.Text
	Date     checks.Text
	Contents checks.Text
	Where    checks.Text
	Expect   checks.Text
	Seen     checks.Text
	Online   checks.Text
	Page     checks.Text
	ENT      checks.Text
	Howto    checks.Text
	See      checks.Text
	Notes    checks.Text
	Marks    checks.Text
	Sources  checks.Text
	Help     checks.Text
	Rollback checks.Text
	Revisit  checks.Text
	Steps    checks.Text
	SendTo   checks.Text
}

// Words returns the PDF's own words.
func Words() Wording { return words }

var words = Wording{
	School:   checks.LabelSchool(),
	UAI:      checks.Text{FR: "UAI", EN: "UAI"},
	Person:   checks.Text{FR: "Fait par", EN: "Done by"},
	Date:     checks.Text{FR: "Date", EN: "Date"},
	Contents: checks.Text{FR: "Sommaire", EN: "Contents"},
	Where:    checks.LabelWhere(),
	Expect:   checks.LabelExpect(),
	Seen:     checks.Text{FR: "Valeur relevée", EN: "Value seen"},
	Online:   checks.Text{FR: "En ligne", EN: "Online"},
	Page:     checks.Text{FR: "page %d / %s", EN: "page %d / %s"},
	ENT:      checks.Text{FR: "ENT %s — URL du serveur CAS attendue : %s", EN: "ENT %s — expected CAS server URL: %s"},
	Howto:    checks.Text{FR: "Cochez chaque case une fois l'étape faite. Le site garde la même liste de contrôle, à cocher en ligne, et le vérificateur ozecheck la prouve sans capture d'écran.", EN: "Tick each box once the step is done. The site holds the same checklist, to tick online, and the ozecheck checker proves it without screenshots."},
	See:      checks.LabelSee(),
	Notes:    checks.Text{FR: "Notes", EN: "Notes"},
	Marks:    checks.Text{FR: "Origine des informations", EN: "Where the information comes from"},
	Sources:  checks.LabelSources(),
	Help:     checks.LabelTroubleshooting(),
	Rollback: checks.LabelRollback(),
	Revisit:  checks.LabelRevisit(),
	Steps:    checks.Text{FR: "étapes", EN: "steps"},
	SendTo:   checks.LabelSendTo(),
}

func (c *Checklist) label(t checks.Text) string { return t.In(c.Lang) + c.Lang.Colon() }

// runningHeader returns the two halves of every page's header, the site's name and the
// procedure's title, typeset for the PDF's language like every other string.
func (c *Checklist) runningHeader() (site, title string) {
	return c.Lang.Typeset(c.SiteTitle), c.Checklist.Title.In(c.Lang)
}

// Layout, in millimetres.
const (
	margin  = 18.0
	boxSize = 4.2
	indent  = 7.5
	lineH   = 5.0
	smallH  = 4.2
)

var (
	grey  = [3]int{90, 90, 90}
	black = [3]int{20, 20, 20}
	blue  = [3]int{11, 92, 173}
)

// Write writes the checklist's PDF to w.
func Write(w io.Writer, c Checklist) error {
	cl, l := c.Checklist, c.Lang
	site, title := c.runningHeader()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(margin, 22, margin)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AddUTF8FontFromBytes("dejavu", "", theme.FontRegular)
	pdf.AddUTF8FontFromBytes("dejavu", "B", theme.FontBold)
	pdf.SetTitle(cl.Title.In(l), true)
	pdf.SetSubject(site, true)
	pdf.SetAuthor(site, true)
	pdf.SetCreator("sitegen", true)
	pdf.SetLang(string(l))
	pdf.SetCatalogSort(true)
	date := c.Date
	if date.IsZero() {
		date = time.Unix(0, 0)
	}
	pdf.SetCreationDate(date.UTC())
	pdf.SetModificationDate(date.UTC())
	pdf.AliasNbPages("{nb}")
	width, _ := pdf.GetPageSize()
	textW := width - 2*margin

	color := func(c [3]int) { pdf.SetTextColor(c[0], c[1], c[2]) }
	pdf.SetHeaderFuncMode(func() {
		pdf.SetFont("dejavu", "", 8)
		color(grey)
		pdf.SetXY(margin, 10)
		pdf.CellFormat(textW/2, 4, site, "", 0, "L", false, 0, "")
		pdf.CellFormat(textW/2, 4, title, "", 1, "R", false, 0, "")
		pdf.SetDrawColor(200, 200, 200)
		pdf.Line(margin, 15, width-margin, 15)
		pdf.SetY(22)
	}, true)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont("dejavu", "", 8)
		color(blue)
		pdf.CellFormat(textW*0.75, 4, c.PageURL, "", 0, "L", false, 0, c.PageURL)
		color(grey)
		pdf.CellFormat(textW*0.25, 4, fmt.Sprintf(words.Page.In(l), pdf.PageNo(), "{nb}"), "", 0, "R", false, 0, "")
	})
	pdf.AddPage()

	// Title, the ENT, the lines to fill in.
	color(black)
	pdf.SetFont("dejavu", "B", 16)
	pdf.MultiCell(textW, 7.5, cl.Title.In(l), "", "L", false)
	pdf.Ln(1)
	pdf.SetFont("dejavu", "", 9.5)
	color(grey)
	pdf.MultiCell(textW, smallH, words.ENT.Sprintf(c.Profile.Name, c.Profile.CASURL).In(l), "", "L", false)
	pdf.MultiCell(textW, smallH, words.Howto.In(l), "", "L", false)
	var legend []string
	for _, t := range checks.Legend() {
		legend = append(legend, t.In(l))
	}
	pdf.MultiCell(textW, smallH, c.label(words.Marks)+strings.Join(legend, " "), "", "L", false)
	pdf.Ln(3)
	color(black)
	pdf.SetFont("dejavu", "", 10)
	blank := func(label checks.Text, w float64, ln int) {
		pdf.CellFormat(w, 8, c.label(label)+strings.Repeat("_", int(w/2.3)-len([]rune(c.label(label)))), "", ln, "L", false, 0, "")
	}
	blank(words.School, textW*0.68, 0)
	blank(words.UAI, textW*0.32, 1)
	blank(words.Person, textW*0.68, 0)
	blank(words.Date, textW*0.32, 1)
	pdf.Ln(3)

	// Contents, with internal links to the sections.
	links := make([]int, len(cl.Sections))
	pdf.SetFont("dejavu", "B", 10)
	pdf.CellFormat(textW, lineH, words.Contents.In(l), "", 1, "L", false, 0, "")
	pdf.SetFont("dejavu", "", 10)
	color(blue)
	n := 0
	for i, s := range cl.Sections {
		if len(s.Items) == 0 {
			continue
		}
		links[i] = pdf.AddLink()
		pdf.CellFormat(textW, lineH, fmt.Sprintf("%s (%d–%d)", s.Title.In(l), n+1, n+len(s.Items)), "", 1, "L", false, links[i], "")
		n += len(s.Items)
	}
	color(black)

	for i, s := range cl.Sections {
		if len(s.Items) == 0 {
			continue
		}
		pdf.Ln(4)
		if pdf.GetY() > 250 {
			pdf.AddPage()
		}
		pdf.SetLink(links[i], pdf.GetY(), -1)
		pdf.Bookmark(s.Title.In(l), 0, -1)
		pdf.SetFont("dejavu", "B", 12.5)
		pdf.MultiCell(textW, 6.5, s.Title.In(l), "", "L", false)
		if intro := s.Intro.In(l); intro != "" {
			pdf.SetFont("dejavu", "", 9.5)
			color(grey)
			pdf.MultiCell(textW, smallH, intro, "", "L", false)
			color(black)
		}
		pdf.Ln(1.5)
		for _, it := range s.Items {
			c.item(pdf, it, cl.StepNumber(it.ID), textW)
		}
	}
	c.appendix(pdf, textW)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("pdf of checklist %s (%s): %w", cl.ID, l, err)
	}
	return pdf.Output(w)
}

// item draws one step, kept on one page.
func (c *Checklist) item(pdf *fpdf.Fpdf, it *checks.Item, n int, textW float64) {
	l := c.Lang
	bodyW := textW - indent
	pdf.SetFont("dejavu", "", 7.5)
	idW := pdf.GetStringWidth(it.ID) + 2
	title := fmt.Sprintf("%d. %s", n, it.Title.In(l))
	if m := it.OriginIn(c.Checklist.Modes).Mark(); m != "" {
		title += " " + m
	}
	detail := it.DetailIn(c.Checklist.Modes).In(l)

	// Measure, so that a step is never cut by a page break.
	pdf.SetFont("dejavu", "B", 10)
	h := float64(len(pdf.SplitText(title, bodyW-idW))) * lineH
	pdf.SetFont("dejavu", "", 8.5)
	h += float64(len(pdf.SplitText(detail, bodyW))) * smallH
	pdf.SetFont("dejavu", "", 9)
	h += float64(len(pdf.SplitText(c.label(words.Where)+it.Where.In(l), bodyW))) * smallH
	if e := it.ExpectIn(c.Checklist.Modes).In(l); e != "" {
		h += float64(len(pdf.SplitText(c.label(words.Expect)+e, bodyW))) * smallH
	}
	if it.Table != nil {
		h += float64(len(it.Table.Rows)+1) * 4.4
	}
	if !it.Ask.IsZero() {
		h += 7
	}
	if len(it.Repeat) > 0 {
		h += 7
	}
	h += 7 + smallH + 3.5
	_, pageH := pdf.GetPageSize()
	if pdf.GetY()+h > pageH-22 {
		pdf.AddPage()
	}

	x0, y0 := pdf.GetX(), pdf.GetY()
	pdf.SetDrawColor(20, 20, 20)
	pdf.SetLineWidth(0.3)
	pdf.Rect(x0, y0+0.5, boxSize, boxSize, "D")
	pdf.SetFont("dejavu", "", 7.5)
	pdf.SetTextColor(grey[0], grey[1], grey[2])
	pdf.SetXY(x0+textW-idW, y0)
	pdf.CellFormat(idW, lineH, it.ID, "", 0, "R", false, 0, "")
	pdf.SetXY(x0+indent, y0)
	pdf.SetTextColor(black[0], black[1], black[2])
	pdf.SetFont("dejavu", "B", 10)
	pdf.MultiCell(bodyW-idW, lineH, title, "", "L", false)
	// The explanation keeps what changes the action: « Si ce n'est pas le cas, corrigez-le »,
	// the HTTP 503 while unpublished, the source marks.
	pdf.SetX(x0 + indent)
	pdf.SetFont("dejavu", "", 8.5)
	pdf.SetTextColor(grey[0], grey[1], grey[2])
	pdf.MultiCell(bodyW, smallH, detail, "", "L", false)
	pdf.SetTextColor(black[0], black[1], black[2])

	field := func(key checks.Text, value string) {
		pdf.SetX(x0 + indent)
		pdf.SetFont("dejavu", "", 9)
		pdf.MultiCell(bodyW, smallH, c.label(key)+value, "", "L", false)
	}
	field(words.Where, it.Where.In(l))
	if e := it.ExpectIn(c.Checklist.Modes).In(l); e != "" {
		field(words.Expect, e)
	}
	if t := it.Table; t != nil {
		pdf.SetFont("dejavu", "", 8.5)
		colW := []float64{bodyW * 0.6, bodyW * 0.4}
		pdf.SetX(x0 + indent)
		pdf.SetFillColor(240, 243, 246)
		for i, h := range t.Head {
			pdf.CellFormat(colW[i%2], 4.4, h.In(l), "1", 0, "L", true, 0, "")
		}
		pdf.Ln(-1)
		for _, row := range t.Rows {
			pdf.SetX(x0 + indent)
			for i, cell := range row {
				pdf.CellFormat(colW[i%2], 4.4, cell.In(l), "1", 0, "L", false, 0, "")
			}
			pdf.Ln(-1)
		}
	}
	if !it.Ask.IsZero() {
		pdf.SetX(x0 + indent)
		pdf.SetFont("dejavu", "", 9)
		pdf.CellFormat(bodyW, 7, c.label(words.Seen)+strings.Repeat("_", 70), "", 1, "L", false, 0, "")
	}
	if len(it.Repeat) > 0 {
		// One box per repetition (each user type of the purge), to tick as each is done.
		pdf.SetFont("dejavu", "", 9)
		x, y := x0+indent, pdf.GetY()+1.5
		for _, r := range it.Repeat {
			label := r.In(l)
			w := boxSize + 1.5 + pdf.GetStringWidth(label) + 5
			if x+w > x0+textW {
				x, y = x0+indent, y+6
			}
			pdf.Rect(x, y+0.4, boxSize-0.6, boxSize-0.6, "D")
			pdf.SetXY(x+boxSize+0.9, y)
			pdf.CellFormat(w-boxSize-1.5, boxSize, label, "", 0, "L", false, 0, "")
			x += w
		}
		pdf.SetXY(x0, y+boxSize+1.5)
	}
	pdf.SetX(x0 + indent)
	pdf.SetFont("dejavu", "", 9)
	pdf.CellFormat(bodyW, 7, c.label(words.Notes)+strings.Repeat("_", 78), "", 1, "L", false, 0, "")
	pdf.SetX(x0 + indent)
	pdf.SetFont("dejavu", "", 7.5)
	pdf.SetTextColor(blue[0], blue[1], blue[2])
	url := c.StepURL(it.ID)
	pdf.CellFormat(bodyW, smallH, c.label(words.Online)+url, "", 1, "L", false, 0, url)
	pdf.SetTextColor(black[0], black[1], black[2])
	pdf.Ln(3)
}

// appendix writes, after the steps, the checklist's "If it does not work" rows and rollback
// (with the numbers of the steps to revisit) and the sources of what the steps state beyond
// the procedure.
func (c *Checklist) appendix(pdf *fpdf.Fpdf, textW float64) {
	cl, l := c.Checklist, c.Lang
	heading := func(t string) {
		pdf.Ln(4)
		if pdf.GetY() > 240 {
			pdf.AddPage()
		}
		pdf.Bookmark(t, 0, -1)
		pdf.SetFont("dejavu", "B", 12.5)
		pdf.SetTextColor(black[0], black[1], black[2])
		pdf.MultiCell(textW, 6.5, t, "", "L", false)
		pdf.Ln(1)
	}
	steps := func(items []*checks.Item) string {
		var ns []string
		for _, it := range items {
			ns = append(ns, fmt.Sprint(cl.StepNumber(it.ID)))
		}
		return c.label(words.Revisit) + strings.Join(ns, ", ")
	}
	rows := func(trs []checks.Trouble) {
		for _, tr := range trs {
			pdf.SetFont("dejavu", "B", 9.5)
			pdf.MultiCell(textW, lineH, tr.Symptom.In(l), "", "L", false)
			pdf.SetFont("dejavu", "", 9)
			pdf.MultiCell(textW, smallH, tr.Cause.In(l)+" ("+steps(tr.Steps)+")", "", "L", false)
			pdf.Ln(1.5)
		}
	}
	if len(cl.Troubles) > 0 {
		heading(words.Help.In(l))
		rows(cl.Troubles)
	}
	if len(cl.Rollback) > 0 {
		heading(words.Rollback.In(l))
		pdf.SetFont("dejavu", "B", 9)
		pdf.MultiCell(textW, smallH, checks.IntroRollback().In(l), "", "L", false)
		pdf.Ln(1)
		rows(cl.Rollback)
	}
	if facts := cl.Facts(); len(facts) > 0 {
		heading(words.Sources.In(l))
		pdf.SetFont("dejavu", "", 8.5)
		for _, f := range facts {
			pdf.MultiCell(textW, smallH, f.Note().In(l), "", "L", false)
			pdf.Ln(0.8)
		}
	}
	if c.SendTo != "" {
		pdf.Ln(3)
		pdf.SetFont("dejavu", "B", 9.5)
		pdf.MultiCell(textW, lineH, c.label(words.SendTo)+c.SendTo, "", "L", false)
	}
}
