package browsertest

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCheckerDownloadFromPlainServer serves the site from a server that compresses nothing
// (Go's file server, like a web server's defaults for WebAssembly) and judges files on the
// check page: the checker's WebAssembly weighs at most 1.6 MB on the wire (its glue and
// worker add some 19 KB). The same page works from a server that adds Content-Encoding: gzip to .gz files,
// and refuses a .wasm whose SHA-256 is not the one the build wrote.
func TestCheckerDownloadFromPlainServer(t *testing.T) {
	bc, _ := builtChecker(t)
	s := &served{checker: bc}
	s.rebuild(t, nil)
	dir := *s.dir.Load()
	fixtures := fixture(t, "statuses")
	files := []string{filepath.Join(fixtures, "info.json"), filepath.Join(fixtures, "reponses.json")}

	var tampered bytes.Buffer
	zw := gzip.NewWriter(&tampered)
	zw.Write(append(bytes.Clone(bc.Wasm[:len(bc.Wasm)-1]), bc.Wasm[len(bc.Wasm)-1]^1))
	zw.Close()

	for _, tt := range []struct {
		name     string
		serve    func(w http.ResponseWriter, r *http.Request, files http.Handler)
		judged   bool
		maxBytes int64
	}{
		{"plain", func(w http.ResponseWriter, r *http.Request, files http.Handler) { files.ServeHTTP(w, r) }, true, 1_600_000},
		{"content-encoding", func(w http.ResponseWriter, r *http.Request, files http.Handler) {
			if strings.HasSuffix(r.URL.Path, ".gz") { // as Apache's AddEncoding x-gzip .gz does
				w.Header().Set("Content-Encoding", "gzip")
				w.Header().Set("Content-Type", "application/wasm")
			}
			files.ServeHTTP(w, r)
		}, true, 1_600_000},
		{"tampered", func(w http.ResponseWriter, r *http.Request, files http.Handler) {
			if strings.HasSuffix(r.URL.Path, ".wasm.gz") {
				w.Write(tampered.Bytes())
				return
			}
			files.ServeHTTP(w, r)
		}, false, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			sent := map[string]int64{}
			fs := http.FileServer(http.Dir(dir))
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				c := &countingWriter{ResponseWriter: w}
				tt.serve(c, r, fs)
				mu.Lock()
				sent[r.URL.Path] += c.n
				mu.Unlock()
			}))
			defer srv.Close()
			ctx := newTab(t)
			do(t, ctx, chromedp.Navigate(srv.URL+"/fr/verifier/"), chromedp.WaitVisible(chromedp.CSS(".wc-ui")),
				chromedp.Evaluate[chromedp.Void](`document.querySelector('.webcheck select[name=mode]').value = 'hosted'`),
				chromedp.SetUploadFiles(chromedp.CSS(`.webcheck input[type=file]`), files))
			if tt.judged {
				do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".wc-results .wc-files")))
				n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.wc-result').length`))
				if err != nil || n == 0 {
					t.Fatalf("no result shown (%v)", err)
				}
			} else {
				if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".wc-status").textContent.includes("pas pu se charger")`)); err != nil {
					t.Fatalf("a tampered .wasm: the page never says it could not load: %v", err)
				}
				said, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.wc-status').textContent`))
				if !strings.Contains(said, "SHA-256") {
					t.Errorf("a tampered .wasm: the page says %q, want the SHA-256 named", said)
				}
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for p, n := range sent {
				if strings.Contains(p, "ozecheck.wasm") || strings.HasSuffix(p, "wasm_exec.js") || strings.HasSuffix(p, "checker-worker.js") {
					t.Logf("%s: %d bytes", p, n) // the glue and the worker: some 19 KB
				}
			}
			if n := sent["/assets/ozecheck.wasm.gz"]; n == 0 || n > tt.maxBytes {
				t.Errorf("the checker's WebAssembly weighed %d bytes on the wire, want at most %d", n, tt.maxBytes)
			}
		})
	}
}

// countingWriter counts the bytes of a response's body.
type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += int64(n)
	return n, err
}
