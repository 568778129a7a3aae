//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/report"
)

// benchSummary times "ozecheck summary" on n generated reports for each n of sizes, beside
// the floor (benchfloor -decode-reports: read and JSON-decode the same files on every core),
// in alternating runs, and adds its table through say.
func benchSummary(work, ozecheck, floor, sizes string, runs int, say func(string, ...any)) error {
	say("")
	say("## ozecheck summary on generated JSON reports")
	say("")
	say("Each report is a real one (every step of the catalog), its school's name, UAI, date and statuses varied; three reports in four are of a distinct school, the others a later report of one of them. The summary is the HTML page, written to standard output (discarded); -o would add writing it to a file and syncing it to disk. The floor reads and JSON-decodes the same files into report.Doc on every core and keeps nothing. Target: ozecheck summary ≤ 1.5 × the floor.")
	say("")
	say("Load average before: %s.", loadAvg())
	say("")
	say("| reports | on disk | summary wall (min–max) | summary CPU | summary peak RSS | floor wall (min–max) | floor CPU | floor peak RSS | ratio to floor (wall) | ratio (CPU) |")
	say("|---|---|---|---|---|---|---|---|---|---|")
	for _, f := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return err
		}
		// The folder's name holds "ozecheck": measure then accepts exit status 1 (a school fails).
		dir := filepath.Join(work, fmt.Sprintf("ozecheck-reports-%d", n))
		size, err := writeReports(dir, n)
		if err != nil {
			return err
		}
		var sm, fl []sample
		for r := 0; r < runs; r++ {
			s, err := measure(work, ozecheck, "summary", "--format", "html", dir)
			if err != nil {
				return err
			}
			sm = append(sm, s)
			f, err := measure(work, floor, "-decode-reports", dir)
			if err != nil {
				return err
			}
			fl = append(fl, f)
		}
		s, fs := summarize(sm), summarize(fl)
		say("| %d | %.0f MB | %s (%s–%s) | %s | %s | %s (%s–%s) | %s | %s | %.2f | %.2f |", n, float64(size)/1e6,
			secs(s.med.wall), secs(s.min.wall), secs(s.max.wall), secs(s.med.cpu), mb(s.med.rss),
			secs(fs.med.wall), secs(fs.min.wall), secs(fs.max.wall), secs(fs.med.cpu), mb(fs.med.rss),
			s.med.wall.Seconds()/fs.med.wall.Seconds(), s.med.cpu.Seconds()/fs.med.cpu.Seconds())
		os.RemoveAll(dir)
	}
	say("")
	say("Load average after: %s.", loadAvg())
	return benchSummaryBounds(work, ozecheck, runs, say)
}

// benchSummaryBounds times "ozecheck summary" on the inputs that made it grow with what
// reports claim (issue 22, item 6): 20 reports whose school names are 3 MB each, and one
// 7.5 MiB report of 75 000 step IDs the catalog does not have among 999 ordinary ones; each
// in every format to standard output, and HTML to -o. What it shows is the peak RSS and the
// output's size: they must stay near those of ordinary reports, whatever names and IDs claim.
func benchSummaryBounds(work, ozecheck string, runs int, say func(string, ...any)) error {
	say("")
	say("## ozecheck summary on hostile reports")
	say("")
	say("Load average before: %s.", loadAvg())
	say("")
	say("| input | on disk | output | wall (min–max) | CPU | peak RSS | output size |")
	say("|---|---|---|---|---|---|---|")
	for _, in := range []struct {
		name  string
		write func(dir string) (int64, error)
	}{
		{"20 reports, 3 MB school names", writeLongNames},
		{"75 000 unknown step IDs in one report, 999 others", writeUnknownSteps},
	} {
		dir := filepath.Join(work, "ozecheck-hostile-reports")
		size, err := in.write(dir)
		if err != nil {
			return err
		}
		out := filepath.Join(work, "ozecheck-summary-out")
		for _, o := range []struct{ label, format, file string }{
			{"HTML", "html", ""}, {"HTML, -o", "html", out}, {"CSV", "csv", ""}, {"JSON", "json", ""},
		} {
			var ss []sample
			var outSize int64
			for r := 0; r < runs; r++ {
				args := []string{"summary", "--format", o.format, dir}
				if o.file != "" {
					args = append([]string{"summary", "-o", o.file}, args[1:]...)
				}
				s, err := measure(work, ozecheck, args...)
				if err != nil {
					return err
				}
				outSize = int64(len(s.stdout))
				if o.file != "" {
					st, err := os.Stat(o.file)
					if err != nil {
						return err
					}
					outSize = st.Size()
				}
				s.stdout = ""
				ss = append(ss, s)
			}
			st := summarize(ss)
			say("| %s | %s | %s | %s (%s–%s) | %s | %s | %s |", in.name, mbBytes(size), o.label, secs(st.med.wall), secs(st.min.wall), secs(st.max.wall),
				secs(st.med.cpu), mb(st.med.rss), mbBytes(outSize))
			os.Remove(out)
		}
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
	}
	say("")
	say("Load average after: %s.", loadAvg())
	return nil
}

// writeLongNames writes 20 reports of distinct schools whose names are 3 MB each (a hosted
// report of every step, the name given by InfoMobileApp.json) under dir, and returns their
// size.
func writeLongNames(dir string) (int64, error) {
	var total int64
	for i := range 20 {
		name := fmt.Sprintf("Collège %02d ", i) + strings.Repeat("Jean-Baptiste de La Salle ", 3<<20/26)
		d := sampleReport(name, fmt.Sprintf("09%05dA", i), checks.Hosted, time.Date(2026, 9, 1, 0, 0, i, 0, time.UTC))
		n, err := writeJSON(filepath.Join(dir, fmt.Sprintf("long-name-%02d.json", i)), d)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// writeUnknownSteps writes one report of 75 000 results whose step IDs the catalog does not
// have (7.5 MiB, under the summary's 8 MiB limit), and 999 ordinary reports of as many
// schools, under dir, and returns their size.
func writeUnknownSteps(dir string) (int64, error) {
	type result struct {
		ID     string `json:"id"`
		Title  string `json:"title"`
		Status string `json:"status"`
	}
	d := map[string]any{"format": report.Format, "kind": report.Kind, "checker": map[string]string{"name": "ozecheck", "version": "9.9.9"},
		"generated": "2026-09-01T00:00:00Z", "lang": "fr", "mode": "hosted", "school": "Collège des étapes inconnues", "failed": false}
	var rs []result
	for i := range 75000 {
		rs = append(rs, result{fmt.Sprintf("x.unknown-step-%027d", i), fmt.Sprintf("Étape inconnue n° %06d", i), "warn"})
	}
	d["results"] = rs
	total, err := writeJSON(filepath.Join(dir, "unknown-steps.json"), d)
	if err != nil {
		return 0, err
	}
	statuses := checks.Statuses()
	for i := range 999 {
		r := sampleReport(fmt.Sprintf("Collège n° %d", i), fmt.Sprintf("09%05dA", i), []checks.Mode{checks.Hosted, checks.OnPrem}[i%2],
			time.Date(2026, 9, 1, 0, 0, i, 0, time.UTC))
		for j := range r.Results {
			r.Results[j].Status = string(statuses[(i*7+j*3)%len(statuses)])
		}
		n, err := writeJSON(filepath.Join(dir, fmt.Sprintf("%03d", i/100), fmt.Sprintf("report-%04d.json", i)), r)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// sampleReport is the report of a school whose InfoMobileApp.json names it and gives the
// oZe CAS URL, in mode m.
func sampleReport(name, uai string, m checks.Mode, generated time.Time) *report.Doc {
	url := checks.OZE().CASURL
	ev := &checks.Evidence{Info: &checks.Info{Source: "InfoMobileApp.json", SHA256: strings.Repeat("a", 64), HasEspaces: true,
		School: name, UAI: uai, CAS: &checks.InfoCAS{URL: &url}}}
	rep := checks.Run(checks.Default(), ev, checks.Options{Mode: m})
	return report.New(rep, ev, report.Meta{Version: "1.0.0", Generated: generated, Lang: checks.FR, SiteURL: "https://pronote-oze.example.org/"})
}

// writeJSON writes v as JSON to file, making its folder, and returns its size.
func writeJSON(file string, v any) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return 0, err
	}
	data, err := json.Marshal(v)
	if err != nil {
		return 0, err
	}
	return int64(len(data)), os.WriteFile(file, data, 0o644)
}

// writeReports writes n JSON reports under dir, 100 to a folder, and returns their total size.
func writeReports(dir string, n int) (int64, error) {
	url := checks.OZE().CASURL
	ev := &checks.Evidence{Info: &checks.Info{Source: "InfoMobileApp.json", SHA256: strings.Repeat("a", 64), HasEspaces: true,
		CAS: &checks.InfoCAS{URL: &url}}}
	cat := checks.Default()
	statuses := checks.Statuses()
	var total int64
	distinct := max(1, n*3/4)
	for i := range n {
		school := i % distinct
		ev.Info.School = fmt.Sprintf("Collège n° %d", school)
		ev.Info.UAI = fmt.Sprintf("09%05dA", school)
		rep := checks.Run(cat, ev, checks.Options{Mode: []checks.Mode{checks.Hosted, checks.OnPrem}[i%2]})
		for j := range rep.Results {
			rep.Results[j].Status = statuses[(i*7+j*3)%len(statuses)]
		}
		lang := checks.Langs()[i%2]
		d := report.New(rep, ev, report.Meta{Version: fmt.Sprintf("1.%d.0", i%3), Generated: time.Date(2026, 9, 1, 0, 0, i, 0, time.UTC),
			Lang: lang, SiteURL: "https://pronote-oze.example.org/"})
		var b bytes.Buffer
		if err := report.JSON(&b, d); err != nil {
			return 0, err
		}
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i/100))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("report-%05d.json", i)), b.Bytes(), 0o644); err != nil {
			return 0, err
		}
		total += int64(b.Len())
	}
	return total, nil
}

// runSummaryOnly is bench -only summary: the summary's table alone, written to outFile.
func runSummaryOnly(sizes string, runs int, outFile, work string) error {
	if work == "" {
		dir, err := os.MkdirTemp("", "summary-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		work = dir
	}
	bin := filepath.Join(work, "bin")
	for _, c := range []string{"ozecheck", "internal/benchfloor"} {
		if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, filepath.Base(c)), "./cmd/"+c).CombinedOutput(); err != nil {
			return fmt.Errorf("build %s: %v\n%s", c, err, out)
		}
	}
	var table []string
	say := func(format string, args ...any) {
		line := fmt.Sprintf(format, args...)
		fmt.Println(line)
		table = append(table, line)
	}
	say("# ozecheck summary benchmark, %s: %d cores, %s, medians of %d alternating runs", time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.NumCPU(), runtime.Version(), runs)
	if err := benchSummary(work, filepath.Join(bin, "ozecheck"), filepath.Join(bin, "benchfloor"), sizes, runs, say); err != nil {
		return err
	}
	return os.WriteFile(outFile, []byte(strings.Join(table, "\n")+"\n"), 0o644)
}
