package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hds-oze/pronote-oze/checks/report"
)

// decodeReports reads every .json file under dir and decodes it into a report.Doc, one
// goroutine per core, and keeps nothing: what any summary of those files must at least do.
func decodeReports(dir string) error {
	files := make(chan string, 64)
	var wg sync.WaitGroup
	var n, bad atomic.Int64
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range files {
				data, err := os.ReadFile(f)
				var d report.Doc
				if err != nil || json.Unmarshal(data, &d) != nil {
					bad.Add(1)
					continue
				}
				n.Add(1)
			}
		}()
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
			files <- p
		}
		return err
	})
	close(files)
	wg.Wait()
	fmt.Printf("%d reports decoded, %d not\n", n.Load(), bad.Load())
	return err
}
