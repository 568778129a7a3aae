package site

import (
	"context"
	"os"
	"path/filepath"
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
