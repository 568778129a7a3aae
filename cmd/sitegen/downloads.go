package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/site"
)

// The checker's module and import path, built with the Go tool.
const (
	modulePath     = "github.com/hds-oze/pronote-oze"
	checkerPackage = modulePath + "/cmd/ozecheck"
)

// moduleSource returns the folder of the module sitegen was compiled from, where the Go tool
// compiles the checker (for the downloads and the browser) and git describes its version:
// sitegen may run from a content folder anywhere. It is found from the path of this file as
// the compiler saw it, and must still hold the module. A sitegen compiled with -trimpath, or
// whose sources moved, cannot compile the checker: the error says what to do.
var moduleSource = sync.OnceValues(func() (string, error) {
	_, file, _, _ := runtime.Caller(0)
	return moduleAt(file)
})

// moduleAt returns the folder of the module whose cmd/sitegen holds the source file file.
func moduleAt(file string) (string, error) {
	dir := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	fail := func(why string) (string, error) {
		return "", fmt.Errorf("the checker is compiled from the sources of the module sitegen was built from (%s), %s: run sitegen from a checkout of that module, or build with -downloads=false -browser-checker=false", modulePath, why)
	}
	if !filepath.IsAbs(file) {
		return fail("whose folder this sitegen does not know (built with -trimpath)")
	}
	cmd := exec.Command("go", "list", "-m")
	cmd.Dir = dir
	out, err := cmd.Output()
	if got := strings.TrimSpace(string(out)); err != nil || got != modulePath {
		return fail(fmt.Sprintf("no longer at %s (go list -m there: %q, %v)", dir, got, err))
	}
	return dir, nil
}

// buildDownloads cross-compiles the checker for every platform with the Go tool, in the
// module's folder dir: -trimpath, no cgo, the version and the site's address stamped in. Two
// builds run at once.
func buildDownloads(ctx context.Context, dir, version, siteURL string, support checks.Contact) ([]site.Download, error) {
	platforms := site.Platforms()
	tmp, err := os.MkdirTemp("", "ozecheck-builds-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := make([]site.Download, len(platforms))
	errs := make([]error, len(platforms))
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for i, p := range platforms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			name := fmt.Sprintf("ozecheck-%s-%s", p.OS, p.Arch)
			if p.OS == "windows" {
				name += ".exe"
			}
			dst := filepath.Join(tmp, name)
			ldflags := fmt.Sprintf("-s -w -X main.version=%s -X main.siteURL=%s", version, siteURL)
			if s := support.Encode(); s != "" {
				ldflags += " -X main.support=" + s
			}
			cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", ldflags, "-o", dst, checkerPackage)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOOS="+p.OS, "GOARCH="+p.Arch, "CGO_ENABLED=0")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil {
				errs[i] = fmt.Errorf("build the checker for %s/%s: %v\n%s", p.OS, p.Arch, err, stderr.String())
				return
			}
			data, err := os.ReadFile(dst)
			if err != nil {
				errs[i] = err
				return
			}
			sum := sha256.Sum256(data)
			out[i] = site.Download{OS: p.OS, Arch: p.Arch, Name: name, Version: version, Data: data, SHA256: hex.EncodeToString(sum[:])}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// projectVersion describes the checked-out commit of the module's folder dir
// ("v1.2.0-3-gabc1234-dirty"), or "dev" outside a git checkout.
func projectVersion(dir string) string {
	cmd := exec.Command("git", "describe", "--tags", "--always", "--dirty")
	cmd.Dir = dir
	out, err := cmd.Output()
	if v := strings.TrimSpace(string(out)); err == nil && v != "" {
		return v
	}
	return "dev"
}
