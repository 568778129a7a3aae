package site

// KB is the kilobyte of every size the build reports and of the page budget: 1000 bytes, as
// DefaultPageBudget is written.
const KB = 1000

// InKB returns n bytes in kilobytes (KB), for messages such as "12.3 KB".
func InKB[N ~int | ~int64](n N) float64 { return float64(n) / KB }
