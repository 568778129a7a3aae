package checker

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/evidence"
	"github.com/hds-oze/pronote-oze/checks/report"
)

// Session is a check in progress: the evidence read so far.
type Session struct {
	Catalog  *checks.Catalog
	Evidence *checks.Evidence
	opts     evidence.IdentityOptions
	// shown is the name the report gives each file read, by the name it was given as.
	shown map[string]string
}

// New returns a session over the default catalog. showPersonal turns off the masking of
// personal data; userType (a [checks.UserType] ID, or "") is the user type of identity
// exports that do not say theirs.
func New(showPersonal bool, userType string) *Session {
	return &Session{
		Catalog:  checks.Default(),
		Evidence: &checks.Evidence{ShowPersonalData: showPersonal},
		opts:     evidence.IdentityOptions{UserType: userType},
		shown:    map[string]string{},
	}
}

// Read recognises the kind of one input from its content and adds it to the session. name
// names it as it was given (a path, or a name in the browser). The report names it by its
// base name (see fileName); an error, which goes to the person who gave the file and not into
// a report, by name. On error the session is unchanged.
func (s *Session) Read(name string, r io.Reader) (evidence.Kind, error) {
	return s.read(name, s.fileName(name), r)
}

// read reads the input name, named shown in the report.
func (s *Session) read(name, shown string, r io.Reader) (evidence.Kind, error) {
	return s.named(name, shown, func(file string) (evidence.Kind, error) {
		return evidence.Read(file, r, s.Catalog, s.Evidence, s.opts)
	})
}

// named runs read on the input name under the name shown, which the report gives it, and
// names the input as given in an error.
func (s *Session) named(name, shown string, read func(file string) (evidence.Kind, error)) (evidence.Kind, error) {
	kind, err := read(shown)
	if err != nil {
		var ie *evidence.InputError
		if errors.As(err, &ie) && ie.File == shown {
			ie.File = name
		}
		return kind, err
	}
	s.shown[name] = shown
	return kind, nil
}

// fileName returns the name the report gives the file name: its base name, without the
// folders it is in, which hold the user's name (C:\Users\prenom.nom\Downloads,
// /home/prenom.nom), unless the session shows personal data. Two files read of the same base
// name in different folders are told apart by a number: eleves.csv, then eleves.csv (2).
func (s *Session) fileName(name string) string {
	if s.Evidence.ShowPersonalData {
		return name
	}
	if shown, ok := s.shown[name]; ok {
		return shown
	}
	base := baseName(name)
	shown := base
	for n := 2; slices.Contains(slices.Collect(maps.Values(s.shown)), shown); n++ {
		shown = fmt.Sprintf("%s (%d)", base, n)
	}
	return shown
}

// baseName returns name without its folders, cut after the last slash or backslash whatever
// the system: a browser's file name, or a name given on Linux, may hold either.
func baseName(name string) string {
	trimmed := strings.TrimRight(name, `/\`)
	if trimmed == "" {
		return name
	}
	return trimmed[strings.LastIndexAny(trimmed, `/\`)+1:]
}

// ReadFetched reads InfoMobileApp.json as the checker itself fetched it from address (what
// --fetch does): PRONOTE.net served it to this check, which shows the base published. The
// report names it by its address, whole: a school's public address is no one's folder.
func (s *Session) ReadFetched(address string, r io.Reader) (evidence.Kind, error) {
	k, err := s.read(address, address, r)
	if err == nil && k == evidence.KindInfoMobileApp && s.Evidence.Info != nil && s.Evidence.Info.Source == address {
		s.Evidence.Info.Fetched = true
	}
	return k, err
}

// ReadReplacing is Read for a check that gathers its inputs over time (the check page): a
// newer InfoMobileApp.json, answers file or identity export of the same user type replaces
// the one read before (see [evidence.ReadReplacing]). It returns the name the report gave
// the input replaced ([Session.Shown]), "" if none was.
func (s *Session) ReadReplacing(name string, r io.Reader) (evidence.Kind, string, error) {
	var replaced string
	k, err := s.named(name, s.fileName(name), func(file string) (k evidence.Kind, err error) {
		k, replaced, err = evidence.ReadReplacing(file, r, s.Catalog, s.Evidence, s.opts)
		return k, err
	})
	return k, replaced, err
}

// Shown returns the name the report gives the input read as name.
func (s *Session) Shown(name string) string { return s.shown[name] }

// Options say how to judge.
type Options struct {
	// Mode is "hosted" or "onprem" when the person chose it, else "".
	Mode string
	// Address is PRONOTE's address the person gave (--fetch's, the check page's field).
	Address string
	// Ticks counts the steps ticked in the browser on each mode's procedure page.
	Ticks checks.TickCounts
	// Purge asks to check the purge of the previous ENT's identifiers.
	Purge bool
	// Now is when the check runs.
	Now time.Time
}

// Judge runs every rule against the evidence read and returns the report and its document
// in meta.Lang. The mode is decided by [checks.DecideMode] and the report says how; when
// nothing decides it, only what does not depend on it is judged. The error is an [*Error]
// when the mode named is unknown.
func (s *Session) Judge(o Options, meta report.Meta) (*checks.Report, *report.Doc, error) {
	d, err := s.Decide(o)
	if err != nil {
		return nil, nil, err
	}
	opts := checks.Options{Decision: d, Mode: d.Mode, Purge: o.Purge, Now: o.Now}
	if d.By == checks.ByPurgeOnly {
		opts = checks.Options{Purge: true, PurgeOnly: true, Now: o.Now}
	}
	rep := checks.Run(s.Catalog, s.Evidence, opts)
	return rep, report.New(rep, s.Evidence, meta), nil
}

// Decide decides the mode of the check: the purge alone needs none ([PurgeOnly]); else
// [checks.DecideMode] weighs the person's choice, the address, the evidence and the ticks.
func (s *Session) Decide(o Options) (checks.ModeDecision, error) {
	var flag checks.Mode
	if o.Mode != "" {
		m, ok := checks.ParseMode(o.Mode)
		if !ok {
			return checks.ModeDecision{}, &Error{Msg: MsgBadMode.Sprintf(o.Mode)}
		}
		flag = m
	}
	if flag == 0 && PurgeOnly(o.Purge, s.Evidence) {
		return checks.ModeDecision{Mode: checks.AnyMode, By: checks.ByPurgeOnly}, nil
	}
	return checks.DecideMode(checks.ModeClues{Flag: flag, Address: o.Address, Ticks: o.Ticks}, s.Evidence), nil
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

// Texts returns the package's messages by name, the check page's words included.
func Texts() map[string]checks.Text {
	m := maps.Clone(texts)
	maps.Copy(m, pageTexts())
	return m
}

// Messages, in both languages.
var (
	MsgBadMode = text("MsgBadMode", checks.Text{FR: "--mode %q : mode inconnu (hosted ou onprem)", EN: "--mode %q: unknown mode (hosted or onprem)"})
	// MsgTooBig refuses a file larger than the browser checker reads (MiB, limit in MiB).
	MsgTooBig = text("MsgTooBig", checks.Text{
		FR: "fichier de %d Mio : le navigateur lit jusqu'à %d Mio ; vérifiez-le avec le vérificateur téléchargé (ozecheck)",
		EN: "file of %d MiB: the browser reads up to %d MiB; check it with the downloaded checker (ozecheck)",
	})
)
