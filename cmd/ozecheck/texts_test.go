package main

import (
	"maps"
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/evidence"
	"github.com/hds-oze/pronote-oze/checks/report"
	"github.com/hds-oze/pronote-oze/checks/summary"
	"github.com/hds-oze/pronote-oze/cmd/internal/checker"
	"github.com/hds-oze/pronote-oze/cmd/internal/pdf"
	"github.com/hds-oze/pronote-oze/theme"
)

// TestEveryTextBilingual is the one place that checks both languages of every table of
// user-facing words the project has outside its items (which Catalog.Validate checks):
// checks' labels and names, the readers' messages and problem texts (checks/evidence), the
// report's, the PDF's and the theme's words, and this command's messages. Each text must have
// both sides and the same formatting verbs in both. A new table is added here.
func TestEveryTextBilingual(t *testing.T) {
	tables := []struct {
		name  string
		texts map[string]checks.Text
		// atLeast is how many texts the table had when this test was written: fewer means
		// texts stopped being listed (a message declared without text, a field dropped).
		atLeast int
	}{
		{"checks", checks.Texts(), 80},
		{"checks/evidence", evidence.Texts(), 24},
		{"checks/report", fields(report.Words()), 28},
		{"cmd/internal/pdf", fields(pdf.Words()), 13},
		{"theme", theme.Words(), 26},
		{"cmd/ozecheck", texts, 17},
		{"cmd/internal/checker", checker.Texts(), 13},
		{"checks/summary words", fields(summary.Words()), 36},
		{"checks/summary reasons", summary.Texts(), 11},
	}
	for _, tt := range tables {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.texts) < tt.atLeast {
				t.Errorf("%d texts, want at least %d", len(tt.texts), tt.atLeast)
			}
			if u := checks.Untranslated(tt.texts); len(u) > 0 {
				t.Errorf("texts without a side: %v", u)
			}
			for name, tx := range tt.texts {
				if fr, en := verbs(tx.FR), verbs(tx.EN); !slices.Equal(fr, en) {
					t.Errorf("%s: formatting verbs %v in French, %v in English", name, fr, en)
				}
			}
		})
	}
}

// TestSaidSurfaces holds every message said differently by each surface, those of the
// report and the checker's included, to the rules of its surfaces: the page and the reports
// never name a command-line flag.
func TestSaidSurfaces(t *testing.T) {
	all := checks.SaidTable()
	maps.Copy(all, report.SaidTable())
	for _, name := range []string{"ModeUndecided", "ReportMasked", "ReportVerdictUndecided"} {
		if _, ok := all[name]; !ok {
			t.Errorf("%s is not in the table", name)
		}
	}
	for name, s := range all {
		for _, f := range s.Faults() {
			t.Errorf("%s: %s", name, f)
		}
	}
}

// fields returns the checks.Text fields of struct v, by field name.
func fields(v any) map[string]checks.Text {
	m := map[string]checks.Text{}
	rv := reflect.ValueOf(v)
	for i := range rv.NumField() {
		if tx, ok := rv.Field(i).Interface().(checks.Text); ok {
			m[rv.Type().Field(i).Name] = tx
		}
	}
	return m
}

var verbRE = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)

// verbs returns the fmt verbs of s in order ("%s", "%d").
func verbs(s string) []string { return verbRE.FindAllString(s, -1) }
