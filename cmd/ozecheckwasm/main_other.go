//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "ozecheckwasm runs in a browser: build it with GOOS=js GOARCH=wasm (the site builder does)")
	os.Exit(2)
}
