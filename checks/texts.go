package checks

import "fmt"

// Texts returns the package's bilingual texts that are not part of an item, by name, for the
// test of every table of user-facing words: the labels of an item's parts, the origins and their legend, the statuses'
// labels and meanings, the labels of the modes, what decided a mode on each surface and the
// facts it rests on, the labels of evidence kinds and delegations, the names of
// the espaces and user types, and each profile's texts. An item's own texts are checked by
// [Catalog.Validate], with the facts.
func Texts() map[string]Text {
	m := map[string]Text{
		"LabelWhere()":   LabelWhere(),
		"LabelExpect()":  LabelExpect(),
		"LabelSee()":     LabelSee(),
		"LabelProof()":   LabelProof(),
		"LabelSchool()":  LabelSchool(),
		"LabelDoneBy()":  LabelDoneBy(),
		"LabelDate()":    LabelDate(),
		"LabelSources()": LabelSources(),

		"LabelTroubleshooting()": LabelTroubleshooting(),
		"LabelRollback()":        LabelRollback(),
		"LabelRevisit()":         LabelRevisit(),
		"IntroRollback()":        IntroRollback(),
	}
	for _, o := range Origins() {
		m["Origin "+o.String()] = o.Label()
	}
	for i, t := range Legend() {
		m[fmt.Sprintf("Legend %d", i)] = t
	}
	for _, s := range Statuses() {
		m["Status "+string(s)+" label"] = s.Label()
		m["Status "+string(s)+" meaning"] = s.Meaning()
		m["Status "+string(s)+" plural"] = s.noun().Many
	}
	for _, md := range []Mode{Hosted, OnPrem, AnyMode, 0} {
		m["Mode "+md.String()] = md.Label()
	}
	for name, s := range SaidTable() {
		m["Said "+name+" cli"], m["Said "+name+" page"], m["Said "+name+" report"] = s.CLI, s.Page, s.Report
	}
	m["anotherClue"] = anotherClue
	for _, f := range ModeFacts() {
		m["Fact "+f.ID+" claim"], m["Fact "+f.ID+" ref"] = f.Claim, f.Ref
	}
	for _, s := range []Source{InfoMobileApp, IdentityExport, Answer} {
		m["Source "+s.Label().EN] = s.Label()
	}
	for _, d := range Delegations() {
		m["Delegation "+string(d)] = d.Label()
	}
	for _, e := range espaces {
		m["Espace "+e.ID] = e.Name
	}
	for _, u := range userTypes {
		m["UserType "+u.ID] = u.Name
	}
	for name, n := range nouns {
		m["Noun "+name+" one"] = n.One
		m["Noun "+name+" many"] = n.Many
	}
	for _, p := range Profiles() {
		m["Profile "+p.ID+" Area"] = p.Area
		m["Profile "+p.ID+" PolicyWhy"] = p.PolicyWhy
	}
	return m
}
