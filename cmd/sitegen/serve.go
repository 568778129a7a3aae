package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spf13/afero"

	"github.com/hds-oze/pronote-oze/cmd/internal/devserver"
	"github.com/hds-oze/pronote-oze/cmd/internal/site"
)

// serve builds the site, serves it on loopback and rebuilds what changes until ctx ends.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("sitegen serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("src", "content", "content `folder` (site.toml, fr/, en/)")
	out := fl.String("out", "public", "output `folder`")
	bind := fl.String("bind", "127.0.0.1", "`address` to listen on")
	port := fl.Int("port", 1313, "`port` to listen on")
	themeDir := fl.String("theme", "theme", "theme `folder` read from disk when it exists, so that edits show without recompiling")
	cacheFlags := addCacheFlags(fl)
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	cache := cacheFlags.open()
	date, err := site.SourceDate(os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return err
	}
	b := &site.Builder{Src: afero.NewOsFs(), SrcDir: *src, Out: afero.NewOsFs(), OutDir: *out, Cache: cache, Date: date}
	roots := []string{*src}
	if st, err := os.Stat(filepath.Join(*themeDir, "templates")); err == nil && st.IsDir() {
		b.Theme = os.DirFS(*themeDir)
		roots = append(roots, *themeDir)
	}
	watcher, err := devserver.NewWatcher(roots) // before the build: nothing written during it is missed
	if err != nil {
		return err
	}
	start := time.Now()
	live, s, err := b.BuildLive(ctx)
	if err != nil {
		printNotes(stderr, buildNotes(err))
		return err
	}
	defer live.Close()
	fmt.Fprintf(stdout, "built %d pages in %s\n", len(s.Pages), time.Since(start).Round(time.Millisecond))
	printNotes(stderr, s.Notes())
	closeCache(cache, stdout, stderr)

	srv := devserver.New(*out)
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	fmt.Fprintf(stdout, "serving %s on http://%s/%s/ (Ctrl-C to stop)\n", *out, ln.Addr(), s.Config.DefaultLang)

	report := func(err error) {
		var be *site.BuildError
		var lines []string
		if errors.As(err, &be) {
			for _, fe := range be.Errs {
				lines = append(lines, fe.Error())
			}
		} else {
			lines = []string{err.Error()}
		}
		printNotes(stderr, buildNotes(err))
		fmt.Fprintln(stderr, "sitegen:", err)
		srv.Failed(lines)
	}
	err = watcher.Run(ctx, 10*time.Millisecond, 200*time.Millisecond, func(ch devserver.Change) {
		t0 := time.Now()
		if ch.Root != *src {
			s, err := live.Rebuild(ctx)
			if err != nil {
				report(err)
				return
			}
			fmt.Fprintf(stdout, "theme changed: rebuilt the site in %s\n", time.Since(t0).Round(time.Millisecond))
			printNotes(stderr, s.Notes())
			srv.Reloaded()
			return
		}
		up, err := live.Update(ctx, ch.Files)
		if err != nil {
			report(err)
			return
		}
		what := fmt.Sprintf("%d page(s)", len(up.Rendered))
		if up.Full {
			what = "the site"
		}
		fmt.Fprintf(stdout, "%v changed: rebuilt %s in %s\n", ch.Files, what, time.Since(t0).Round(time.Microsecond))
		printNotes(stderr, up.Notes)
		srv.Reloaded()
	})
	shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = hs.Shutdown(shutdown)
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stdout, "stopped")
		return nil
	}
	return err
}
