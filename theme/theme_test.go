package theme

import (
	"testing"

	"github.com/hds-oze/pronote-oze/checks"
)

func TestStringsBilingual(t *testing.T) {
	if u := checks.Untranslated(Strings); len(u) > 0 {
		t.Errorf("theme strings without a side: %v", u)
	}
}

func TestTemplatesParse(t *testing.T) {
	tm, err := Parse(Embedded, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"page", "root", "checklist"} {
		if tm.Lookup(name) == nil {
			t.Errorf("no template %q", name)
		}
	}
}

func TestUnknownStringFails(t *testing.T) {
	if _, err := T("fr", "no-such-key"); err == nil {
		t.Error("T accepted an unknown key")
	}
}
