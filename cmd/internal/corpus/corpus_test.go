package corpus

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"unicode/utf8"
)

// fence matches a fenced code block with an info string (checklist blocks are empty).
var fence = regexp.MustCompile("(?s)```(ini|bash)\n.*?```\n")

func TestCodeNotTranslated(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, 12); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, name := range []string{"p00001.md", "p00002.md", "p00012.md"} {
		fr, err := os.ReadFile(filepath.Join(dir, "content", "fr", "pages", name))
		if err != nil {
			t.Fatal(err)
		}
		en, err := os.ReadFile(filepath.Join(dir, "content", "en", "pages", name))
		if err != nil {
			t.Fatal(err)
		}
		cf, ce := fence.FindAllString(string(fr), -1), fence.FindAllString(string(en), -1)
		if len(cf) != 1 || len(ce) != 1 {
			t.Fatalf("%s: want one code block per language, got %d (fr) and %d (en)", name, len(cf), len(ce))
		}
		if cf[0] != ce[0] {
			t.Errorf("%s: the code block differs between languages:\nfr: %s\nen: %s", name, cf[0], ce[0])
		}
		if seen[cf[0]] {
			t.Errorf("%s: same code block as another page", name)
		}
		seen[cf[0]] = true
		if string(fr) == string(en) {
			t.Errorf("%s: the prose is not translated", name)
		}
	}
}

func TestUTF8(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, 30); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*", "*.md"))
	if len(files) != 60 {
		t.Fatalf("%d pages, want 60", len(files))
	}
	for _, f := range files {
		if data, err := os.ReadFile(f); err != nil || !utf8.Valid(data) {
			t.Errorf("%s: not UTF-8 (%v)", f, err)
		}
	}
}
