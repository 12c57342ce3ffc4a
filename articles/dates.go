package articles

import (
	"fmt"
	"strings"
	"time"
)

// The years a document's date, and a date filter of the search API, may
// have. Bleve keeps a date as int64 nanoseconds since 1970, which reach
// 1677-09-21..2262-04-11, and drops one outside that range without a word
// (the article would be indexed undated); these bounds keep a margin inside
// it, and a date outside them is refused with its record's file and line.
const (
	MinYear = 1700
	MaxYear = 2200
)

// CheckYear says why t cannot be a document's date or a filter's bound, or
// returns "" when it can.
func CheckYear(t time.Time) string {
	if y := t.Year(); y < MinYear || y > MaxYear {
		return fmt.Sprintf("year %d is outside the years %d..%d the index can hold", y, MinYear, MaxYear)
	}
	return ""
}

// splitDateLine takes a leading "date YYYY-MM-DD" off an article. The date
// may be followed on the same line by body text, which stays in rest. A
// first line that does not look like a date line is all body.
func splitDateLine(s string) (date time.Time, rest, reason string) {
	t := strings.TrimLeft(s, " \t")
	after, ok := strings.CutPrefix(t, "date")
	if !ok || after == "" || (after[0] != ' ' && after[0] != '\t') {
		return time.Time{}, s, ""
	}
	after = strings.TrimLeft(after, " \t")
	if len(after) < 10 || !dateShaped(after[:10]) || (len(after) > 10 && !strings.ContainsRune(" \t\r\n", rune(after[10]))) {
		return time.Time{}, s, ""
	}
	d, err := time.Parse(time.DateOnly, after[:10])
	if err != nil {
		return time.Time{}, "", fmt.Sprintf("unreadable date %q in date line", after[:10])
	}
	if why := CheckYear(d); why != "" {
		return time.Time{}, "", fmt.Sprintf("date %s in date line: %s", after[:10], why)
	}
	return d, after[10:], ""
}

// dateShaped reports whether s is laid out as NNNN-NN-NN, so that a date line
// with an impossible date is rejected rather than taken for body text.
func dateShaped(s string) bool {
	for i := range len(s) {
		c := s[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return len(s) == 10
}

// parseDate reads a date field; "" means no date. Forms without a zone are
// taken as UTC.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	var firstErr error
	for _, layout := range [...]string{time.DateOnly, time.RFC3339, time.DateTime, "2006-01-02T15:04:05"} {
		t, err := time.Parse(layout, s)
		if err == nil {
			return t.UTC(), nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return time.Time{}, fmt.Errorf("parse date %q: %w", s, firstErr)
}
