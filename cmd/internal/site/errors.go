package site

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hds-oze/pronote-oze/internal/terminal"
)

// FileError is a problem at a line of a source file.
type FileError struct {
	File string // as the user names it: content/fr/hosted.md
	Line int    // 1-based; 0 when the whole file is concerned
	Err  error
}

// Error returns "file:line: message". Control and bidirectional characters, which a file name
// or a page may hold, are shown escaped: the message is printed on a terminal.
func (e *FileError) Error() string {
	if e.Line > 0 {
		return terminal.Escape(fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err))
	}
	return terminal.Escape(fmt.Sprintf("%s: %v", e.File, e.Err))
}

func (e *FileError) Unwrap() error { return e.Err }

// BuildError is every problem a build found, in file and line order.
type BuildError struct {
	Errs []*FileError
	// Notes are the notes of the pages rendered or taken before the build stopped (see
	// Site.Notes): a failed build says them too. Error does not show them.
	Notes []string
}

// withNotes gives err, when it holds a BuildError, the notes of pages.
func withNotes(err error, pages []*Page) error {
	var be *BuildError
	if errors.As(err, &be) {
		be.Notes = notesOf(pages)
	}
	return err
}

func (e *BuildError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "build failed with %d error(s):", len(e.Errs))
	for _, fe := range e.Errs {
		b.WriteString("\n\t")
		b.WriteString(fe.Error())
	}
	return b.String()
}

// Unwrap returns the file errors, so that errors.Is and errors.As see each of them.
func (e *BuildError) Unwrap() []error {
	errs := make([]error, len(e.Errs))
	for i, fe := range e.Errs {
		errs[i] = fe
	}
	return errs
}

// errorList collects file errors.
type errorList []*FileError

func (l *errorList) add(file string, line int, format string, args ...any) {
	*l = append(*l, &FileError{File: file, Line: line, Err: fmt.Errorf(format, args...)})
}

func (l errorList) err() error {
	if len(l) == 0 {
		return nil
	}
	sorted := slices.Clone(l)
	slices.SortStableFunc(sorted, func(a, b *FileError) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return &BuildError{Errs: sorted}
}
