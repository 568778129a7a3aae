// Package summary gathers many schools' ozecheck reports into one view for support: one row
// per school (its latest report), one column per step, written as a self-contained HTML page,
// CSV for a spreadsheet, or JSON with a published schema (summary.schema.json, beside the
// report's in checks/report/schema).
//
// # Numbering
//
// A column is a step numbered as its procedure numbers it (checks.Checklist.StepNumber), the
// number the admin's page and PDF show, so that support and the admin call a step the same.
// Columns come in groups, one per procedure; procedures no school follows together (hosted and
// on-premises mode) share a group, and a school's cell in it is the step of the procedure of
// its report's mode. Only the catalog's steps are columns: a report's other steps are counted
// and listed once in its row.
//
// # Bounds
//
// Reports are read on every core and reduced at once to their row, so memory grows with the
// number of schools and their names, not with what else the reports hold or claim: a row keeps
// the name and UAI (whole, for the JSON), the status of each of the catalog's steps, and of the
// others their number and first IDs. Every format is written row by row as it goes. The page
// and the spreadsheet show a string from a report up to MaxShown characters ([Cut]).
//
// A row holds no personal data: the school's name and UAI, the report's date, mode and
// checker version, and each step's status, never a message, evidence, comment or input of a
// report. An input that is not a report this version can read becomes an error row naming the
// file and the reason.
package summary
