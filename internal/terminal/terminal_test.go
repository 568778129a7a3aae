package terminal

import "testing"

func TestEscape(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain ASCII", "eleves.csv", "eleves.csv"},
		{"accents and French spaces stay", "Collège « Zoé »\u202f: été", "Collège « Zoé »\u202f: été"},
		{"window title (OSC)", "\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"clear screen (CSI)", "a\x1b[2Jb", `a\x1b[2Jb`},
		{"CR rewrites the line", "ok\rFAIL", `ok\rFAIL`},
		{"newline and tab", "a\nb\tc", `a\nb\tc`},
		{"NUL", "a\x00b", `a\x00b`},
		{"DEL", "a\x7fb", `a\x7fb`},
		{"C1 control (CSI as one rune)", "a\u009b2Jb", `a\u009b2Jb`},
		{"right-to-left override", "facture\u202Efdp.exe", `facture\u202efdp.exe`},
		{"bidi isolate", "\u2067x\u2069", `\u2067x\u2069`},
		{"zero width space and BOM", "a\u200bb\ufeff", `a\u200bb\ufeff`},
		{"line separator", "a\u2028b", `a\u2028b`},
		{"invalid UTF-8", "a\xffb\xc3", `a\xffb\xc3`},
		{"tag character (outside the BMP)", "a\U000E0041", `a\U000e0041`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Escape(tt.in); got != tt.want {
				t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestVisible(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text and markup stay", "Collège <b>\u202f: été", "Collège <b>\u202f: été"},
		{"tab and line feed stay", "a\tb\nc", "a\tb\nc"},
		{"CR, ESC and BEL", "ok\rFAIL\x1b[2J\x07", `ok\rFAIL\x1b[2J\x07`},
		{"right-to-left override and isolate", "Lycée\u202eA\u2066B", `Lycée\u202eA\u2066B`},
		{"NUL and invalid UTF-8", "a\x00b\xff", `a\x00b\xff`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Visible(tt.in); got != tt.want {
				t.Errorf("Visible(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
