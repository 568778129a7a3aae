// Package checks is the single source of truth of the project: the procedures that configure
// PRONOTE to delegate authentication to an ENT through CAS, as plain Go values.
//
// # One item, five outputs
//
// An [Item] holds everything about one step: its stable ID, its title and explanation in French
// and English ([Text]), where in PRONOTE it happens, the modes it applies to, the value to
// expect and the evidence that can prove it. The site generator renders it as a step of the
// French page, the same step of the English page, a checkbox of the interactive checklist and a
// line of the PDF checklist; the checker ([Run]) turns it into a result line of its report.
// Nothing about an item is written anywhere else.
//
// # Profiles
//
// The steps are the same for every ENT that uses PRONOTE's CAS dialog; what differs (the CAS
// base URL, which espace delegates to CAS) is a [Profile]. [OZE], the Hauts-de-Seine ENT, is
// the first one; [Catalog] builds the checklists for a profile.
//
// # Uncertain facts
//
// Where DOMAIN knowledge is an inference (the espace policy, the user types of Gestion des
// identités, the genreEspace numbers), it is one value in this package, documented as such.
//
// This package does no I/O: evidence arrives already read (see [Evidence]), and reports are
// written by other packages.
package checks
