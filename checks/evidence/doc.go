// Package evidence reads the files the checker is given, as pure functions over io.Reader:
// no file is opened and nothing touches the network here.
//
// # Kinds, from content
//
// [Read] recognises each input from its content, never its name: a JSON object with
// "kind": "pronote-oze-answers" is an answers file; a JSON object with InfoMobileApp.json's
// fields (nomEtab, espaces, CAS, version) is InfoMobileApp.json; text with a CAS identifier
// column is an identity list export. Anything else is an error that names the file.
//
// # Identity exports
//
// Client PRONOTE's exports come in several encodings and separators, none documented. The
// reader detects a BOM (UTF-8, UTF-16LE, UTF-16BE), BOM-less UTF-16 from its NUL bytes, valid
// UTF-8, else Windows-1252; a separator from an Excel "sep=" line or from the header (tab,
// ";" or ","); and the CAS identifier column from its many spellings, compared without case,
// accents, apostrophes or spaces. It streams: memory does not grow with the number of rows,
// except for 12 bytes per non-empty identifier kept for the duplicate check.
//
// # Errors
//
// Every error is an [*InputError] naming the file and, where there is one, the line and
// column, and saying what was expected.
package evidence
