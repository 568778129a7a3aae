package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/hds-oze/pronote-oze/checks"
)

func TestIdentity(t *testing.T) {
	hosted := []checks.InfoEspace{{URL: "https://0920000a.index-education.net/pronote/eleve.html"}}
	cases := []struct {
		name    string
		info    *checks.Info
		answers *checks.Answers
		fetched string
		want    *Identity
		warn    bool
	}{
		{name: "nothing names the school", info: &checks.Info{}, want: nil},
		{name: "server only", info: &checks.Info{School: "Collège A", UAI: "0920000A"},
			want: &Identity{Name: []Claim{{"Collège A", FromInfo}}, UAI: []Claim{{"0920000A", FromInfo}}}},
		{name: "answers only", answers: &checks.Answers{SchoolName: "Collège A", SchoolUAI: "0920000A"},
			want: &Identity{Name: []Claim{{"Collège A", FromAnswers}}, UAI: []Claim{{"0920000A", FromAnswers}}}},
		{name: "both agree up to case, accents and punctuation",
			info:    &checks.Info{School: "COLLEGE JEAN-MOULIN", UAI: "0920000A", Espaces: hosted},
			answers: &checks.Answers{SchoolName: "Collège Jean Moulin", SchoolUAI: "0920000A"},
			want: &Identity{Name: []Claim{{"COLLEGE JEAN-MOULIN", FromInfo}, {"Collège Jean Moulin", FromAnswers}},
				UAI: []Claim{{"0920000A", FromInfo}, {"0920000A", FromAnswers}}}},
		{name: "names differ", info: &checks.Info{School: "Collège A"}, answers: &checks.Answers{SchoolName: "Collège B"},
			want: &Identity{Name: []Claim{{"Collège A", FromInfo}, {"Collège B", FromAnswers}}, Disagree: []string{"name"}}, warn: true},
		{name: "UAIs differ", info: &checks.Info{UAI: "0920000A"}, answers: &checks.Answers{SchoolUAI: "0921111B"},
			want: &Identity{UAI: []Claim{{"0920000A", FromInfo}, {"0921111B", FromAnswers}}, Disagree: []string{"uai"}}, warn: true},
		{name: "the fetched address gives the UAI", info: &checks.Info{}, fetched: "https://0931234z.index-education.net/pronote/",
			want: &Identity{UAI: []Claim{{"0931234Z", FromInfo}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := &checks.Evidence{Info: c.info, Answers: c.answers}
			got := identity(ev, c.fetched)
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Fatalf("(-want +got):\n%s", diff)
			}
			rep := checks.Run(checks.Default(), ev, checks.Options{Mode: checks.Hosted})
			for _, l := range checks.Langs() {
				d := New(rep, ev, Meta{Version: "1", Generated: time.Unix(0, 0), Lang: l, SiteURL: "https://s.example/", Fetched: c.fetched})
				var text, page bytes.Buffer
				if err := Text(&text, d, false); err != nil {
					t.Fatal(err)
				}
				if err := HTML(&page, d, false); err != nil {
					t.Fatal(err)
				}
				warn := words.IdentityWarn.In(l)
				if strings.Contains(text.String(), warn) != c.warn {
					t.Errorf("%s text: warning shown = %v, want %v\n%s", l, !c.warn, c.warn, text.String())
				}
				if strings.Contains(page.String(), htmlEscape(warn)) != c.warn {
					t.Errorf("%s HTML: warning shown = %v, want %v", l, !c.warn, c.warn)
				}
				if c.want == nil {
					continue
				}
				// Every value is shown with its source; values that agree are shown once, with
				// both sources.
				for _, cs := range [][]Claim{c.want.Name, c.want.UAI} {
					for i, cl := range cs {
						if (i == 0 || c.warn) && !strings.Contains(text.String(), cl.Value+" (") {
							t.Errorf("%s text lacks %q:\n%s", l, cl.Value, text.String())
						}
						if !strings.Contains(text.String(), sourceLabel(cl.Source, l)) {
							t.Errorf("%s text lacks source %q:\n%s", l, cl.Source, text.String())
						}
					}
				}
			}
		})
	}
}

func htmlEscape(s string) string {
	var b bytes.Buffer
	json.HTMLEscape(&b, []byte(s))
	return strings.NewReplacer("'", "&#39;").Replace(b.String())
}

func TestFoldName(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"Collège  Jean-Moulin", "COLLEGE JEAN MOULIN"},
		{"Lycée d'Arsonval", "lycee d arsonval"},
		{" École ", "ecole"},
	} {
		if FoldName(c.a) != FoldName(c.b) {
			t.Errorf("FoldName(%q) = %q, FoldName(%q) = %q: want equal", c.a, FoldName(c.a), c.b, FoldName(c.b))
		}
	}
	if FoldName("Collège A") == FoldName("Collège B") {
		t.Error("two names fold the same")
	}
}

// TestJSONValidates validates reports, with and without an identity, against the published
// schema with a JSON Schema validator (draft 2020-12, formats asserted).
func TestJSONValidates(t *testing.T) {
	sch := compileSchema(t, "report.schema.json")
	withID := &checks.Evidence{Info: &checks.Info{Source: "i.json", SHA256: strings.Repeat("b", 64), School: "Collège A", UAI: "0920000A"},
		Answers: &checks.Answers{Source: "a.json", SHA256: strings.Repeat("c", 64), SchoolName: "Collège B", SchoolUAI: "0920000A", Items: map[string]checks.ItemAnswer{}}}
	for name, d := range map[string]*Doc{
		"sample": sampleDoc(checks.FR),
		"identity": New(checks.Run(checks.Default(), withID, checks.Options{Mode: checks.Hosted}), withID,
			Meta{Version: "1", Generated: time.Unix(0, 0), Lang: checks.EN, SiteURL: "https://s.example/"}),
	} {
		var buf bytes.Buffer
		if err := JSON(&buf, d); err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// compileSchema compiles one of Schemas, asserting formats.
func compileSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	data, err := Schemas.ReadFile("schema/" + name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource(name, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
