package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"accents folded", "Vérifier la configuration", "verifier-la-configuration"},
		{"ligatures spelled out", "Œuvre & cœur", "oeuvre-coeur"},
		{"French punctuation and spaces dropped", "  Étape 2 : « CAS »  ", "etape-2-cas"},
		{"English", "Hosted mode", "hosted-mode"},
		{"nothing left: IDs.Generate names it \"section\"", "!!!", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slugify(tt.in); got != tt.want {
				t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIDsUnique(t *testing.T) {
	ids := NewIDs()
	a := ids.Generate([]byte("Étape"), 0)
	b := ids.Generate([]byte("Etape"), 0)
	if string(a) != "etape" || string(b) != "etape-1" {
		t.Errorf("got %q, %q; want etape, etape-1", a, b)
	}
}

func render(t *testing.T, lang checks.Lang, src string) (string, []*PosError) {
	t.Helper()
	cl := &checks.Checklist{ID: "demo"}
	md := New(lang, NewHighlighter(), NewBlocks(map[string]BlockType{"checklist": ChecklistBlock(
		func(id string) (*checks.Checklist, bool) { return cl, id == "demo" },
		func(w util.BufWriter, n *Block) error {
			_, err := w.WriteString("[checklist " + n.Value.(*checks.Checklist).ID + " " + string(n.Lang) + "]\n")
			return err
		})}))
	pc := NewContext(lang, nil)
	doc := md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, []byte(src), doc); err != nil {
		t.Fatal(err)
	}
	return buf.String(), Errors(pc)
}

func TestChecklistBlock(t *testing.T) {
	out, errs := render(t, checks.EN, "a\n\n```checklist demo\n```\n\n- item\n\n  ```checklist demo\n  ```\n")
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	if strings.Count(out, "[checklist demo en]") != 2 {
		t.Errorf("want two checklists, at top level and in a list:\n%s", out)
	}
	_, errs = render(t, checks.FR, "x\n\n```checklist nope\n```\n")
	if len(errs) != 1 || !strings.Contains(errs[0].Err.Error(), `unknown checklist "nope"`) || errs[0].Offset != 6 {
		t.Errorf("errors = %v, want one unknown checklist at offset 6", errs)
	}
}

func TestFrenchTypography(t *testing.T) {
	out, _ := render(t, checks.FR, "Oui ! Non ? « a » : b ; `c : d` [x](y \"t : u\")\n")
	want := "Oui\u202f! Non\u202f? «\u00a0a\u00a0»\u202f: b\u202f; <code>c : d</code>"
	if !strings.Contains(out, want) {
		t.Errorf("got %q, want it to contain %q", out, want)
	}
	// English keeps its spacing before punctuation; only « » get no-break spaces, so that a
	// quoted French label never leaves a guillemet alone at a line end.
	out, _ = render(t, checks.EN, "Yes ! « a »\n")
	if !strings.Contains(out, "Yes ! «\u00a0a\u00a0»") {
		t.Errorf("English text: %q, want French spacing only inside « »", out)
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{"```checklist demo\n```\n", "« a » !", "```ini\n[a]\nb = c\n```\n", "- [ ] x\n| a | b |\n|---|---|\n| c | d |\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		render(t, checks.FR, src)
	})
}

func TestStylesheetOnlyUsedClasses(t *testing.T) {
	h := NewHighlighter()
	var empty bytes.Buffer
	if err := h.Stylesheet(&empty); err != nil || empty.Len() != 0 {
		t.Fatalf("stylesheet before any code = %q, %v", empty.String(), err)
	}
	md := New(checks.EN, h)
	var out bytes.Buffer
	if err := md.Convert([]byte("```ini\n[cas]\nurl = x\n```\n"), &out); err != nil {
		t.Fatal(err)
	}
	var css bytes.Buffer
	if err := h.Stylesheet(&css); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{".chroma {", ".chroma .k {", ".chroma .na {", ".chroma .line {"} {
		if !strings.Contains(css.String(), want) {
			t.Errorf("stylesheet lacks %q:\n%s", want, css.String())
		}
	}
	if strings.Contains(css.String(), ".chroma .nt {") || strings.Contains(css.String(), "/*") {
		t.Errorf("stylesheet holds an unused class or comments:\n%s", css.String())
	}
}

// TestCodeBlocksFocusable: every kind of code block is a <pre> that takes keyboard focus, so a
// long line can be scrolled without a mouse.
func TestCodeBlocksFocusable(t *testing.T) {
	tests := []struct{ name, src string }{
		{"fenced-known-lexer", "```ini\n[a]\n```\n"},
		{"fenced-unknown-lexer", "```nosuchlang\na\n```\n"},
		{"fenced-no-info", "```\na\n```\n"},
		{"indented", "para\n\n    a : b\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := render(t, checks.FR, tt.src)
			if !strings.Contains(out, `<pre class="chroma" tabindex="0"><code>`) || strings.Contains(out, "<pre><code>") {
				t.Errorf("no focusable <pre>:\n%s", out)
			}
		})
	}
}

func TestCallouts(t *testing.T) {
	tests := []struct {
		name, lang, src string
		want            []string
		not             []string
	}{
		{"note fr", "fr", "> [!NOTE]\n> Le texte **fort**.\n",
			[]string{`<div class="callout callout-note" role="note"><p class="callout-title">Remarque</p>`, "<p>Le texte <strong>fort</strong>.</p>"},
			[]string{"[!NOTE]", "<blockquote>"}},
		{"warning en", "en", "> [!warning]\n> Mind the *gap*.\n>\n> Second paragraph.\n",
			[]string{`<p class="callout-title">Warning</p>`, "<p>Mind the <em>gap</em>.</p>", "<p>Second paragraph.</p>"},
			[]string{"[!warning]", "<blockquote>"}},
		{"marker alone", "en", "> [!TIP]\n\nafter\n",
			[]string{`<p class="callout-title">Tip</p>`, "</div>\n<p>after</p>"},
			[]string{"[!TIP]"}},
		{"unknown type stays a quote", "en", "> [!SHOUT]\n> text\n",
			[]string{"<blockquote>", "[!SHOUT]"}, []string{"callout"}},
		{"plain quote", "fr", "> Une citation.\n",
			[]string{"<blockquote>"}, []string{"callout"}},
		{"marker not first", "en", "> text\n> [!NOTE]\n",
			[]string{"<blockquote>"}, []string{"callout"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs := render(t, checks.Lang(tt.lang), tt.src)
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in:\n%s", w, out)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(out, n) {
					t.Errorf("unexpected %q in:\n%s", n, out)
				}
			}
		})
	}
}

func TestCalloutLabelsBilingual(t *testing.T) {
	for typ, l := range CalloutLabels {
		if l.FR == "" || l.EN == "" {
			t.Errorf("callout %s: label missing a language: %+v", typ, l)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"accents and case", "Élèves", "eleves"},
		{"ligature", "Œuvre", "oeuvre"},
		{"apostrophe", "l’ENT", "l'ent"},
		{"punctuation kept", "net.cas-url", "net.cas-url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCodeSpansBreakAfterSlashes(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"option kept whole", "`--show-personal-data`", `<code><span class="nw">--show-personal-data</span></code>`},
		{"address cut after slashes", "`https://enc.hauts-de-seine.fr/auth`",
			`<code>https://<wbr><span class="nw">enc.hauts-de-seine.fr/</span><wbr>auth</code>`},
		{"query", "`a.json?id=0D-1`", `<code>a.json?<wbr>id=<wbr><span class="nw">0D-1</span></code>`},
		{"spaces and escaping", "`chmod +x a-b <c>`", `<code>chmod +x <span class="nw">a-b</span> &lt;c&gt;</code>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := render(t, checks.EN, tt.src+"\n")
			if !strings.Contains(out, tt.want) {
				t.Errorf("got %s, want %s", out, tt.want)
			}
		})
	}
}
