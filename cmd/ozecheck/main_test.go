package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/hds-oze/pronote-oze/checks/report"
	"github.com/hds-oze/pronote-oze/cmd/internal/scripttest"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/encoding/charmap"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"ozecheck": main})
}

// TestScripts runs the CLI scripts of testdata/script: sample exports, the command, its
// output and exit status.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("LANG", "fr_FR.UTF-8")
			env.Setenv("NO_COLOR", "")
			env.Setenv("DEVNULL", devNull(env.WorkDir))
			// NASTY goes into arguments and file names: a clear-screen sequence and a
			// right-to-left override.
			env.Setenv("NASTY", "\x1b[2J\u202e")
			return nil
		},
		// [devnull]: $DEVNULL names a character device the tests may write to.
		Condition: func(cond string) (bool, error) {
			if cond == "devnull" {
				return canDevNull(), nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: scripttest.Cmds(map[string]scripttest.Cmd{
			"filemode":    cmdFilemode,
			"notemp":      cmdNotemp,
			"csvcells":    cmdCSVCells,
			"schemavalid": cmdSchemaValid,
			// mkfifo PATH makes a named pipe (a FIFO), on Unix ([unix] guards its use).
			"mkfifo": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: mkfifo PATH")
				}
				ts.Check(mkfifo(ts.MkAbs(args[0])))
			},
			// encode ENCODING SRC DST writes SRC (UTF-8) to DST in ENCODING: windows-1252,
			// utf16le-bom, utf16le, or truncated-utf16 (UTF-16LE with its last byte cut).
			// junk KIND DST writes a binary file: xlsx (a ZIP), xls (OLE2) or png.
			"junk": func(ts *testscript.TestScript, neg bool, args []string) {
				magic := map[string][]byte{
					"xlsx": {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0},
					"xls":  {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0},
					"png":  {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'},
				}[args[0]]
				if magic == nil || len(args) != 2 {
					ts.Fatalf("usage: junk xlsx|xls|png DST")
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), append(magic, make([]byte, 64)...), 0o644))
			},
			"encode": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 3 {
					ts.Fatalf("usage: encode ENCODING SRC DST")
				}
				src := ts.ReadFile(args[1])
				var out []byte
				switch args[0] {
				case "windows-1252":
					b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(src))
					ts.Check(err)
					out = b
				case "utf16le-bom", "utf16le", "truncated-utf16":
					if args[0] != "utf16le" {
						out = []byte{0xFF, 0xFE}
					}
					for _, u := range utf16.Encode([]rune(src)) {
						out = append(out, byte(u), byte(u>>8))
					}
					if args[0] == "truncated-utf16" {
						out = out[:len(out)-1]
					}
				default:
					ts.Fatalf("unknown encoding %q", args[0])
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[2]), out, 0o644))
			},
		}),
	})
}

// devNull returns /dev/null, or, when the tests run as root, a private device node like it in
// dir: as root a regression of -o would replace the system's /dev/null. It returns "" when
// root cannot make one (no CAP_MKNOD): the script then skips the device case.
func devNull(dir string) string {
	if os.Geteuid() != 0 {
		return "/dev/null"
	}
	p := filepath.Join(dir, "devnull")
	if err := exec.Command("mknod", "-m", "0666", p, "c", "1", "3").Run(); err != nil {
		return ""
	}
	return p
}

// canDevNull reports whether devNull can give a device, trying once in a folder of its own.
var canDevNull = sync.OnceValue(func() bool {
	dir, err := os.MkdirTemp("", "devnull-")
	if err != nil {
		return false
	}
	defer os.RemoveAll(dir)
	return devNull(dir) != ""
})

// cmdFilemode: filemode PATH regular|chardev|fifo|symlink [PERM|umask] checks what PATH is
// (not following a symlink) and, for a regular file, its permissions: an octal mode, or
// "umask" for 0644 less the process's umask (Linux only; elsewhere that part is skipped).
func cmdFilemode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: filemode PATH regular|chardev|fifo|symlink [PERM|umask]")
	}
	fi, err := os.Lstat(ts.MkAbs(args[0]))
	ts.Check(err)
	m := fi.Mode()
	got := "other"
	switch {
	case m.IsRegular():
		got = "regular"
	case m&fs.ModeSymlink != 0:
		got = "symlink"
	case m&fs.ModeNamedPipe != 0:
		got = "fifo"
	case m&fs.ModeCharDevice != 0:
		got = "chardev"
	}
	if got != args[1] {
		ts.Fatalf("%s is %s (%v), want %s", args[0], got, m, args[1])
	}
	if len(args) < 3 {
		return
	}
	var want fs.FileMode
	if args[2] == "umask" {
		st, err := os.ReadFile("/proc/self/status")
		mm := regexp.MustCompile(`(?m)^Umask:\s*([0-7]+)`).FindSubmatch(st)
		if err != nil || mm == nil {
			ts.Logf("umask unknown here: permissions of %s not checked", args[0])
			return
		}
		u, _ := strconv.ParseUint(string(mm[1]), 8, 32)
		want = 0o644 &^ fs.FileMode(u)
	} else {
		u, err := strconv.ParseUint(args[2], 8, 32)
		ts.Check(err)
		want = fs.FileMode(u)
	}
	if m.Perm() != want {
		ts.Fatalf("%s has permissions %#o, want %#o", args[0], m.Perm(), want)
	}
}

// cmdNotemp: notemp DIR fails if DIR holds a hidden file (a temporary file left behind).
func cmdNotemp(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: notemp DIR")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	var hidden []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			hidden = append(hidden, e.Name())
		}
	}
	if len(hidden) > 0 {
		ts.Fatalf("%s holds %s", args[0], fmt.Sprint(hidden))
	}
}

// cmdCSVCells: csvcells FILE reads FILE as a spreadsheet would take a summary's CSV (a UTF-8
// byte order mark, then ";"-separated cells read by encoding/csv) and prints one cell a line,
// "ROW.COL: text", to stdout. It fails without the byte order mark or on a malformed file.
func cmdCSVCells(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: csvcells FILE")
	}
	data, ok := strings.CutPrefix(ts.ReadFile(args[0]), "\ufeff")
	if !ok {
		ts.Fatalf("%s has no UTF-8 byte order mark", args[0])
	}
	r := csv.NewReader(strings.NewReader(data))
	r.Comma = ';'
	rows, err := r.ReadAll()
	ts.Check(err)
	var b strings.Builder
	for i, row := range rows {
		for j, c := range row {
			fmt.Fprintf(&b, "%d.%d: %s\n", i, j, c)
		}
	}
	ts.Stdout().Write([]byte(b.String()))
}

// cmdSchemaValid: schemavalid FILE SCHEMA validates the JSON FILE against SCHEMA, one of the
// published schemas (checks/report/schema), with a JSON Schema validator, formats asserted.
func cmdSchemaValid(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: schemavalid FILE SCHEMA")
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	data, err := report.Schemas.ReadFile("schema/" + args[1])
	ts.Check(err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	ts.Check(err)
	ts.Check(c.AddResource(args[1], doc))
	sch, err := c.Compile(args[1])
	ts.Check(err)
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(ts.ReadFile(args[0])))
	ts.Check(err)
	err = sch.Validate(v)
	switch {
	case err != nil && !neg:
		ts.Fatalf("%s does not match %s: %v", args[0], args[1], err)
	case err == nil && neg:
		ts.Fatalf("%s matches %s", args[0], args[1])
	}
}
