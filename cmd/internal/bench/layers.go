//go:build unix

package main

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/hds-oze/pronote-oze/cmd/internal/corpus"
)

// layers measures the warm rebuild after a one-page edit with the kept site
// (public.prev-build, made into the next staging folder) and with the plain path
// (-keep-previous=false: a fresh staging folder, the unchanged pages hard-linked from the
// published site, the replaced site removed), in runs alternating runs on corpora of sizes
// pages per language. Each way builds into its own folder with its own cache, and is brought
// to its steady state first (a cold build, then a warm one, which leaves the kept site the
// next one makes its staging folder from).
type layers struct {
	sizes []int
	runs  int
}

// layerWays are the two ways layers compares, each a flag of sitegen build.
var layerWays = []struct{ name, flag string }{{"kept site", "-keep-previous=true"}, {"plain path", "-keep-previous=false"}}

func (l layers) run(e *env) error {
	e.say("# Warm rebuild after a one-page edit: kept site beside plain path, %s", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	e.say("")
	for _, n := range l.sizes {
		dir := filepath.Join(e.work, fmt.Sprintf("corpus-%d", n))
		if err := corpus.Write(dir, n); err != nil {
			return err
		}
		if err := l.size(e, n, dir); err != nil {
			return err
		}
	}
	return nil
}

// size measures at the corpus of n pages per language in dir.
func (l layers) size(e *env, n int, dir string) error {
	sitegen, err := e.tool("sitegen")
	if err != nil {
		return err
	}
	edits := 0
	build := func(i int) (sample, error) { // an edit, then a build the way layerWays[i] says
		edits++
		if err := appendLine(filepath.Join(dir, "content", "fr", "pages", "p00007.md"), fmt.Sprintf("Edit %d of the benchmark.", edits)); err != nil {
			return sample{}, err
		}
		return measure(dir, sitegen, "build", layerWays[i].flag, "-downloads=false", "-browser-checker=false", "-src", "content",
			"-out", fmt.Sprintf("public-%d", i), "-cache-dir", filepath.Join(e.work, fmt.Sprintf("cache-%d-%d", n, i)))
	}
	for i := range layerWays {
		for range 2 { // cold, then warm: the steady state
			if _, err := build(i); err != nil {
				return err
			}
		}
	}
	loadBefore := loadAvg()
	samples := make([][]sample, len(layerWays))
	for r := range l.runs {
		for k := range layerWays {
			i := (r + k) % len(layerWays) // each way first in every other run
			s, err := build(i)
			if err != nil {
				return err
			}
			samples[i] = append(samples[i], s)
		}
	}
	e.say("2 × %d pages, %d alternating runs. Load average (1, 5, 15 min) before: %s; after: %s.", n, l.runs, loadBefore, loadAvg())
	e.say("")
	e.say("| 2 × %d | wall (min–max) | user+sys CPU | peak RSS (min–max) |", n)
	e.say("|---|---|---|---|")
	st := make([]stats, len(layerWays))
	for i, w := range layerWays {
		st[i] = summarize(samples[i])
		e.say("%s", row("warm rebuild, "+w.name, st[i]))
	}
	e.say("")
	e.say("Kept site / plain path (medians): wall %.2f, CPU %.2f. What each said: %s; %s.", st[0].med.wall.Seconds()/st[1].med.wall.Seconds(),
		st[0].med.cpu.Seconds()/st[1].med.cpu.Seconds(), reusedLines(samples[0]), reusedLines(samples[1]))
	e.say("")
	return nil
}
