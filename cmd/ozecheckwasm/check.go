package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/evidence"
	"github.com/hds-oze/pronote-oze/checks/report"
	"github.com/hds-oze/pronote-oze/cmd/internal/checker"
)

// version and siteURL are stamped at build time, as in ozecheck.
var (
	version = "dev"
	siteURL = "https://pronote-oze.example.org/"
)

// MaxFileSize is the largest file the browser reads: far above any school's export (a
// million rows is about 60 MB), low enough that a wrong file cannot exhaust the tab's memory.
const MaxFileSize = 512 << 20

// request is what the page asks.
type request struct {
	// Mode is "hosted" or "onprem" when the person chose it on the page, else "".
	Mode  string `json:"mode"`
	Purge bool   `json:"purge"`
	Lang  string `json:"lang"`
	// Address is PRONOTE's address typed in the page's address field, "" if none.
	Address string `json:"address,omitempty"`
	// Ticks are the answers ticked in this browser, one answers file per procedure page
	// ("hosted", "onprem", "purge"), as "Download my answers" makes them on that page, and
	// TicksName their name in the report. Read only when no answers file is among the
	// files: the mode's page's (the page with more steps ticked, Ticked, decides the mode
	// when nothing stronger does), or the change of ENT's when the mode stays undecided.
	Ticks     map[string]string `json:"ticks,omitempty"`
	TicksName string            `json:"ticksName,omitempty"`
	// Ticked counts the steps ticked on each mode's procedure page itself (an answers file
	// of one page also holds the steps only another page has).
	Ticked struct {
		Hosted int `json:"hosted"`
		OnPrem int `json:"onprem"`
	} `json:"ticked"`
}

// input is one file dropped on the page.
type input struct {
	Name string
	Size int64
	R    io.Reader
}

// text is a message in both languages, as the page shows it.
type text struct {
	FR string `json:"fr"`
	EN string `json:"en"`
}

func textOf(t checks.Text) *text { return &text{FR: t.In(checks.FR), EN: t.In(checks.EN)} }

// fileOutcome is what became of one file: Says is what the page shows after its name (its
// kind, what it replaced, what replaced it, why it could not be used).
type fileOutcome struct {
	Name string `json:"name"`
	Kind string `json:"kind,omitempty"`
	// Unused is set when the file could not be used; Replaced when a later file replaced it.
	Unused   bool  `json:"unused,omitempty"`
	Replaced bool  `json:"replaced,omitempty"`
	Says     *text `json:"says"`
}

// modeOutcome is how the mode was decided, as the page says it (checks.ModeDecision).
type modeOutcome struct {
	By      string  `json:"by"`
	Mode    string  `json:"mode"`
	Says    *text   `json:"says"`
	Against []*text `json:"against,omitempty"`
}

// verdictOutcome is the headline: "fail" (a step fails), "attention" (none fails but the mode
// is undecided: the steps that depend on it are not judged) or "ok".
type verdictOutcome struct {
	Level string `json:"level"`
	Says  *text  `json:"says"`
}

// outcome is the answer to the page.
type outcome struct {
	Files []fileOutcome `json:"files"`
	// Error says why no report could be made (a request the page should not send).
	Error   *text           `json:"error,omitempty"`
	Mode    *modeOutcome    `json:"mode,omitempty"`
	Verdict *verdictOutcome `json:"verdict,omitempty"`
	// Status says what the check made of its files.
	Status *text `json:"status,omitempty"`
	// JSON holds the JSON report in each language, HTML the HTML report in the request's.
	JSON   map[checks.Lang]string `json:"json,omitempty"`
	HTML   string                 `json:"html,omitempty"`
	Failed bool                   `json:"failed"`
}

// check reads every input in the order given (one that cannot be read is reported and the
// others still count; a later InfoMobileApp.json, answers file or identity export of the same
// user type replaces an earlier one, since the page gathers files over time), adds the
// browser's ticks when no answers file was given, judges, and writes the reports.
func check(req request, inputs []input, now time.Time) outcome {
	lang, ok := checks.ParseLang(req.Lang)
	if !ok {
		lang = checks.FR
	}
	sess := checker.New(false, "")
	out := outcome{Files: []fileOutcome{}}
	read, dropped, unused := 0, 0, 0
	for _, in := range inputs {
		fo := fileOutcome{Name: in.Name}
		k, replaced, err := evidence.Kind(""), "", error(nil)
		if in.Size > MaxFileSize {
			err = &evidence.InputError{File: in.Name, Msg: checker.MsgTooBig.Sprintf(in.Size>>20, MaxFileSize>>20)}
		} else {
			k, replaced, err = sess.ReadReplacing(in.Name, in.R)
		}
		switch {
		case err != nil:
			fo.Unused, fo.Says = true, textOf(checker.PageError(err))
			unused++
		case replaced != "":
			fo.Kind = string(k)
			for j := len(out.Files) - 1; j >= 0; j-- {
				if f := &out.Files[j]; sess.Shown(f.Name) == replaced && f.Kind == string(k) && !f.Replaced {
					f.Replaced, f.Says = true, textOf(checker.ReplacedBy(f.Name, in.Name))
					fo.Says = textOf(checker.Replaces(k, in.Name, f.Name))
					dropped++ // read, then replaced
					break
				}
			}
			read++
		default:
			fo.Kind, fo.Says = string(k), textOf(checker.KindName(k))
			read++
		}
		out.Files = append(out.Files, fo)
	}
	o := checker.Options{Mode: req.Mode, Address: req.Address, Purge: req.Purge, Now: now}
	answers := false
	if sess.Evidence.Answers == nil && len(req.Ticks) > 0 {
		if fo, ok := readTicks(sess, req, o); ok {
			out.Files = append(out.Files, fo)
			answers = !fo.Unused
		}
	}
	out.JSON = map[checks.Lang]string{}
	for _, l := range checks.Langs() {
		meta := report.Meta{Version: version, Generated: now, Lang: l, SiteURL: siteURL}
		rep, doc, err := sess.Judge(o, meta)
		if err != nil {
			return failed(out, err)
		}
		out.Failed = rep.Failed()
		var buf bytes.Buffer
		if err := report.JSON(&buf, doc); err != nil {
			return failed(out, err)
		}
		out.JSON[l] = buf.String()
		if l != lang {
			continue
		}
		buf.Reset()
		if err := report.HTML(&buf, doc, false); err != nil {
			return failed(out, err)
		}
		out.HTML = buf.String()
		out.Mode, out.Verdict = modeOf(rep.Decision), verdictOf(rep, doc)
	}
	out.Status = textOf(checker.Done(read, dropped, unused, answers))
	return out
}

// readTicks reads, as the session's answers, the browser's ticks of the procedure whose mode
// the check decides (the page with more ticked steps decides it when nothing stronger does),
// or of the change of ENT when the mode stays undecided. It returns the file's outcome, or
// false when no ticks are used.
func readTicks(sess *checker.Session, req request, o checker.Options) (fileOutcome, bool) {
	o.Ticks = checks.TickCounts{Hosted: req.Ticked.Hosted, OnPrem: req.Ticked.OnPrem}
	d, err := sess.Decide(o)
	if err != nil {
		return fileOutcome{}, false
	}
	cl := checks.PurgeID
	switch d.Mode {
	case checks.Hosted:
		cl = checks.HostedID
	case checks.OnPrem:
		cl = checks.OnPremID
	}
	doc, ok := req.Ticks[cl]
	if !ok {
		return fileOutcome{}, false
	}
	fo := fileOutcome{Name: req.TicksName}
	k, err := sess.Read(req.TicksName, strings.NewReader(doc))
	if err != nil {
		fo.Unused, fo.Says = true, textOf(checker.PageError(err))
		return fo, true
	}
	sess.Evidence.Answers.Ticks = true // they tell the mode as ticks, not as a file would
	n := len(sess.Evidence.Answers.Items)
	if n == 0 { // no answer for this check: as if none were given
		sess.Evidence.Answers = nil
		return fileOutcome{}, false
	}
	fo.Kind, fo.Says = string(k), textOf(checker.Ticks(n, d.Mode))
	return fo, true
}

// modeOf says how the mode was decided, as the page says it.
func modeOf(d checks.ModeDecision) *modeOutcome {
	m := &modeOutcome{By: string(d.By), Mode: d.Mode.String(), Says: textOf(d.Said().Page)}
	for _, a := range d.AgainstSaid() {
		m.Against = append(m.Against, textOf(a.Page))
	}
	return m
}

// verdictOf is the page's headline for a report.
func verdictOf(rep *checks.Report, doc *report.Doc) *verdictOutcome {
	w := report.Words()
	switch {
	case rep.Failed():
		return &verdictOutcome{Level: "fail", Says: textOf(w.VerdictFail)}
	case doc.Undecided():
		return &verdictOutcome{Level: "attention", Says: textOf(report.SaidVerdictUndecided().Page)}
	}
	return &verdictOutcome{Level: "ok", Says: textOf(w.VerdictOK)}
}

// failed returns out with the reason no report could be made.
func failed(out outcome, err error) outcome {
	out.Error, out.JSON, out.HTML = bilingual(err), nil, ""
	return out
}

// bilingual returns err in both languages when it says itself in both.
func bilingual(err error) *text {
	var ce *checker.Error
	if errors.As(err, &ce) {
		return textOf(ce.Msg)
	}
	return &text{FR: err.Error(), EN: err.Error()}
}

// encode returns o as the JSON string the page parses.
func encode(o outcome) string {
	b, err := json.Marshal(o)
	if err != nil {
		return `{"files":[],"error":{"fr":"erreur interne","en":"internal error"}}`
	}
	return string(b)
}
