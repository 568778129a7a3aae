// Package overlap tells whether a command's output file is one of its inputs, or inside a
// folder given as input: writing it would replace what the command read (ozecheck -o ima.json
// ima.json), or put the output among the files a later run reads (a summary written into the
// folder it summarises).
//
// Files are compared as the system knows them (os.SameFile, after following links), not by
// name: "./a.json", "r3/../a.json" and a link to it are the same file. An output that does not
// exist yet is compared through its folder, which must exist for it to be written at all.
package overlap

import (
	"os"
	"path/filepath"
)

// Output is an output file name, resolved once for many inputs.
type Output struct {
	file os.FileInfo   // the output file, nil when it does not exist
	dirs []os.FileInfo // its folder and that folder's ancestors, innermost first
}

// New resolves the output name. What cannot be resolved (a missing folder) is left out: the
// write fails anyway, with its own message.
func New(name string) *Output {
	o := &Output{}
	o.file, _ = os.Stat(name)
	dir, err := filepath.EvalSymlinks(filepath.Dir(name))
	if err != nil {
		return o
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return o
	}
	for {
		if st, err := os.Stat(dir); err == nil {
			o.dirs = append(o.dirs, st)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return o
		}
		dir = parent
	}
}

// In reports whether the output is the file input, or inside the folder input.
func (o *Output) In(input string) bool {
	st, err := os.Stat(input)
	if err != nil {
		return false
	}
	if !st.IsDir() {
		return o.file != nil && os.SameFile(st, o.file)
	}
	for _, d := range o.dirs {
		if os.SameFile(st, d) {
			return true
		}
	}
	return false
}

// Is reports whether the output is the open file st describes: an input read from a file
// already open, such as standard input redirected from a file (ozecheck -o ima.json - < ima.json).
func (o *Output) Is(st os.FileInfo) bool {
	return o.file != nil && st != nil && st.Mode().IsRegular() && os.SameFile(st, o.file)
}
