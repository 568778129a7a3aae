package evidence

import (
	"errors"
	"fmt"
)

// InputError is a problem with one input file.
type InputError struct {
	File   string
	Line   int // 1-based, 0 when unknown
	Column int // 1-based, 0 when unknown
	Err    error
}

func (e *InputError) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// Sentinel errors, for callers that branch on the kind of problem.
var (
	ErrEmpty       = errors.New("empty file")
	ErrBinary      = errors.New("binary data, not text: expected InfoMobileApp.json, an answers file or an identity list export")
	ErrUnknownJSON = errors.New("JSON that is neither InfoMobileApp.json (nomEtab, espaces, CAS) nor an answers file (\"kind\": \"pronote-oze-answers\")")
	ErrNoIDColumn  = errors.New("no CAS identifier column")
	ErrTruncated   = errors.New("truncated UTF-16: odd number of bytes")
	ErrTooNew      = errors.New("answers file format is newer than this checker")
)

func inputErr(file string, line, col int, format string, args ...any) *InputError {
	return &InputError{File: file, Line: line, Column: col, Err: fmt.Errorf(format, args...)}
}
