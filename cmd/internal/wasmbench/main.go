// Command wasmbench measures the browser checker: the size of ozecheck.wasm (raw, gzip,
// brotli) and, in headless Chromium, the time from dropping an identity export on the check
// page to the results shown, beside ozecheck on the same file. The first drop of a tab
// includes fetching and compiling the .wasm (cold); a second drop in the same tab does not
// (warm). While the worker judges, the page's longest gap between animation frames tells
// whether it stayed responsive. It prints a Markdown table and writes it to -out.
//
//	go run ./cmd/internal/wasmbench -rows 3000,100000 -runs 3
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/andybalholm/brotli"
	"github.com/chromedp/chromedp"
	"github.com/spf13/afero"

	"github.com/hds-oze/pronote-oze/checks/evidence/evidencetest"
	"github.com/hds-oze/pronote-oze/cmd/internal/site"
	"github.com/hds-oze/pronote-oze/cmd/internal/webcheck"
)

func main() {
	rows := flag.String("rows", "3000,100000", "rows of the identity exports, comma-separated")
	runs := flag.Int("runs", 3, "runs of each measure")
	out := flag.String("out", "wasm-bench.md", "write the table to `file`")
	flag.Parse()
	if err := run(context.Background(), *rows, *runs, *out); err != nil {
		fmt.Fprintln(os.Stderr, "wasmbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, rowList string, runs int, outFile string) error {
	var cfg struct {
		BaseURL string `toml:"baseURL"`
	}
	if _, err := toml.DecodeFile("content/site.toml", &cfg); err != nil {
		return fmt.Errorf("run from the repository's root: %w", err)
	}
	work, err := os.MkdirTemp("", "wasmbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	fmt.Fprintln(os.Stderr, "building the browser checker and ozecheck…")
	bc, err := webcheck.Build(ctx, "bench", cfg.BaseURL)
	if err != nil {
		return err
	}
	cli := filepath.Join(work, "ozecheck")
	if out, err := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", cli, "./cmd/ozecheck").CombinedOutput(); err != nil {
		return fmt.Errorf("build ozecheck: %v\n%s", err, out)
	}
	pub := filepath.Join(work, "public")
	b := &site.Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: "content", Out: afero.NewOsFs(), OutDir: pub,
		BrowserChecker: func(context.Context, *site.Config) (*site.BrowserChecker, error) { return bc, nil }}
	if _, err := b.Build(ctx); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(pub))}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	var table bytes.Buffer
	gz, br := compressed(bc.Wasm)
	fmt.Fprintf(&table, "| ozecheck.wasm | raw | gzip -9 | brotli -11 |\n|---|---|---|---|\n| size | %.2f MB | %.2f MB | %.2f MB |\n\n",
		mb(len(bc.Wasm)), mb(gz), mb(br))
	fmt.Fprintf(&table, "| export | ozecheck (CLI) | browser, cold (fetch + compile + judge) | browser, warm | longest frame gap while judging |\n|---|---|---|---|---|\n")

	chrome, err := exec.LookPath("chromium")
	if err != nil {
		return fmt.Errorf("needs chromium: %w", err)
	}
	alloc, cancel := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome), chromedp.NoSandbox, chromedp.Flag("disable-gpu", true))...)
	defer cancel()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		return err
	}

	for _, f := range strings.Split(rowList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return fmt.Errorf("-rows: %w", err)
		}
		dir := filepath.Join(work, strconv.Itoa(n))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		export := filepath.Join(dir, "eleves.csv")
		var buf bytes.Buffer
		if err := evidencetest.WriteExport(&buf, n); err != nil {
			return err
		}
		if err := os.WriteFile(export, buf.Bytes(), 0o644); err != nil {
			return err
		}
		var cliT, cold, warm, gap []time.Duration
		for range runs {
			start := time.Now()
			cmd := exec.Command(cli, "--mode", "hosted", "--format", "json", "eleves.csv")
			cmd.Dir = dir
			if out, err := cmd.Output(); err != nil && len(out) == 0 {
				return fmt.Errorf("ozecheck: %v", err)
			}
			cliT = append(cliT, time.Since(start))

			c, w, g, err := browserRun(browser, base+"/fr/verifier/", export)
			if err != nil {
				return err
			}
			cold, warm, gap = append(cold, c), append(warm, w), append(gap, g)
		}
		fmt.Fprintf(&table, "| %d rows (%.1f MB) | %s | %s | %s | %s |\n", n, mb(buf.Len()), median(cliT), median(cold), median(warm), median(gap))
		fmt.Fprintf(os.Stderr, "%d rows done\n", n)
	}
	fmt.Fprintf(&table, "\nMedians of %d runs; the browser times run from the file input's change event to the results in the page (performance.now()), in a fresh tab for the cold one.\n", runs)
	os.Stdout.Write(table.Bytes())
	return os.WriteFile(outFile, table.Bytes(), 0o644)
}

// instrument records, in the page, when files are chosen, when the results show, and the
// longest gap between two animation frames in between.
const instrument = `(() => {
	const input = document.querySelector('.webcheck input[type=file]');
	window.__bench = {runs: []};
	input.addEventListener('change', () => {
		const r = {start: performance.now(), gap: 0};
		window.__bench.runs.push(r);
		let last = r.start;
		const frame = (now) => { r.gap = Math.max(r.gap, now - last); last = now; if (!r.end) requestAnimationFrame(frame); };
		requestAnimationFrame(frame);
		const seen = new MutationObserver(() => {
			if (document.querySelector('.wc-results .wc-verdict')) { r.end = performance.now(); seen.disconnect(); }
		});
		seen.observe(document.querySelector('.wc-results'), {childList: true, subtree: true});
	}, true);
	document.querySelector('.webcheck select[name=mode]').value = 'hosted';
})()`

type benchRun struct{ Start, End, Gap float64 }

// browserRun drops the export twice in a fresh tab and returns the cold and warm times and the
// longest frame gap of the warm run.
func browserRun(browser context.Context, page, export string) (cold, warm, gap time.Duration, err error) {
	tab, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	tab, cancelT := context.WithTimeout(tab, 5*time.Minute)
	defer cancelT()
	drop := func(i int) (benchRun, error) {
		if err := chromedp.Do(tab, chromedp.SetUploadFiles(chromedp.CSS(`.webcheck input[type=file]`), []string{export})); err != nil {
			return benchRun{}, err
		}
		if _, err := chromedp.Run(tab, chromedp.Poll[bool](fmt.Sprintf(`window.__bench.runs.length > %d && !!window.__bench.runs[%d].end`, i, i), chromedp.WithPollingInterval(5*time.Millisecond))); err != nil {
			return benchRun{}, err
		}
		return chromedp.Run(tab, chromedp.Evaluate[benchRun](fmt.Sprintf(`(() => { const r = window.__bench.runs[%d]; return {Start: r.start, End: r.end, Gap: r.gap}; })()`, i)))
	}
	if err := chromedp.Do(tab, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(".wc-ui")), chromedp.Evaluate[chromedp.Void](instrument)); err != nil {
		return 0, 0, 0, err
	}
	c, err := drop(0)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("cold drop: %w", err)
	}
	// Remove the file and drop it again: the checker is loaded now.
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(".wc-tools button:last-of-type"))); err != nil {
		return 0, 0, 0, err
	}
	w, err := drop(1)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("warm drop: %w", err)
	}
	ms := func(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }
	return ms(c.End - c.Start), ms(w.End - w.Start), ms(w.Gap), nil
}

func compressed(data []byte) (gz, br int) {
	var g bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&g, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	var b bytes.Buffer
	bw := brotli.NewWriterLevel(&b, brotli.BestCompression)
	bw.Write(data)
	bw.Close()
	return g.Len(), b.Len()
}

func mb(n int) float64 { return float64(n) / 1e6 }

func median(ds []time.Duration) string {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2].Round(time.Millisecond).String()
}
