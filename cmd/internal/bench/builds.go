//go:build unix

package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/hds-oze/pronote-oze/cmd/internal/corpus"
)

// builds measures sitegen beside Hugo and the floors on corpora of sizes pages per language:
// in each of runs runs, a cold build (empty cache, no previous site), Hugo, the two floors,
// then a warm rebuild after a one-page edit. With deleteBefore, each tool's previous output
// is deleted just before its run instead of set aside (see setAside).
type builds struct {
	sizes        []int
	runs         int
	deleteBefore bool
}

// buildRuns are the samples of the runs at one size.
type buildRuns struct {
	cold, warm, hugo, floor, highlight []sample
	// cacheBytes and cacheFiles are what the cache folder holds after a cold build.
	cacheBytes int64
	cacheFiles int
}

func (b builds) run(e *env) error {
	e.say("")
	e.say("## Full build, N pages per language")
	e.say("")
	if b.deleteBefore {
		e.say("Each tool's previous output was deleted just before its run (-delete-before).")
	} else {
		e.say("Each tool's previous output was moved aside before its run and deleted once every run was over: no run follows a large deletion (see setAside in cmd/internal/bench).")
	}
	e.say("")
	e.say("sitegen cold: empty cache, no previous site. sitegen warm: a new process after one page was edited, with the cache the cold build before it filled (highlighted code and the build state) and the previous site in place, so that it takes the unchanged pages from it. Every ratio is taken from the same runs.")
	e.say("")
	for _, n := range b.sizes {
		dir := filepath.Join(e.work, fmt.Sprintf("corpus-%d", n))
		if err := corpus.Write(dir, n); err != nil {
			return err
		}
		e.largest = dir
		loadBefore := loadAvg()
		var runs buildRuns
		for r := range b.runs {
			if err := b.once(e, n, dir, r, &runs); err != nil {
				return err
			}
		}
		e.say("Load average (1, 5, 15 min) before: %s; after: %s.", loadBefore, loadAvg())
		e.say("")
		runs.report(e, n)
	}
	return nil
}

// once makes run r at the corpus of n pages per language in dir, adding its samples to runs.
func (b builds) once(e *env, n int, dir string, r int, runs *buildRuns) error {
	bins, err := e.tools("sitegen", "internal/benchfloor")
	if err != nil {
		return err
	}
	sitegen, floor := bins[0], bins[1]
	cache := filepath.Join(e.work, fmt.Sprintf("cache-%d", n))
	build := []string{"build", "-downloads=false", "-browser-checker=false", "-src", "content", "-out", "public", "-cache-dir", cache}
	in := func(name string) string { return filepath.Join(dir, name) }
	// setAside sets aside what a tool's previous run left: the next run would not be cold
	// with it in place.
	setAside := func(paths ...string) error {
		var errs []error
		for _, p := range paths {
			errs = append(errs, setAside(p, e.trash, b.deleteBefore))
		}
		return errors.Join(errs...)
	}
	steps := []struct {
		to      *[]sample
		aside   []string
		program string
		args    []string
	}{
		{&runs.cold, []string{in("public"), in("public.prev-build"), in("public.lock"), cache}, sitegen, build},
		{&runs.hugo, []string{in("hugo-public")}, hugo, []string{"--quiet", "-d", "hugo-public"}},
		{&runs.floor, []string{in("floor-public")}, floor, []string{"-src", "content", "-out", "floor-public"}},
		{&runs.highlight, nil, floor, []string{"-src", "content", "-highlight-only"}},
		{&runs.warm, nil, sitegen, build}, // after the edit below, with the cache filled
	}
	for i, st := range steps {
		if st.program == "" {
			continue // no Hugo
		}
		if i == len(steps)-1 {
			if err := appendLine(in("content/fr/pages/p00007.md"), fmt.Sprintf("Edit %d of the benchmark.", r+1)); err != nil {
				return err
			}
		}
		if err := setAside(st.aside...); err != nil {
			return err
		}
		s, err := measure(dir, st.program, st.args...)
		if err != nil {
			return err
		}
		*st.to = append(*st.to, s)
		if i == 0 {
			runs.cacheBytes, runs.cacheFiles = du(cache)
		}
	}
	return nil
}

// report says the figures of the runs at n pages per language, and their ratios.
func (runs *buildRuns) report(e *env, n int) {
	e.say("| 2 × %d | wall (min–max) | user+sys CPU | peak RSS (min–max) |", n)
	e.say("|---|---|---|---|")
	c, w, f, h := summarize(runs.cold), summarize(runs.warm), summarize(runs.floor), summarize(runs.highlight)
	e.say("%s", row("sitegen, cold build (empty cache)", c))
	e.say("%s", row("sitegen, warm rebuild after a one-page edit", w))
	e.say("%s", row("floor: goldmark + chroma alone", f))
	e.say("%s", row("floor: chroma alone on the code blocks", h))
	var hs stats
	if hugo != "" {
		hs = summarize(runs.hugo)
		e.say("%s", row("Hugo", hs))
	}
	ratio := func(name, target string, a, b stats, rss bool) {
		r := fmt.Sprintf("| %s | **%.2f** | %.2f |", name, a.med.wall.Seconds()/b.med.wall.Seconds(), a.med.cpu.Seconds()/b.med.cpu.Seconds())
		if rss {
			r += fmt.Sprintf(" %.3f |", float64(a.med.rss)/float64(b.med.rss))
		} else {
			r += " |"
		}
		e.say("%s %s", r, target)
	}
	e.say("")
	e.say("| ratio (medians) | wall | CPU | peak RSS | target |")
	e.say("|---|---|---|---|---|")
	ratio("sitegen cold / goldmark + chroma floor", "≤ 1.1 (wall) |", c, f, false)
	if hugo != "" {
		ratio("sitegen cold / Hugo", "report (chroma-bound) |", c, hs, true)
		ratio("sitegen warm / Hugo", "≤ 0.25, aim 0.15 (wall); peak RSS ≤ 0.05 at 2 × 10000 |", w, hs, true)
		ratio("goldmark + chroma floor / Hugo", "|", f, hs, false)
		ratio("chroma floor / Hugo", "|", h, hs, false)
	}
	e.say("")
	e.say("Cache folder after a cold build (the build's pack of highlighted code, and the build state): %s in %d files.", mbBytes(runs.cacheBytes), runs.cacheFiles)
	e.say("")
	e.say("What each warm rebuild said: %s.", reusedLines(runs.warm))
	e.say("")
}

// serveEdits times edits one-page edits under sitegen serve, on the largest corpus built:
// from the write of a page to the rewrite of its HTML.
type serveEdits struct{ edits int }

func (s serveEdits) run(e *env) error {
	sitegen, err := e.tool("sitegen")
	if err != nil {
		return err
	}
	if e.largest == "" {
		return errors.New("the edit loop needs a corpus: give -sizes")
	}
	e.say("")
	e.say("## One-page edit under sitegen serve (%s)", filepath.Base(e.largest))
	e.say("")
	lat, err := editLatency(e.largest, sitegen, s.edits)
	if err != nil {
		return err
	}
	slices.Sort(lat)
	e.say("| edits | median | min–max |")
	e.say("|---|---|---|")
	e.say("| %d | %.1f ms | %.1f–%.1f ms |", len(lat), ms(lat[len(lat)/2]), ms(lat[0]), ms(lat[len(lat)-1]))
	return nil
}
