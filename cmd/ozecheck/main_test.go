package main

import (
	"os"
	"testing"
	"unicode/utf16"

	"github.com/rogpeppe/go-internal/testscript"
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
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
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
		},
	})
}
