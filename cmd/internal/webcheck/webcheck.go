// Package webcheck builds the checker the site runs in the browser: cmd/ozecheckwasm
// compiled to WebAssembly by the Go tool, with the wasm_exec.js of the same Go installation
// (its glue must match the compiler that made the .wasm, so it is copied at each build,
// never kept in the repository).
package webcheck

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/hds-oze/pronote-oze/cmd/internal/site"
)

// Package is the import path of the browser checker's main package.
const Package = "github.com/hds-oze/pronote-oze/cmd/ozecheckwasm"

// Build compiles the browser checker with version and the site's address stamped in, as the
// downloaded checker is, from the module of the current folder.
//
// It is compiled without inlining (-gcflags=all=-l): the .wasm is 4.5 % larger (6.03 MB
// against 5.77) but compresses 92 KB smaller (1.51 MB against 1.60, compress/gzip at its best
// level, as the site publishes it), which is what a school downloads; reading an identity
// export in WebAssembly is some 20 % slower (1 M rows: 4.35 s against 3.56 s under Node.js),
// a few milliseconds for a school's thousands of rows.
func Build(ctx context.Context, version, siteURL string) (*site.BrowserChecker, error) {
	return BuildIn(ctx, "", version, siteURL)
}

// BuildIn is Build run in the folder dir, which holds this module ("" for the current folder).
func BuildIn(ctx context.Context, dir, version, siteURL string) (*site.BrowserChecker, error) {
	tmp, err := os.MkdirTemp("", "ozecheck-wasm-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	dst := filepath.Join(tmp, "ozecheck.wasm")
	ldflags := fmt.Sprintf("-s -w -X main.version=%s -X main.siteURL=%s", version, siteURL)
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-gcflags=all=-l", "-ldflags", ldflags, "-o", dst, Package)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("build the browser checker: %v\n%s", err, stderr.String())
	}
	wasm, err := os.ReadFile(dst)
	if err != nil {
		return nil, err
	}
	glue, err := wasmExec(ctx)
	if err != nil {
		return nil, err
	}
	return &site.BrowserChecker{Wasm: wasm, WasmExec: glue, Version: version}, nil
}

// wasmExec returns the Go installation's wasm_exec.js: $GOROOT/lib/wasm since Go 1.24,
// misc/wasm before.
func wasmExec(ctx context.Context) ([]byte, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %w", err)
	}
	root := strings.TrimSpace(string(out))
	var errs []string
	for _, dir := range []string{"lib/wasm", "misc/wasm"} {
		data, err := os.ReadFile(filepath.Join(root, dir, "wasm_exec.js"))
		if err == nil {
			return data, nil
		}
		errs = append(errs, err.Error())
	}
	return nil, fmt.Errorf("cannot find wasm_exec.js in the Go installation: %s", strings.Join(errs, "; "))
}

// Sizes describes the .wasm's weight as the build reports it: raw and gzip-compressed (what a
// server sends).
func Sizes(wasm []byte) string {
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(wasm)
	w.Close()
	return fmt.Sprintf("ozecheck.wasm %.2f MB, %.2f MB gzip", float64(len(wasm))/1e6, float64(gz.Len())/1e6)
}
