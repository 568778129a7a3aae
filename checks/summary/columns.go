package summary

import (
	"slices"
	"strings"

	"github.com/hds-oze/pronote-oze/checks"
)

// A group is a set of the table's columns that carry the step numbers of one procedure (a
// checklist of the catalog), or of procedures that no school follows together: hosted mode
// and on-premises mode, whose steps are numbered alike. In a school's row, a group's columns
// show the steps of the procedure of the report's mode, so that a step is called in the
// summary by the number the admin's page and PDF give it (checks.Checklist.StepNumber).
type group struct {
	procs []*checks.Checklist
	cols  []column
}

// A column is the steps numbered number in a group's procedures.
type column struct {
	number int
	// items are the steps at number, one per procedure of the group (nil past its end).
	items []*checks.Item
	// failing is how many schools fail the step the column shows them.
	failing int
}

// follows reports whether a school whose report has mode m may follow procedure cl: the
// procedure is for every mode m covers; an undecided report (m == 0) may follow any.
func follows(m checks.Mode, cl *checks.Checklist) bool { return cl.Modes&m == m }

// step returns the step a school whose report has mode m shows in column c of g: the step at
// c's number of the procedure the school follows, or, when its mode does not pick one of
// g's procedures (an undecided report), the step all of them have at that number; nil for
// none.
func (g *group) step(c *column, m checks.Mode) *checks.Item {
	var it *checks.Item
	for i, cl := range g.procs {
		if !follows(m, cl) {
			continue
		}
		if it != nil && c.items[i] != it || c.items[i] == nil {
			return nil
		}
		it = c.items[i]
	}
	return it
}

// status returns the status row s shows in column c of g, "" for none.
func (g *group) status(c *column, s *School) string {
	if it := g.step(c, s.mode); it != nil {
		return s.Results[it.ID]
	}
	return ""
}

// groups returns the catalog's procedures as column groups, each procedure in the first group
// of procedures with modes disjoint from its own, and in each the columns some school has a
// status in, with the number of schools failing each; a group without such a column is left
// out.
func groups(cat *checks.Catalog, schools []School) []group {
	var gs []group
next:
	for _, cl := range cat.Checklists {
		for i := range gs {
			disjoint := true
			for _, p := range gs[i].procs {
				disjoint = disjoint && p.Modes&cl.Modes == 0
			}
			if disjoint {
				gs[i].procs = append(gs[i].procs, cl)
				continue next
			}
		}
		gs = append(gs, group{procs: []*checks.Checklist{cl}})
	}
	for gi := range gs {
		g := &gs[gi]
		steps := make([][]*checks.Item, len(g.procs))
		longest := 0
		for i, cl := range g.procs {
			steps[i] = cl.Items()
			longest = max(longest, len(steps[i]))
		}
		for n := 1; n <= longest; n++ {
			c := column{number: n, items: make([]*checks.Item, len(g.procs))}
			for i := range g.procs {
				if n <= len(steps[i]) {
					c.items[i] = steps[i][n-1]
				}
			}
			shown := false
			for i := range schools {
				switch g.status(&c, &schools[i]) {
				case "":
				case string(checks.Fail):
					c.failing++
					shown = true
				default:
					shown = true
				}
			}
			if shown {
				g.cols = append(g.cols, c)
			}
		}
	}
	return slices.DeleteFunc(gs, func(g group) bool { return len(g.cols) == 0 })
}

// title names g in l: its procedures' titles.
func (g *group) title(l checks.Lang) string {
	var ts []string
	for _, cl := range g.procs {
		ts = append(ts, cl.Title.In(l))
	}
	return strings.Join(ts, " / ")
}

// key names g in a CSV header: its procedures' IDs ("purge", "hosted/onprem").
func (g *group) key() string {
	var ids []string
	for _, cl := range g.procs {
		ids = append(ids, cl.ID)
	}
	return strings.Join(ids, "/")
}

// ids names c's steps by ID, each once ("net.cas-url", "hosted.net-open/onprem.net-open").
func (c *column) ids() string {
	var ids []string
	for _, it := range c.items {
		if it != nil && !slices.Contains(ids, it.ID) {
			ids = append(ids, it.ID)
		}
	}
	return strings.Join(ids, "/")
}

// MaxShown is how many characters of a string from a report (a school's name, a UAI, a step
// ID, a file name, a version) the HTML and CSV summaries show; the JSON summary gives names,
// UAIs and IDs whole.
const MaxShown = 120

// CutMark ends a string cut to MaxShown characters.
const CutMark = "[…]"

// Cut returns s as shown: its first MaxShown characters then CutMark when it is longer.
func Cut(s string) string {
	if len(s) <= MaxShown {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxShown {
			return s[:i] + CutMark
		}
		n++
	}
	return s
}
