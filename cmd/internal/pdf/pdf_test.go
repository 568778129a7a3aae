package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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

// TestText renders every checklist in both languages and reads it back with pdftotext: every
// item's ID and title must be there, accents intact, and the pages numbered.
func TestText(t *testing.T) {
	pdftotext := testenv.NeedProgram(t, "TestText (reading the PDFs back)", "pdftotext")
	dir := t.TempDir()
	for _, cl := range checks.Default().Checklists {
		for _, l := range checks.Langs() {
			t.Run(cl.ID+"-"+string(l), func(t *testing.T) {
				var buf bytes.Buffer
				err := Write(&buf, Checklist{
					Checklist: cl, Lang: l, Profile: checks.Default().Profile, SiteTitle: "Site",
					PageURL: "https://site.example/" + string(l) + "/" + cl.Slug.In(l) + "/",
					StepURL: func(id string) string { return cl.StepURL("https://site.example/", l, id) },
				})
				if err != nil {
					t.Fatal(err)
				}
				file := filepath.Join(dir, cl.ID+"-"+string(l)+".pdf")
				if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").Output()
				if err != nil {
					t.Fatalf("pdftotext: %v", err)
				}
				text := norm(string(out))
				for i, it := range cl.Items() {
					if !strings.Contains(text, it.ID) {
						t.Errorf("no ID %s", it.ID)
					}
					// Titles may wrap beside the ID column; compare word by word in order.
					title := norm(it.Title.In(l))
					start := strings.Index(text, fmt.Sprintf("%d. %s", i+1, strings.Fields(title)[0]))
					if start < 0 || !containsWords(text[start:], title) {
						t.Errorf("step %d %s: title %q not found", i+1, it.ID, title)
					}
				}
				for _, w := range []string{norm(cl.Title.In(l)), "page 1 / ", words.School.In(l)} {
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

// containsWords reports whether the words of want appear in text in order, each after the
// previous, allowing other text between them (an ID printed beside a wrapped title).
func containsWords(text, want string) bool {
	pos := 0
	for _, w := range strings.Fields(want) {
		i := strings.Index(text[pos:], w)
		if i < 0 || i > 80 {
			return false
		}
		pos += i + len(w)
	}
	return true
}

// TestReproducible writes each PDF twice, a second apart: the bytes must not change, and the
// dates must be the one given (or 1970-01-01 without one), never the clock.
func TestReproducible(t *testing.T) {
	cl := checks.Default().Checklists[0]
	write := func(date time.Time) []byte {
		var buf bytes.Buffer
		err := Write(&buf, Checklist{
			Checklist: cl, Lang: checks.FR, Profile: checks.Default().Profile, SiteTitle: "Site",
			PageURL: "https://site.example/", Date: date,
			StepURL: func(id string) string { return cl.StepURL("https://site.example/", checks.FR, id) },
		})
		if err != nil {
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
	c := &Checklist{Checklist: cl, Lang: checks.FR, SiteTitle: "PRONOTE et oZe : déléguer"}
	site, title := c.runningHeader()
	if site != "PRONOTE et oZe\u202f: déléguer" || !strings.Contains(title, "ENT\u202f:") {
		t.Errorf("French header = %q | %q, want narrow no-break spaces before « : »", site, title)
	}
	c.Lang, c.SiteTitle = checks.EN, "The « x » site"
	if site, _ := c.runningHeader(); site != "The «\u00a0x\u00a0» site" {
		t.Errorf("English header = %q, want no-break spaces inside « »", site)
	}
}

// TestKeepsWhatChangesAnAction reads the French PDFs back: the sentences that change what the
// admin does are printed (the detail « Si ce n'est pas le cas, corrigez-le », the HTTP 503
// while unpublished), with room for notes, the marks' legend and the sources; the purge's
// "repeat for each user type" has one box per type, and the help sections close the list.
func TestKeepsWhatChangesAnAction(t *testing.T) {
	pdftotext := testenv.NeedProgram(t, "TestKeepsWhatChangesAnAction (reading the PDFs back)", "pdftotext")
	read := func(id string) string {
		cl, _ := checks.Default().Checklist(id)
		var buf bytes.Buffer
		err := Write(&buf, Checklist{Checklist: cl, Lang: checks.FR, Profile: checks.Default().Profile, SiteTitle: "Site",
			PageURL: "https://site.example/fr/", StepURL: func(id string) string { return "https://site.example/fr/#" + id },
			SendTo: checks.Contact{}.Line(checks.FR)})
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), id+".pdf")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		return norm(string(out))
	}
	hosted := read(checks.HostedID)
	for _, want := range []string{"Si ce n'est pas le cas, corrigez-le", "HTTP Error 503", "Notes :", "† documentation d'Index Education", "Si ça ne marche pas", "Revenir en arrière", "fiche 1523-5294", "À qui envoyer le rapport : l'assistance ENT"} {
		if !strings.Contains(hosted, want) {
			t.Errorf("hosted PDF lacks %q", want)
		}
	}
	purge := read(checks.PurgeID)
	i := strings.Index(purge, "purge.every-type")
	if i < 0 {
		t.Fatal("purge PDF has no purge.every-type")
	}
	for _, ut := range []string{"Élèves", "Responsables", "Professeurs", "Personnels", "Accompagnants"} {
		if !strings.Contains(purge[i:], ut) {
			t.Errorf("purge PDF: no box for %s after purge.every-type", ut)
		}
	}
}
