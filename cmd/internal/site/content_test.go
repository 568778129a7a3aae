package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/theme"
)

// TestContent builds the project's real content/ in memory: it must build without error, hold
// the same pages in both languages, and show every item of every checklist, with its
// checkbox, on its checklist's page in French and in English.
func TestContent(t *testing.T) {
	src := afero.NewReadOnlyFs(afero.NewOsFs())
	out := afero.NewMemMapFs()
	b := &Builder{Src: src, SrcDir: "../../../content", Out: out, OutDir: "public"}
	s, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fr/", "en/", "fr/changement-d-ent/", "en/changing-ent/", "fr/mode-heberge/", "en/hosted-mode/", "fr/mode-non-heberge/", "en/on-premises-mode/", "fr/verifier/", "en/check-your-setup/"} {
		if ok, _ := afero.Exists(out, "public/"+want+"index.html"); !ok {
			t.Errorf("no page public/%sindex.html", want)
		}
	}
	for _, cl := range s.Catalog.Checklists {
		for _, lang := range checks.Langs() {
			p := s.ChecklistPage(cl.ID, lang)
			if p == nil {
				t.Errorf("checklist %s has no page in %s", cl.ID, lang)
				continue
			}
			html := read(t, out, "public/"+p.URL+"index.html")
			for i, it := range cl.Items() {
				if !strings.Contains(html, `<li class="cl-item" id="`+it.ID+`"`) || !strings.Contains(html, `<li class="cl-item" id="`+it.ID+`">
<label><input type="checkbox">`) {
					t.Errorf("%s: step %s missing", p.File, it.ID)
				}
				// One numbering across the sections, as the PDF counts (pdf.TestText).
				if want := fmt.Sprintf("<b>%d. %s", i+1, htmlEscape(it.Title.In(lang))); !strings.Contains(html, want) {
					t.Errorf("%s: step %s is not numbered %d: no %q", p.File, it.ID, i+1, want)
				}
			}
		}
	}
	// Every page says when it last changed, from its source.
	for _, p := range s.Pages {
		if p.FM.Updated.IsZero() {
			t.Errorf("%s: no updated = YYYY-MM-DD in the front matter", p.File)
		}
	}
	// Search finds a step by a word typed without its accents, and by its ID.
	idx := read(t, out, "public/search/fr.json")
	var entries []searchEntry
	if err := json.Unmarshal([]byte(idx), &entries); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, e := range entries {
		if e.ID != "" && strings.Contains(e.Folded, "eleves") {
			found["eleves"] = true
		}
		if e.ID == "net.cas-url" && strings.Contains(e.URL, "#net.cas-url") {
			found["id"] = true
		}
	}
	if !found["eleves"] || !found["id"] {
		t.Errorf("search index: step with « Élèves » found %v, net.cas-url found %v", found["eleves"], found["id"])
	}
}

// TestFrenchTitlesTypeset reads every French page of the real content and checks the strings
// the templates write outside the Markdown body — <title>, the site name, the navigation,
// the headings — carry French typography: no ordinary space before « : ; ! ? », none inside
// « ». Each title with a colon shows the narrow no-break space.
func TestFrenchTitlesTypeset(t *testing.T) {
	out := afero.NewMemMapFs()
	b := &Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: "../../../content", Out: out, OutDir: "public"}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	parts := regexp.MustCompile(`(?s)<title>(.*?)</title>|<h[1-3][^>]*>(.*?)</h[1-3]>|<a class="brand"[^>]*>(.*?)</a>|<nav.*?</nav>`)
	bad := regexp.MustCompile(`[^\s] [:;!?]|« | »`)
	colons := 0
	err := afero.Walk(out, "public/fr", func(path string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(path, ".html") {
			return err
		}
		html := read(t, out, path)
		for _, m := range parts.FindAllString(html, -1) {
			if bad.MatchString(m) {
				t.Errorf("%s: %q: ordinary space where French wants a no-break one", path, m)
			}
			colons += strings.Count(m, checks.NarrowNBSP+":")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if colons == 0 {
		t.Error("no French title with a narrow no-break space before « : »: the test reads nothing")
	}
}

// TestBrowserCheckerPage builds the real content with and without the browser checker: with
// it, the check pages hold the drop zone and are the only pages whose CSP allows WebAssembly,
// and the .wasm and wasm_exec.js are published; without it, the check pages say it is not
// built and nothing of it is published.
func TestBrowserCheckerPage(t *testing.T) {
	checkPages := map[string]bool{"public/fr/verifier/index.html": true, "public/en/check-your-setup/index.html": true}
	for _, built := range []bool{true, false} {
		out := afero.NewMemMapFs()
		b := &Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: "../../../content", Out: out, OutDir: "public"}
		if built {
			b.BrowserChecker = func(context.Context, *Config) (*BrowserChecker, error) {
				return &BrowserChecker{Wasm: []byte("\x00asm\x01\x00\x00\x00"), WasmExec: []byte("// glue\n"), Version: "t"}, nil
			}
		}
		if _, err := b.Build(context.Background()); err != nil {
			t.Fatal(err)
		}
		pages := 0
		err := afero.Walk(out, "public", func(p string, info os.FileInfo, err error) error {
			if err != nil || !strings.HasSuffix(p, ".html") {
				return err
			}
			pages++
			html := read(t, out, p)
			wasmCSP := strings.Contains(html, "wasm-unsafe-eval")
			switch {
			case checkPages[p] && !wasmCSP:
				t.Errorf("%s: the check page's CSP does not allow WebAssembly", p)
			case !checkPages[p] && wasmCSP:
				t.Errorf("%s: only the check page may allow WebAssembly", p)
			case !checkPages[p] && strings.Contains(html, "check.js"):
				t.Errorf("%s loads the checker's script", p)
			}
			if checkPages[p] {
				lang := checks.FR
				if strings.Contains(p, "/en/") {
					lang = checks.EN
				}
				notBuilt := htmlEscape(theme.Words()["wcNotBuilt"].In(lang))
				if built && (!strings.Contains(html, `<div class="webcheck" id="webcheck"`) || strings.Contains(html, notBuilt)) {
					t.Errorf("%s: no drop zone", p)
				}
				if !built && (strings.Contains(html, `class="webcheck"`) || !strings.Contains(html, notBuilt)) {
					t.Errorf("%s: does not say the browser checker is not built", p)
				}
				if !strings.Contains(html, `<div class="wc-info" hidden`) {
					t.Errorf("%s: no InfoMobileApp.json address helper", p)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if pages < 10 {
			t.Errorf("%d pages", pages)
		}
		for _, f := range []string{"public/assets/ozecheck.wasm.gz", "public/assets/wasm_exec.js"} {
			if ok, _ := afero.Exists(out, f); ok != built {
				t.Errorf("built %v: %s exists %v", built, f, ok)
			}
		}
		if built { // the .wasm is published compressed only, and decompresses to itself
			gz, err := afero.ReadFile(out, "public/assets/ozecheck.wasm.gz")
			if err != nil {
				t.Fatal(err)
			}
			zr, err := gzip.NewReader(bytes.NewReader(gz))
			if err != nil {
				t.Fatal(err)
			}
			if wasm, err := io.ReadAll(zr); err != nil || string(wasm) != "\x00asm\x01\x00\x00\x00" {
				t.Errorf("ozecheck.wasm.gz decompresses to %q, %v", wasm, err)
			}
			if ok, _ := afero.Exists(out, "public/assets/ozecheck.wasm"); ok {
				t.Error("the uncompressed .wasm is published too")
			}
		}
	}
}

// TestSupportContact builds the real content twice: as it is (no contact in site.toml: the
// help and check pages tell where to find the ENT support) and with a contact added (they show it,
// and no longer the fallback).
func TestSupportContact(t *testing.T) {
	build := func(t *testing.T, toml string) afero.Fs {
		src := afero.NewCopyOnWriteFs(afero.NewReadOnlyFs(afero.NewOsFs()), afero.NewMemMapFs())
		if toml != "" {
			old, err := afero.ReadFile(src, "../../../content/site.toml")
			if err != nil {
				t.Fatal(err)
			}
			i := strings.Index(string(old), "[support]")
			if i < 0 {
				t.Fatal("content/site.toml has no [support] table")
			}
			if err := afero.WriteFile(src, "../../../content/site.toml", []byte(string(old[:i])+toml), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out := afero.NewMemMapFs()
		b := &Builder{Src: src, SrcDir: "../../../content", Out: out, OutDir: "public"}
		if _, err := b.Build(context.Background()); err != nil {
			t.Fatal(err)
		}
		return out
	}
	pages := []string{"public/fr/si-ca-ne-marche-pas/index.html", "public/en/if-it-does-not-work/index.html", "public/fr/verifier/index.html", "public/en/check-your-setup/index.html"}
	out := build(t, "")
	for i, p := range pages {
		want := []string{"assistance de votre ENT, celle à qui vous demandez de", "support, the one you ask for help with users"}[i%2]
		if html := read(t, out, p); !strings.Contains(html, want) {
			t.Errorf("no contact set: %s lacks %q", p, want)
		}
	}
	out = build(t, "[support]\nname = \"Assistance ENT : collèges\"\naddress = \"2 rue X, Nanterre\"\nemail = \"ent@example.org\"\n")
	for _, p := range pages {
		html := read(t, out, p)
		for _, want := range []string{"Assistance ENT", "2 rue X, Nanterre", `<a href="mailto:ent@example.org">ent@example.org</a>`} {
			if !strings.Contains(html, want) {
				t.Errorf("contact set: %s lacks %q", p, want)
			}
		}
		if strings.Contains(html, "celle à qui vous demandez") || strings.Contains(html, "the one you ask for help") {
			t.Errorf("contact set: %s still shows the fallback", p)
		}
	}
}

// TestOnPremShowsNoHostedValue: the on-premises pages and PDFs never show a value that only a
// hosted PRONOTE has (its index-education.net address, the UAI-based host), while the hosted
// pages do show it as the expected « URL à communiquer au socle ENT ».
func TestOnPremShowsNoHostedValue(t *testing.T) {
	out := afero.NewMemMapFs()
	b := &Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: "../../../content", Out: out, OutDir: "public"}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	tags := regexp.MustCompile(`<[^>]*>`)
	hostedOnly := []string{"index-education.net", "&lt;UAI&gt;"}
	for _, p := range []string{"public/fr/mode-non-heberge/index.html", "public/en/on-premises-mode/index.html"} {
		html := tags.ReplaceAllString(read(t, out, p), "")
		for _, v := range hostedOnly {
			if strings.Contains(html, v) {
				t.Errorf("%s shows the hosted-only %q", p, v)
			}
		}
		if !strings.Contains(html, "PRONOTE.net&gt;/pronote/") && !strings.Contains(html, "address&gt;/pronote/") {
			t.Errorf("%s: no expected PRONOTE address for the on-premises mode", p)
		}
	}
	for _, p := range []string{"public/fr/mode-heberge/index.html", "public/en/hosted-mode/index.html"} {
		if html := tags.ReplaceAllString(read(t, out, p), ""); !strings.Contains(html, "https://&lt;UAI&gt;.index-education.net/pronote/") {
			t.Errorf("%s lacks the hosted address as the expected value", p)
		}
	}
}

// TestContentFitsWithDownloads builds the real content as `make site` does, with the browser
// checker and a download for every platform (each with its own SHA-256, which does not
// compress, and a version as long as a dirty checkout's): every page's first view must still
// fit the budget. The other tests build without downloads, and the check pages, which list
// them, are the heaviest of the site.
func TestContentFitsWithDownloads(t *testing.T) {
	data := make([]byte, 9_600_000) // about the size of a build of ozecheck
	b := &Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: "../../../content", Out: afero.NewMemMapFs(), OutDir: "public",
		BrowserChecker: func(context.Context, *Config) (*BrowserChecker, error) {
			return &BrowserChecker{Wasm: []byte("\x00asm\x01\x00\x00\x00"), WasmExec: []byte("// glue\n"), Version: "0123abc-dirty"}, nil
		},
		Downloads: func(context.Context, *Config) ([]Download, error) {
			var ds []Download
			for _, p := range Platforms() {
				sum := sha256.Sum256([]byte(p.OS + p.Arch))
				name := "ozecheck-" + p.OS + "-" + p.Arch
				if p.OS == "windows" {
					name += ".exe"
				}
				ds = append(ds, Download{OS: p.OS, Arch: p.Arch, Name: name, Version: "0123abc-dirty", Data: data, SHA256: hex.EncodeToString(sum[:])})
			}
			return ds, nil
		}}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
}
