package theme

import (
	"html/template"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/hds-oze/pronote-oze/checks"
)

// ParseFor parses the templates of theme fsys, as Parse does, for data whose Lang field is
// lang: the site executes them once per page, and the theme's strings are the same on every
// page of a language. So each action that only writes one ({{t .Lang "key"}}, {{t $.Lang
// "key"}}, {{t $l "key"}} with $l := .Lang, {{colon $l}}), or the language itself
// ({{.Lang}}), is replaced by its text, escaped
// once here by html/template itself for where it stands, instead of two function calls per
// page. The output is the same as Parse's for such data, byte for byte.
//
// A call is folded only where its language is certainly the data's Lang: .Lang where dot is
// the data (not inside range or with), $.Lang, or a variable declared once as .Lang there and
// never assigned; and only in templates run with the data itself ({{template "x" .}} at
// most). An unknown key is left to fail when the template runs, as with Parse.
func ParseFor(fsys fs.FS, funcs template.FuncMap, lang checks.Lang) (*template.Template, error) {
	t, err := Parse(fsys, funcs)
	if err != nil {
		return nil, err
	}
	if _, ok := funcs["t"]; ok {
		return t, nil
	}
	_, ownColon := funcs["colon"]
	whole := wholeDataTemplates(t)
	for _, tt := range t.Templates() {
		if tt.Tree != nil && whole[tt.Name()] {
			f := folder{lang: lang, colon: !ownColon, langVars: langVars(tt.Tree.Root)}
			f.list(tt.Tree.Root, true)
		}
	}
	// html/template escapes a template when it first runs: run each one once, on no data, so
	// that the strings folded above stand, escaped, in the trees; then write them as text. An
	// error of escaping is left for when the template runs.
	for _, tt := range t.Templates() {
		if tt.Tree != nil && tt.Tree.Root != nil {
			_ = t.ExecuteTemplate(io.Discard, tt.Name(), nil)
		}
	}
	p := newProbes()
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			p.list(tt.Tree.Root)
		}
	}
	return t, nil
}

// wholeDataTemplates returns the names of the templates that every {{template}} call runs
// with its caller's whole data, or that none calls.
func wholeDataTemplates(t *template.Template) map[string]bool {
	whole := map[string]bool{}
	for _, tt := range t.Templates() {
		whole[tt.Name()] = true
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			walkCalls(tt.Tree.Root, true, func(n *parse.TemplateNode, rootDot bool) {
				if !rootDot || !isDot(n.Pipe) {
					whole[n.Name] = false
				}
			})
		}
	}
	// A template called with its caller's data is run with the whole data only if its caller is.
	for changed := true; changed; {
		changed = false
		for _, tt := range t.Templates() {
			if tt.Tree == nil || whole[tt.Name()] {
				continue
			}
			walkCalls(tt.Tree.Root, true, func(n *parse.TemplateNode, _ bool) {
				if whole[n.Name] {
					whole[n.Name], changed = false, true
				}
			})
		}
	}
	return whole
}

// isDot reports whether pipe is just ".".
func isDot(pipe *parse.PipeNode) bool {
	if pipe == nil || len(pipe.Decl) > 0 || len(pipe.Cmds) != 1 || len(pipe.Cmds[0].Args) != 1 {
		return false
	}
	_, ok := pipe.Cmds[0].Args[0].(*parse.DotNode)
	return ok
}

// walk calls visit on each node of the list l and of the lists under it, in order, with the
// list that holds it, its index there, and whether dot is still the template's data (not
// inside range or with). visit may replace the node in its list.
func walk(l *parse.ListNode, rootDot bool, visit func(l *parse.ListNode, i int, rootDot bool)) {
	if l == nil {
		return
	}
	for i, n := range l.Nodes {
		visit(l, i, rootDot)
		switch n := n.(type) {
		case *parse.IfNode:
			walk(n.List, rootDot, visit)
			walk(n.ElseList, rootDot, visit)
		case *parse.RangeNode:
			walk(n.List, false, visit)
			walk(n.ElseList, rootDot, visit)
		case *parse.WithNode:
			walk(n.List, false, visit)
			walk(n.ElseList, rootDot, visit)
		}
	}
}

// walkCalls calls f on each {{template}} call under root, with whether dot is the data there.
func walkCalls(root *parse.ListNode, rootDot bool, f func(n *parse.TemplateNode, rootDot bool)) {
	walk(root, rootDot, func(l *parse.ListNode, i int, rootDot bool) {
		if n, ok := l.Nodes[i].(*parse.TemplateNode); ok {
			f(n, rootDot)
		}
	})
}

// langVars returns the variables of a template that certainly hold the data's Lang: declared
// once, as .Lang where dot is the data, and never assigned.
func langVars(root *parse.ListNode) map[string]bool {
	decls, assigned, good := map[string]int{}, map[string]bool{}, map[string]bool{}
	pipe := func(p *parse.PipeNode, rootDot bool) {
		if p == nil {
			return
		}
		for _, v := range p.Decl {
			if p.IsAssign {
				assigned[v.Ident[0]] = true
			} else {
				decls[v.Ident[0]]++
			}
		}
		if len(p.Decl) == 1 && !p.IsAssign && rootDot && isField(p, "Lang") {
			good[p.Decl[0].Ident[0]] = true
		}
	}
	walk(root, true, func(l *parse.ListNode, i int, rootDot bool) {
		switch n := l.Nodes[i].(type) {
		case *parse.ActionNode:
			pipe(n.Pipe, rootDot)
		case *parse.IfNode:
			pipe(n.Pipe, rootDot)
		case *parse.RangeNode:
			pipe(n.Pipe, rootDot)
		case *parse.WithNode:
			pipe(n.Pipe, rootDot)
		}
	})
	vars := map[string]bool{}
	for v := range good {
		if decls[v] == 1 && !assigned[v] {
			vars[v] = true
		}
	}
	return vars
}

// isField reports whether pipe is just .name.
func isField(p *parse.PipeNode, name string) bool {
	if len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	f, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
	return ok && len(f.Ident) == 1 && f.Ident[0] == name
}

// folder replaces, in a template not escaped yet, the calls of t and colon in lang by their
// result, a string constant.
type folder struct {
	lang     checks.Lang
	colon    bool
	langVars map[string]bool
}

func (f folder) list(l *parse.ListNode, rootDot bool) {
	walk(l, rootDot, func(l *parse.ListNode, i int, rootDot bool) {
		if n, ok := l.Nodes[i].(*parse.ActionNode); ok {
			f.action(n, rootDot)
		}
	})
}

// action folds {{t LANG "key"}}, {{colon LANG}} and {{LANG}}, the whole action.
func (f folder) action(n *parse.ActionNode, rootDot bool) {
	p := n.Pipe
	if len(p.Decl) > 0 || len(p.Cmds) != 1 {
		return
	}
	args := p.Cmds[0].Args
	if len(args) == 1 && f.isLang(args[0], rootDot) { // {{.Lang}}: as it prints
		args[0] = &parse.StringNode{NodeType: parse.NodeString, Pos: args[0].Position(), Quoted: strconv.Quote(f.lang.String()), Text: f.lang.String()}
		return
	}
	fn, ok := args[0].(*parse.IdentifierNode)
	if !ok || len(args) < 2 || !f.isLang(args[1], rootDot) {
		return
	}
	var text string
	switch {
	case fn.Ident == "t" && len(args) == 3:
		key, ok := args[2].(*parse.StringNode)
		if !ok {
			return
		}
		s, err := T(f.lang, key.Text)
		if err != nil {
			return // fails when it runs, as it would have
		}
		text = s
	case fn.Ident == "colon" && f.colon && len(args) == 2:
		text = f.lang.Colon()
	default:
		return
	}
	p.Cmds[0].Args = []parse.Node{&parse.StringNode{NodeType: parse.NodeString, Pos: fn.Pos, Quoted: strconv.Quote(text), Text: text}}
}

// isLang reports whether n is certainly the data's Lang.
func (f folder) isLang(n parse.Node, rootDot bool) bool {
	switch n := n.(type) {
	case *parse.FieldNode:
		return rootDot && len(n.Ident) == 1 && n.Ident[0] == "Lang"
	case *parse.VariableNode:
		if len(n.Ident) == 2 && n.Ident[0] == "$" && n.Ident[1] == "Lang" {
			return true
		}
		return len(n.Ident) == 1 && f.langVars[n.Ident[0]]
	}
	return false
}

// probes escape a string constant as html/template does in an escaped action, by running a
// small template whose action html/template escaped with the same escapers: the escapers
// are functions of the value alone.
type probes struct {
	byChain map[string]probe
}

type probe struct {
	t              *template.Template
	prefix, suffix string
}

// probeSources are contexts an action of the theme stands in: HTML text, an attribute's
// value, a URL attribute, the title element.
var probeSources = []string{
	`{{.}}`,
	`<p title="{{.}}"></p>`,
	`<a href="{{.}}"></a>`,
	`<title>{{.}}</title>`,
	`<p title={{.}}></p>`,
}

func newProbes() probes {
	p := probes{byChain: map[string]probe{}}
	for _, src := range probeSources {
		t, err := template.New("probe").Parse(src)
		if err != nil {
			continue
		}
		if err := t.Execute(io.Discard, ""); err != nil {
			continue
		}
		var chain []string
		for _, n := range t.Tree.Root.Nodes {
			if a, ok := n.(*parse.ActionNode); ok {
				for _, c := range a.Pipe.Cmds[1:] {
					chain = append(chain, c.Args[0].(*parse.IdentifierNode).Ident)
				}
			}
		}
		before, after, _ := strings.Cut(src, "{{.}}")
		key := strings.Join(chain, "|")
		if _, dup := p.byChain[key]; !dup {
			p.byChain[key] = probe{t: t, prefix: before, suffix: after}
		}
	}
	return p
}

// escape returns s escaped by chain, or false if no probe has that chain.
func (p probes) escape(s string, chain []string) (string, bool) {
	pr, ok := p.byChain[strings.Join(chain, "|")]
	if !ok {
		return "", false
	}
	var b strings.Builder
	if err := pr.t.Execute(&b, s); err != nil {
		return "", false
	}
	out, ok := strings.CutPrefix(b.String(), pr.prefix)
	if !ok {
		return "", false
	}
	return strings.CutSuffix(out, pr.suffix)
}

// list writes, in an escaped template, each action that escapes a string constant as the
// escaped text.
func (p probes) list(l *parse.ListNode) {
	walk(l, true, func(l *parse.ListNode, i int, _ bool) {
		if n, ok := l.Nodes[i].(*parse.ActionNode); ok {
			if text, ok := p.constant(n.Pipe); ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: []byte(text)}
			}
		}
	})
}

// constant returns the output of pipe if it is a string constant followed by html/template's
// escapers, and a probe knows them.
func (p probes) constant(pipe *parse.PipeNode) (string, bool) {
	if len(pipe.Decl) > 0 || len(pipe.Cmds) < 2 || len(pipe.Cmds[0].Args) != 1 {
		return "", false
	}
	s, ok := pipe.Cmds[0].Args[0].(*parse.StringNode)
	if !ok {
		return "", false
	}
	var chain []string
	for _, c := range pipe.Cmds[1:] {
		if len(c.Args) != 1 {
			return "", false
		}
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || !strings.HasPrefix(id.Ident, "_html_template_") {
			return "", false
		}
		chain = append(chain, id.Ident)
	}
	return p.escape(s.Text, chain)
}
