//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hds-oze/pronote-oze/cmd/internal/corpus"
)

// compareLayers measures the warm rebuild after a one-page edit with the kept site
// (public.prev-build, made into the next staging folder) and with the plain path
// (-keep-previous=false: a fresh staging folder, the unchanged pages hard-linked from the
// published site, the replaced site removed), in alternating runs on the same corpus. Each
// layer builds into its own folder with its own cache, and is brought to its steady state
// first (a cold build, then a warm one, which leaves the kept site the next one makes its
// staging folder from).
func compareLayers(sizesFlag string, runs int, outFile, work string) error {
	if work == "" {
		dir, err := os.MkdirTemp("", "sitegen-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		work = dir
	}
	sitegen := filepath.Join(work, "bin", "sitegen")
	if out, err := exec.Command("go", "build", "-o", sitegen, "./cmd/sitegen").CombinedOutput(); err != nil {
		return fmt.Errorf("build sitegen: %v\n%s", err, out)
	}
	var table []string
	say := func(format string, args ...any) {
		line := fmt.Sprintf(format, args...)
		fmt.Println(line)
		table = append(table, line)
	}
	say("# Warm rebuild after a one-page edit: kept site beside plain path, %s", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	say("")
	layers := []struct{ name, flag string }{{"kept site", "-keep-previous=true"}, {"plain path", "-keep-previous=false"}}
	for _, f := range strings.Split(sizesFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return err
		}
		dir := filepath.Join(work, fmt.Sprintf("corpus-%d", n))
		if err := corpus.Write(dir, n); err != nil {
			return err
		}
		edited := filepath.Join(dir, "content", "fr", "pages", "p00007.md")
		edits := 0
		buildArgs := func(i int) []string {
			return []string{"build", layers[i].flag, "-downloads=false", "-browser-checker=false", "-src", "content",
				"-out", fmt.Sprintf("public-%d", i), "-cache-dir", filepath.Join(work, fmt.Sprintf("cache-%d-%d", n, i))}
		}
		build := func(i int) (sample, error) {
			edits++
			if err := appendLine(edited, fmt.Sprintf("Edit %d of the benchmark.", edits)); err != nil {
				return sample{}, err
			}
			return measure(dir, sitegen, buildArgs(i)...)
		}
		for i := range layers {
			for range 2 { // cold, then warm: the steady state
				if _, err := build(i); err != nil {
					return err
				}
			}
		}
		loadBefore := loadAvg()
		samples := make([][]sample, len(layers))
		for r := range runs {
			for k := range layers {
				i := (r + k) % len(layers) // each layer first in every other run
				s, err := build(i)
				if err != nil {
					return err
				}
				samples[i] = append(samples[i], s)
			}
		}
		say("2 × %d pages, %d alternating runs. Load average (1, 5, 15 min) before: %s; after: %s.", n, runs, loadBefore, loadAvg())
		say("")
		say("| 2 × %d | wall (min–max) | user+sys CPU | peak RSS (min–max) |", n)
		say("|---|---|---|---|")
		st := make([]stats, len(layers))
		for i, l := range layers {
			st[i] = summarize(samples[i])
			say("%s", row("warm rebuild, "+l.name, st[i]))
		}
		say("")
		say("Kept site / plain path (medians): wall %.2f, CPU %.2f. What each said: %s; %s.", st[0].med.wall.Seconds()/st[1].med.wall.Seconds(),
			st[0].med.cpu.Seconds()/st[1].med.cpu.Seconds(), reusedLines(samples[0]), reusedLines(samples[1]))
		say("")
	}
	return os.WriteFile(outFile, []byte(strings.Join(table, "\n")+"\n"), 0o644)
}
