package evidence

import (
	"bytes"
	"testing"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/evidence/evidencetest"
)

func BenchmarkIdentities1M(b *testing.B) {
	const rows = 1_000_000
	var buf bytes.Buffer
	if err := evidencetest.WriteExport(&buf, rows); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ev := &checks.Evidence{}
		if _, err := Read("eleves.csv", bytes.NewReader(data), checks.Default(), ev, IdentityOptions{}); err != nil {
			b.Fatal(err)
		}
		if got := ev.Identities[0].Rows; got != rows {
			b.Fatalf("read %d rows, want %d", got, rows)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
