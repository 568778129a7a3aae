//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"syscall/js"
	"time"
)

func main() {
	js.Global().Set("ozecheckRun", js.FuncOf(run))
	select {} // stay alive: the worker calls ozecheckRun for each check
}

// run is ozecheckRun(request, files, progress): see the package doc.
func run(_ js.Value, args []js.Value) any {
	if len(args) < 2 {
		return encode(outcome{Files: []fileOutcome{}, Error: &text{FR: "ozecheckRun(request, files, progress)", EN: "ozecheckRun(request, files, progress)"}})
	}
	var req request
	if err := json.Unmarshal([]byte(args[0].String()), &req); err != nil {
		return encode(outcome{Files: []fileOutcome{}, Error: &text{FR: err.Error(), EN: err.Error()}})
	}
	progress := js.Undefined()
	if len(args) > 2 && args[2].Type() == js.TypeFunction {
		progress = args[2]
	}
	files := args[1]
	var total int64
	for i := range files.Length() {
		total += int64(files.Index(i).Get("size").Float())
	}
	p := &counter{total: total, fn: progress}
	var inputs []input
	for i := range files.Length() {
		f := files.Index(i)
		size := int64(f.Get("size").Float())
		inputs = append(inputs, input{Name: f.Get("name").String(), Size: size, R: &fileReader{file: f, size: size, progress: p}})
	}
	return encode(check(req, inputs, time.Now()))
}

// counter reports the bytes read to the page.
type counter struct {
	done, total int64
	fn          js.Value
}

func (c *counter) add(n int) {
	c.done += int64(n)
	if c.fn.Type() == js.TypeFunction {
		c.fn.Invoke(float64(c.done), float64(c.total))
	}
}

// fileReader reads a File a slice at a time with FileReaderSync (available in workers), so
// that memory does not grow with the file.
type fileReader struct {
	file     js.Value
	off      int64
	size     int64
	progress *counter
	sync     js.Value
	buf      []byte // read from the file, not yet returned
}

const readChunk = 1 << 20

func (r *fileReader) Read(p []byte) (n int, err error) {
	if len(r.buf) == 0 {
		if err := r.fill(); err != nil {
			return 0, err
		}
	}
	n = copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// fill reads the next slice of the file.
func (r *fileReader) fill() (err error) {
	if r.off >= r.size {
		return io.EOF
	}
	defer func() {
		if e := recover(); e != nil { // the browser could not read the file (moved, deleted…)
			err = fmt.Errorf("%v", e)
		}
	}()
	if r.sync.IsUndefined() {
		r.sync = js.Global().Get("FileReaderSync").New()
	}
	end := min(r.off+readChunk, r.size)
	ab := r.sync.Call("readAsArrayBuffer", r.file.Call("slice", float64(r.off), float64(end)))
	chunk := make([]byte, end-r.off)
	n := js.CopyBytesToGo(chunk, js.Global().Get("Uint8Array").New(ab))
	if n == 0 {
		return io.ErrUnexpectedEOF
	}
	r.buf = chunk[:n]
	r.off += int64(n)
	r.progress.add(n)
	return nil
}
