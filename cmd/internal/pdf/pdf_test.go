package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/testenv"
)

// norm folds the spaces pdftotext may change (no-break spaces, line ends) into one space.
func norm(s string) string {
	s = strings.NewReplacer(checks.NarrowNBSP, " ", checks.NBSP, " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// paperOf returns the paper of checklist cl in l, with a page text around it.
func paperOf(cl *checks.Checklist, l checks.Lang) Checklist {
	return Checklist{
		Checklist: cl, Lang: l, SiteTitle: "Site", Title: cl.Title.In(l), Updated: "1er décembre 2026",
		PageURL: "https://site.example/" + string(l) + "/" + cl.Slug.In(l) + "/",
		StepURL: func(id string) string { return cl.StepURL("https://site.example/", l, id) },
		SeeTitle: func(id string) string {
			see, _ := checks.Default().Checklist(id)
			return see.Title.In(l)
		},
		SourcesURL: "https://site.example/" + string(l) + "/sources/",
		HelpURL:    cl.HelpURL("https://site.example/", l),
	}
}

// read writes c's PDF and reads it back with pdftotext (-raw: in the order it is drawn).
func read(t *testing.T, c Checklist) string {
	t.Helper()
	pdftotext := testenv.NeedProgram(t, t.Name()+" (reading the PDFs back)", "pdftotext")
	var buf bytes.Buffer
	if err := Write(&buf, c); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "c.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestText renders every checklist in both languages and reads it back with pdftotext: every
// item's ID and title must be there, in order, accents intact, and the pages numbered.
func TestText(t *testing.T) {
	for _, cl := range checks.Default().Checklists {
		for _, l := range checks.Langs() {
			t.Run(cl.ID+"-"+string(l), func(t *testing.T) {
				text := norm(read(t, paperOf(cl, l)))
				at := 0
				for i, it := range cl.Items() {
					step := norm(fmt.Sprintf("%d. %s", i+1, it.Title.In(l)))
					j := strings.Index(text[at:], step)
					if j < 0 {
						t.Errorf("step %d %s: %q not found after the previous step", i+1, it.ID, step)
						continue
					}
					at += j + len(step)
					if !strings.HasPrefix(text[at:], " "+it.ID) && !strings.HasPrefix(text[at:], " "+it.OriginIn(cl.Modes).Mark()+" "+it.ID) {
						t.Errorf("step %d: no ID %s after its title: %q", i+1, it.ID, text[at:min(at+60, len(text))])
					}
				}
				for _, w := range []string{norm(cl.Title.In(l)), "page 1 / ", words.School.In(l), words.DoneBy.In(l)} {
					if !strings.Contains(text, w) {
						t.Errorf("no %q in the PDF text", w)
					}
				}
				if l == checks.FR && !strings.Contains(text, "Établissement") {
					t.Error("accents lost")
				}
			})
		}
	}
}

// TestReproducible writes each PDF twice, a second apart: the bytes must not change, and the
// dates must be the one given (or 1970-01-01 without one), never the clock.
func TestReproducible(t *testing.T) {
	cl := checks.Default().Checklists[0]
	write := func(date time.Time) []byte {
		c := paperOf(cl, checks.FR)
		c.Date = date
		var buf bytes.Buffer
		if err := Write(&buf, c); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	for _, tc := range []struct {
		name string
		date time.Time
		want string
	}{
		{"no date", time.Time{}, "D:19700101000000"},
		{"source date", time.Date(2026, 3, 14, 15, 9, 26, 0, time.FixedZone("CET", 3600)), "D:20260314140926"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := write(tc.date)
			time.Sleep(1100 * time.Millisecond) // the PDF dates count seconds
			b := write(tc.date)
			if !bytes.Equal(a, b) {
				t.Errorf("two PDFs of the same checklist differ (%d and %d bytes)", len(a), len(b))
			}
			for _, key := range []string{"/CreationDate", "/ModDate"} {
				if want := key + " (" + tc.want + ")"; !bytes.Contains(a, []byte(want)) {
					t.Errorf("no %q in the PDF", want)
				}
			}
		})
	}
}

// TestRunningHeaderTypeset: the site name and the title in the running header get the same
// typography as the rest (pdftotext turns U+202F into a space, so the strings are read before
// they are drawn).
func TestRunningHeaderTypeset(t *testing.T) {
	cl, _ := checks.Default().Checklist(checks.PurgeID)
	c := &Checklist{Checklist: cl, Lang: checks.FR, SiteTitle: "PRONOTE et oZe : déléguer", Title: cl.Title.FR}
	site, title := c.runningHeader()
	if site != "PRONOTE et oZe\u202f: déléguer" || !strings.Contains(title, "ENT\u202f:") {
		t.Errorf("French header = %q | %q, want narrow no-break spaces before « : »", site, title)
	}
	c.Lang, c.SiteTitle = checks.EN, "The « x » site"
	if site, _ := c.runningHeader(); site != "The «\u00a0x\u00a0» site" {
		t.Errorf("English header = %q, want no-break spaces inside « »", site)
	}
}

// TestPaperOrder reads the French hosted PDF back: the page's text before the checklist (a
// paragraph with its bold words, a table row by row), the legend in the one wording of
// checks.Legend with the links to the sources and the help, the lines for the school, who
// and when, each step's fields in the page's order with the value read and a comment line,
// then the page's text after; the sentences that change what the admin does are there (the
// detail « Si ce n'est pas le cas, corrigez-le », the HTTP 503 while unpublished). The
// purge's "repeat for each user type" has one box per type.
func TestPaperOrder(t *testing.T) {
	cl, _ := checks.Default().Checklist(checks.HostedID)
	c := paperOf(cl, checks.FR)
	c.Before = []Block{
		{Runs: []Run{{Text: "Tout se fait depuis la "}, {Text: "console d'hébergement", Bold: true}, {Text: "."}}},
		{Table: [][][]Run{{{{Text: "Pendant", Bold: true}}, {{Text: "La base", Bold: true}}}, {{{Text: "PRONOTE.net"}}, {{Text: "non publiée"}}}}},
	}
	c.After = []Block{{Heading: 2, Runs: []Run{{Text: "Ensuite"}}}, {Runs: []Run{{Text: "Prouvez-la sans capture d'écran."}}}}
	text := norm(read(t, c))
	var legend []string
	for _, t := range checks.Legend() {
		legend = append(legend, norm(t.FR))
	}
	inOrder(t, text,
		"Mis à jour le 1er décembre 2026",
		"Tout se fait depuis la console d'hébergement.",
		"Pendant La base PRONOTE.net non publiée",
		"Origine : "+strings.Join(legend, " ")+" Toutes les sources · Si ça ne marche pas",
		"Établissement : ", "UAI : ", "Fait par : ", "Date : ",
		"PRONOTE.net : les Espaces web",
		"6. Vérifiez « URL du serveur CAS » net.cas-url",
		"Si ce n'est pas le cas, corrigez-le",
		"Où : PRONOTE.net",
		"Valeur attendue : https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas",
		"Prouvé par : InfoMobileApp.json",
		"URL du serveur CAS affichée : ",
		"Commentaire : ",
		"HTTP Error 503",
		"19. Rappel",
		"Voir : Changement d'ENT",
		"Ensuite Prouvez-la sans capture d'écran.",
	)
	purgeCl, _ := checks.Default().Checklist(checks.PurgeID)
	purge := norm(read(t, paperOf(purgeCl, checks.FR)))
	inOrder(t, purge, "purge.every-type", "☐ Élèves ☐ Responsables ☐ Professeurs ☐ Personnels ☐ Accompagnants", "Commentaire : ")
}

// inOrder fails unless text holds each of wants, each after the previous.
func inOrder(t *testing.T, text string, wants ...string) {
	t.Helper()
	at := 0
	for _, w := range wants {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Errorf("no %q after %q in:\n%s", w, text[max(0, at-60):at], text)
			return
		}
		at += i + len(w)
	}
}

// TestBreaks cuts text where a line may end: after spaces, and in an address only after a
// "/" that does not start "//"; no-break spaces hold words together.
func TestBreaks(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"words", "Où : la console", []string{"Où ", ": ", "la ", "console"}},
		{"no-break space", "Où\u202f: la", []string{"Où\u202f: ", "la"}},
		{"address", "https://enc.hauts-de-seine.fr/auth/realms/x", []string{"https://enc.hauts-de-seine.fr/", "auth/", "realms/", "x"}},
		{"slash at the end", "…/pronote/ puis", []string{"…/", "pronote/ ", "puis"}},
		{"a slash between words", "Professeurs / Élèves", []string{"Professeurs ", "/ ", "Élèves"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := breaks(tc.text); !slices.Equal(got, tc.want) {
				t.Errorf("breaks(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestLongAddressBreaksAfterSlash lays a value longer than a line out: every line of it but
// the last ends with "/", none is wider than the line, and a hyphen never ends one.
func TestLongAddressBreaksAfterSlash(t *testing.T) {
	cl, _ := checks.Default().Checklist(checks.HostedID)
	p := newPaper(paperOf(cl, checks.FR))
	const w = 60.0
	lines := p.flow([]Run{{Text: "Valeur : ", Bold: true}, {Text: "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas/un-chemin-long/encore"}}, w, bodySize)
	if len(lines) < 2 {
		t.Fatalf("%d lines, want the address cut", len(lines))
	}
	for i, line := range lines {
		last := line[len(line)-1]
		if width := last.x + last.w; width > w+0.01 {
			t.Errorf("line %d is %.1f mm wide, more than %.0f", i, width, w)
		}
		if i < len(lines)-1 && !strings.HasSuffix(last.Text, "/") && !last.Bold { // a break after the label is a space's
			t.Errorf("line %d ends with %q, not after a « / »", i, last.Text)
		}
	}
}

// TestMarkStaysWithItsWord: a source's mark, a run of its own right after a word, never
// starts a line: where it does not fit, its word goes to the next line with it, as on the
// printed page.
func TestMarkStaysWithItsWord(t *testing.T) {
	cl, _ := checks.Default().Checklist(checks.HostedID)
	p := newPaper(paperOf(cl, checks.EN))
	runs := []Run{{Text: "whoever never received a PRONOTE password"}, {Text: "‡", URL: "https://example.org/#x"}, {Text: " would be locked out."}}
	p.font(runs[0], bodySize)
	w := p.GetStringWidth("whoever never received a PRONOTE password") + 0.1 // the mark does not fit after it
	lines := p.flow(runs, w, bodySize)
	for i, line := range lines {
		if strings.TrimSpace(line[0].Text) == "‡" {
			t.Errorf("line %d starts with the mark: %+v", i, line)
		}
	}
	if len(lines) < 2 || lines[1][0].Text != "password" || lines[1][1].Text != "‡" {
		t.Errorf("want the second line to start with “password‡”, got %+v", lines)
	}
}
