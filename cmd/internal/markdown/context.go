package markdown

import (
	"fmt"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/yuin/goldmark/parser"
)

var (
	langKey   = parser.NewContextKey()
	pageKey   = parser.NewContextKey()
	errorsKey = parser.NewContextKey()
)

// NewContext returns a parser context for one page: its language, the builder's page value
// (handed back to the checklist renderer), and heading IDs that fold accents.
func NewContext(lang checks.Lang, page any) parser.Context {
	pc := parser.NewContext(parser.WithIDs(NewIDs()))
	pc.Set(langKey, lang)
	pc.Set(pageKey, page)
	return pc
}

// Lang returns the page language stored by NewContext, French if none.
func Lang(pc parser.Context) checks.Lang {
	if l, ok := pc.Get(langKey).(checks.Lang); ok {
		return l
	}
	return checks.FR
}

// PosError is an error at a byte offset of the Markdown source.
type PosError struct {
	Offset int
	Err    error
}

func (e *PosError) Error() string { return fmt.Sprintf("offset %d: %v", e.Offset, e.Err) }
func (e *PosError) Unwrap() error { return e.Err }

// AddError records an error found while parsing, at a byte offset of the source.
func AddError(pc parser.Context, offset int, err error) {
	errs, _ := pc.Get(errorsKey).([]*PosError)
	pc.Set(errorsKey, append(errs, &PosError{Offset: offset, Err: err}))
}

// Errors returns the errors recorded while parsing with pc.
func Errors(pc parser.Context) []*PosError {
	errs, _ := pc.Get(errorsKey).([]*PosError)
	return errs
}
