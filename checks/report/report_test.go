package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	stdhtml "html"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hds-oze/pronote-oze/checks"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func sampleDoc(lang checks.Lang) *Doc {
	url := "http://evil.example/<b>"
	ev := &checks.Evidence{Info: &checks.Info{Source: "InfoMobileApp.json", SHA256: strings.Repeat("a", 64), School: `Collège "<script>alert(1)</script>"`, HasEspaces: true,
		CAS: &checks.InfoCAS{URL: &url}}}
	rep := checks.Run(checks.Default(), ev, checks.Options{Mode: checks.Hosted})
	return New(rep, ev, Meta{Version: "1.2.3", Generated: time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC), Lang: lang, SiteURL: "https://site.example/"})
}

// TestJSONMatchesSchema checks the JSON report against the keys its published schema lists.
func TestJSONMatchesSchema(t *testing.T) {
	var schema struct {
		Required   []string                   `json:"required"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	data, err := Schemas.ReadFile("schema/report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := JSON(&buf, sampleDoc(checks.EN)); err != nil {
		t.Fatal(err)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range schema.Required {
		if _, ok := got[k]; !ok {
			t.Errorf("report lacks required key %q", k)
		}
	}
	for k := range got {
		if _, ok := schema.Properties[k]; !ok {
			t.Errorf("report has key %q the schema does not describe", k)
		}
	}
	var results []map[string]any
	if err := json.Unmarshal(got["results"], &results); err != nil {
		t.Fatalf("results: %v", err)
	}
	if len(results) == 0 {
		t.Fatal("no results")
	}
	// One result per item of the catalog, whatever checklist holds it: the hosted and
	// on-premises checklists share most items, and a shared item is judged once.
	want := map[string]bool{}
	for _, cl := range checks.Default().Checklists {
		for _, it := range cl.Items() {
			want[it.ID] = true
		}
	}
	seen := map[string]bool{}
	status := map[string]string{}
	for _, r := range results {
		id, _ := r["id"].(string)
		if seen[id] {
			t.Errorf("item %q has two results", id)
		}
		seen[id] = true
		status[id], _ = r["status"].(string)
	}
	if diff := cmp.Diff(want, seen); diff != "" {
		t.Errorf("result IDs, one per item of the catalog (-want +got):\n%s", diff)
	}
	// What the sample evidence must give, known without reading the catalog.
	for _, tt := range []struct{ id, status, reason string }{
		{"net.cas-url", "fail", "the sample's CAS URL is not oZe's"},
		{"net.espaces", "no-evidence", "the sample's espace list is empty: no espace is judged"},
		{"purge.clear", "not-applicable", "the purge was not asked for"},
		{"onprem.net-open", "not-applicable", "the mode checked is hosted"},
		{"net.unpublished", "unanswered", "only the admin can say, and no answers file was given"},
		{"verify.unique-ids", "no-evidence", "an identity export could prove it; none was given"},
	} {
		if status[tt.id] != tt.status {
			t.Errorf("%s: status %q, want %q (%s)", tt.id, status[tt.id], tt.status, tt.reason)
		}
	}
	var keys []string
	for k := range results[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if diff := cmp.Diff([]string{"checklist", "fingerprint", "id", "message", "origin", "status", "statusLabel", "title", "url"}, keys); diff != "" {
		t.Errorf("result keys (-want +got):\n%s", diff)
	}
}

func TestHTMLEscapesAndIsSelfContained(t *testing.T) {
	for _, lang := range checks.Langs() {
		var buf bytes.Buffer
		if err := HTML(&buf, sampleDoc(lang), false); err != nil {
			t.Fatal(err)
		}
		html := buf.String()
		if strings.Contains(html, "<script>") || strings.Contains(html, "<b>") {
			t.Errorf("%s: export data reached the HTML unescaped", lang)
		}
		if !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s: school name missing or wrongly escaped", lang)
		}
		for _, bad := range []string{"<link", "<img", "<script", "@import", "url("} {
			if strings.Contains(html, bad) {
				t.Errorf("%s: report loads a resource (%s)", lang, bad)
			}
		}
		if !strings.Contains(stdhtml.UnescapeString(html), "style-src '"+styleHash+"'") {
			t.Errorf("%s: CSP does not pin the stylesheet's hash", lang)
		}
		if !strings.Contains(html, `<html lang="`+string(lang)+`">`) {
			t.Errorf("%s: wrong html lang", lang)
		}
	}
}

func TestTextNoColourWhenAsked(t *testing.T) {
	var plain, colour bytes.Buffer
	d := sampleDoc(checks.FR)
	if err := Text(&plain, d, false); err != nil {
		t.Fatal(err)
	}
	if err := Text(&colour, d, true); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("colour codes without colour")
	}
	if !strings.Contains(colour.String(), "\x1b[1;31m") {
		t.Error("no colour codes with colour")
	}
}

func TestTextLabels(t *testing.T) {
	for lang, want := range map[checks.Lang]string{
		checks.EN: "\nSchool: Collège",
		checks.FR: "\nÉtablissement\u202f: Collège",
	} {
		var buf bytes.Buffer
		if err := Text(&buf, sampleDoc(lang), false); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), want) {
			t.Errorf("%s report lacks %q:\n%s", lang, want, buf.String()[:200])
		}
	}
}

// TestInputVersion: the input line of InfoMobileApp.json gives PRONOTE's year, or says the
// version was not understood, quoting it; a file without version says nothing of it.
func TestInputVersion(t *testing.T) {
	tests := []struct {
		name   string
		info   checks.Info
		lang   checks.Lang
		detail string
	}{
		{"read", checks.Info{Version: []int{2024, 3, 7}}, checks.EN, "PRONOTE.net publication · PRONOTE 2024"},
		{"not understood", checks.Info{VersionUnread: "v2024-beta"}, checks.EN, `PRONOTE.net publication · "version" not understood: "v2024-beta"`},
		{"not understood, French", checks.Info{VersionUnread: "v2024-beta"}, checks.FR, "publication PRONOTE.net · «\u00a0version\u00a0» non comprise\u202f: \"v2024-beta\""},
		{"absent", checks.Info{}, checks.EN, "PRONOTE.net publication"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info := tt.info
			info.Source = "InfoMobileApp.json"
			ev := &checks.Evidence{Info: &info}
			d := New(checks.Run(checks.Default(), ev, checks.Options{Mode: checks.Hosted}), ev, Meta{Lang: tt.lang})
			if len(d.Inputs) != 1 || d.Inputs[0].Detail != tt.detail {
				t.Errorf("inputs %+v, want one with detail %q", d.Inputs, tt.detail)
			}
		})
	}
}

// TestHelpOriginAndSendTo: a failing step links to its procedure's "If it does not work"
// section, a step that is not the procedure's carries its origin and mark, and the report
// says who to send it to — the site's contact, or where to find one when there is none.
func TestHelpOriginAndSendTo(t *testing.T) {
	d := sampleDoc(checks.FR)
	steps := map[string]Step{}
	for _, r := range d.Results {
		steps[r.ID] = r
	}
	if got, want := steps["net.cas-url"].Help, "https://site.example/fr/si-ca-ne-marche-pas/#hosted.troubleshooting"; got != want {
		t.Errorf("failing net.cas-url: help %q, want %q", got, want)
	}
	if h := steps["net.unpublished"].Help; h != "" {
		t.Errorf("unanswered net.unpublished has help %q, want none", h)
	}
	if r := steps["net.same-addresses"]; r.Origin != "practice" || r.Mark() != "*" {
		t.Errorf("net.same-addresses: origin %q mark %q, want practice *", r.Origin, r.Mark())
	}
	if r := steps["net.cas-url"]; r.Origin != "procedure" || r.Mark() != "" {
		t.Errorf("net.cas-url: origin %q mark %q, want procedure and no mark", r.Origin, r.Mark())
	}
	// The line to send the report to is a sentence: it ends with a full stop.
	if d.SendTo != checks.FallbackContact().FR+"." {
		t.Errorf("no contact: sendTo %q", d.SendTo)
	}
	var text bytes.Buffer
	if err := Text(&text, d, false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Si ça ne marche pas\u202f: https://site.example/fr/si-ca-ne-marche-pas/#hosted.troubleshooting", "À qui envoyer le rapport\u202f: " + checks.FallbackContact().FR + ".\n", "* usage courant"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q", want)
		}
	}
	ev := &checks.Evidence{}
	rep := checks.Run(checks.Default(), ev, checks.Options{Mode: checks.OnPrem})
	c := checks.Contact{Name: "Assistance oZe", Email: "ent@example.org"}
	d = New(rep, ev, Meta{Lang: checks.EN, SiteURL: "https://site.example/", Support: c})
	if d.SendTo != "Assistance oZe, ent@example.org" {
		t.Errorf("with a contact: sendTo %q", d.SendTo)
	}
	var html bytes.Buffer
	if err := HTML(&html, d, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.String(), "Assistance oZe, ent@example.org") || !strings.Contains(html.String(), "* usual practice") {
		t.Errorf("HTML report lacks the contact or the marks' legend")
	}
}

// TestIgnoredAnswersListedFirst: a note names the first answers to steps this version does
// not have and counts the others, in every format (an answers file of 300 000 such answers
// gave a 2.6 MB note); the JSON report stays valid against its schema.
func TestIgnoredAnswersListedFirst(t *testing.T) {
	sch := compileSchema(t, "report.schema.json")
	tests := []struct {
		name     string
		ignored  int
		lang     checks.Lang
		want     string
		unlisted string
	}{
		{"ten are all named", 10, checks.EN, "u00, u01, u02, u03, u04, u05, u06, u07, u08, u09", ""},
		{"eleven: the first ten and one more", 11, checks.EN, "u07, u08, u09, … and 1 more", "u10"},
		{"French: the first ten and « 1 autre »", 11, checks.FR, "u08, u09, … et 1 autre", "u10"},
		{"300 000: the first ten and the count", 300_000, checks.FR, "u09, … et 299990 autres", "u10,"},
		{"300 000 in English", 300_000, checks.EN, "u09, … and 299990 more", "u10,"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &checks.Answers{Source: "a.json", SHA256: strings.Repeat("c", 64), Items: map[string]checks.ItemAnswer{}}
			for i := range tt.ignored {
				a.Ignored = append(a.Ignored, fmt.Sprintf("u%02d", i))
			}
			ev := &checks.Evidence{Answers: a}
			d := New(checks.Run(checks.Default(), ev, checks.Options{Mode: checks.Hosted}), ev,
				Meta{Version: "1", Generated: time.Unix(0, 0), Lang: tt.lang, SiteURL: "https://s.example/"})
			outs := map[string]*bytes.Buffer{"text": {}, "HTML": {}, "JSON": {}}
			if err := errors.Join(Text(outs["text"], d, false), HTML(outs["HTML"], d, false), JSON(outs["JSON"], d)); err != nil {
				t.Fatal(err)
			}
			for format, out := range outs {
				if s := out.String(); !strings.Contains(s, tt.want) || tt.unlisted != "" && strings.Contains(s, tt.unlisted) || out.Len() > 64<<10 {
					t.Errorf("%s report (%d bytes): want %q, and no %q", format, out.Len(), tt.want, tt.unlisted)
				}
			}
			v, err := jsonschema.UnmarshalJSON(outs["JSON"])
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				t.Error(err)
			}
		})
	}
}
