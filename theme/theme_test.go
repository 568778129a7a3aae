package theme

import (
	"regexp"
	"strings"
	"testing"
	"text/template/parse"
	"unicode"
	"unicode/utf8"
)

func TestTemplatesParse(t *testing.T) {
	tm, err := Parse(Embedded, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"page", "root", "checklist"} {
		if tm.Lookup(name) == nil {
			t.Errorf("no template %q", name)
		}
	}
}

func TestUnknownStringFails(t *testing.T) {
	if _, err := T("fr", "no-such-key"); err == nil {
		t.Error("T accepted an unknown key")
	}
}

// TestTemplatesNameKnownStrings reads every {{t LANG "key"}} of the templates, run or not by
// the pages a test builds, and fails on a key the theme does not have: a mistyped key is a
// test failure, never an empty label on a page nobody looked at.
func TestTemplatesNameKnownStrings(t *testing.T) {
	tm, err := Parse(Embedded, nil)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, tt := range tm.Templates() {
		if tt.Tree != nil {
			keys = append(keys, stringKeys(tt.Tree.Root)...)
		}
	}
	if len(keys) < 10 {
		t.Fatalf("found %d keys in the templates, want the many they use: is the walk broken?", len(keys))
	}
	for _, k := range keys {
		if _, ok := words[k]; !ok {
			t.Errorf("a template names unknown string %q", k)
		}
	}
}

// stringKeys returns the literal keys of the calls to t under n.
func stringKeys(n parse.Node) []string {
	var out []string
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				out = append(out, stringKeys(c)...)
			}
		}
	case *parse.ActionNode:
		out = stringKeys(n.Pipe)
	case *parse.IfNode:
		out = branchKeys(&n.BranchNode)
	case *parse.RangeNode:
		out = branchKeys(&n.BranchNode)
	case *parse.WithNode:
		out = branchKeys(&n.BranchNode)
	case *parse.TemplateNode:
		out = stringKeys(n.Pipe)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				out = append(out, stringKeys(c)...)
			}
		}
	case *parse.CommandNode:
		if id, ok := n.Args[0].(*parse.IdentifierNode); ok && id.Ident == "t" {
			if s, ok := n.Args[len(n.Args)-1].(*parse.StringNode); ok {
				out = append(out, s.Text)
			}
		}
		for _, a := range n.Args {
			out = append(out, stringKeys(a)...)
		}
	}
	return out
}

func branchKeys(b *parse.BranchNode) []string {
	out := stringKeys(b.Pipe)
	out = append(out, stringKeys(b.List)...)
	return append(out, stringKeys(b.ElseList)...)
}

func TestBreakURL(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"cas url", "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas",
			`<span class="nw">https://enc.hauts-de-seine.fr/</span><wbr><span class="nw">auth/</span><wbr><span class="nw">realms/</span><wbr><span class="nw">oze_hds/</span><wbr><span class="nw">protocol/</span><wbr><span class="nw">cas</span>`},
		{"host only", "https://a.example", `<span class="nw">https://a.example</span>`},
		{"trailing slash", "https://a.example/b/", `<span class="nw">https://a.example/</span><wbr><span class="nw">b/</span>`},
		{"escaped", "https://<UAI>.x/", `<span class="nw">https://&lt;UAI&gt;.x/</span>`},
		{"placeholder with spaces", "https://<votre PRONOTE>/x", `<span class="nw">https://&lt;votre</span> <span class="nw">PRONOTE&gt;/</span><wbr><span class="nw">x</span>`},
		{"not an address", "CAS coché & <b>", "CAS coché &amp; &lt;b&gt;"},
		{"address in text", "en mode hébergé, https://<UAI>.index-education.net/pronote/*. Elle",
			`en mode hébergé, <span class="nw">https://&lt;UAI&gt;.index-education.net/</span><wbr><span class="nw">pronote/</span><wbr><span class="nw">*.</span> Elle`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(BreakURL(tt.in)); got != tt.want {
				t.Errorf("BreakURL(%q) =\n%s\nwant\n%s", tt.in, got, tt.want)
			}
		})
	}
}

func TestCopyable(t *testing.T) {
	for v, want := range map[string]bool{
		"https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas": true,
		"https://<UAI>.index-education.net/pronote/":                     false,
		"CAS coché": false,
	} {
		if got := Copyable(v); got != want {
			t.Errorf("Copyable(%q) = %v", v, got)
		}
	}
}

// TestCheckPageWords holds the check page's words (wc…) to what the browser may show: no
// command-line flag, and every sentence starting with a capital.
func TestCheckPageWords(t *testing.T) {
	notSentences := map[string]string{
		"wcReportFile":  "a file name",
		"wcModeAuto":    "an option of the « Mode » list, after its label",
		"wcAnswersFile": "a source's name, read mid-line beside the files' names",
	}
	flag := regexp.MustCompile(`(^|[\s(«"])--?[a-z]`)
	n := 0
	for k, tx := range words {
		if !strings.HasPrefix(k, "wc") {
			continue
		}
		n++
		for _, s := range []string{tx.FR, tx.EN} {
			if flag.MatchString(s) {
				t.Errorf("%s names a command-line flag: %q", k, s)
			}
			if r, _ := utf8.DecodeRuneInString(s); notSentences[k] == "" && !unicode.IsUpper(r) {
				t.Errorf("%s starts with a small letter: %q", k, s)
			}
		}
	}
	if n < 20 {
		t.Fatalf("%d check page words: is the prefix still wc?", n)
	}
}
