//go:build unix

// Command bench measures sitegen beside Hugo on the same bilingual corpus, the edit loop of
// "sitegen serve", and the checker on a large identity export beside wc -l. It prints one
// Markdown table and writes it to -out. Runs of the two tools alternate, so that a noisy
// neighbour hurts both; the table gives medians with the min–max range.
//
//	go run ./cmd/internal/bench -sizes 1000,10000 -runs 5
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/hds-oze/pronote-oze/checks/evidence/evidencetest"
	"github.com/hds-oze/pronote-oze/cmd/internal/corpus"
)

func main() {
	sizes := flag.String("sizes", "1000,10000", "pages per language, comma-separated")
	runs := flag.Int("runs", 5, "runs of each build")
	rows := flag.String("rows", "1000000,2000000", "rows of the identity exports, comma-separated (none: no checker figures)")
	edits := flag.Int("edits", 7, "page edits timed under serve (0: none)")
	out := flag.String("out", "bench-results.md", "write the table to `file`")
	work := flag.String("work", "", "work `folder` (default: a temporary one, removed)")
	hostileMB := flag.Int("hostile-mb", 600, "size in MB of the single-line exports given to the checker (0: skip)")
	reports := flag.String("reports", "1000,10000", "generated reports for ozecheck summary, comma-separated")
	only := flag.String("only", "", "run one part only: summary, or layers (the warm rebuild with the kept site beside the plain path)")
	deleteBefore := flag.Bool("delete-before", false, "delete each tool's previous output just before its run, as this benchmark once did, instead of moving it aside (see setAside)")
	flag.Parse()
	if *only == "layers" {
		if err := compareLayers(*sizes, *runs, *out, *work); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if *only == "summary" {
		if err := runSummaryOnly(*reports, *runs, *out, *work); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*sizes, *rows, *reports, *runs, *edits, *hostileMB, *out, *work, *deleteBefore); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// sample is one measured run.
type sample struct {
	wall, cpu time.Duration
	rss       int64 // KiB
	stdout    string
}

// gnuTime is GNU time, when installed. Go starts a child with vfork, and Linux then counts
// the parent's peak memory in the child's ru_maxrss; a child of GNU time (a small process)
// reports its own.
var gnuTime, _ = exec.LookPath("/usr/bin/time")

// measure runs a command and reads its wall time, CPU time and peak RSS.
func measure(dir string, name string, args ...string) (sample, error) {
	var rssFile string
	if gnuTime != "" {
		f, err := os.CreateTemp("", "rss-")
		if err != nil {
			return sample{}, err
		}
		f.Close()
		rssFile = f.Name()
		defer os.Remove(rssFile)
		args = append([]string{"-q", "-f", "%M", "-o", rssFile, name}, args...)
		name = gnuTime
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	t0 := time.Now()
	err := cmd.Run()
	wall := time.Since(t0)
	if cmd.ProcessState == nil {
		return sample{}, fmt.Errorf("%s: %v", name, err)
	}
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && strings.Contains(strings.Join(args, " "), "ozecheck") && ee.ExitCode() == 1) {
		return sample{}, fmt.Errorf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	s := sample{wall: wall, cpu: time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), rss: ru.Maxrss, stdout: stdout.String()}
	if rssFile != "" {
		data, _ := os.ReadFile(rssFile)
		fields := strings.Fields(string(data))
		if len(fields) > 0 {
			if kib, err := strconv.ParseInt(fields[len(fields)-1], 10, 64); err == nil {
				s.rss = kib
			}
		}
	}
	return s, nil
}

type stats struct{ med, min, max sample }

func summarize(ss []sample) stats {
	pick := func(f func(sample) int64) (int64, int64, int64) {
		v := make([]int64, len(ss))
		for i, s := range ss {
			v[i] = f(s)
		}
		slices.Sort(v)
		return v[len(v)/2], v[0], v[len(v)-1]
	}
	var st stats
	a, b, c := pick(func(s sample) int64 { return int64(s.wall) })
	st.med.wall, st.min.wall, st.max.wall = time.Duration(a), time.Duration(b), time.Duration(c)
	a, b, c = pick(func(s sample) int64 { return int64(s.cpu) })
	st.med.cpu, st.min.cpu, st.max.cpu = time.Duration(a), time.Duration(b), time.Duration(c)
	st.med.rss, st.min.rss, st.max.rss = pick(func(s sample) int64 { return s.rss })
	return st
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func mb(kib int64) string         { return fmt.Sprintf("%.0f MB", float64(kib)*1024/1e6) } // rusage counts KiB; 1 MB = 1000 KB, as the site reports sizes

func row(name string, st stats) string {
	return fmt.Sprintf("| %s | %s (%s–%s) | %s | %s (%s–%s) |", name,
		secs(st.med.wall), secs(st.min.wall), secs(st.max.wall), secs(st.med.cpu),
		mb(st.med.rss), mb(st.min.rss), mb(st.max.rss))
}

func run(sizesFlag, rowsFlag, reportsFlag string, runs, edits, hostileMB int, outFile, work string, deleteBefore bool) error {
	if work == "" {
		dir, err := os.MkdirTemp("", "sitegen-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		work = dir
	}
	trash := filepath.Join(work, "set-aside")
	defer os.RemoveAll(trash)
	bin := filepath.Join(work, "bin")
	for _, c := range []string{"sitegen", "ozecheck", "internal/benchfloor"} {
		if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, filepath.Base(c)), "./cmd/"+c).CombinedOutput(); err != nil {
			return fmt.Errorf("build %s: %v\n%s", c, err, out)
		}
	}
	sitegen, ozecheck, floor := filepath.Join(bin, "sitegen"), filepath.Join(bin, "ozecheck"), filepath.Join(bin, "benchfloor")
	hugo, _ := exec.LookPath("hugo")
	var table []string
	say := func(format string, args ...any) {
		line := fmt.Sprintf(format, args...)
		fmt.Println(line)
		table = append(table, line)
	}
	hv := "not installed: the Hugo column is skipped"
	if hugo != "" {
		v, _ := exec.Command(hugo, "version").Output()
		hv = strings.TrimSpace(string(v))
	}
	cpuModel := "unknown CPU"
	if f, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(f), "\n") {
			if strings.HasPrefix(l, "model name") {
				cpuModel = strings.TrimSpace(strings.SplitN(l, ":", 2)[1])
				break
			}
		}
	}
	say("# sitegen benchmark, %s", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	say("")
	rssNote := "peak RSS from GNU time"
	if gnuTime == "" {
		rssNote = "peak RSS from ru_maxrss, which counts this harness's own memory too (install Debian's time package for exact figures)"
	}
	say("Machine: %d cores (%s), %s. Hugo: %s. Medians of %d alternating runs, (min–max) in parentheses; %s.", runtime.NumCPU(), cpuModel, runtime.Version(), hv, runs, rssNote)
	say("")
	say("## Full build, N pages per language")
	say("")
	if deleteBefore {
		say("Each tool's previous output was deleted just before its run (-delete-before).")
	} else {
		say("Each tool's previous output was moved aside before its run and deleted once every run was over: no run follows a large deletion (see setAside in cmd/internal/bench).")
	}
	say("")
	say("sitegen cold: empty cache, no previous site. sitegen warm: a new process after one page was edited, with the cache the cold build before it filled (highlighted code and the build state) and the previous site in place, so that it takes the unchanged pages from it. Every ratio is taken from the same runs.")
	say("")
	var largest string
	for _, f := range strings.Split(sizesFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return err
		}
		dir := filepath.Join(work, fmt.Sprintf("corpus-%d", n))
		if err := corpus.Write(dir, n); err != nil {
			return err
		}
		largest = dir
		cache := filepath.Join(work, fmt.Sprintf("cache-%d", n))
		build := []string{"build", "-downloads=false", "-browser-checker=false", "-src", "content", "-out", "public", "-cache-dir", cache}
		edited := filepath.Join(dir, "content", "fr", "pages", "p00007.md")
		loadBefore := loadAvg()
		var cold, warm, hg, fl, hl []sample
		var cacheBytes int64
		var cacheEntries int
		// removeOutput sets aside what a tool's previous run left: the next run would not be
		// cold with it in place.
		removeOutput := func(paths ...string) error {
			var errs []error
			for _, p := range paths {
				errs = append(errs, setAside(p, trash, deleteBefore))
			}
			return errors.Join(errs...)
		}
		in := func(name string) string { return filepath.Join(dir, name) }
		for r := 0; r < runs; r++ {
			if err := removeOutput(in("public"), in("public.prev-build"), in("public.lock"), cache); err != nil {
				return err
			}
			s, err := measure(dir, sitegen, build...)
			if err != nil {
				return err
			}
			cold = append(cold, s)
			cacheBytes, cacheEntries = du(cache)
			if hugo != "" {
				if err := removeOutput(in("hugo-public")); err != nil {
					return err
				}
				s, err := measure(dir, hugo, "--quiet", "-d", "hugo-public")
				if err != nil {
					return err
				}
				hg = append(hg, s)
			}
			if err := removeOutput(in("floor-public")); err != nil {
				return err
			}
			if s, err = measure(dir, floor, "-src", "content", "-out", "floor-public"); err != nil {
				return err
			}
			fl = append(fl, s)
			if s, err = measure(dir, floor, "-src", "content", "-highlight-only"); err != nil {
				return err
			}
			hl = append(hl, s)
			// The warm rebuild: one page edited, then a new sitegen with the cache filled.
			if err := appendLine(edited, fmt.Sprintf("Edit %d of the benchmark.", r+1)); err != nil {
				return err
			}
			if s, err = measure(dir, sitegen, build...); err != nil {
				return err
			}
			warm = append(warm, s)
		}
		say("Load average (1, 5, 15 min) before: %s; after: %s.", loadBefore, loadAvg())
		say("")
		say("| 2 × %d | wall (min–max) | user+sys CPU | peak RSS (min–max) |", n)
		say("|---|---|---|---|")
		c, w, f, h := summarize(cold), summarize(warm), summarize(fl), summarize(hl)
		say("%s", row("sitegen, cold build (empty cache)", c))
		say("%s", row("sitegen, warm rebuild after a one-page edit", w))
		say("%s", row("floor: goldmark + chroma alone", f))
		say("%s", row("floor: chroma alone on the code blocks", h))
		var hs stats
		if hugo != "" {
			hs = summarize(hg)
			say("%s", row("Hugo", hs))
		}
		ratio := func(name, target string, a, b stats, rss bool) {
			r := fmt.Sprintf("| %s | **%.2f** | %.2f |", name, a.med.wall.Seconds()/b.med.wall.Seconds(), a.med.cpu.Seconds()/b.med.cpu.Seconds())
			if rss {
				r += fmt.Sprintf(" %.3f |", float64(a.med.rss)/float64(b.med.rss))
			} else {
				r += " |"
			}
			say("%s %s", r, target)
		}
		say("")
		say("| ratio (medians) | wall | CPU | peak RSS | target |")
		say("|---|---|---|---|---|")
		ratio("sitegen cold / goldmark + chroma floor", "≤ 1.1 (wall) |", c, f, false)
		if hugo != "" {
			ratio("sitegen cold / Hugo", "report (chroma-bound) |", c, hs, true)
			ratio("sitegen warm / Hugo", "≤ 0.25, aim 0.15 (wall); peak RSS ≤ 0.05 at 2 × 10000 |", w, hs, true)
			ratio("goldmark + chroma floor / Hugo", "|", f, hs, false)
			ratio("chroma floor / Hugo", "|", h, hs, false)
		}
		say("")
		say("Cache folder after a cold build (the build's pack of highlighted code, and the build state): %s in %d files.", mbBytes(cacheBytes), cacheEntries)
		say("")
		say("What each warm rebuild said: %s.", reusedLines(warm))
		say("")
	}

	// The edit loop: a page written, until its HTML is rewritten.
	if edits > 0 {
		say("")
		say("## One-page edit under sitegen serve (%s)", filepath.Base(largest))
		say("")
		lat, err := editLatency(largest, sitegen, edits)
		if err != nil {
			return err
		}
		slices.Sort(lat)
		say("| edits | median | min–max |")
		say("|---|---|---|")
		say("| %d | %.1f ms | %.1f–%.1f ms |", len(lat), ms(lat[len(lat)/2]), ms(lat[0]), ms(lat[len(lat)-1]))
	}

	// The checker on large identity exports, beside wc -l on the same file.
	if rowsFlag == "" {
		return os.WriteFile(outFile, []byte(strings.Join(table, "\n")+"\n"), 0o644)
	}
	say("")
	say("## ozecheck on a Windows-1252 identity export (one identifier in ten filled)")
	say("")
	// The floor of the checker: the SHA-256 its report carries, computed the same way (Go),
	// and coreutils' sha256sum, which an admin would use to check a file.
	sha, _ := exec.LookPath("sha256sum")
	say("| rows | file | ozecheck wall (min–max) | peak RSS | wc -l wall | ratio to wc -l | SHA-256 alone (Go) | its ratio to wc -l | sha256sum |")
	say("|---|---|---|---|---|---|---|---|---|")
	for _, f := range strings.Split(rowsFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return err
		}
		file := filepath.Join(work, fmt.Sprintf("eleves-%d.csv", n))
		fh, err := os.Create(file)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(fh, 1<<20)
		if err := evidencetest.WriteExport(bw, n); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		fh.Close()
		st, _ := os.Stat(file)
		var oz, wc, gh, sh []sample
		for r := 0; r < runs+2; r++ {
			s, err := measure(work, ozecheck, "--mode", "hosted", "--purge", "--format", "json", "-o", filepath.Join(work, "report.json"), file)
			if err != nil {
				return err
			}
			oz = append(oz, s)
			w, err := measure(work, "wc", "-l", file)
			if err != nil {
				return err
			}
			wc = append(wc, w)
			g, err := measure(work, floor, "-sha256", file)
			if err != nil {
				return err
			}
			gh = append(gh, g)
			if sha != "" {
				h, err := measure(work, sha, file)
				if err != nil {
					return err
				}
				sh = append(sh, h)
			}
		}
		o, w := summarize(oz), summarize(wc)
		g := summarize(gh)
		shaCols := fmt.Sprintf("%.1f ms | %.1f | not installed |", ms(g.med.wall), g.med.wall.Seconds()/w.med.wall.Seconds())
		if sha != "" {
			shaCols = fmt.Sprintf("%.1f ms | %.1f | %.1f ms |", ms(g.med.wall), g.med.wall.Seconds()/w.med.wall.Seconds(), ms(summarize(sh).med.wall))
		}
		say("| %d | %.0f MB | %.1f ms (%.1f–%.1f) | %s | %.1f ms | %.1f | %s", n, float64(st.Size())/1e6, ms(o.med.wall), ms(o.min.wall), ms(o.max.wall),
			mb(o.med.rss), ms(w.med.wall), o.med.wall.Seconds()/w.med.wall.Seconds(), shaCols)
	}
	if hostileMB > 0 {
		if err := hostileExports(work, ozecheck, hostileMB, say); err != nil {
			return err
		}
	}
	if err := benchSummary(work, ozecheck, floor, reportsFlag, runs, say); err != nil {
		return err
	}
	return os.WriteFile(outFile, []byte(strings.Join(table, "\n")+"\n"), 0o644)
}

// setAside makes room for a tool's next run: it moves path (an earlier output, or a cache
// folder) into the folder trash, which the benchmark deletes once every run is over, or, with
// deleteNow, deletes it at once.
//
// Deleting it at once would time the filesystem as much as the tool on ext4 without a journal
// (as on the machines this was written on): for some minutes after an inode is freed, ext4
// skips it when it allocates one, checking every freed inode it meets in the inode table
// (fs/ext4/ialloc.c, find_inode_bit and recently_deleted), so each file or folder a tool
// creates right after many were deleted costs kernel time in proportion to how many were.
// Measured here: the same cold sitegen build at 2 × 10 000 spent 6.3–6.8 s of system time
// with nothing deleted in the minutes before, 17–19 s half a minute after some 100 000 files
// and folders were deleted. The cost falls on whichever tool runs next, in proportion to what
// was deleted before it, not to its own work; the figures are meant to compare the tools.
func setAside(path, trash string, deleteNow bool) error {
	if deleteNow {
		return os.RemoveAll(path)
	}
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err := os.MkdirAll(trash, 0o755); err != nil {
		return err
	}
	dst, err := os.MkdirTemp(trash, filepath.Base(path)+"-")
	if err != nil {
		return err
	}
	return os.Rename(path, filepath.Join(dst, filepath.Base(path)))
}

// hostileExports gives the checker exports made to exhaust memory, and reports its peak RSS
// as GNU time -v measures it: a file of sizeMB megabytes on one line, and a normal header followed
// by a quote that opens a field and never closes. A record is at most evidence.MaxRecord long,
// so both are refused within the first MiB or two, whatever their size; the figure to watch is
// the peak RSS (it was gigabytes, in proportion to the line).
func hostileExports(work, ozecheck string, sizeMB int, say func(string, ...any)) error {
	say("")
	say("## ozecheck on hostile exports of %d MB (peak RSS from /usr/bin/time -v)", sizeMB)
	say("")
	say("| export | exit status | wall | peak RSS | first line of the error |")
	say("|---|---|---|---|---|")
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
		say("| %s | %d | %.2f s | %s | %s |", c.name, cmd.ProcessState.ExitCode(), wall.Seconds(), mb(rss), first)
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// editLatency serves the corpus in dir and times edits: from the write of a page to the
// rewrite of its HTML.
func editLatency(dir, sitegen string, edits int) ([]time.Duration, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, sitegen, "serve", "-src", "content", "-out", "public", "-port", strconv.Itoa(port), "-cache-dir", filepath.Join(dir, "..", "cache-serve"))
	cmd.Dir = dir
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() { cancel(); cmd.Wait() }() // stop the server first, then reap it
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && !strings.HasPrefix(sc.Text(), "serving") {
	}
	go io.Copy(io.Discard, stdout)
	var lat []time.Duration
	for i := 1; i <= edits; i++ {
		src := filepath.Join(dir, "content", "fr", "pages", fmt.Sprintf("p%05d.md", i*7))
		html := filepath.Join(dir, "public", "fr", "pages", fmt.Sprintf("page-%d", i*7), "index.html")
		data, err := os.ReadFile(src)
		if err != nil {
			return nil, err
		}
		marker := fmt.Sprintf("edit-marker-%d-%d", i, time.Now().UnixNano())
		t0 := time.Now()
		if err := os.WriteFile(src, append(data, []byte("\n"+marker+"\n")...), 0o644); err != nil {
			return nil, err
		}
		for {
			if b, err := os.ReadFile(html); err == nil && strings.Contains(string(b), marker) {
				break
			}
			if time.Since(t0) > 10*time.Second {
				return nil, fmt.Errorf("edit %d: %s not rewritten after 10 s", i, html)
			}
			time.Sleep(200 * time.Microsecond)
		}
		lat = append(lat, time.Since(t0))
		time.Sleep(300 * time.Millisecond) // let the server settle between edits
	}
	return lat, nil
}

// loadAvg returns the machine's load averages over 1, 5 and 15 minutes, as /proc/loadavg
// gives them: the benchmark shares the machine, and its figures are read beside this.
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], ", ")
	}
	return "unknown"
}

// du returns the bytes and the number of files under dir.
func du(dir string) (int64, int) {
	var n int64
	files := 0
	_ = filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
				files++
			}
		}
		return nil
	})
	return n, files
}

// reusedLines returns what the warm rebuilds said of the pages they took from the previous
// site, the distinct lines with how many runs said each.
func reusedLines(runs []sample) string {
	count := map[string]int{}
	var order []string
	for _, r := range runs {
		line := "no page taken from the previous build"
		for _, l := range strings.Split(r.stdout, "\n") {
			if strings.HasPrefix(l, "pages unchanged since the previous build") {
				line = strings.TrimSpace(l)
			}
		}
		if count[line] == 0 {
			order = append(order, line)
		}
		count[line]++
	}
	var out []string
	for _, l := range order {
		out = append(out, fmt.Sprintf("%q (%d of %d runs)", l, count[l], len(runs)))
	}
	return strings.Join(out, "; ")
}

func mbBytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// appendLine adds a paragraph at the end of a page: an edit, as an author makes one.
func appendLine(file, text string) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(f, "\n%s\n", text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
