package checker

import (
	"io"
	"maps"
	"strings"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/evidence"
	"github.com/hds-oze/pronote-oze/checks/report"
)

// Session is a check in progress: the evidence read so far.
type Session struct {
	Catalog  *checks.Catalog
	Evidence *checks.Evidence
	opts     evidence.IdentityOptions
}

// New returns a session over the default catalog. showPersonal turns off the masking of
// personal data; userType (a [checks.UserType] ID, or "") is the user type of identity
// exports that do not say theirs.
func New(showPersonal bool, userType string) *Session {
	return &Session{
		Catalog:  checks.Default(),
		Evidence: &checks.Evidence{ShowPersonalData: showPersonal},
		opts:     evidence.IdentityOptions{UserType: userType},
	}
}

// Read recognises the kind of one input from its content and adds it to the session. name
// names it in messages and in the report. On error the session is unchanged.
func (s *Session) Read(name string, r io.Reader) (evidence.Kind, error) {
	return evidence.Read(name, r, s.Catalog, s.Evidence, s.opts)
}

// Options say how to judge.
type Options struct {
	// Mode is "hosted" or "onprem", or "" to guess it from the evidence.
	Mode string
	// Purge asks to check the purge of the previous ENT's identifiers.
	Purge bool
}

// Judge runs every rule against the evidence read and returns the report and its document
// in meta.Lang. The error is an [*Error] when the mode is unknown or cannot be guessed.
func (s *Session) Judge(o Options, meta report.Meta) (*checks.Report, *report.Doc, error) {
	if o.Mode == "" && PurgeOnly(o.Purge, s.Evidence) {
		rep := checks.Run(s.Catalog, s.Evidence, checks.Options{Purge: true, PurgeOnly: true})
		return rep, report.New(rep, s.Evidence, meta), nil
	}
	mode, why := ChooseMode(o.Mode, s.Evidence)
	if why != nil {
		return nil, nil, &Error{Msg: *why}
	}
	rep := checks.Run(s.Catalog, s.Evidence, checks.Options{Mode: mode, Purge: o.Purge})
	return rep, report.New(rep, s.Evidence, meta), nil
}

// PurgeOnly reports whether the evidence is only the purge's, with the purge asked for (by
// the flag or an answers file of the purge checklist): identity exports, perhaps that answers
// file, and nothing of the setup procedure. The purge does not depend on the installation
// mode, so such a check needs no mode and judges the purge checklist alone.
func PurgeOnly(purge bool, ev *checks.Evidence) bool {
	if ev.Info != nil {
		return false
	}
	if ev.Answers != nil {
		return ev.Answers.Checklist == checks.PurgeID
	}
	return purge && len(ev.Identities) > 0
}

// Error is a problem with the options of a check, said in both languages.
type Error struct{ Msg checks.Text }

func (e *Error) Error() string { return e.Msg.EN }

// In returns the message in lang.
func (e *Error) In(lang checks.Lang) string { return e.Msg.In(lang) }

// texts holds the package's messages by name, filled as they are declared, for the test of
// every bilingual table.
var texts = map[string]checks.Text{}

func text(name string, t checks.Text) checks.Text {
	texts[name] = t
	return t
}

// Texts returns the package's messages by name.
func Texts() map[string]checks.Text { return maps.Clone(texts) }

// Messages, in both languages.
var (
	MsgBadMode = text("MsgBadMode", checks.Text{FR: "--mode %q : mode inconnu (hosted ou onprem)", EN: "--mode %q: unknown mode (hosted or onprem)"})
	MsgNoMode  = text("MsgNoMode", checks.Text{FR: "impossible de savoir si PRONOTE est hébergé : ajoutez --mode hosted ou --mode onprem", EN: "cannot tell whether PRONOTE is hosted: add --mode hosted or --mode onprem"})
	// MsgTooBig refuses a file larger than the browser checker reads (MiB, limit in MiB).
	MsgTooBig = text("MsgTooBig", checks.Text{
		FR: "fichier de %d Mio : le navigateur lit jusqu'à %d Mio ; vérifiez-le avec le vérificateur téléchargé (ozecheck)",
		EN: "file of %d MiB: the browser reads up to %d MiB; check it with the downloaded checker (ozecheck)",
	})
)

// ChooseMode returns the mode named by flag, else the one the evidence shows: PRONOTE.net
// hosted by Index Education publishes under index-education.net; an answers file names its
// checklist. It returns the reason when it cannot.
func ChooseMode(flag string, ev *checks.Evidence) (checks.Mode, *checks.Text) {
	if flag != "" {
		m, ok := checks.ParseMode(flag)
		if !ok {
			t := MsgBadMode.Sprintf(flag)
			return 0, &t
		}
		return m, nil
	}
	if ev.Answers != nil {
		switch ev.Answers.Checklist {
		case checks.HostedID:
			return checks.Hosted, nil
		case checks.OnPremID:
			return checks.OnPrem, nil
		}
	}
	if ev.Info != nil {
		for _, e := range ev.Info.Espaces {
			if strings.Contains(strings.ToLower(e.URL), ".index-education.net/") {
				return checks.Hosted, nil
			}
		}
		if len(ev.Info.Espaces) > 0 {
			return checks.OnPrem, nil
		}
	}
	return 0, &MsgNoMode
}
