//go:build unix

// Command bench measures sitegen beside Hugo on the same bilingual corpus, the edit loop of
// "sitegen serve", and the checker on a large identity export beside wc -l. It prints one
// Markdown table and writes it to -out. Runs of the two tools alternate, so that a noisy
// neighbour hurts both; the table gives medians with the min–max range.
//
//	go run ./cmd/internal/bench -sizes 1000,10000 -runs 5
//
// Each part of the table is a benchmark (a type with a run method, its options as fields):
// builds (sitegen beside Hugo and the floors), serveEdits, hostileCode (highlight.go), exports
// and hostileExports (the checker), the summary's (summary.go) and layers (the kept site
// beside the plain path, with -only layers).
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
)

// options are the command's flags.
type options struct {
	sizes, rows     []int
	reports         string
	runs, edits     int
	hostileMB       int
	out, work, only string
	deleteBefore    bool
}

func main() {
	var o options
	sizes := flag.String("sizes", "1000,10000", "pages per language, comma-separated")
	flag.IntVar(&o.runs, "runs", 5, "runs of each build")
	rows := flag.String("rows", "1000000,2000000", "rows of the identity exports, comma-separated (none: no checker figures)")
	flag.IntVar(&o.edits, "edits", 7, "page edits timed under serve (0: none)")
	flag.StringVar(&o.out, "out", "bench-results.md", "write the table to `file`")
	flag.StringVar(&o.work, "work", "", "work `folder` (default: a temporary one, removed)")
	flag.IntVar(&o.hostileMB, "hostile-mb", 600, "size in MB of the single-line exports given to the checker (0: skip)")
	flag.StringVar(&o.reports, "reports", "1000,10000", "generated reports for ozecheck summary, comma-separated")
	flag.StringVar(&o.only, "only", "", "run one part only: summary, layers (the warm rebuild with the kept site beside the plain path), or highlight (pages of hostile code)")
	flag.BoolVar(&o.deleteBefore, "delete-before", false, "delete each tool's previous output just before its run, as this benchmark once did, instead of moving it aside (see setAside)")
	flag.Parse()
	err := o.parseLists(*sizes, *rows)
	if err == nil {
		err = run(o)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// parseLists reads the comma-separated lists of numbers of the flags.
func (o *options) parseLists(sizes, rows string) error {
	for _, l := range []struct {
		flag string
		to   *[]int
	}{{sizes, &o.sizes}, {rows, &o.rows}} {
		for _, f := range strings.Split(l.flag, ",") {
			if f = strings.TrimSpace(f); f == "" {
				continue
			}
			n, err := strconv.Atoi(f)
			if err != nil {
				return err
			}
			*l.to = append(*l.to, n)
		}
	}
	return nil
}

// A benchmark measures one thing, and says its part of the table.
type benchmark interface {
	run(e *env) error
}

// benchmarks returns what the options ask to measure, in the order of the table.
func (o options) benchmarks() []benchmark {
	switch o.only {
	case "layers":
		return []benchmark{layers{sizes: o.sizes, runs: o.runs}}
	case "highlight":
		return []benchmark{hostileCode{}}
	}
	bs := []benchmark{header{runs: o.runs}, builds{sizes: o.sizes, runs: o.runs, deleteBefore: o.deleteBefore}}
	if o.edits > 0 {
		bs = append(bs, serveEdits{edits: o.edits})
	}
	bs = append(bs, hostileCode{})
	if len(o.rows) == 0 {
		return bs
	}
	bs = append(bs, exports{rows: o.rows, runs: o.runs})
	if o.hostileMB > 0 {
		bs = append(bs, hostileExports{sizeMB: o.hostileMB})
	}
	return append(bs, summary{reports: o.reports, runs: o.runs})
}

func run(o options) error {
	if o.only == "summary" {
		return runSummaryOnly(o.reports, o.runs, o.out, o.work)
	}
	e, err := newEnv(o.work)
	if err != nil {
		return err
	}
	defer e.close()
	for _, b := range o.benchmarks() {
		if err := b.run(e); err != nil {
			return err
		}
	}
	return os.WriteFile(o.out, []byte(strings.Join(e.table, "\n")+"\n"), 0o644)
}

// env is what the benchmarks share: the work folder, the tools, the table.
type env struct {
	work  string
	trash string // where outputs are set aside (see setAside)
	// removeWork is set when the work folder is a temporary one, removed at the end.
	removeWork bool
	built      map[string]string // the tools built, by name
	// largest is the largest corpus written, for the edit loop.
	largest string
	table   []string
}

func newEnv(work string) (*env, error) {
	e := &env{work: work, built: map[string]string{}}
	if work == "" {
		dir, err := os.MkdirTemp("", "sitegen-bench-")
		if err != nil {
			return nil, err
		}
		e.work, e.removeWork = dir, true
	}
	e.trash = filepath.Join(e.work, "set-aside")
	return e, nil
}

func (e *env) close() {
	os.RemoveAll(e.trash)
	if e.removeWork {
		os.RemoveAll(e.work)
	}
}

// say adds a line to the table, and prints it.
func (e *env) say(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	fmt.Println(line)
	e.table = append(e.table, line)
}

// tool returns the program of the module's cmd/<name>, built on first use.
func (e *env) tool(name string) (string, error) {
	if bin, ok := e.built[name]; ok {
		return bin, nil
	}
	bin := filepath.Join(e.work, "bin", filepath.Base(name))
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/"+name).CombinedOutput(); err != nil {
		return "", fmt.Errorf("build %s: %v\n%s", name, err, out)
	}
	e.built[name] = bin
	return bin, nil
}

// tools returns the programs of names (see tool).
func (e *env) tools(names ...string) ([]string, error) {
	bins := make([]string, len(names))
	for i, n := range names {
		var err error
		if bins[i], err = e.tool(n); err != nil {
			return nil, err
		}
	}
	return bins, nil
}

// header says what the machine and the tools are.
type header struct{ runs int }

func (h header) run(e *env) error {
	e.say("# sitegen benchmark, %s", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	e.say("")
	rssNote := "peak RSS from GNU time"
	if gnuTime == "" {
		rssNote = "peak RSS from ru_maxrss, which counts this harness's own memory too (install Debian's time package for exact figures)"
	}
	e.say("Machine: %d cores (%s), %s. Hugo: %s. Medians of %d alternating runs, (min–max) in parentheses; %s.", runtime.NumCPU(), cpuModel(), runtime.Version(), hugoVersion(), h.runs, rssNote)
	return nil
}

// hugo is Hugo, when installed.
var hugo, _ = exec.LookPath("hugo")

func hugoVersion() string {
	if hugo == "" {
		return "not installed: the Hugo column is skipped"
	}
	v, _ := exec.Command(hugo, "version").Output()
	return strings.TrimSpace(string(v))
}

func cpuModel() string {
	if f, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(f), "\n") {
			if strings.HasPrefix(l, "model name") {
				return strings.TrimSpace(strings.SplitN(l, ":", 2)[1])
			}
		}
	}
	return "unknown CPU"
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
