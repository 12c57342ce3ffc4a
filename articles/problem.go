package articles

import (
	"errors"
	"fmt"
	"io/fs"
	"unicode/utf8"
)

// Problem is one rejected record or unreadable input. It is an error laid
// out like encoding/csv's ParseError, so callers can return it, wrap it or
// find it with errors.As; its Reason is plain text, not a wrapped error,
// because most reasons come from checks of the input, not from failed calls.
type Problem struct {
	File   string // path of the input as walked, or the name given to ReadStream
	Line   int    // line of the record in File; 0 when the whole file is at fault
	Reason string // what is wrong, without the file and line
}

// Error gives "FILE:LINE: reason" ("FILE: reason" when Line is 0), the way
// compilers report errors, so editors can jump to it.
func (p Problem) Error() string {
	if p.Line <= 0 {
		return p.File + ": " + p.Reason
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Reason)
}

// String is Error, for callers that print a Problem as a value.
func (p Problem) String() string { return p.Error() }

// ReadStats counts what a Read saw: emitted records, problems reported, and
// files skipped in directories because of their extension.
type ReadStats struct {
	Records, Rejected, Skipped int
}

// osReason describes a file-system error without repeating the path, which
// the Problem already carries.
func osReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

// readReason describes an error met while reading a file's content.
func readReason(err error, gz bool) string {
	if gz {
		return "corrupt gzip stream: " + err.Error()
	}
	return "read error: " + osReason(err)
}

// invalidAt returns the offset of the first byte of b that is not valid UTF-8.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// truncateRunes shortens s to at most n runes, marking the cut with "…".
func truncateRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}
