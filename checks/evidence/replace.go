package evidence

import (
	"io"

	"github.com/hds-oze/pronote-oze/checks"
)

// ReadReplacing is [Read] for a check that gathers its inputs over time, as the site's check
// page does: a newer export replaces the one it updates instead of being refused. An
// InfoMobileApp.json, or an answers file, replaces the one read before; an identity export
// replaces the one read before for the same user type (of an unknown type, it is added). It
// returns the name of the input replaced, "" when none was; that input's warnings go with
// it. The identifiers kept for the duplicate check stay within checks.MaxIdentifiers across
// the exports held: a new export keeps what the others leave (those of the export it
// replaces are freed first). A file with the same content as one read before is read once, as Read does.
func ReadReplacing(file string, r io.Reader, cat *checks.Catalog, ev *checks.Evidence, opts IdentityOptions) (Kind, string, error) {
	got := &checks.Evidence{ShowPersonalData: ev.ShowPersonalData}
	k, err := Read(file, r, cat, got, opts)
	if err != nil {
		return "", "", err
	}
	var sum, replaced string
	switch k {
	case KindInfoMobileApp:
		sum = got.Info.SHA256
	case KindAnswers:
		sum = got.Answers.SHA256
	case KindIdentities:
		sum = got.Identities[0].SHA256
	}
	if sameFile(file, sum, ev) {
		return k, "", nil
	}
	switch k {
	case KindInfoMobileApp:
		if ev.Info != nil {
			replaced = ev.Info.Source
		}
		ev.Info = got.Info
	case KindAnswers:
		if ev.Answers != nil {
			replaced = ev.Answers.Source
		}
		ev.Answers = got.Answers
	case KindIdentities:
		l := got.Identities[0]
		for i, o := range ev.Identities {
			if l.UserType != "" && o.UserType == l.UserType {
				replaced, ev.Identities[i] = o.Source, l
				break
			}
		}
		if replaced == "" {
			ev.Identities = append(ev.Identities, l)
		}
		keepAtMost(l, checks.MaxIdentifiers-(kept(ev.Identities)-len(l.IDs)))
	}
	if replaced != "" {
		kept := ev.Warnings[:0]
		for _, w := range ev.Warnings {
			if w.Source != replaced {
				kept = append(kept, w)
			}
		}
		ev.Warnings = kept
	}
	ev.Warnings = append(ev.Warnings, got.Warnings...)
	return k, replaced, nil
}
