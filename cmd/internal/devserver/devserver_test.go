package devserver

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"

	"github.com/hds-oze/pronote-oze/cmd/internal/site"
)

// liveSite copies the project's content into a temporary folder and builds it there, as
// "sitegen serve" does.
func liveSite(t *testing.T) (src, out string, lv *site.Live) {
	t.Helper()
	dir := t.TempDir()
	src, out = filepath.Join(dir, "content"), filepath.Join(dir, "public")
	if err := os.CopyFS(src, os.DirFS("../../../content")); err != nil {
		t.Fatal(err)
	}
	b := &site.Builder{Src: afero.NewOsFs(), SrcDir: src, Out: afero.NewOsFs(), OutDir: out}
	lv, _, err := b.BuildLive(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return src, out, lv
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestEditRebuildsOnlyThePage(t *testing.T) {
	src, out, lv := liveSite(t)
	home := filepath.Join(out, "fr", "index.html")
	before, _ := os.Stat(home)
	edit(t, filepath.Join(src, "fr", "hosted.md"), "Deux états de la base comptent", "Deux états de la base comptent vraiment")
	up, err := lv.Update(context.Background(), []string{"fr/hosted.md"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.ToSlash(filepath.Join(src, "en", "hosted.md")), filepath.ToSlash(filepath.Join(src, "fr", "hosted.md"))}
	if up.Full || len(up.Rendered) != 2 || up.Rendered[0] != want[0] || up.Rendered[1] != want[1] {
		t.Errorf("rendered %v (full %v), want the page and its translation: %v", up.Rendered, up.Full, want)
	}
	page, _ := os.ReadFile(filepath.Join(out, "fr", "mode-heberge", "index.html"))
	if !strings.Contains(string(page), "comptent vraiment") {
		t.Error("the edited page was not rewritten")
	}
	if after, _ := os.Stat(home); !after.ModTime().Equal(before.ModTime()) {
		t.Error("an unrelated page was rewritten")
	}

	// A new title shows in the navigation of every page of the language.
	edit(t, filepath.Join(src, "fr", "onprem.md"), `title = "Mode non hébergé`, `title = "Mode sur place`)
	up, err = lv.Update(context.Background(), []string{"fr/onprem.md"})
	if err != nil {
		t.Fatal(err)
	}
	frPages, _ := filepath.Glob(filepath.Join(src, "fr", "*.md"))
	if len(frPages) < 5 || len(up.Rendered) != len(frPages)+1 { // every French page and the English translation
		t.Errorf("after a title change, rendered %d pages: %v", len(up.Rendered), up.Rendered)
	}
	nav, _ := os.ReadFile(home)
	if !strings.Contains(string(nav), "Mode sur place") {
		t.Error("the navigation of the home page does not show the new title")
	}
}

func TestBuildErrorKeepsLastGoodSite(t *testing.T) {
	src, out, lv := liveSite(t)
	good, _ := os.ReadFile(filepath.Join(out, "en", "changing-ent", "index.html"))
	edit(t, filepath.Join(src, "en", "purge.md"), "```checklist purge", "[gone](nowhere.md)\n\n```checklist purge")
	_, err := lv.Update(context.Background(), []string{"en/purge.md"})
	var be *site.BuildError
	if err == nil || !strings.Contains(err.Error(), "en/purge.md:") || !strings.Contains(err.Error(), `broken link "nowhere.md"`) {
		t.Fatalf("Update() = %v, want a broken link at file:line", err)
	} else if !errors.As(err, &be) || be.Errs[0].Line == 0 {
		t.Errorf("error %v has no line", err)
	}
	now, _ := os.ReadFile(filepath.Join(out, "en", "changing-ent", "index.html"))
	if string(now) != string(good) {
		t.Error("a failed update changed the served page")
	}
	// Another page's edit does not hide the error: the broken page is checked again.
	edit(t, filepath.Join(src, "en", "index.md"), "Hosted or not?", "Hosted or on-premises?")
	if _, err := lv.Update(context.Background(), []string{"en/index.md"}); err == nil {
		t.Error("the error of en/purge.md disappeared while it is not fixed")
	}
	edit(t, filepath.Join(src, "en", "purge.md"), "[gone](nowhere.md)\n\n", "")
	if _, err := lv.Update(context.Background(), []string{"en/purge.md"}); err != nil {
		t.Errorf("fixed page still fails: %v", err)
	}
}

func TestServe(t *testing.T) {
	_, out, _ := liveSite(t)
	srv := New(out)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	get := func(p string) (*http.Response, string) {
		req, _ := http.NewRequest("GET", ts.URL+p, nil)
		req.URL.Opaque = p // keep "/../" as it is: a browser would clean it, an attacker does not
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	for _, p := range []string{"/../go.mod", "/fr/../../go.mod", "/%2e%2e/go.mod", "/assets/..%2f..%2fgo.mod"} {
		if resp, body := get(p); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound || strings.Contains(body, "module ") {
			t.Errorf("GET %s = %d, want it refused", p, resp.StatusCode)
		}
	}
	resp, body := get("/fr/mode-heberge/")
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("page: %d %v", resp.StatusCode, resp.Header)
	}
	if !strings.Contains(body, ScriptPath) {
		t.Error("served page has no reload script")
	}
	if disk, _ := os.ReadFile(filepath.Join(out, "fr", "mode-heberge", "index.html")); strings.Contains(string(disk), ScriptPath) {
		t.Error("the reload script is in the built file")
	}
	for p, ct := range map[string]string{"/assets/style.css": "text/css", "/assets/checklist.js": "text/javascript", "/pdf/fr/mode-heberge.pdf": "application/pdf", "/schema/report.schema.json": "application/json"} {
		if resp, _ := get(p); resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), ct) {
			t.Errorf("GET %s = %d %q, want %s", p, resp.StatusCode, resp.Header.Get("Content-Type"), ct)
		}
	}
	if resp, body := get("/fr/nulle-part/"); resp.StatusCode != 404 || !strings.Contains(body, "Page introuvable") {
		t.Errorf("missing page: %d", resp.StatusCode)
	}
	if resp, _ := get("/fr/mode-heberge"); resp.StatusCode != http.StatusMovedPermanently {
		t.Errorf("folder without slash: %d", resp.StatusCode)
	}
}

// TestEvents opens the event stream, makes a change, and waits for the reload; then a build
// error, shown to pages that connect later too.
func TestEvents(t *testing.T) {
	_, out, _ := liveSite(t)
	srv := New(out)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+EventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	lines := bufio.NewScanner(resp.Body)
	waitFor := func(prefix string) string {
		for lines.Scan() {
			if strings.HasPrefix(lines.Text(), prefix) {
				return lines.Text()
			}
		}
		t.Fatalf("stream ended before %q: %v", prefix, lines.Err())
		return ""
	}
	waitFor(": connected")
	srv.Reloaded()
	waitFor("event: reload")
	srv.Failed([]string{"content/fr/x.md:3: unknown checklist \"nope\""})
	waitFor("event: build-error")
	if data := waitFor("data: "); !strings.Contains(data, `content/fr/x.md:3`) {
		t.Errorf("error event data %q", data)
	}
	// A page opened while the build is broken learns it at once.
	req2, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+EventsPath, nil)
	resp2, err := http.DefaultClient.Do(req2)
	if err != nil {
		t.Fatal(err)
	}
	defer resp2.Body.Close()
	lines = bufio.NewScanner(resp2.Body)
	waitFor("event: build-error")
}

// TestWatch writes files, in a new sub-folder too, and gets them reported. The watch starts
// with NewWatcher, before the writes: no sleep is needed for it to see them.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	w, err := NewWatcher([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan Change, 4)
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, 30*time.Millisecond, time.Second, func(c Change) { got <- c }) }()
	for _, err := range []error{
		os.WriteFile(filepath.Join(dir, "a.md"), []byte("a"), 0o644),
		os.WriteFile(filepath.Join(dir, ".a.md.swp"), []byte("x"), 0o644),
		os.MkdirAll(filepath.Join(dir, "fr", "guides"), 0o755),
		os.WriteFile(filepath.Join(dir, "fr", "guides", "b.md"), []byte("b"), 0o644),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	for !seen["a.md"] || !seen["fr/guides/b.md"] {
		select {
		case c := <-got:
			for _, f := range c.Files {
				seen[f] = true
			}
		case <-ctx.Done():
			t.Fatalf("saw %v", seen)
		}
	}
	if seen[".a.md.swp"] {
		t.Error("an editor's swap file counted as a change")
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run returned %v after its context ended, want context.Canceled", err)
	}
}

// TestServeOnlyTheSite refuses what the output folder may hold that is no part of the site:
// dot-files (a build's temporary files, an editor's) and symbolic links, even to a file of the
// site.
func TestServeOnlyTheSite(t *testing.T) {
	out := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(out, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("404.html", "<html><head></head><body>not here</body></html>")
	write("fr/index.html", "<html><head></head><body>accueil</body></html>")
	write("fr/.index.html.tmp-x1", "half a page")
	write(".git/config", "secret")
	write("assets/app.js", "js")
	secret := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secret, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"outside.txt": secret, "inside.js": filepath.Join(out, "assets/app.js"), "linked": filepath.Join(out, "fr")} {
		if err := os.Symlink(target, filepath.Join(out, link)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	ts := httptest.NewServer(New(out))
	defer ts.Close()
	tests := []struct {
		name, path string
		status     int
	}{
		{"a page", "/fr/", 200},
		{"a file", "/assets/app.js", 200},
		{"a temporary file", "/fr/.index.html.tmp-x1", 404},
		{"a dot-folder", "/.git/config", 404},
		{"a link out of the folder", "/outside.txt", 404},
		{"a link inside the folder", "/inside.js", 404},
		{"a linked folder", "/linked/index.html", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Get(ts.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Errorf("GET %s = %d, want %d", tt.path, resp.StatusCode, tt.status)
			}
			if tt.status == 404 && (!strings.Contains(string(body), "not here") || strings.Contains(string(body), "secret") || strings.Contains(string(body), "half")) {
				t.Errorf("GET %s served %q, want the 404 page", tt.path, body)
			}
		})
	}
}

// TestServeStreams asks for a part of a large file: the server answers from the file (a range,
// as http.ServeContent does), where it used to read the whole file for each request.
func TestServeStreams(t *testing.T) {
	out := t.TempDir()
	big := make([]byte, 12<<20)
	for i := range big {
		big[i] = byte(i % 251)
	}
	if err := os.MkdirAll(filepath.Join(out, "downloads"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "downloads", "ozecheck.exe"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(New(out))
	defer ts.Close()
	req, _ := http.NewRequest("GET", ts.URL+"/downloads/ozecheck.exe", nil)
	req.Header.Set("Range", "bytes=1000-1009")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusPartialContent || string(body) != string(big[1000:1010]) {
		t.Errorf("range request: %d, %d bytes; want 206 and the 10 bytes asked", resp.StatusCode, len(body))
	}
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control = %q", resp.Header.Get("Cache-Control"))
	}
}

// TestServePageStreams: a page gets the reload script before its first "</head>" wherever it
// falls against the copy's buffer, and the server does not hold the page to do so: serving a
// 32 MB page allocates far less than the page (it read it whole, and copied it once more, per
// request).
func TestServePageStreams(t *testing.T) {
	out := t.TempDir()
	srv := New(out)
	filler := func(n int) string { return strings.Repeat("<p>x</p>", n/8+1)[:n] }
	for _, at := range []int{0, 100, 32<<10 - 7, 32<<10 - 3, 32<<10 - 1, 32 << 10, 64<<10 - 4, -1} {
		page := "<html><head>" + filler(max(at, 0)) + "</head><body>" + filler(1000) + "</head></body></html>"
		want := strings.Replace(page, "</head>", string(reloadTag)+"\n</head>", 1)
		if at < 0 { // no head: served as it is
			page = "<html><body>" + filler(40<<10) + "</body></html>"
			want = page
		}
		if err := os.WriteFile(filepath.Join(out, "index.html"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "/index.html", nil))
		if rec.Code != 200 || rec.Body.String() != want {
			t.Errorf("</head> at %d: status %d, %d bytes served, want %d: the script not once before the first </head>", at, rec.Code, rec.Body.Len(), len(want))
		}
		rec = httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("HEAD", "/index.html", nil))
		if rec.Code != 200 || rec.Body.Len() != 0 {
			t.Errorf("HEAD: status %d, %d bytes of body", rec.Code, rec.Body.Len())
		}
	}

	big := "<html><head><title>big</title></head><body>" + strings.Repeat("<p>Lorem ipsum dolor sit amet.</p>\n", 1<<20) + "</body></html>"
	if err := os.WriteFile(filepath.Join(out, "big.html"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	w := discard{httptest.NewRecorder()}
	srv.ServeHTTP(w, httptest.NewRequest("GET", "/big.html", nil))
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(len(big))/8 {
		t.Errorf("serving a %d MB page allocated %d MB: the page is held in memory", len(big)>>20, alloc>>20)
	}
}

// BenchmarkServeLargeFile serves a 12 MB file (a checker download): the bytes allocated per
// request show whether the file is read into memory.
func BenchmarkServeLargeFile(b *testing.B) {
	out := b.TempDir()
	if err := os.WriteFile(filepath.Join(out, "big.bin"), make([]byte, 12<<20), 0o644); err != nil {
		b.Fatal(err)
	}
	srv := New(out)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		rec.Body = nil // discard what is written
		srv.ServeHTTP(discard{rec}, httptest.NewRequest("GET", "/big.bin", nil))
	}
}

// BenchmarkServeLargePage serves a 12 MB page: the reload script is added as it goes by, and
// the bytes allocated per request show that the page is not held.
func BenchmarkServeLargePage(b *testing.B) {
	out := b.TempDir()
	page := append([]byte("<html><head></head><body>"), make([]byte, 12<<20)...)
	if err := os.WriteFile(filepath.Join(out, "big.html"), page, 0o644); err != nil {
		b.Fatal(err)
	}
	srv := New(out)
	b.ReportAllocs()
	for b.Loop() {
		srv.ServeHTTP(discard{httptest.NewRecorder()}, httptest.NewRequest("GET", "/big.html", nil))
	}
}

type discard struct{ *httptest.ResponseRecorder }

func (discard) Write(p []byte) (int, error) { return len(p), nil }
