package checks

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Evidence is everything the checker was given, already read. Readers (package
// checks/evidence) fill it from files; [Run] and the items' Check functions only look at it.
type Evidence struct {
	// Info is InfoMobileApp.json as PRONOTE.net served it, or nil.
	Info *Info
	// Identities are the identity list exports, one per file.
	Identities []*IdentityList
	// Answers is the admin's answers file from the site's checklist, or nil.
	Answers *Answers
	// ShowPersonalData turns off masking of names, logins and identifiers in messages.
	ShowPersonalData bool
	// Warnings are what the readers accepted but the report must mention (a quote read as
	// text, a key given twice, the same file given twice), in reading order.
	Warnings []Warning
}

// Warning is something an input holds that the checker read one way among others, or left
// out: the report mentions it, with where.
type Warning struct {
	Source string // the file's name
	Line   int    // 1-based, 0 when it concerns the whole file
	Msg    Text
}

// Personal returns s as a report may show it: masked unless ShowPersonalData is set. The
// mask keeps the first character and the length class, enough to tell two values apart in a
// conversation with support, not enough to identify anybody.
func (ev *Evidence) Personal(s string) string {
	if ev.ShowPersonalData || s == "" {
		return s
	}
	_, size := utf8.DecodeRuneInString(s)
	return s[:size] + "•••"
}

// Info is what InfoMobileApp.json tells of a published PRONOTE.net. Pointers are nil where
// the file did not have the field: a missing field is missing evidence, not a failure.
type Info struct {
	Source string // file name or URL it was read from
	SHA256 string
	// Fetched is set when the checker read the file from PRONOTE.net itself (--fetch), at
	// the time of the check; otherwise the person saved it, at a time only Date tells.
	Fetched bool
	School  string // nomEtab
	// UAI is the school's UAI as a hosted espace's address shows it (upper case), else "";
	// UAIFrom is that address.
	UAI, UAIFrom string
	// Version is PRONOTE's version, year first ([2024, 3, 7]), read from an array of numbers
	// or a dotted string ("2024.3.7").
	Version []int
	// VersionUnread is the "version" field as the file gave it when it could not be read as
	// numbers, so that a report says so instead of dropping it.
	VersionUnread string
	// Date is the "date" field as the file gives it: the time PRONOTE.net served the file
	// (see [PublishedWithin]).
	Date    string
	Espaces []InfoEspace
	// HasEspaces reports whether the file had an "espaces" array at all.
	HasEspaces bool
	CAS        *InfoCAS
}

// InfoEspace is one entry of InfoMobileApp.json's "espaces".
type InfoEspace struct {
	Name       string // nom
	URL        string
	Genre      int
	Delegation *bool   // avecDelegation
	Protocol   *string // protocole
	// GenreUnread and DelegationUnread are genreEspace and avecDelegation as the file gave
	// them when they could not be read as a number and a boolean.
	GenreUnread, DelegationUnread string
}

// InfoCAS is InfoMobileApp.json's "CAS" object.
type InfoCAS struct {
	Active *bool   // actif
	URL    *string // casURL
	// ActiveUnread is actif as the file gave it when it could not be read as a boolean.
	ActiveUnread string
}

// IdentityList is the summary of one identity list export from Client PRONOTE, read as a
// stream: counts and the first few rows that matter, never the whole list.
type IdentityList struct {
	Source string
	SHA256 string
	// Column is the header of the CAS identifier column, as the file spells it.
	Column string
	// UserType is the ID of a [UserType], or "" when neither a column nor the file name said.
	UserType string
	// Encoding and Separator describe what the reader detected.
	Encoding  string
	Separator rune
	Rows      int
	// FirstFilled keeps the first few rows whose identifier is not empty.
	FirstFilled []Row
	// IDs holds one entry per non-empty identifier, for the duplicate check across files, as
	// long as the exports of the check keep fewer than MaxIdentifiers in all; Unkept counts
	// the identifiers past it.
	IDs    []IDRef
	Unkept int
}

// Filled counts the rows whose identifier is not empty.
func (l *IdentityList) Filled() int { return len(l.IDs) + l.Unkept }

// MaxIdentifiers is how many identifiers the duplicate check keeps in all, across every
// export of one check (16 bytes each: 16 MB; a school has a few thousand users, a
// département a few hundred thousand). Those past it are counted, not compared, and the
// check says so: the memory it takes is bounded whatever the number and size of the exports.
const MaxIdentifiers = 1_000_000

// MaxSampleRows is how many offending rows a summary keeps.
const MaxSampleRows = 5

// Row is one row of an identity export, as a report may cite it.
type Row struct {
	Line       int
	Name       string // "Nom Prénom" when the export has them
	Login      string
	Identifier string
}

// IDRef is a non-empty identifier of an export, hashed: enough to find duplicates in a
// million rows with a few bytes each.
type IDRef struct {
	Hash uint64
	Line int
}

// Answers is the admin's answers file, downloaded from the site's interactive checklist.
type Answers struct {
	Source string
	SHA256 string
	// Format is the version of the file format; see AnswersFormat.
	Format    int
	Profile   string
	Lang      Lang
	Checklist string
	Saved     time.Time
	// SchoolName and SchoolUAI are what the admin typed in the checklist's Établissement and
	// UAI fields ("school" in the file), "" when not typed.
	SchoolName, SchoolUAI string
	Items                 map[string]ItemAnswer
	// Ignored lists the IDs of answers to items this catalog does not have (a file from
	// another version of the site); reports mention them.
	Ignored []string
	// Ticks is set when the answers were made from the ticks of the browser that runs the
	// check (the check page), not given as a file: they tell the mode as ticks do
	// ([ByTicks]).
	Ticks bool
}

// AnswersFormat is the version of the answers file this package writes and reads.
const AnswersFormat = 1

// ItemAnswer is what the admin said of one item.
type ItemAnswer struct {
	Checked     bool
	At          time.Time
	Value       string
	Comment     string
	Fingerprint string
}

// HostedUAI returns the UAI a hosted PRONOTE's address starts with
// (https://<UAI in lower case>.index-education.net/…), in upper case, or "" when rawURL is not
// such an address. A UAI is written as seven digits and a letter.
func HostedUAI(rawURL string) string {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return ""
	}
	label, rest, ok := strings.Cut(strings.ToLower(u.Hostname()), ".")
	if !ok || rest != "index-education.net" || !IsUAI(label) {
		return ""
	}
	return strings.ToUpper(label)
}

// IsUAI reports whether s is written like a UAI: seven digits and a letter, any case.
func IsUAI(s string) bool {
	if len(s) != 8 {
		return false
	}
	for i := range 7 {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	c := s[7] | 0x20
	return c >= 'a' && c <= 'z'
}
