// Package evidencetest makes realistic evidence files for tests and benchmarks.
package evidencetest

import (
	"fmt"
	"io"

	"golang.org/x/text/encoding/charmap"
)

// WriteExport writes a realistic identity export of n rows to w, in Windows-1252 with ";" and
// CRLF, as Excel saves a CSV on a French Windows: accented names, a quoted field holding the
// separator, and one identifier in ten filled (after the first logins through oZe).
func WriteExport(w io.Writer, n int) error {
	enc := charmap.Windows1252.NewEncoder().Writer(w)
	if _, err := io.WriteString(enc, "Nom;Prénom;Id. connexion;Identifiant fournisseur identités;Classe\r\n"); err != nil {
		return err
	}
	last := []string{"Lefèvre", "Garçon", "Müller", "\"Dupont; épouse Moreau\"", "Nguyen", "Œuvray", "Bès"}
	first := []string{"François", "Zoé", "Anaïs", "Noël", "Chloé", "Gaëlle", "Loïc"}
	var line []byte
	for i := range n {
		id := ""
		if i%10 == 0 {
			id = fmt.Sprintf("f%07x-%04d", i, i%9973)
		}
		line = fmt.Appendf(line[:0], "%s;%s;u%07d;%s;%de%d\r\n", last[i%len(last)], first[i%len(first)], i, id, 6+i%4, 1+i%8)
		if _, err := enc.Write(line); err != nil {
			return err
		}
	}
	return nil
}
