package report

import (
	"embed"
	"encoding/json"
	"io"
)

// Schemas holds the JSON Schemas of the report (report.schema.json), of the answers file
// (answers.schema.json) and of the fleet summary (summary.schema.json, written by package
// checks/summary). The site publishes them under /schema/.
//
//go:embed schema/*.json
var Schemas embed.FS

// JSON writes the report as JSON (schema/report.schema.json, version Format).
func JSON(w io.Writer, d *Doc) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(d)
}
