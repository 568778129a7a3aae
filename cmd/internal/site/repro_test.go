package site

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"

	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
)

// tree returns every file under dir in fsys, by path relative to dir.
func tree(t *testing.T, fsys afero.Fs, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := afero.Walk(fsys, dir, func(p string, info fs.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if info.Mode()&fs.ModeSymlink != 0 { // a link, not what it leads to
			target, err := os.Readlink(p)
			files[filepath.ToSlash(rel)] = []byte("symbolic link to " + target)
			return err
		}
		data, err := afero.ReadFile(fsys, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameTree reports every file that differs between two builds.
func sameTree(t *testing.T, what string, want, got map[string][]byte) {
	t.Helper()
	var names []string
	for n := range want {
		names = append(names, n)
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		w, inW := want[n]
		g, inG := got[n]
		switch {
		case !inW:
			t.Errorf("%s: extra file %s", what, n)
		case !inG:
			t.Errorf("%s: no file %s", what, n)
		case !bytes.Equal(w, g):
			t.Errorf("%s: %s differs (%d and %d bytes)", what, n, len(w), len(g))
		}
	}
}

// TestReproducible builds the project's content twice, a second apart: every byte of the
// site, PDFs included, must be the same, and the PDFs must carry the sources' date.
func TestReproducible(t *testing.T) {
	date, err := SourceDate("1700000000")
	if err != nil {
		t.Fatal(err)
	}
	build := func() map[string][]byte {
		out := afero.NewMemMapFs()
		b := &Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: "../../../content", Out: out, OutDir: "public", Date: date}
		if _, err := b.Build(context.Background()); err != nil {
			t.Fatal(err)
		}
		return tree(t, out, "public")
	}
	first := build()
	time.Sleep(1100 * time.Millisecond) // PDF dates count seconds
	second := build()
	sameTree(t, "second build", first, second)
	pdfs := 0
	for name, data := range first {
		if strings.HasSuffix(name, ".pdf") {
			pdfs++
			if !bytes.Contains(data, []byte("/CreationDate (D:20231114221320)")) {
				t.Errorf("%s does not carry the date of SOURCE_DATE_EPOCH", name)
			}
		}
	}
	if pdfs == 0 {
		t.Error("the content gave no PDF")
	}
}

func TestSourceDate(t *testing.T) {
	for _, tc := range []struct {
		epoch   string
		want    time.Time
		wantErr bool
	}{
		{"", time.Time{}, false},
		{"0", time.Unix(0, 0).UTC(), false},
		{"1700000000", time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC), false},
		{"-5", time.Time{}, true},
		{"yesterday", time.Time{}, true},
	} {
		got, err := SourceDate(tc.epoch)
		if (err != nil) != tc.wantErr || !got.Equal(tc.want) {
			t.Errorf("SourceDate(%q) = %v, %v; want %v, error %v", tc.epoch, got, err, tc.want, tc.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
			t.Errorf("SourceDate(%q): the error does not name the variable: %v", tc.epoch, err)
		}
	}
}

// TestCacheSameBytes builds a site whose code blocks repeat across languages without a cache,
// then with one in memory, cold and warm on disk, and after corrupting every entry: the site
// must be the same, byte for byte.
func TestCacheSameBytes(t *testing.T) {
	src := fsFrom(t, parseTxtar(t, "testdata/site/basic.txtar"))
	code := "\n```bash\necho \"même code\" && exit 1\n```\n\n```ini\nkey = \"value\" ; note\n```\n"
	for _, page := range []string{"content/fr/index.md", "content/en/index.md"} {
		data, err := afero.ReadFile(src, page)
		if err != nil {
			t.Fatal(err)
		}
		if err := afero.WriteFile(src, page, append(data, code...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := func(c *markdown.Cache) map[string][]byte {
		out := afero.NewMemMapFs()
		b := &Builder{Src: src, SrcDir: "content", Out: out, OutDir: "public", Cache: c}
		if _, err := b.Build(context.Background()); err != nil {
			t.Fatal(err)
		}
		return tree(t, out, "public")
	}
	want := build(nil)
	dir := t.TempDir()
	disk := func() *markdown.Cache { return markdown.NewCacheVersion(dir, 0, "chroma under test") }
	corrupt := func() {
		entries, _ := filepath.Glob(filepath.Join(dir, "*.pack"))
		if len(entries) == 0 {
			t.Fatal("no cache pack to corrupt")
		}
		for _, e := range entries {
			data, err := os.ReadFile(e)
			if err != nil {
				t.Fatal(err)
			}
			data = bytes.Replace(data, []byte("exit"), []byte("EXIT"), 1) // a bash entry
			data = bytes.Replace(data, []byte("value"), []byte("VALUE"), 1)
			if err := os.WriteFile(e, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range []struct {
		name        string
		before      func()
		cache       func() *markdown.Cache
		highlighted int64
	}{
		{"memory only", func() {}, func() *markdown.Cache { return markdown.NewCacheVersion("", 0, "chroma under test") }, -1},
		{"cold disk cache", func() {}, disk, -1},
		{"warm disk cache", func() {}, disk, 0},
		{"corrupted entries", corrupt, disk, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.before()
			c := tc.cache()
			sameTree(t, tc.name, want, build(c))
			st := c.Stats()
			if st.Blocks == 0 || st.Highlighted+st.DiskHits >= st.Blocks {
				t.Errorf("stats %+v: the blocks repeated in both languages were not highlighted once", st)
			}
			if tc.highlighted >= 0 && st.Highlighted != tc.highlighted {
				t.Errorf("stats %+v: want %d blocks highlighted", st, tc.highlighted)
			}
			if tc.highlighted < 0 && st.Highlighted == 0 {
				t.Errorf("stats %+v: nothing highlighted", st)
			}
		})
	}
}

// TestParseOnce builds a site and counts the Markdown parses: one per page and one for the
// root. Pages without a
// slug that show a checklist are parsed for their URL first (their checklist's slug), and not
// again when they render.
func TestParseOnce(t *testing.T) {
	fs := fsFrom(t, parseTxtar(t, "testdata/site/basic.txtar"))
	s, err := (&Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public"}).build(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	// One more for the site root, which serves the default language's home page rendered at
	// another path (its links lead from there).
	if n := s.parses.Load(); n != int64(len(s.Pages))+1 {
		t.Errorf("%d parses for %d pages and the root, want one each", n, len(s.Pages))
	}
	// The links were still checked: a broken anchor on a page rendered before its target is
	// found once every page is scanned.
	page := "content/en/index.md"
	data, err := afero.ReadFile(fs, page)
	if err != nil {
		t.Fatal(err)
	}
	if err := afero.WriteFile(fs, page, append(data, "\n[gone](purge.md#no-such-step)\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = (&Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public"}).Build(context.Background())
	if err == nil || !strings.Contains(err.Error(), "has no anchor #no-such-step") {
		t.Errorf("broken anchor not reported: %v", err)
	}
}

// TestDownloadsListed builds the project's content with one download: the check page, rendered
// (and scanned) in the same pass as every page, lists it, and the file is published.
func TestDownloadsListed(t *testing.T) {
	out := afero.NewMemMapFs()
	d := Download{OS: "linux", Arch: "amd64", Name: "ozecheck-linux-amd64", Version: "v9", Data: []byte("binary"), SHA256: "abc123"}
	b := &Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: "../../../content", Out: out, OutDir: "public",
		Downloads: func(context.Context, *Config) ([]Download, error) { return []Download{d}, nil }}
	s, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	listed := 0
	for _, p := range s.Pages {
		if html := read(t, out, "public/"+p.URL+"index.html"); strings.Contains(html, d.Name) && strings.Contains(html, d.SHA256) {
			listed++
		}
	}
	if listed != 2 {
		t.Errorf("%d pages list the download, want the check page in each language", listed)
	}
	if got := read(t, out, "public/downloads/"+d.Name); got != "binary" {
		t.Errorf("download published as %q", got)
	}
}
