// Package report writes the checker's verdict ([checks.Report]) for people and programs: text
// for a terminal, JSON with a published schema, and a self-contained printable HTML page, the
// "screenshot-free" proof an admin sends to support.
//
// All three are written from one [Doc], built by [New] in the report's language, so they
// always say the same thing. Personal data is masked upstream (checks.Evidence.Personal);
// every string of a Doc reaches HTML escaped (EscapeHTML, html/template's escaping byte for
// byte; a test renders the former template beside it).
package report
