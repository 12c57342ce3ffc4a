package entities

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Weekday names, as regexp groups for the scanners in relativeDates.
const (
	enWeekday = `(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`
	hiWeekday = `(सोमवार|मंगलवार|बुधवार|गुरुवार|बृहस्पतिवार|शुक्रवार|शनिवार|रविवार)`
)

var weekdayNum = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"रविवार": time.Sunday, "सोमवार": time.Monday, "मंगलवार": time.Tuesday, "बुधवार": time.Wednesday,
	"गुरुवार": time.Thursday, "बृहस्पतिवार": time.Thursday, "शुक्रवार": time.Friday, "शनिवार": time.Saturday,
}

func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// relativeDates resolves weekdays, "today" and "yesterday" against base; anchors are the absolute dates
// the text gives.
func relativeDates(text string, base time.Time, anchors []time.Time) []time.Time {
	if base.IsZero() {
		return nil
	}
	base = midnight(base)
	var out []time.Time
	weekday := func(name string) {
		wd, ok := weekdayNum[strings.ToLower(name)]
		if !ok {
			return
		}
		// A weekday the article also dates ("14 अप्रैल यानी कल मंगलवार") is that date, future or past.
		for _, d := range anchors {
			if d.Weekday() == wd && d.Sub(base) <= 6*24*time.Hour && base.Sub(d) <= 6*24*time.Hour {
				out = append(out, d)
				return
			}
		}
		back := (int(base.Weekday()) - int(wd) + 7) % 7
		out = append(out, base.AddDate(0, 0, -back))
	}
	// The order and number of matches do not matter, as the caller keeps distinct days.
	eachLiteral(text, enWeekday, func(name string, i int) bool {
		j := i + len(name)
		if !asciiWordAt(text, i, j) {
			return false
		}
		if !writtenDayAfter(text[j:]) { // "Friday, March 22": the written date is already taken
			weekday(name)
		}
		return true
	})
	eachLiteral(text, hiWeekday, func(name string, _ int) bool {
		weekday(name)
		return true
	})
	today, yesterday := false, false
	for i := range allIndex(text, "oday") {
		if i > 0 && (text[i-1] == 'T' || text[i-1] == 't') && asciiWordAt(text, i-1, i+4) {
			today = true
		}
	}
	for i := range allIndex(text, "esterday") {
		if i > 0 && (text[i-1] == 'Y' || text[i-1] == 'y') && asciiWordAt(text, i-1, i+8) {
			yesterday = true
		}
	}
	// "आज" after a space or at the start and before a space, a comma, a danda or the end: not "आजाद".
	for i := range allIndex(text, "आज") {
		r, _ := utf8.DecodeRuneInString(text[i+len("आज"):])
		if (i == 0 || isRESpace(text[i-1])) && (i+len("आज") == len(text) || r < utf8.RuneSelf && isRESpace(byte(r)) || r == ',' || r == '।') {
			today = true
		}
	}
	if today {
		out = append(out, base)
	}
	if yesterday {
		out = append(out, base.AddDate(0, 0, -1))
	}
	return out
}

// writtenDayAfter reports whether s, the text after a weekday, starts with a written day: the regexp
// `^,?\s*` + enMonth + `\s+` + digit.
func writtenDayAfter(s string) bool {
	s = strings.TrimPrefix(s, ",")
	for len(s) > 0 && isRESpace(s[0]) {
		s = s[1:]
	}
	if len(s) < 3 || s[0] < 'A' || s[0] > 'Z' {
		return false // every month name is capitalized
	}
	alts := enMonth[strings.IndexByte(enMonth, '(')+1 : strings.IndexByte(enMonth, ')')]
	for m := range strings.SplitSeq(alts, "|") {
		rest, ok := strings.CutPrefix(s, m)
		if !ok {
			continue
		}
		rest = strings.TrimPrefix(rest, ".")
		j := 0
		for j < len(rest) && isRESpace(rest[j]) {
			j++
		}
		if j == 0 {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(rest[j:]); r >= '0' && r <= '9' || r >= '०' && r <= '९' {
			return true
		}
	}
	return false
}
