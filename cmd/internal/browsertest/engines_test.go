package browsertest

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hds-oze/pronote-oze/cmd/internal/testenv"
)

// engine is a browser engine the smoke test drives, and what it needs installed.
type engine struct {
	name    string
	install string
	// find returns the programs the engine needs as environment variables for smoke.mjs,
	// and the command that runs node (xvfb-run for a window of its own); it calls Missing.
	find func(t *testing.T) (env []string, prefix []string)
}

var engines = []engine{
	{"firefox", "apt-get install firefox-esr", func(t *testing.T) ([]string, []string) {
		ff := lookPath(t, "Firefox ESR", "apt-get install firefox-esr", "firefox-esr", "firefox")
		return []string{"FIREFOX=" + ff}, nil
	}},
	{"webkit", "apt-get install webkit2gtk-driver xvfb", func(t *testing.T) ([]string, []string) {
		const install = "apt-get install webkit2gtk-driver xvfb"
		driver := lookPath(t, "WebKitGTK's WebKitWebDriver", install, "WebKitWebDriver")
		xvfb := lookPath(t, "xvfb-run", install, "xvfb-run")
		mini, _ := filepath.Glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser")
		if len(mini) == 0 {
			testenv.Missing(t, "TestEngines/webkit needs WebKitGTK's MiniBrowser, which is not installed", install)
		}
		return []string{"WEBKIT_DRIVER=" + driver, "MINIBROWSER=" + mini[0]}, []string{xvfb, "-a"}
	}},
}

// lookPath returns the first of names on PATH, or stops the test (testenv.Missing).
func lookPath(t *testing.T, what, install string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	testenv.Missing(t, t.Name()+" needs "+what+", which is not installed", install)
	return ""
}

// smokeChecks are the checks smoke.mjs must report as passed: a run that skipped one proves
// nothing about it.
var smokeChecks = []string{"pages", "state", "check page", "verdicts", "search"}

// TestEngines runs the smoke test (engines/smoke.mjs) in Firefox ESR and in WebKitGTK, the
// engines of Firefox and Safari: every page loads with no script error, console error or CSP
// violation; ticks and a typed value survive a reload; the check page judges files given to
// its file input; the verdicts show beside the procedure's steps; search answers. The
// engines' versions are logged. With SHOTS_DIR set, it saves screenshots from each engine.
func TestEngines(t *testing.T) {
	node := lookPath(t, "Node.js", "apt-get install nodejs npm", "node")
	if _, err := os.Stat("engines/node_modules/puppeteer-core/package.json"); err != nil {
		testenv.Missing(t, "TestEngines needs puppeteer-core and selenium-webdriver from npm, which are not installed", "npm ci in cmd/internal/browsertest/engines")
	}
	bc, _ := builtChecker(t)
	s := &served{checker: bc}
	s.rebuild(t, nil)
	probe, err := os.ReadFile("engines/probe.js")
	if err != nil {
		t.Fatal(err)
	}
	s.Server = httptest.NewServer(probed(*s.dir.Load(), probe))
	defer s.Close()

	pagesFile := filepath.Join(t.TempDir(), "pages")
	if err := os.WriteFile(pagesFile, []byte(strings.Join(sitePages(t, *s.dir.Load()), "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := fixture(t, "statuses")
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			env, prefix := e.find(t)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			args := append(prefix, node, "smoke.mjs", e.name, s.URL, pagesFile, filepath.Join(dir, "info.json"), filepath.Join(dir, "reponses.json"))
			cmd := exec.CommandContext(ctx, args[0], args[1:]...)
			cmd.Dir = "engines"
			cmd.Env = append(os.Environ(), env...)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			runErr := cmd.Run()
			passed := map[string]bool{}
			sc := bufio.NewScanner(&out)
			for sc.Scan() {
				line := sc.Text()
				t.Log(line)
				name, _, _ := strings.Cut(strings.TrimPrefix(line, "ok "), ":")
				if strings.HasPrefix(line, "ok ") {
					passed[name] = true
				}
				if strings.HasPrefix(line, "FAIL ") {
					t.Error(line)
				}
			}
			if runErr != nil {
				t.Errorf("smoke.mjs in %s: %v", e.name, runErr)
			}
			for _, c := range smokeChecks {
				if !passed[c] {
					t.Errorf("%s: the check %q did not pass", e.name, c)
				}
			}
		})
	}
}

// probed serves the site in dir with probe.js added as the first script of every page.
func probed(dir string, probe []byte) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/__probe.js" {
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(probe)
			return
		}
		name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		if strings.HasSuffix(r.URL.Path, "/") {
			name = filepath.Join(name, "index.html")
		}
		if !strings.HasSuffix(name, ".html") {
			files.ServeHTTP(w, r)
			return
		}
		page, err := os.ReadFile(name)
		if err != nil {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(bytes.Replace(page, []byte("<head>"), []byte(`<head><script src="/__probe.js"></script>`), 1))
	})
}
