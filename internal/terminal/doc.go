// Package terminal renders text that comes from outside the program (a file's content, a file
// name, a command-line argument) safely for a terminal.
//
// A terminal obeys the control characters it is sent: ESC starts sequences that clear the
// screen, move the cursor or set the window title, CR and BEL rewrite or ring, and the Unicode
// bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) reorder what is shown, so
// a school name or a file name could make a report say something the input does not. [Escape]
// shows every such character as a visible escape (\x1b, \r, \u202e) instead; everything else,
// accents, guillemets and the no-break spaces of French typography included, is left as is.
//
// Every piece of text output the programs make from their inputs goes through [Escape]: the
// checker's text report and error messages; HTML goes through [Visible], the same less tab
// and line feed, which HTML shows as spaces.
package terminal
