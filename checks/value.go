package checks

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// ValueRule is what a value must be — the value an admin reads on screen and types in the
// checklist ([Item.Ask]), or the same setting read from an export — written as data: the
// expected value, the forms it may take and, for each way of getting it wrong, the one line
// that says what is wrong and how to fix it, in both languages. The checker interprets it
// with [ValueRule.Judge]; the site emits the same data into its pages, where the checklist's
// script (theme/assets/steps.js) interprets it as the person types. One source, two
// interpreters, and a test (theme's TestValueRulesAgree) that holds them to the same answers.
type ValueRule struct {
	// Want is the one value expected, "" when the value is the school's own and only its form
	// is judged (the address of its PRONOTE).
	Want string
	// TrailingSlash says whether a path that differs from Want's by one final "/" is
	// accepted.
	TrailingSlash bool
	// Tests are looked at in order; the first that finds something gives the verdict.
	Tests []ValueTest
	// OK is what is said of a value no test finds anything in.
	OK Text
}

// ValueTest is one way a value can be wrong: what is looked at (Test, with its Args), in
// which installation modes, the verdict (Fail or Warn) and its one line. The line may name
// {got} (the value, as judged), {want} (the rule's Want), {part} (what the test found: the
// scheme, the suffix, the host, the realm, the path), {wantpart} (the same part of Want) and
// {path} (the value's path).
type ValueTest struct {
	Test   Test
	Args   []string
	Modes  Mode // 0: in every mode
	Status Status
	Why    Text
	// Stop ends the judgement when the test finds something: the tests after it would judge
	// a value that is no address, or show what was typed, spaces and all.
	Stop bool
	// Unless names tests whose finding says what this one would: it is made only when none
	// of them found something (a path that differs by its realm differs as a path too).
	Unless []Test
}

// Test names what a [ValueTest] looks at. A value is first cleaned (line breaks removed, as a
// value pasted from a wrapped line holds them; spaces, tabs and no-break spaces trimmed at
// both ends), then cut as an address: scheme, "://", authority (user info, "@", host and
// port), path, "?" query, "#" fragment ([URLPattern]). Comparisons of schemes and hosts, and
// of suffixes, ignore the case of ASCII letters; paths are compared as they are.
type Test string

// The tests a [ValueTest] can make.
const (
	TestEmpty    Test = "empty"    // the value is empty
	TestSpace    Test = "space"    // a space, tab or no-break space inside the value
	TestNotURL   Test = "not-url"  // not scheme://host…
	TestScheme   Test = "scheme"   // the scheme is not Args[0]; part: the scheme
	TestUserInfo Test = "userinfo" // a user name or password before the host
	TestQuery    Test = "query"    // a "?" or "#" part
	TestSuffix   Test = "suffix"   // the path, less one final "/", ends with one of Args; part: it
	TestHost     Test = "host"     // host and port are not Want's; part, wantpart: them
	TestRealm    Test = "realm"    // the Keycloak realm (…/realms/<realm>/…) is not Want's
	TestSlash    Test = "slash"    // the path is Want's but for a final "/" (never when TrailingSlash)
	TestPath     Test = "path"     // the path is not Want's (up to a final "/" when TrailingSlash)
	TestNoSlash  Test = "no-slash" // the path does not end with "/"
	TestHostIn   Test = "host-in"  // the host is one of Args, or under one
	TestHostOut  Test = "host-out" // the host is none of Args, nor under one
)

// ValueSpaces are the characters trimmed from both ends of a value, and found by TestSpace
// inside it: space, tab, no-break space.
const ValueSpaces = " \t\u00a0"

// Tests returns every test a [ValueTest] can make, in the order of their definition.
func Tests() []Test {
	return []Test{TestEmpty, TestSpace, TestNotURL, TestScheme, TestUserInfo, TestQuery, TestSuffix,
		TestHost, TestRealm, TestSlash, TestPath, TestNoSlash, TestHostIn, TestHostOut}
}

// URLPattern is how a value is cut as an address, the same regular expression for Go and the
// browser's JavaScript (it uses nothing their syntaxes read differently): scheme, authority,
// path, query with its "?", fragment with its "#".
const URLPattern = `^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)([?][^#]*)?(#[\s\S]*)?$`

var urlRE = regexp.MustCompile(URLPattern)

// ValueVerdict is a [ValueRule]'s verdict on a value: Pass, or the lines of every test that
// found something (up to the first that stops), Fail when one of them fails, else Warn.
type ValueVerdict struct {
	Status  Status
	Message Text
	// Test is the first test that found something, "" for a pass.
	Test Test
}

// CleanValue returns v as a rule judges it: line breaks removed, spaces, tabs and no-break
// spaces trimmed at both ends.
func CleanValue(v string) string {
	v = strings.NewReplacer("\r", "", "\n", "").Replace(v)
	return strings.Trim(v, ValueSpaces)
}

// addr is a value cut as an address ([URLPattern]).
type addr struct {
	ok                 bool
	scheme, host, path string
	hasUser, hasQuery  bool
}

func parseAddr(v string) addr {
	m := urlRE.FindStringSubmatch(v)
	if m == nil {
		return addr{}
	}
	a := addr{scheme: m[1], path: m[3], hasQuery: m[4] != "" || m[5] != ""}
	auth := m[2]
	if i := strings.LastIndexByte(auth, '@'); i >= 0 {
		a.hasUser, auth = true, auth[i+1:]
	}
	a.host = auth
	a.ok = auth != ""
	return a
}

// hostname returns host without its port: a final ":" and the digits after it.
func hostname(host string) string {
	i := strings.LastIndexByte(host, ':')
	if i < 0 || strings.Trim(host[i+1:], "0123456789") != "" {
		return host
	}
	return host[:i]
}

// lowerASCII lowers the ASCII letters of s only, as JavaScript and Go do alike.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// realmOf returns the Keycloak realm of a path ".../realms/<realm>/...", or "".
func realmOf(path string) string {
	parts := strings.Split(path, "/")
	for i := 0; i+1 < len(parts); i++ {
		if parts[i] == "realms" {
			return parts[i+1]
		}
	}
	return ""
}

// underHost reports whether host (without port, any case) is one of domains or under one.
func underHost(host string, domains []string) bool {
	h := lowerASCII(hostname(host))
	for _, d := range domains {
		d = lowerASCII(d)
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	return false
}

// applies reports whether a test of modes applies when mode is checked: a test of every mode
// always; a test of some modes only when the mode checked is known and among them.
func (t ValueTest) applies(mode Mode) bool {
	return t.Modes == 0 || mode != 0 && mode&^t.Modes == 0
}

// find reports whether test t finds something in value v (cleaned, cut as a), and the part
// it found.
func (r *ValueRule) find(t ValueTest, v string, a, w addr) (found bool, part, wantpart string) {
	trim := func(p string) string { return strings.TrimSuffix(p, "/") }
	switch t.Test {
	case TestEmpty:
		return v == "", "", ""
	case TestSpace:
		return strings.ContainsAny(v, ValueSpaces), "", ""
	case TestNotURL:
		return !a.ok, "", ""
	case TestScheme:
		return lowerASCII(a.scheme) != lowerASCII(t.Args[0]), a.scheme, t.Args[0]
	case TestUserInfo:
		return a.hasUser, "", ""
	case TestQuery:
		return a.hasQuery, "", ""
	case TestSuffix:
		p := lowerASCII(trim(a.path))
		for _, s := range t.Args {
			if strings.HasSuffix(p, lowerASCII(s)) {
				return true, s, ""
			}
		}
		return false, "", ""
	case TestHost:
		return lowerASCII(a.host) != lowerASCII(w.host), a.host, w.host
	case TestRealm:
		gr, wr := realmOf(a.path), realmOf(w.path)
		return gr != "" && wr != "" && gr != wr, gr, wr
	case TestSlash:
		return !r.TrailingSlash && a.path != w.path && trim(a.path) == trim(w.path), a.path, w.path
	case TestPath:
		if r.TrailingSlash {
			return trim(a.path) != trim(w.path), a.path, w.path
		}
		return a.path != w.path, a.path, w.path
	case TestNoSlash:
		return !strings.HasSuffix(a.path, "/"), a.path, ""
	case TestHostIn:
		return underHost(a.host, t.Args), a.host, ""
	case TestHostOut:
		return !underHost(a.host, t.Args), a.host, ""
	}
	return false, "", ""
}

// Judge returns the rule's verdict on value v in installation mode (0 when unknown: tests
// of some modes only are then not made). v is cleaned first ([CleanValue]).
func (r *ValueRule) Judge(v string, mode Mode) ValueVerdict {
	v = CleanValue(v)
	a, w := parseAddr(v), parseAddr(r.Want)
	var found []Test
	var lines []Text
	var status Status
	for _, t := range r.Tests {
		if !t.applies(mode) || slices.ContainsFunc(t.Unless, func(u Test) bool { return slices.Contains(found, u) }) {
			continue
		}
		ok, part, wantpart := r.find(t, v, a, w)
		if !ok {
			continue
		}
		found, lines = append(found, t.Test), append(lines, r.fill(t.Why, v, part, wantpart, a.path))
		if status != Fail {
			status = t.Status
		}
		if t.Stop {
			break
		}
	}
	if len(found) == 0 {
		return ValueVerdict{Status: Pass, Message: r.fill(r.OK, v, "", "", a.path)}
	}
	return ValueVerdict{Status: status, Test: found[0], Message: joinText(lines, Text{FR: " ", EN: " "})}
}

// fill returns line with its placeholders replaced, each side typeset for its language
// first: the browser gets the typeset lines and replaces the same placeholders.
func (r *ValueRule) fill(line Text, got, part, wantpart, path string) Text {
	rep := strings.NewReplacer("{got}", got, "{want}", r.Want, "{part}", part, "{wantpart}", wantpart, "{path}", path)
	return Text{FR: rep.Replace(line.In(FR)), EN: rep.Replace(line.In(EN))}
}

// placeholders are the names a line of a rule may use; valuePlaceholders those that stand
// for what was typed.
var (
	placeholderRE     = regexp.MustCompile(`\{[a-z]*\}`)
	placeholders      = map[string]bool{"{got}": true, "{want}": true, "{part}": true, "{wantpart}": true, "{path}": true}
	valuePlaceholders = map[string]bool{"{got}": true, "{part}": true, "{path}": true}
)

// flaws returns what is wrong with the rule: an unknown test, a test without the Args it
// needs, a verdict other than Fail or Warn, a line missing a language or naming an unknown
// placeholder, a Want that is not an address while a test compares with it. A line may show
// what was typed only after a TestSpace of every mode: what it shows then holds no space,
// so the typography of a language (a no-break space before « : » in French) cannot change
// it, in Go as in the browser.
func (r *ValueRule) flaws() []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	spaced := false
	line := func(where string, t Text) {
		for _, l := range t.Missing() {
			bad("%s has no %s text", where, l)
		}
		for _, side := range []string{t.FR, t.EN} {
			for _, p := range placeholderRE.FindAllString(side, -1) {
				switch {
				case !placeholders[p]:
					bad("%s names unknown placeholder %s", where, p)
				case valuePlaceholders[p] && !spaced:
					bad("%s shows %s before a space test of every mode", where, p)
				}
			}
		}
	}
	needArgs := map[Test]bool{TestScheme: true, TestSuffix: true, TestHostIn: true, TestHostOut: true}
	wantTests := map[Test]bool{TestHost: true, TestRealm: true, TestSlash: true, TestPath: true}
	for i, t := range r.Tests {
		where := fmt.Sprintf("test %d (%s)", i, t.Test)
		if !slices.Contains(Tests(), t.Test) {
			bad("%s: unknown test", where)
		}
		if needArgs[t.Test] && len(t.Args) == 0 {
			bad("%s: needs Args", where)
		}
		if wantTests[t.Test] && !parseAddr(r.Want).ok {
			bad("%s: compares with Want, which is not an address (%q)", where, r.Want)
		}
		if t.Status != Fail && t.Status != Warn {
			bad("%s: status %q, want fail or warn", where, t.Status)
		}
		line(where+" Why", t.Why)
		if t.Test == TestSpace && t.Modes == 0 {
			spaced = true
		}
	}
	if !spaced {
		bad("no space test of every mode")
	}
	line("OK", r.OK)
	return errs
}
