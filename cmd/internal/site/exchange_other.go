//go:build !linux

package site

import "errors"

// exchange is unsupported outside Linux: swap renames twice and recovers after a crash.
func exchange(a, b string) error { return errors.ErrUnsupported }
