package site

import (
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/report"
)

// checkPages checks what needs every page scanned: the links and the checklists' homes. It
// records which pages link to which.
func (s *siteModel) checkPages(ctx context.Context, workers int) errorList {
	var errs errorList
	s.checkChecklistHomes(&errs)
	errs = append(errs, s.forEach(ctx, workers, func(p *Page, errs *errorList) { s.checkLinks(p, errs) })...)
	if s.live {
		s.indexIncoming() // for the updates to know which pages an edit concerns
	}
	return errs
}

// checkChecklistHomes makes sure every checklist shown lives at the URL its checks.Checklist
// slug gives, where the checker's reports link.
func (s *siteModel) checkChecklistHomes(errs *errorList) {
	for _, p := range s.Pages {
		for _, cl := range p.Checklists {
			want := cl.Slug.In(p.Lang)
			if len(p.Checklists) == 1 && p.FM.Slug != "" && p.FM.Slug == want {
				continue
			}
			if home := s.byURL[string(p.Lang)+"/"+want+"/"]; home == nil || !slices.Contains(home.Checklists, cl) {
				errs.add(p.File, 1, "checklist %s must live at /%s/%s/ (its slug in checks), where the checker links; give one page that URL", cl.ID, p.Lang, want)
			}
		}

	}
}

// checkLinks reports every link of p that leads nowhere, to a missing anchor, to another site,
// or into another language without saying so.
// It records in p.out the pages the links lead to.
func (s *siteModel) checkLinks(p *Page, errs *errorList) {
	p.out = p.out[:0]
	for _, l := range p.links {
		r, err := s.resolve(p, l, true)
		if err != nil {
			errs.add(p.File, l.line, "%v", err)
		} else if r.target != nil && r.target != p {
			p.out = append(p.out, r.target)
		}
	}
}

// indexIncoming records, for every page, the pages that link to it.
func (s *siteModel) indexIncoming() {
	s.incoming = map[*Page]map[*Page]bool{}
	for _, p := range s.Pages {
		for _, t := range p.out {
			if s.incoming[t] == nil {
				s.incoming[t] = map[*Page]bool{}
			}
			s.incoming[t][p] = true
		}
	}
}

// resolved is where a link leads.
type resolved struct {
	href   string // relative URL
	lang   string // the hreflang the author declared, if any
	target *Page  // nil for a generated file
}

// resolve finds the target of link l of page p and, with anchors, checks that the target has
// the anchor the link names.
func (s *siteModel) resolve(p *Page, l pageLink, anchors bool) (resolved, error) {
	dest := l.dest
	u, err := url.Parse(dest)
	if err != nil {
		return resolved{}, fmt.Errorf("link %q: %v", dest, err)
	}
	if u.Scheme != "" || u.Host != "" {
		return resolved{}, fmt.Errorf("link %q leads to another site: the site refers to no other origin (write the address as `code` if readers need it)", dest)
	}
	target := p
	switch {
	case u.Path == "":
	case strings.HasPrefix(u.Path, "/"):
		if strings.TrimPrefix(u.Path, "/") == "" {
			return resolved{}, fmt.Errorf("link %q: the root page is not a content page; link a language's home (/%s/)", dest, p.Lang)
		}
		target = s.byURL[strings.TrimSuffix(strings.TrimPrefix(u.Path, "/"), "/")+"/"]
	case strings.HasSuffix(u.Path, ".md"):
		full := path.Join(string(p.Lang), path.Dir(p.Rel), u.Path)
		target = s.bySource[full]
	default:
		full := path.Join(path.Dir(strings.TrimSuffix(p.URL, "/")+"/x"), u.Path)
		target = s.byURL[strings.TrimSuffix(full, "/")+"/"]
	}
	if target == nil {
		if file := s.generatedFile(p, u.Path); file != "" && u.Fragment == "" {
			return resolved{href: relURL(p.URL, file)}, nil
		}
		return resolved{}, fmt.Errorf("broken link %q: no such page", dest)
	}
	if anchors && u.Fragment != "" && !target.anchors.has(u.Fragment) {
		return resolved{}, fmt.Errorf("broken link %q: %s has no anchor #%s", dest, target.File, u.Fragment)
	}
	declared, marked := strings.CutPrefix(strings.TrimSpace(l.title), "hreflang=")
	if target.Lang != p.Lang && (!marked || checks.Lang(declared) != target.Lang) {
		return resolved{}, fmt.Errorf("link %q leads from a %s page into %s content; if intended, give it the title \"hreflang=%s\"", dest, p.Lang, target.Lang, target.Lang)
	}
	r := resolved{target: target}
	if marked {
		r.lang = declared
	}
	if target != p {
		r.href = relURL(p.URL, target.URL)
	}
	if u.Fragment != "" {
		r.href += "#" + u.Fragment
	}
	return r, nil
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
