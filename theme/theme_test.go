package theme

import (
	"testing"
)

func TestStringsBilingual(t *testing.T) {
	for key, s := range Strings {
		if m := s.Missing(); len(m) > 0 {
			t.Errorf("theme string %q has no %v text", key, m)
		}
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
