// Package openfile opens the files a program is given or finds in a folder without hanging
// on what is not a file.
//
// open(2) of a named pipe (a FIFO, made by mkfifo) waits until another program opens its
// other end: a FIFO named like a report in a folder, or given as -o, would hang the command
// forever. [Read] and [Append] open with O_NONBLOCK on Unix, so that open returns at once
// (other systems have no such pipes in their file system); what they give is then an
// ordinary *os.File whose reads and writes wait as usual, through Go's poller. A FIFO opened
// by [Read] that no program writes to reads as empty; [Append] refuses one that no program
// reads, with [ErrNoReader].
//
// Callers that want a regular file check the type of what was opened ((*os.File).Stat), not
// of the name before opening: the file could be replaced in between.
package openfile
