// Command sitegen builds the bilingual procedure site from content/ into public/.
//
//	sitegen build [-src content] [-out public]
//
// Run "sitegen help" for the commands and their flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/markdown"
	"github.com/hds-oze/pronote-oze/cmd/internal/site"
	"github.com/hds-oze/pronote-oze/cmd/internal/webcheck"
	"github.com/spf13/afero"
)

// stopSignals stop a build or serve as Ctrl-C does: the build says it was interrupted and
// leaves the output folder as it was, its staging folder kept for the next build or removed.
// SIGTERM is what a service manager, timeout or docker stop sends, SIGHUP a closed terminal.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals...)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	case errors.As(err, new(usageError)):
		fmt.Fprintln(os.Stderr, "sitegen:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "sitegen:", err)
		os.Exit(1)
	}
}

type usageError struct{ error }

const usage = `sitegen builds the PRONOTE → oZe procedure site.

Usage:
  sitegen build [flags]   build the site into the output folder
  sitegen serve [flags]   build, serve on http://127.0.0.1:1313/ and rebuild on every change
  sitegen help            show this help

Run "sitegen build -h" or "sitegen serve -h" for their flags.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{errors.New("missing command")}
	}
	switch args[0] {
	case "build":
		return build(ctx, args[1:], stdout, stderr)
	case "serve":
		return serve(ctx, args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageError{fmt.Errorf("unknown command %q", args[0])}
}

// parseFlags parses a command's flags; a command takes no other argument. -h is returned as
// flag.ErrHelp, anything else wrong as a usage error.
func parseFlags(fl *flag.FlagSet, args []string) error {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fl.NArg() > 0 { // fl is named "sitegen build": the message names the command alone
		return usageError{fmt.Errorf("%s takes no arguments, got %q", strings.TrimPrefix(fl.Name(), "sitegen "), fl.Args())}
	}
	return nil
}

func build(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("sitegen build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("src", "content", "content `folder` (site.toml, fr/, en/)")
	out := fl.String("out", "public", "output `folder`, replaced atomically")
	downloads := fl.Bool("downloads", true, "cross-compile the checker for the downloads page (needs the Go tool)")
	browserChecker := fl.Bool("browser-checker", true, "compile the checker to WebAssembly for the check page (needs the Go tool); without it the page says it is not built")
	cpuprofile := fl.String("cpuprofile", "", "write a CPU profile of the build to `file`")
	memprofile := fl.String("memprofile", "", "write a heap profile to `file` once the site is built, its model still in memory")
	keepPrevious := fl.Bool("keep-previous", true, "keep the site a build replaces beside the output folder, for the next build to make its site from")
	cacheFlags := addCacheFlags(fl)
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	date, err := site.SourceDate(os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return err
	}
	b := &site.Builder{Src: afero.NewOsFs(), SrcDir: *src, Out: afero.NewOsFs(), OutDir: *out, Cache: cacheFlags.open(), Date: date}
	b.StateDir = cacheFlags.stateDir()
	b.DiscardPrevious = !*keepPrevious
	if *downloads {
		b.Downloads = func(ctx context.Context, cfg *site.Config) ([]site.Download, error) {
			dir, err := moduleSource()
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(stderr, "building the checker for %d platforms…\n", len(site.Platforms()))
			return buildDownloads(ctx, dir, projectVersion(dir), cfg.BaseURL, cfg.Support)
		}
	}
	if *browserChecker {
		b.BrowserChecker = func(ctx context.Context, cfg *site.Config) (*site.BrowserChecker, error) {
			dir, err := moduleSource()
			if err != nil {
				return nil, err
			}
			fmt.Fprintln(stderr, "building the browser checker (WebAssembly)…")
			bc, err := webcheck.BuildIn(ctx, dir, projectVersion(dir), cfg.BaseURL)
			if err == nil {
				fmt.Fprintf(stderr, "browser checker: %s\n", webcheck.Sizes(bc.Wasm))
			}
			return bc, err
		}
	}
	s, err := b.Build(ctx)
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("interrupted: %s is as the previous build left it", *out)
	}
	if err != nil {
		printNotes(stderr, buildNotes(err))
		return err
	}
	if *memprofile != "" {
		if err := writeHeapProfile(*memprofile); err != nil {
			return err
		}
		runtime.KeepAlive(s)
	}
	abs, _ := filepath.Abs(*out)
	fmt.Fprintf(stdout, "built %d pages, %d files (%.1f KB) into %s in %s\n", len(s.Pages), s.Files, site.InKB(s.Bytes), *out, time.Since(start).Round(time.Millisecond))
	switch {
	case s.Reused > 0:
		fmt.Fprintf(stdout, "pages unchanged since the previous build, taken as they were: %d of %d\n", s.Reused, len(s.Pages))
	case s.WhyAll != "":
		fmt.Fprintf(stdout, "every page rendered: %s\n", s.WhyAll)
	}
	if s.StateErr != nil {
		fmt.Fprintf(stderr, "sitegen: warning: %v (the next build renders every page)\n", s.StateErr)
	}
	for _, w := range s.Warnings {
		fmt.Fprintf(stderr, "sitegen: warning: %s\n", w)
	}
	printNotes(stderr, s.Notes())
	fmt.Fprintf(stdout, "search, loaded on the first use of the search box (outside the page budget): script and stylesheet %.1f KB", site.InKB(s.SearchScript))
	for _, l := range checks.Langs() {
		fmt.Fprintf(stdout, ", index %s %.1f KB", l, site.InKB(s.SearchIndex[l]))
	}
	fmt.Fprintln(stdout)
	fmt.Fprint(stdout, "steps' states, loaded once something is ticked, typed or verified (outside the page budget):")
	sep := " "
	for _, name := range site.StepsFileNames {
		fmt.Fprintf(stdout, "%s%s %.1f KB", sep, name, site.InKB(s.StepsFiles[name]))
		sep = ", "
	}
	fmt.Fprintln(stdout)
	closeCache(b.Cache, stdout, stderr)
	fmt.Fprintf(stdout, "open file://%s/%s/index.html\n", filepath.ToSlash(abs), s.Config.DefaultLang)
	return nil
}

// printNotes prints the notes of a build (see site.Site.Notes), a line each.
func printNotes(w io.Writer, notes []string) {
	for _, n := range notes {
		fmt.Fprintf(w, "sitegen: note: %s\n", n)
	}
}

// buildNotes returns the notes of a build that failed with err: those of the pages rendered
// or taken before it stopped.
func buildNotes(err error) []string {
	var be *site.BuildError
	if errors.As(err, &be) {
		return be.Notes
	}
	return nil
}

// cacheFlags are the highlight cache's flags, shared by build and serve.
type cacheFlags struct {
	off *bool
	dir *string
}

func addCacheFlags(fl *flag.FlagSet) cacheFlags {
	return cacheFlags{
		off: fl.Bool("no-cache", false, "render every page and highlight every code block again, reading no cache (nor writing one)"),
		dir: fl.String("cache-dir", "", "cache `folder`: highlighted code, and what a build leaves for the next to reuse the pages that did not change (default: sitegen/highlight in the user's cache folder)"),
	}
}

// folder returns the cache folder the flags ask for, or "" for none.
func (f cacheFlags) folder() string {
	if *f.off {
		return ""
	}
	if *f.dir != "" {
		return *f.dir
	}
	d, err := markdown.DefaultCacheDir()
	if err != nil {
		return "" // no cache folder on this system
	}
	return d
}

// open returns the highlight cache the flags ask for: in memory only with -no-cache (a build
// still highlights each distinct block once), else also on disk.
func (f cacheFlags) open() *markdown.Cache {
	return markdown.NewCache(f.folder(), 0)
}

// stateDir returns where a build leaves what the next one needs to reuse the pages that did
// not change (site.Builder.StateDir): builds/ in the cache folder, or "" with -no-cache.
func (f cacheFlags) stateDir() string {
	if dir := f.folder(); dir != "" {
		return filepath.Join(dir, "builds")
	}
	return ""
}

// closeCache keeps the cache within its bound, says what it did and warns about a problem
// with its folder (which never fails a build).
func closeCache(c *markdown.Cache, stdout, stderr io.Writer) {
	if err := c.Trim(); err != nil {
		fmt.Fprintln(stderr, "sitegen: warning:", err)
	}
	if err := c.Err(); err != nil {
		fmt.Fprintln(stderr, "sitegen: warning:", err)
	}
	st := c.Stats()
	where := "no cache on disk"
	if c.Dir() != "" {
		where = "cache " + c.Dir()
	}
	fmt.Fprintf(stdout, "code blocks on the pages rendered: %d, highlighted %d, read from the cache %d, repeated within the build %d (%s)\n",
		st.Blocks, st.Highlighted, st.DiskHits, st.Blocks-st.Highlighted-st.DiskHits, where)
}

// writeHeapProfile writes what the heap holds, after a garbage collection, to file.
func writeHeapProfile(file string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
