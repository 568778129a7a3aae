//go:build unix

package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hds-oze/pronote-oze/checks/evidence/evidencetest"
)

// exports times the checker on identity exports of rows rows beside wc -l on the same file,
// and its floors: the SHA-256 its report carries, computed the same way (Go), and coreutils'
// sha256sum, which an admin would use to check a file.
type exports struct {
	rows []int
	runs int
}

func (x exports) run(e *env) error {
	bins, err := e.tools("ozecheck", "internal/benchfloor")
	if err != nil {
		return err
	}
	ozecheck, floor := bins[0], bins[1]
	e.say("")
	e.say("## ozecheck on a Windows-1252 identity export (one identifier in ten filled)")
	e.say("")
	sha, _ := exec.LookPath("sha256sum")
	e.say("| rows | file | ozecheck wall (min–max) | peak RSS | wc -l wall | ratio to wc -l | SHA-256 alone (Go) | its ratio to wc -l | sha256sum |")
	e.say("|---|---|---|---|---|---|---|---|---|")
	for _, n := range x.rows {
		file := filepath.Join(e.work, fmt.Sprintf("eleves-%d.csv", n))
		size, err := writeExport(file, n)
		if err != nil {
			return err
		}
		var oz, wc, gh, sh []sample
		for range x.runs + 2 {
			for _, m := range []struct {
				to   *[]sample
				name string
				args []string
			}{
				{&oz, ozecheck, []string{"--mode", "hosted", "--purge", "--format", "json", "-o", filepath.Join(e.work, "report.json"), file}},
				{&wc, "wc", []string{"-l", file}},
				{&gh, floor, []string{"-sha256", file}},
				{&sh, sha, []string{file}},
			} {
				if m.name == "" {
					continue // no sha256sum
				}
				s, err := measure(e.work, m.name, m.args...)
				if err != nil {
					return err
				}
				*m.to = append(*m.to, s)
			}
		}
		o, w := summarize(oz), summarize(wc)
		g := summarize(gh)
		shaCols := fmt.Sprintf("%.1f ms | %.1f | not installed |", ms(g.med.wall), g.med.wall.Seconds()/w.med.wall.Seconds())
		if sha != "" {
			shaCols = fmt.Sprintf("%.1f ms | %.1f | %.1f ms |", ms(g.med.wall), g.med.wall.Seconds()/w.med.wall.Seconds(), ms(summarize(sh).med.wall))
		}
		e.say("| %d | %.0f MB | %.1f ms (%.1f–%.1f) | %s | %.1f ms | %.1f | %s", n, float64(size)/1e6, ms(o.med.wall), ms(o.min.wall), ms(o.max.wall),
			mb(o.med.rss), ms(w.med.wall), o.med.wall.Seconds()/w.med.wall.Seconds(), shaCols)
	}
	return nil
}

// writeExport writes an identity export of n rows to file, and returns its size.
func writeExport(file string, n int) (int64, error) {
	fh, err := os.Create(file)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(fh, 1<<20)
	err = evidencetest.WriteExport(bw, n)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	st, err := os.Stat(file)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// hostileExports gives the checker exports of sizeMB megabytes made to exhaust memory, and reports its peak RSS
// as GNU time -v measures it: a file of sizeMB megabytes on one line, and a normal header followed
// by a quote that opens a field and never closes. A record is at most evidence.MaxRecord long,
// so both are refused within the first MiB or two, whatever their size; the figure to watch is
// the peak RSS (it was gigabytes, in proportion to the line).
type hostileExports struct{ sizeMB int }

func (he hostileExports) run(e *env) error {
	ozecheck, err := e.tool("ozecheck")
	if err != nil {
		return err
	}
	work, sizeMB := e.work, he.sizeMB
	e.say("")
	e.say("## ozecheck on hostile exports of %d MB (peak RSS from /usr/bin/time -v)", sizeMB)
	e.say("")
	e.say("| export | exit status | wall | peak RSS | first line of the error |")
	e.say("|---|---|---|---|---|")
	for _, c := range []struct{ name, head, chunk string }{
		{"one line, no line end", "", strings.Repeat("Nom;Id. CAS;", 1<<20/12)},
		{"a quote never closed, line 2, then short lines", "Nom;Id. CAS\nA;\"", strings.Repeat("Zoé;abc\n", 1<<20/9)},
	} {
		chunk := []byte(c.chunk)
		file := filepath.Join(work, "hostile.csv")
		f, err := os.Create(file)
		if err != nil {
			return err
		}
		_, err = f.WriteString(c.head)
		for n := len(c.head); err == nil && n < sizeMB*1e6; n += len(chunk) {
			_, err = f.Write(chunk)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		cmd := exec.Command("/usr/bin/time", "-v", ozecheck, "--lang", "en", "--mode", "hosted", filepath.Base(file))
		cmd.Dir = work
		var stderr strings.Builder
		cmd.Stdout, cmd.Stderr = io.Discard, &stderr
		t0 := time.Now()
		err = cmd.Run()
		wall := time.Since(t0)
		os.Remove(file)
		if cmd.ProcessState == nil {
			return fmt.Errorf("/usr/bin/time -v (Debian package time): %v", err)
		}
		var rss int64 = -1
		first := ""
		for _, l := range strings.Split(stderr.String(), "\n") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(l), "Maximum resident set size (kbytes): "); ok {
				rss, _ = strconv.ParseInt(v, 10, 64)
			} else if first == "" && strings.HasPrefix(l, "ozecheck: ") {
				first = strings.ReplaceAll(l, "|", "\\|")
			}
		}
		if rss < 0 {
			return fmt.Errorf("no peak RSS in the output of /usr/bin/time -v:\n%s", stderr.String())
		}
		e.say("| %s | %d | %.2f s | %s | %s |", c.name, cmd.ProcessState.ExitCode(), wall.Seconds(), mb(rss), first)
	}
	return nil
}

// summary times ozecheck summary beside its floor (see benchSummary).
type summary struct {
	reports string
	runs    int
}

func (s summary) run(e *env) error {
	bins, err := e.tools("ozecheck", "internal/benchfloor")
	if err != nil {
		return err
	}
	return benchSummary(e.work, bins[0], bins[1], s.reports, s.runs, e.say)
}
