// Package report writes the checker's verdict ([checks.Report]) for people and programs: text
// for a terminal, JSON with a published schema, and a self-contained printable HTML page, the
// "screenshot-free" proof an admin sends to support.
//
// All three are written from one [Doc], built by [New] in the report's language, so they
// always say the same thing. Personal data is masked upstream (checks.Evidence.Personal);
// everything read from an export reaches HTML through html/template, escaped.
package report
