// Package checker is the one path from inputs to a report, shared by the ozecheck command
// and by the checker the site runs in the browser (cmd/ozecheckwasm, compiled to
// WebAssembly): the same readers (checks/evidence), the same rules (checks.Run) and the same
// report (checks/report), so that a report made in the browser and one made by the command
// differ only in the fields that name the program and the time.
//
// A [Session] gathers the inputs one by one ([Session.Read]); an input that cannot be read
// is an [*evidence.InputError] and leaves the session as it was, so a caller may report it
// and go on with the others. The report names each file by its base name unless personal
// data is shown: the folders it was given in hold the user's name. [Session.Judge] then
// decides the mode ([Session.Decide], [checks.DecideMode]: the person's choice, the address
// given, the evidence, the ticks; never a silent guess), runs the rules and builds the report
// document, which says how the mode was decided. When nothing decides it, only what does not
// depend on it is judged, and the report says what would decide it.
package checker
