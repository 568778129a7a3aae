// Package summary gathers many schools' ozecheck reports into one view for support: one row
// per school (its latest report), one column per step, written as a self-contained HTML page,
// CSV for a spreadsheet, or JSON with a published schema (summary.schema.json, beside the
// report's in checks/report/schema).
//
// Reports are read on every core and reduced at once to their row, so memory grows with the
// number of schools, not with the reports' sizes or number. A row holds no personal data:
// the school's name and UAI, the report's date, mode and checker version, and each step's
// status, never a message, evidence, comment or input of a report. An input that is not a
// report this version can read becomes an error row naming the file and the reason.
package summary
