package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/hds-oze/pronote-oze/cmd/internal/corpus"
)

// benchCorpus writes the benchmark corpus with n pages per language into memory.
func benchCorpus(b *testing.B, n int) afero.Fs {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Write(dir, n); err != nil {
		b.Fatal(err)
	}
	mem := afero.NewMemMapFs()
	err := filepath.Walk(filepath.Join(dir, "content"), func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		return afero.WriteFile(mem, filepath.ToSlash(rel), data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	return mem
}

// BenchmarkBuild builds 2 × 500 corpus pages from memory into memory: the builder's own
// cost, without the disk.
func BenchmarkBuild(b *testing.B) {
	src := benchCorpus(b, 500)
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		out := afero.NewMemMapFs()
		s, err := (&Builder{Src: src, SrcDir: "content", Out: out, OutDir: "public"}).Build(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		pages += len(s.Pages)
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkRenderPage renders one corpus page with a checklist (parse, links, Markdown,
// highlighting, templates).
func BenchmarkRenderPage(b *testing.B) {
	src := benchCorpus(b, 20)
	s, errs := (&Builder{Src: src, SrcDir: "content", Out: afero.NewMemMapFs(), OutDir: "public"}).load(context.Background())
	if err := errs.err(); err != nil {
		b.Fatal(err)
	}
	p := s.bySource["fr/pages/p00010.md"]
	b.ReportAllocs()
	for b.Loop() {
		if err := s.render(p, discard{}); err != nil {
			b.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkHostilePage builds a site holding one hostile page: a 1 000-level nested list (27 s
// before pages were bounded) or 20 000 "[a](" (11 s a parse). Each is refused at its line;
// the time is the whole failed build's.
func BenchmarkHostilePage(b *testing.B) {
	var nested strings.Builder
	for i := range 1000 {
		nested.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	pages := map[string]string{
		"nested list 1000 levels": nested.String(),
		"20000 brackets":          strings.Repeat("[", 20000) + "\n",
		"20000 unclosed links":    strings.Repeat("[a](", 20000) + "\n",
	}
	for name, body := range pages {
		b.Run(name, func(b *testing.B) {
			fs := afero.NewMemMapFs()
			_ = afero.WriteFile(fs, "content/site.toml", []byte("baseURL = \"https://example.org/\"\n[languages.fr]\ntitle = \"Essai\"\n[languages.en]\ntitle = \"Test\"\n"), 0o644)
			for _, l := range []string{"fr", "en"} {
				_ = afero.WriteFile(fs, "content/"+l+"/index.md", []byte("+++\ntitle = \"x\"\n+++\nx\n"), 0o644)
			}
			_ = afero.WriteFile(fs, "content/fr/hostile.md", []byte("+++\ntitle = \"x\"\n+++\n"+body), 0o644)
			_ = afero.WriteFile(fs, "content/en/hostile.md", []byte("+++\ntitle = \"x\"\n+++\nx\n"), 0o644)
			for b.Loop() {
				_, err := (&Builder{Src: fs, SrcDir: "content", Out: afero.NewMemMapFs(), OutDir: "public"}).Build(context.Background())
				if err == nil || !strings.Contains(err.Error(), "content/fr/hostile.md:") {
					b.Fatalf("Build() = %v, want the hostile page refused at its line", err)
				}
			}
		})
	}
}

// BenchmarkLiveUpdate edits one page of a served site of 2 × 500 corpus pages and updates it,
// as "sitegen serve" does on a save: copy of the site model, the page and its translation
// rendered, the files made from the whole site (stylesheet, root, search indexes, sitemap)
// made again and compared with the served ones.
func BenchmarkLiveUpdate(b *testing.B) {
	src := benchCorpus(b, 500)
	lv, _, err := (&Builder{Src: src, SrcDir: "content", Out: afero.NewMemMapFs(), OutDir: "public"}).BuildLive(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	editLoop(b, src, func() {
		up, err := lv.Update(context.Background(), []string{editedPage})
		if err != nil || len(up.Rendered) != 2 {
			b.Fatalf("Update() = %v, %v; want the page and its translation", up, err)
		}
	})
}

// editedPage is the page the edit benchmarks change, relative to the content folder.
const editedPage = "fr/pages/p00010.md"

// editLoop edits editedPage of the corpus in src, a new line each time, and runs rebuild
// after each edit: the body of an edit benchmark.
func editLoop(b *testing.B, src afero.Fs, rebuild func()) {
	b.Helper()
	page := "content/" + editedPage
	orig, err := afero.ReadFile(src, page)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if err := afero.WriteFile(src, page, fmt.Appendf(bytes.Clone(orig), "\nEdit %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		rebuild()
	}
}

// BenchmarkIncrementalBuild rebuilds 2 × 500 corpus pages onto the disk after a one-page edit,
// with the state of the previous build, as "sitegen build" does a second time: all but one
// page taken from the previous site.
func BenchmarkIncrementalBuild(b *testing.B) {
	src := benchCorpus(b, 500)
	dir := b.TempDir()
	bl := &Builder{Src: src, SrcDir: "content", Out: afero.NewOsFs(), OutDir: filepath.Join(dir, "public"), StateDir: filepath.Join(dir, "state")}
	if _, err := bl.Build(context.Background()); err != nil {
		b.Fatal(err)
	}
	editLoop(b, src, func() {
		s, err := bl.Build(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if s.Reused != len(s.Pages)-1 {
			b.Fatalf("Build() took %d of %d pages from the previous build, want all but one", s.Reused, len(s.Pages))
		}
	})
}

// BenchmarkSiteKey sums what a page's rendering reads besides its source, for 2 × 500 corpus
// pages: what every incremental build does before it takes a page.
func BenchmarkSiteKey(b *testing.B) {
	src := benchCorpus(b, 500)
	s, errs := (&Builder{Src: src, SrcDir: "content", Out: afero.NewMemMapFs(), OutDir: "public"}).load(context.Background())
	if err := errs.err(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.siteKey(); err != nil {
			b.Fatal(err)
		}
	}
}
