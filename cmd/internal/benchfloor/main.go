// Command benchfloor measures the floor of a build for the benchmark: what goldmark and
// chroma alone cost on a corpus, with none of sitegen's work (no templates, links, checklists,
// navigation or budget). It renders every Markdown page of content/fr and content/en with
// goldmark (tables, strikethrough, task lists) and chroma (the highlighter sitegen uses), on
// every core, and writes the HTML bodies under -out. With -highlight-only it runs chroma on
// the fenced code blocks alone and writes nothing: the share of the build no Markdown or
// template work can remove. With -sha256 FILE it hashes FILE as the checker does for its
// report (crypto/sha256, 1 MiB reads): the floor of reading an export. With -decode-reports
// FOLDER it reads and JSON-decodes every report under FOLDER into report.Doc on every core: the
// floor of "ozecheck summary" on the same files.
//
//	go run ./cmd/internal/benchfloor -src corpus/content -out /tmp/floor
package main

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
)

func main() {
	src := flag.String("src", "content", "content `folder` with fr/ and en/")
	out := flag.String("out", "floor-public", "output `folder`")
	hlOnly := flag.Bool("highlight-only", false, "only highlight the fenced code blocks; write nothing")
	sum := flag.String("sha256", "", "only hash this `file` with SHA-256")
	decode := flag.String("decode-reports", "", "only read and JSON-decode every .json report under this `folder`")
	flag.Parse()
	var err error
	switch {
	case *decode != "":
		err = decodeReports(*decode)
	case *sum != "":
		err = hash(*sum)
	default:
		err = run(*src, *out, *hlOnly)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchfloor:", err)
		os.Exit(1)
	}
}

func hash(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.CopyBuffer(h, f, make([]byte, 1<<20)); err != nil {
		return err
	}
	fmt.Printf("%x  %s\n", h.Sum(nil), name)
	return nil
}

func run(src, out string, hlOnly bool) error {
	var files []string
	for _, l := range checks.Langs() {
		err := filepath.WalkDir(filepath.Join(src, string(l)), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			return err
		}
	}
	// The English setup of sitegen's goldmark: tables, strikethrough, task lists, heading
	// IDs and the chroma highlighter, without the French typography.
	md := markdown.New(checks.EN, markdown.NewHighlighter())
	next := make(chan string)
	errc := make(chan error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for p := range next {
				if err := render(md, p, src, out, hlOnly, &buf); err != nil {
					errc <- fmt.Errorf("%s: %w", p, err)
					for range next { // drain
					}
					return
				}
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return err
	}
	fmt.Printf("%d pages\n", len(files))
	return nil
}

func render(md goldmark.Markdown, p, src, out string, hlOnly bool, buf *bytes.Buffer) error {
	raw, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	body := raw
	if bytes.HasPrefix(raw, []byte("+++\n")) { // TOML front matter
		if end := bytes.Index(raw[4:], []byte("\n+++\n")); end >= 0 {
			body = raw[4+end+5:]
		}
	}
	buf.Reset()
	if hlOnly {
		var blocks []ast.Node
		doc := md.Parser().Parse(text.NewReader(body))
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if _, ok := n.(*ast.FencedCodeBlock); ok && entering {
				blocks = append(blocks, n)
			}
			return ast.WalkContinue, nil
		})
		// Render each block in a document of its own: the renderer's function for fenced
		// code is the highlighter, so this is chroma's work alone.
		for _, n := range blocks {
			n.Parent().RemoveChild(n.Parent(), n)
			one := ast.NewDocument()
			one.AppendChild(one, n)
			if err := md.Renderer().Render(io.Discard, body, one); err != nil {
				return err
			}
		}
		return nil
	}
	if err := md.Convert(body, buf); err != nil {
		return err
	}
	rel, err := filepath.Rel(src, p)
	if err != nil {
		return err
	}
	dst := filepath.Join(out, strings.TrimSuffix(rel, ".md")+".html")
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, buf.Bytes(), 0o644)
}
