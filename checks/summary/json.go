package summary

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
)

// schoolJSON is a row as summary.schema.json gives it.
type schoolJSON struct {
	Name            string            `json:"name,omitempty"`
	UAI             string            `json:"uai,omitempty"`
	IdentityWarning bool              `json:"identityWarning,omitempty"`
	Mode            string            `json:"mode"`
	Generated       time.Time         `json:"generated"`
	Checker         string            `json:"checker"`
	Lang            string            `json:"lang"`
	Seen            int               `json:"seen"`
	File            string            `json:"file"`
	Failed          bool              `json:"failed"`
	Counts          map[string]int    `json:"summary"`
	Procedures      []string          `json:"procedures"`
	Results         map[string]string `json:"results"`
	Unknown         *Unknown          `json:"unknownSteps,omitempty"`
}

// JSON writes the summary as JSON (summary.schema.json, version Format), one row at a time:
// what it holds beyond the rows is one row's encoding.
func JSON(w io.Writer, s *Summary) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// encode returns v encoded as in an indented document, its lines after the first prefixed.
	encode := func(prefix string, v any) ([]byte, error) {
		buf.Reset()
		enc.SetIndent(prefix, "  ")
		err := enc.Encode(v)
		return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), err
	}
	head := struct {
		Format    int         `json:"format"`
		Kind      string      `json:"kind"`
		Checker   Checker     `json:"checker"`
		Generated time.Time   `json:"generated"`
		Lang      checks.Lang `json:"lang"`
		Since     *time.Time  `json:"since,omitempty"`
		Totals    Totals      `json:"totals"`
		Items     []Item      `json:"items"`
	}{s.Format, s.Kind, s.Checker, s.Generated, s.Lang, s.Since, s.Totals, s.Items}
	b, err := encode("", head)
	if err != nil {
		return err
	}
	bw.Write(bytes.TrimSuffix(b, []byte("\n}"))) // the object goes on
	bw.WriteString(",\n  \"schools\": [")
	cat := checks.Default()
	for i := range s.Schools {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		b, err := encode("    ", rowJSON(cat, &s.Schools[i]))
		if err != nil {
			return err
		}
		bw.Write(b)
	}
	if len(s.Schools) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("],\n  \"errors\": ")
	if b, err = encode("  ", s.Errors); err != nil {
		return err
	}
	bw.Write(b)
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// rowJSON returns s as the JSON summary gives it: with the procedures whose step numbers
// its results carry (items[].steps gives each step's number in each procedure).
func rowJSON(cat *checks.Catalog, s *School) schoolJSON {
	r := schoolJSON{Name: s.Name, UAI: s.UAI, IdentityWarning: s.IdentityWarning, Mode: s.Mode, Generated: s.Generated,
		Checker: s.Checker, Lang: s.Lang, Seen: s.Seen, File: s.File, Failed: s.Failed, Counts: s.Counts,
		Procedures: []string{}, Results: s.Results, Unknown: s.Unknown}
	for _, cl := range cat.Checklists {
		if follows(s.mode, cl) {
			r.Procedures = append(r.Procedures, cl.ID)
		}
	}
	return r
}
