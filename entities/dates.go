package entities

import (
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Month names are capitalized in English so that "may" the verb and "march" the verb never match.
const (
	enMonth = `(January|Jan|February|Feb|March|Mar|April|Apr|May|June|Jun|July|Jul|August|Aug|September|Sept|Sep|October|Oct|November|Nov|December|Dec)\.?`
	hiMonth = `(जनवरी|फरवरी|फ़रवरी|मार्च|अप्रैल|अप्रेल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|अक्तूबर|नवंबर|नवम्बर|दिसंबर|दिसम्बर)`
	digit   = `[0-9०-९]`
	day     = `(` + digit + `{1,2})(?:st|nd|rd|th)?`
	year    = `(` + digit + `{4})`
	// noWordAfter stands in for \b after a year or day, which RE2 only knows for ASCII.
	notDigitAfter = `(?:[^0-9०-९]|$)`
)

var (
	reMonthDayYear = regexp.MustCompile(`\b` + enMonth + `\s+` + day + `(?:,?\s*` + year + `)?` + notDigitAfter)
	reDayMonthYear = regexp.MustCompile(`(?:^|[^0-9०-९])` + day + `\s+` + enMonth + `(?:,?\s*` + year + `)?` + notDigitAfter)
	reHiDayMonth   = regexp.MustCompile(`(?:^|[^0-9०-९])` + `(` + digit + `{1,2})\s*` + hiMonth + `(?:,?\s*` + year + `)?`)
	reNumeric      = regexp.MustCompile(`(?:^|[^0-9०-९/.\-])(` + digit + `{1,2})([/.\-])(` + digit + `{1,2})([/.\-])` + year + `(?:[^0-9०-९/\-]|[.\-](?:[^0-9०-९]|$)|$)`)
	reISO          = regexp.MustCompile(`(?:^|[^0-9०-९\-])` + year + `-(` + digit + `{2})-(` + digit + `{2})(?:[^0-9०-९\-]|$)`)
)

var monthNum = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
	"nov": 11, "dec": 12,
	"जनवरी": 1, "फरवरी": 2, "फ़रवरी": 2, "मार्च": 3, "अप्रैल": 4, "अप्रेल": 4, "मई": 5, "जून": 6, "जुलाई": 7,
	"अगस्त": 8, "सितंबर": 9, "सितम्बर": 9, "अक्टूबर": 10, "अक्तूबर": 10, "नवंबर": 11, "नवम्बर": 11,
	"दिसंबर": 12, "दिसम्बर": 12,
}

func lookupMonth(s string) (time.Month, bool) {
	if m, ok := monthNum[s]; ok {
		return m, true
	}
	if len(s) >= 3 {
		m, ok := monthNum[strings.ToLower(s[:3])]
		return m, ok
	}
	return 0, false
}

// atoi reads ASCII or Devanagari digits.
func atoi(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '०' && r <= '९':
			n = n*10 + int(r-'०')
		default:
			return -1
		}
	}
	return n
}

// mkDay validates a calendar day: years outside 1950–2035 are rejected as unlikely in news.
func mkDay(y int, m time.Month, d int) (time.Time, bool) {
	if y < 1950 || y > 2035 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // 31 June
	}
	return t, true
}

// written is a day written out in the text; y is 0 when the text gives no year ("on May 25").
type written struct {
	y, d int
	m    time.Month
}

// digitWindows returns the stretches of text around runs of digits, widened to whole words, merged when
// they touch. Every written date has digits, and the date patterns are slow on long text.
func digitWindows(text string) [][2]int {
	const margin = 40 // bytes: "September " or " सितम्बर" on either side
	var out [][2]int
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !(r >= '0' && r <= '9' || r >= '०' && r <= '९') {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if !(r2 >= '0' && r2 <= '9' || r2 >= '०' && r2 <= '९') {
				break
			}
			j += s2
		}
		s, e := max(0, i-margin), min(len(text), j+margin)
		for s > 0 && text[s-1] != ' ' && text[s-1] != '\n' {
			s--
		}
		for e < len(text) && text[e] != ' ' && text[e] != '\n' {
			e++
		}
		if n := len(out); n > 0 && s <= out[n-1][1] {
			out[n-1][1] = e
		} else {
			out = append(out, [2]int{s, e})
		}
		i = j
	}
	return out
}

// writtenDates returns the days written out in text.
func writtenDates(text string) []written {
	var out []written
	for _, w := range digitWindows(text) {
		out = append(out, writtenIn(text[w[0]:w[1]])...)
	}
	return out
}

func writtenIn(text string) []written {
	var out []written
	add := func(ys string, m time.Month, ds string) {
		y := 0
		if ys != "" {
			if y = atoi(ys); y <= 0 {
				return
			}
		}
		out = append(out, written{y, atoi(ds), m})
	}
	// Most windows are a bare number ("120 लोगों"): run each pattern only when a word or sign it cannot
	// match without is there.
	if hasEnMonth(text) {
		for _, g := range reMonthDayYear.FindAllStringSubmatch(text, -1) {
			if m, ok := lookupMonth(g[1]); ok {
				add(g[3], m, g[2])
			}
		}
		for _, g := range reDayMonthYear.FindAllStringSubmatch(text, -1) {
			if m, ok := lookupMonth(g[2]); ok {
				add(g[3], m, g[1])
			}
		}
	}
	if hasHiMonth(text) {
		for _, g := range reHiDayMonth.FindAllStringSubmatch(text, -1) {
			if m, ok := lookupMonth(g[2]); ok {
				add(g[3], m, g[1])
			}
		}
	}
	if digitSepDigit(text, "/.-") {
		for _, g := range reNumeric.FindAllStringSubmatch(text, -1) {
			if g[2] != g[4] {
				continue // 29/06-2019 is not a date
			}
			// Indian order: day, month, year.
			add(g[5], time.Month(atoi(g[3])), g[1])
		}
	}
	if digitSepDigit(text, "-") {
		for _, g := range reISO.FindAllStringSubmatch(text, -1) {
			add(g[1], time.Month(atoi(g[2])), g[3])
		}
	}
	return out
}

// digitSepDigit reports whether s has a digit, one of the separator bytes seps, and a digit in a row.
func digitSepDigit(s, seps string) bool {
	for i := 1; i+1 < len(s); i++ {
		if strings.IndexByte(seps, s[i]) < 0 {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := utf8.DecodeRuneInString(s[i+1:])
		if isDigit(prev) && isDigit(next) {
			return true
		}
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '०' && r <= '९' }

// resolveWritten turns written days into dates; a day without a year takes defYear (0: dropped).
func resolveWritten(ws []written, defYear int) []time.Time {
	var out []time.Time
	for _, w := range ws {
		y := w.y
		if y == 0 {
			y = defYear
		}
		if t, ok := mkDay(y, w.m, w.d); ok {
			out = append(out, t)
		}
	}
	return out
}

// hasEnMonth reports whether s may hold a name of enMonth: every one starts with a three-letter
// abbreviation.
func hasEnMonth(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			continue
		}
		switch s[i : i+3] {
		case "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec":
			return true
		}
	}
	return false
}

// hasHiMonth reports whether s holds a name of hiMonth.
func hasHiMonth(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if s[i] != 0xE0 { // the first byte of every Devanagari letter
			continue
		}
		t := s[i:]
		var found bool
		switch t[:3] {
		case "ज":
			found = hasAnyPrefix(t, "जनवरी", "जून", "जुलाई")
		case "फ":
			found = hasAnyPrefix(t, "फरवरी", "फ़रवरी")
		case "म":
			found = hasAnyPrefix(t, "मार्च", "मई")
		case "अ":
			found = hasAnyPrefix(t, "अप्रैल", "अप्रेल", "अगस्त", "अक्टूबर", "अक्तूबर")
		case "स":
			found = hasAnyPrefix(t, "सितंबर", "सितम्बर")
		case "न":
			found = hasAnyPrefix(t, "नवंबर", "नवम्बर")
		case "द":
			found = hasAnyPrefix(t, "दिसंबर", "दिसम्बर")
		}
		if found {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func distinctSorted(ts []time.Time) []time.Time {
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	out := ts[:0]
	for i, t := range ts {
		if i == 0 || !t.Equal(ts[i-1]) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func extractDates(text string, resolveBase, published time.Time) []time.Time {
	return datesFrom(text, writtenDates(text), resolveBase, published)
}

func datesFrom(text string, ws []written, resolveBase, published time.Time) []time.Time {
	defYear := 0
	if !published.IsZero() {
		defYear = published.Year()
	} else if abs := resolveWritten(ws, 0); len(abs) > 0 {
		defYear = latest(abs).Year()
	}
	ds := resolveWritten(ws, defYear)
	ds = append(ds, relativeDates(text, resolveBase, ds)...)
	return distinctSorted(ds)
}

func latest(ts []time.Time) time.Time {
	var l time.Time
	for _, t := range ts {
		if t.After(l) {
			l = t
		}
	}
	return l
}

// ExtractDates returns the calendar days an article mentions, resolving weekdays against published (may be
// zero: then weekdays are ignored). Months without a day and bare years are not days and are left out.
func ExtractDates(text string, published time.Time) []time.Time {
	return extractDates(text, published, published)
}
