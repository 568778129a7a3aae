// Command benchcorpus writes the benchmark corpus: N pages per language, valid for sitegen
// (OUT/content) and for Hugo (OUT/hugo.toml).
//
//	go run ./cmd/internal/benchcorpus -n 10000 -out /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/hds-oze/pronote-oze/cmd/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "pages per language")
	out := flag.String("out", "corpus", "output `folder`")
	flag.Parse()
	if err := corpus.Write(*out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "benchcorpus:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d pages per language into %s\n", *n, *out)
}
