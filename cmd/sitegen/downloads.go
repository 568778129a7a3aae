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
	"strings"
	"sync"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/site"
)

// checkerPackage is the checker's import path, built with the Go tool.
const checkerPackage = "github.com/hds-oze/pronote-oze/cmd/ozecheck"

// buildDownloads cross-compiles the checker for every platform with the Go tool: -trimpath,
// no cgo, the version and the site's address stamped in. Two builds run at once.
func buildDownloads(ctx context.Context, version, siteURL string, support checks.Contact) ([]site.Download, error) {
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

// projectVersion describes the checked-out commit ("v1.2.0-3-gabc1234-dirty"), or "dev"
// outside a git checkout.
func projectVersion() string {
	out, err := exec.Command("git", "describe", "--tags", "--always", "--dirty").Output()
	if v := strings.TrimSpace(string(out)); err == nil && v != "" {
		return v
	}
	return "dev"
}
