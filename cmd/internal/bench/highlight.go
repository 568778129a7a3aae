//go:build unix

package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
)

// hostileCode (bench -only highlight) builds, with sitegen, sites of one page of code made to
// cost the highlighter the most, and reports the time and peak RSS of each build as GNU time -v measures them,
// with the note sitegen prints: a yaml line of 32 KB, which chroma's time grows with the
// square of (or faster) and which sitegen shows as plain text past markdown.MaxHighlightLine,
// and the costliest pages within the limits (lines as long as markdown.MaxHighlightLine
// allows, or of 80 columns, as many as markdown.MaxHighlightCost allows, in the lexers and on
// the characters found slowest).
type hostileCode struct{}

func (hostileCode) run(e *env) error {
	sitegen, err := e.tool("sitegen")
	if err != nil {
		return err
	}
	e.say("")
	e.say("## sitegen on hostile code blocks (one page; wall and peak RSS from /usr/bin/time -v)")
	e.say("")
	e.say("| page | exit status | wall | CPU (user + system) | peak RSS | what sitegen said |")
	e.say("|---|---|---|---|---|---|")
	for _, c := range hostileCodePages() {
		dir := filepath.Join(e.work, "hostile-code")
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		if err := writeCodeSite(dir, c.lang, c.code); err != nil {
			return err
		}
		cmd := exec.Command("/usr/bin/time", "-v", sitegen, "build", "-downloads=false", "-browser-checker=false", "-no-cache", "-src", "content", "-out", "public")
		cmd.Dir = dir
		var stderr strings.Builder
		cmd.Stdout, cmd.Stderr = io.Discard, &stderr
		t0 := time.Now()
		err := cmd.Run()
		wall := time.Since(t0)
		if cmd.ProcessState == nil {
			return fmt.Errorf("/usr/bin/time -v (Debian package time): %v", err)
		}
		var rss int64 = -1
		var cpu float64
		said := "nothing"
		for _, l := range strings.Split(stderr.String(), "\n") {
			l := strings.TrimSpace(l)
			if v, ok := strings.CutPrefix(l, "Maximum resident set size (kbytes): "); ok {
				rss, _ = strconv.ParseInt(v, 10, 64)
			} else if v, ok := cutTime(l); ok {
				cpu += v
			} else if strings.HasPrefix(l, "content/") || strings.HasPrefix(l, "sitegen: note: ") {
				said = strings.ReplaceAll(strings.TrimPrefix(l, "sitegen: note: "), "|", "\\|")
			}
		}
		if rss < 0 {
			return fmt.Errorf("no peak RSS in the output of /usr/bin/time -v:\n%s", stderr.String())
		}
		e.say("| %s | %d | %.2f s | %.2f s | %s | %s |", c.name, cmd.ProcessState.ExitCode(), wall.Seconds(), cpu, mb(rss), said)
	}
	return nil
}

// cutTime returns the seconds of a line of GNU time -v giving user or system time.
func cutTime(line string) (float64, bool) {
	for _, p := range []string{"User time (seconds): ", "System time (seconds): "} {
		if v, ok := strings.CutPrefix(line, p); ok {
			f, err := strconv.ParseFloat(v, 64)
			return f, err == nil
		}
	}
	return 0, false
}

// codePage is a page of one code block.
type codePage struct {
	name, lang, code string
}

// hostileCodePages are the pages hostileCode builds.
func hostileCodePages() []codePage {
	lines := func(unit string, n int) string { // lines of n bytes, as many as a page may cost
		line := strings.Repeat(unit, n/len(unit))
		return strings.Repeat(line+"\n", markdown.MaxHighlightCost/(len(line)*(len(line)+64)))
	}
	return []codePage{
		{"yaml, one line of 32 KB: `? ? ? …`", "yaml", strings.Repeat("? ", 16<<10) + "\n"},
		{"yaml, `? ? ? …` in lines of 512 bytes (markdown.MaxHighlightLine), to markdown.MaxHighlightCost", "yaml", lines("? ", markdown.MaxHighlightLine)},
		{"yaml, `? ? ? …` in lines of 16 bytes, to markdown.MaxHighlightCost", "yaml", lines("? ", 16)},
		{"objectpascal, `111…` in lines of 512 bytes, to markdown.MaxHighlightCost (the slowest lexer within the limits)", "objectpascal", lines("1", markdown.MaxHighlightLine)},
		{"lilypond, one line of 1 KB: `0x0x0x…` (not highlighted: markdown's slowLexers)", "lilypond", strings.Repeat("0x", 512) + "\n"},
	}
}

// writeCodeSite writes into dir a content folder of two pages in each language, the English
// code page holding code in lang.
func writeCodeSite(dir, lang, code string) error {
	files := map[string]string{
		"site.toml":   "baseURL = \"https://example.org/\"\ndefaultLang = \"fr\"\nprofile = \"oze\"\n\n[languages.fr]\ntitle = \"Essai\"\n\n[languages.en]\ntitle = \"Test\"\n",
		"fr/index.md": "+++\ntitle = \"Accueil\"\n+++\n\nVoir le [code](code.md).\n",
		"en/index.md": "+++\ntitle = \"Home\"\n+++\n\nSee the [code](code.md).\n",
		"fr/code.md":  "+++\ntitle = \"Code\"\n+++\n\nLe code est sur la page anglaise.\n",
		"en/code.md":  "+++\ntitle = \"Code\"\n+++\n\n```" + lang + "\n" + code + "```\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, "content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}
