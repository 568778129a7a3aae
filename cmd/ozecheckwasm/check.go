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
	Mode  string `json:"mode"`
	Purge bool   `json:"purge"`
	Lang  string `json:"lang"`
	// Answers is the answers file made from the ticks of this browser, and AnswersName its
	// name in the report: read only when no answers file is among the files.
	Answers     string `json:"answers,omitempty"`
	AnswersName string `json:"answersName,omitempty"`
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

func both(in func(checks.Lang) string) *text { return &text{FR: in(checks.FR), EN: in(checks.EN)} }

// fileOutcome is what became of one file.
type fileOutcome struct {
	Name  string `json:"name"`
	Kind  string `json:"kind,omitempty"`
	Error *text  `json:"error,omitempty"`
}

// outcome is the answer to the page.
type outcome struct {
	Files []fileOutcome `json:"files"`
	// ModeError says why no report could be made: the mode is unknown.
	ModeError *text `json:"modeError,omitempty"`
	// JSON holds the JSON report in each language, HTML the HTML report in the request's.
	JSON   map[checks.Lang]string `json:"json,omitempty"`
	HTML   string                 `json:"html,omitempty"`
	Failed bool                   `json:"failed"`
}

// check reads every input (one that cannot be read is reported and the others still count),
// judges them and writes the reports.
func check(req request, inputs []input, now time.Time) outcome {
	lang, ok := checks.ParseLang(req.Lang)
	if !ok {
		lang = checks.FR
	}
	sess := checker.New(false, "")
	out := outcome{Files: []fileOutcome{}}
	for _, in := range inputs {
		fo := fileOutcome{Name: in.Name}
		if in.Size > MaxFileSize {
			e := &evidence.InputError{File: in.Name, Msg: checker.MsgTooBig.Sprintf(in.Size>>20, MaxFileSize>>20)}
			fo.Error = both(e.In)
		} else if k, err := sess.Read(in.Name, in.R); err != nil {
			fo.Error = bilingual(err)
		} else {
			fo.Kind = string(k)
		}
		out.Files = append(out.Files, fo)
	}
	if req.Answers != "" && sess.Evidence.Answers == nil {
		fo := fileOutcome{Name: req.AnswersName}
		if k, err := sess.Read(req.AnswersName, strings.NewReader(req.Answers)); err != nil {
			fo.Error = bilingual(err)
		} else {
			fo.Kind = string(k)
		}
		out.Files = append(out.Files, fo)
	}
	out.JSON = map[checks.Lang]string{}
	for _, l := range checks.Langs() {
		meta := report.Meta{Version: version, Generated: now, Lang: l, SiteURL: siteURL}
		rep, doc, err := sess.Judge(checker.Options{Mode: req.Mode, Purge: req.Purge, Now: now}, meta)
		if err != nil {
			out.ModeError, out.JSON = bilingual(err), nil
			return out
		}
		out.Failed = rep.Failed()
		var buf bytes.Buffer
		if err := report.JSON(&buf, doc); err != nil {
			out.ModeError, out.JSON = bilingual(err), nil
			return out
		}
		out.JSON[l] = buf.String()
		if l == lang {
			buf.Reset()
			if err := report.HTML(&buf, doc, false); err != nil {
				out.ModeError, out.JSON = bilingual(err), nil
				return out
			}
			out.HTML = buf.String()
		}
	}
	return out
}

// bilingual returns err in both languages when it says itself in both.
func bilingual(err error) *text {
	var ie *evidence.InputError
	if errors.As(err, &ie) {
		return both(ie.In)
	}
	var ce *checker.Error
	if errors.As(err, &ce) {
		return both(ce.In)
	}
	return &text{FR: err.Error(), EN: err.Error()}
}

// encode returns o as the JSON string the page parses.
func encode(o outcome) string {
	b, err := json.Marshal(o)
	if err != nil {
		return `{"files":[],"modeError":{"fr":"erreur interne","en":"internal error"}}`
	}
	return string(b)
}
