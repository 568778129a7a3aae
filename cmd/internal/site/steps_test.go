package site

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/cmd/internal/testenv"
	"github.com/hds-oze/pronote-oze/theme"
)

// valueCase is a value typed for an item in a mode, and the verdict the checker must give.
type valueCase struct {
	name, item, value string
	mode              checks.Mode
	status            checks.Status
	test              checks.Test
}

// valueCases are the values of TestValueRulesAgree: for every item that asks for a value, what
// people type — right, wrong in each way each test looks for, and what a paste brings along.
func valueCases() []valueCase {
	cas := checks.OZE().CASURL // https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas
	hosted, own := "https://0920000a.index-education.net/pronote/", "https://pronote.college-exemple.fr/pronote/"
	return []valueCase{
		{"right URL", "net.cas-url", cas, checks.Hosted, checks.Pass, ""},
		{"right URL, Serveur PRONOTE, on-premises", "server.cas-url", cas, checks.OnPrem, checks.Pass, ""},
		{"wrong realm", "net.cas-url", "https://enc.hauts-de-seine.fr/auth/realms/oze_hd/protocol/cas", checks.Hosted, checks.Fail, checks.TestRealm},
		{"wrong realm, Serveur PRONOTE", "server.cas-url", "https://enc.hauts-de-seine.fr/auth/realms/oze_hd/protocol/cas", checks.Hosted, checks.Fail, checks.TestRealm},
		{"realm in capitals", "net.cas-url", "https://enc.hauts-de-seine.fr/auth/realms/OZE_HDS/protocol/cas", checks.Hosted, checks.Fail, checks.TestRealm},
		{"/login added", "net.cas-url", cas + "/login", checks.Hosted, checks.Fail, checks.TestSuffix},
		{"wrong realm and /login added", "net.cas-url", "https://enc.hauts-de-seine.fr/auth/realms/oze_hd/protocol/cas/login", checks.Hosted, checks.Fail, checks.TestSuffix},
		{"/LOGIN/ added", "net.cas-url", cas + "/LOGIN/", checks.Hosted, checks.Fail, checks.TestSuffix},
		{"/p3/serviceValidate added", "net.cas-url", cas + "/p3/serviceValidate", checks.Hosted, checks.Fail, checks.TestSuffix},
		{"/logout added", "server.cas-url", cas + "/logout", checks.OnPrem, checks.Fail, checks.TestSuffix},
		{"http:", "net.cas-url", "http://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas", checks.Hosted, checks.Fail, checks.TestScheme},
		{"scheme in capitals", "net.cas-url", "HTTPS://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas", checks.Hosted, checks.Pass, ""},
		{"trailing slash: a warning, no source says it works", "net.cas-url", cas + "/", checks.Hosted, checks.Warn, checks.TestSlash},
		{"two trailing slashes", "net.cas-url", cas + "//", checks.Hosted, checks.Fail, checks.TestPath},
		{"spaces around", "net.cas-url", "  " + cas + " ", checks.Hosted, checks.Pass, ""},
		{"tab and no-break space around", "net.cas-url", "\t" + cas + "\u00a0", checks.Hosted, checks.Pass, ""},
		{"space inside", "net.cas-url", cas[:35] + " " + cas[35:], checks.Hosted, checks.Fail, checks.TestSpace},
		{"no-break space inside", "net.cas-url", cas[:35] + "\u00a0" + cas[35:], checks.Hosted, checks.Fail, checks.TestSpace},
		{"narrow no-break space at the end, not trimmed", "net.cas-url", cas + "\u202f", checks.Hosted, checks.Fail, checks.TestPath},
		{"line break pasted inside", "net.cas-url", cas[:30] + "\r\n" + cas[30:], checks.Hosted, checks.Pass, ""},
		{"line break pasted at the end", "net.cas-url", cas + "\n", checks.Hosted, checks.Pass, ""},
		{"line break and indent pasted inside", "net.cas-url", cas[:30] + "\n  " + cas[30:], checks.Hosted, checks.Fail, checks.TestSpace},
		{"host in capitals", "net.cas-url", "https://ENC.Hauts-de-Seine.FR/auth/realms/oze_hds/protocol/cas", checks.Hosted, checks.Pass, ""},
		{"host with the Kelvin sign (not ASCII)", "net.cas-url", "https://enc.hauts-de-\u212aseine.fr/auth/realms/oze_hds/protocol/cas", checks.Hosted, checks.Fail, checks.TestHost},
		{"other ENT's host", "net.cas-url", "https://ent.netocentre.fr/cas", checks.Hosted, checks.Fail, checks.TestHost},
		{"port added", "net.cas-url", "https://enc.hauts-de-seine.fr:443/auth/realms/oze_hds/protocol/cas", checks.Hosted, checks.Fail, checks.TestHost},
		{"other path", "net.cas-url", "https://enc.hauts-de-seine.fr/cas", checks.Hosted, checks.Fail, checks.TestPath},
		{"accented path", "net.cas-url", cas + "é", checks.Hosted, checks.Fail, checks.TestPath},
		{"query", "net.cas-url", cas + "?service=https://x/", checks.Hosted, checks.Fail, checks.TestQuery},
		{"empty query", "net.cas-url", cas + "?", checks.Hosted, checks.Fail, checks.TestQuery},
		{"fragment", "net.cas-url", cas + "#top", checks.Hosted, checks.Fail, checks.TestQuery},
		{"user and password", "net.cas-url", "https://admin:secret@enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas", checks.Hosted, checks.Fail, checks.TestUserInfo},
		{"no scheme", "net.cas-url", "enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas", checks.Hosted, checks.Fail, checks.TestNotURL},
		{"no host", "net.cas-url", "https:///auth/realms/oze_hds/protocol/cas", checks.Hosted, checks.Fail, checks.TestNotURL},
		{"byte order mark before", "net.cas-url", "\ufeff" + cas, checks.Hosted, checks.Fail, checks.TestNotURL},
		{"markup", "net.cas-url", "<script>alert(1)</script>", checks.Hosted, checks.Fail, checks.TestNotURL},
		{"empty (an export's field)", "net.cas-url", "", checks.Hosted, checks.Fail, checks.TestEmpty},
		{"hosted service URL, hosted", "net.service-url", hosted, checks.Hosted, checks.Pass, ""},
		{"the procedure's example, hosted", "net.service-url", "https://pronote.index-education.net/pronote/", checks.Hosted, checks.Pass, ""},
		{"hosted service URL in capitals, hosted", "net.service-url", "HTTPS://0920000A.INDEX-EDUCATION.NET/pronote/", checks.Hosted, checks.Pass, ""},
		{"hosted service URL, on-premises", "net.service-url", hosted, checks.OnPrem, checks.Warn, checks.TestHostIn},
		{"hosted service URL, mode unknown", "net.service-url", hosted, 0, checks.Pass, ""},
		{"non-hosted service URL, on-premises", "net.service-url", own, checks.OnPrem, checks.Pass, ""},
		{"non-hosted service URL with a port, on-premises", "net.service-url", "https://pronote.college-exemple.fr:8443/pronote/", checks.OnPrem, checks.Pass, ""},
		{"non-hosted service URL, hosted", "net.service-url", own, checks.Hosted, checks.Warn, checks.TestHostOut},
		{"look-alike of the hosting domain, hosted", "net.service-url", "https://0920000a.index-education.net.example.fr/pronote/", checks.Hosted, checks.Warn, checks.TestHostOut},
		{"hosting domain inside a longer name, hosted", "net.service-url", "https://my-index-education.net/pronote/", checks.Hosted, checks.Warn, checks.TestHostOut},
		{"service URL without its final slash", "net.service-url", strings.TrimSuffix(hosted, "/"), checks.Hosted, checks.Warn, checks.TestNoSlash},
		{"an espace's page", "net.service-url", hosted + "eleve.html", checks.Hosted, checks.Fail, checks.TestSuffix},
		{"direct-login address", "net.service-url", hosted + "?login=true", checks.Hosted, checks.Fail, checks.TestQuery},
		{"service URL in http:", "net.service-url", "http://pronote.college-exemple.fr/pronote/", checks.OnPrem, checks.Fail, checks.TestScheme},
		{"service URL with a space", "net.service-url", "https://pronote.college-exemple.fr/ pronote/", checks.OnPrem, checks.Fail, checks.TestSpace},
		{"service URL pasted over two lines", "net.service-url", "https://pronote.college-exemple.fr/\r\npronote/", checks.OnPrem, checks.Pass, ""},
		{"service URL without a scheme", "net.service-url", "pronote.college-exemple.fr/pronote/", checks.OnPrem, checks.Fail, checks.TestNotURL},
	}
}

// TestValueRulesAgree runs steps.js, minified as the site ships it, under node with the
// steps.json the site writes, and wants from it what the Go checker answers: the same verdict
// (status, test, line in both languages) on every value of valueCases, the same state for
// every combination of facts, the same counter. Go's verdicts are held to the table's too, so
// that a change on either side fails here.
func TestValueRulesAgree(t *testing.T) {
	node := testenv.NeedProgram(t, "TestValueRulesAgree (the checklist's script under node)", "node", "nodejs")
	cat := checks.Default()
	outs, err := (&siteModel{Site: &Site{Catalog: cat}}).stepsOutputs()
	if err != nil {
		t.Fatal(err)
	}
	data, err := outs[0].data()
	if err != nil {
		t.Fatal(err)
	}
	src, err := fs.ReadFile(theme.Assets(theme.Embedded), "steps.js")
	if err != nil {
		t.Fatal(err)
	}
	script, err := minifier.Bytes("text/javascript", src)
	if err != nil {
		t.Fatal(err)
	}

	type stateCase struct {
		Ticked  bool          `json:"ticked"`
		Value   checks.Status `json:"value"`
		Verdict checks.Status `json:"verdict"`
		Stale   bool          `json:"stale"`
	}
	type countCase struct {
		Total int                      `json:"total"`
		N     map[checks.StepState]int `json:"n"`
	}
	cases := valueCases()
	var in struct {
		Values []map[string]any `json:"values"`
		States []stateCase      `json:"states"`
		Counts []countCase      `json:"counts"`
	}
	for _, c := range cases {
		in.Values = append(in.Values, map[string]any{"item": c.item, "value": c.value, "mode": c.mode})
	}
	for _, ticked := range []bool{false, true} {
		for _, value := range []checks.Status{"", checks.Pass, checks.Warn, checks.Fail} {
			for _, verdict := range []checks.Status{"", checks.Pass, checks.Fail, checks.Warn, checks.Error} {
				for _, stale := range []bool{false, true} {
					in.States = append(in.States, stateCase{ticked, value, verdict, stale})
				}
			}
		}
	}
	in.Counts = []countCase{{19, nil}, {1, map[checks.StepState]int{checks.StateDone: 1}},
		{19, map[checks.StepState]int{checks.StateDone: 7, checks.StateVerified: 5, checks.StateContradicted: 1, checks.StateTodo: 6}},
		{2, map[checks.StepState]int{checks.StateContradicted: 2}}, {21, map[checks.StepState]int{checks.StateAttention: 1, checks.StateVerified: 1}}}

	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	inJSON, _ := json.Marshal(in)
	harness := `const fs = require('fs');
require(process.argv[2]);
const L = globalThis.ozeStepsLogic, D = JSON.parse(fs.readFileSync(process.argv[3], 'utf8')), cases = JSON.parse(fs.readFileSync(process.argv[4], 'utf8'));
const out = {values: cases.values.map(c => L.judge(D, D.rules[c.item], c.value, c.mode)),
	states: cases.states.map(f => L.derive(D, f)),
	counts: cases.counts.map(c => Object.fromEntries(Object.keys(D.nouns).map(l => [l, L.count(D, l, c.total, c.n || {}).map(p => p[0]).join('')])))};
process.stdout.write(JSON.stringify(out));`
	cmd := exec.Command(node, write("harness.js", []byte(harness)), write("steps.js", script), write("steps.json", data), write("cases.json", inJSON))
	raw, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("node: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var got struct {
		Values []struct {
			Status  checks.Status
			Test    checks.Test
			Message map[checks.Lang]string
		}
		States []checks.StateRule
		Counts []map[checks.Lang]string
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("node's answer: %v\n%s", err, raw)
	}
	if len(got.Values) != len(cases) || len(got.States) != len(in.States) || len(got.Counts) != len(in.Counts) {
		t.Fatalf("node answered %d values, %d states, %d counts, for %d, %d, %d", len(got.Values), len(got.States), len(got.Counts), len(cases), len(in.States), len(in.Counts))
	}

	for i, c := range cases {
		it, _, _ := cat.Item(c.item)
		g := it.Value.Judge(c.value, c.mode)
		js := got.Values[i]
		if g.Status != c.status || g.Test != c.test {
			t.Errorf("%s: the checker says %s by %q (%s), the table %s by %q", c.name, g.Status, g.Test, g.Message.EN, c.status, c.test)
		}
		if js.Status != g.Status || js.Test != g.Test {
			t.Errorf("%s: the page says %s by %q, the checker %s by %q", c.name, js.Status, js.Test, g.Status, g.Test)
		}
		for _, l := range checks.Langs() {
			if js.Message[l] != g.Message.In(l) {
				t.Errorf("%s (%s): the page says %q, the checker %q", c.name, l, js.Message[l], g.Message.In(l))
			}
		}
	}
	for i, f := range in.States {
		g := checks.DeriveState(checks.StepFacts{Ticked: f.Ticked, Value: f.Value, Verdict: f.Verdict, Stale: f.Stale})
		if js := got.States[i]; js.State != g.State || js.Why != g.Why {
			t.Errorf("facts %+v: the page derives %s (%q), the checker %s (%q)", f, js.State, js.Why, g.State, g.Why)
		}
	}
	for i, c := range in.Counts {
		g := checks.CountSteps(c.Total, c.N)
		for _, l := range checks.Langs() {
			if js := got.Counts[i][l]; js != g.In(l) {
				t.Errorf("counter of %d, %v (%s): the page writes %q, the checker %q", c.Total, c.N, l, js, g.In(l))
			}
		}
	}
}
