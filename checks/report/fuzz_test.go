package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/evidence"
)

// FuzzTextReport reads an input (any kind) under a file name, judges it and writes the text
// report: whatever the input and its name, no byte a terminal acts on reaches the output but
// the report's own line ends (colours off).
func FuzzTextReport(f *testing.F) {
	f.Add([]byte(`{"nomEtab": "A\u001b]0;t\u0007", "espaces": [{"nom": "\u202eX", "protocole": "\r"}], "CAS": {"actif": true, "casURL": "\u0000"}}`), "InfoMobileApp.json", true)
	f.Add([]byte(`{"kind": "pronote-oze-answers", "format": 1, "items": {"net.cas-url": {"checked": true, "value": "\u001b[2J", "comment": "a\u2028b"}, "x\u0007": {"checked": true}}}`), "r\x1b.json", false)
	f.Add([]byte("Nom;Id. CAS\n\x1b[2J;\u202eab\nB;\u202eab\n"), "eleves\r.csv", true)
	f.Fuzz(func(t *testing.T, data []byte, name string, hosted bool) {
		ev := &checks.Evidence{ShowPersonalData: true}
		if _, err := evidence.Read(name, bytes.NewReader(data), checks.Default(), ev, evidence.IdentityOptions{}); err != nil {
			return
		}
		mode := checks.OnPrem
		if hosted {
			mode = checks.Hosted
		}
		rep := checks.Run(checks.Default(), ev, checks.Options{Mode: mode, Purge: true})
		for _, lang := range []checks.Lang{checks.FR, checks.EN} {
			doc := New(rep, ev, Meta{Version: "v", Generated: time.Unix(0, 0), Lang: lang, SiteURL: "https://s.example/"})
			var buf bytes.Buffer
			if err := Text(&buf, doc, false); err != nil {
				t.Fatal(err)
			}
			if i, r := terminalActive(buf.String()); i >= 0 {
				t.Fatalf("the text report holds %U at byte %d:\n%q", r, i, buf.String())
			}
		}
	})
}

// terminalActive returns where s has a rune a terminal acts on (or hides), other than the
// line end, and which; -1 if none.
func terminalActive(s string) (int, rune) {
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") ||
			r != '\n' && unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) {
			return i, r
		}
	}
	return -1, 0
}
