package site

import (
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/report"
	"github.com/yuin/goldmark/ast"
)

// checkLinks resolves every link of p: it checks that the target page and anchor exist and
// that a link into another language says so, then rewrites the destination to a relative URL.
func (s *siteModel) checkLinks(p *Page, errs *errorList) {
	_ = ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			s.resolveLink(p, n, errs)
		case *ast.Image:
			errs.add(p.File, p.line(n.Pos()), "images are not supported: describe the screen with its labels instead (%q)", n.Destination)
		}
		return ast.WalkContinue, nil
	})
}

// generatedFile returns the site path of a file the build writes besides pages (the JSON
// schemas) that link path names from page p, or "".
func (s *siteModel) generatedFile(p *Page, link string) string {
	var full string
	if strings.HasPrefix(link, "/") {
		full = strings.TrimPrefix(link, "/")
	} else {
		full = path.Join(path.Dir(strings.TrimSuffix(p.URL, "/")+"/x"), link)
	}
	if _, err := fs.Stat(report.Schemas, full); err == nil && strings.HasPrefix(full, "schema/") {
		return full
	}
	return ""
}

func (s *siteModel) resolveLink(p *Page, n *ast.Link, errs *errorList) {
	line := p.line(n.Pos())
	dest := string(n.Destination)
	u, err := url.Parse(dest)
	if err != nil {
		errs.add(p.File, line, "link %q: %v", dest, err)
		return
	}
	if u.Scheme != "" || u.Host != "" {
		errs.add(p.File, line, "link %q leads to another site: the site refers to no other origin (write the address as `code` if readers need it)", dest)
		return
	}
	target := p
	switch {
	case u.Path == "":
	case strings.HasPrefix(u.Path, "/"):
		target = s.byURL[strings.TrimSuffix(strings.TrimPrefix(u.Path, "/"), "/")+"/"]
		if strings.TrimPrefix(u.Path, "/") == "" {
			errs.add(p.File, line, "link %q: the root page is not a content page; link a language's home (/%s/)", dest, p.Lang)
			return
		}
	case strings.HasSuffix(u.Path, ".md"):
		full := path.Join(string(p.Lang), path.Dir(p.Rel), u.Path)
		lang, rel, _ := strings.Cut(full, "/")
		target = s.bySource[lang+"/"+rel]
	default:
		full := path.Join(path.Dir(strings.TrimSuffix(p.URL, "/")+"/x"), u.Path)
		target = s.byURL[strings.TrimSuffix(full, "/")+"/"]
	}
	if target == nil {
		if file := s.generatedFile(p, u.Path); file != "" && u.Fragment == "" {
			n.Destination = []byte(relURL(p.URL, file))
			return
		}
		errs.add(p.File, line, "broken link %q: no such page", dest)
		return
	}
	if u.Fragment != "" && !target.anchors[u.Fragment] {
		errs.add(p.File, line, "broken link %q: %s has no anchor #%s", dest, target.File, u.Fragment)
		return
	}
	title := strings.TrimSpace(string(n.Title))
	declared, marked := strings.CutPrefix(title, "hreflang=")
	if target.Lang != p.Lang {
		if !marked || checks.Lang(declared) != target.Lang {
			errs.add(p.File, line, "link %q leads from a %s page into %s content; if intended, give it the title \"hreflang=%s\"", dest, p.Lang, target.Lang, target.Lang)
			return
		}
	}
	if marked {
		n.Title = nil
		n.SetAttributeString("lang", []byte(declared))
	}
	rel := ""
	if target != p {
		rel = relURL(p.URL, target.URL)
	}
	if u.Fragment != "" {
		rel += "#" + u.Fragment
	}
	n.Destination = []byte(rel)
}
