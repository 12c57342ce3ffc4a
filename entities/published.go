package entities

import (
	"regexp"
	"time"
)

// Datelines ("NEW DELHI, July 1 (PTI):", "नई दिल्ली, 1 जुलाई") give the published day at the head of an
// article.
var (
	reDateline   = regexp.MustCompile(`^\s*(?:date\s+\d{4}-\d{2}-\d{2}\s+)?[A-Z][A-Za-z .]{1,30},\s*` + enMonth + `\s+` + day + `(?:,?\s*` + year + `)?\s*(?:\(|:|-|–)`)
	reDatelineHi = regexp.MustCompile(`^\s*[\p{Devanagari} ]{2,30},\s*(` + digit + `{1,2})\s+` + hiMonth + `(?:\s+` + year + `)?`)
)

type inferred struct {
	day      time.Time
	dateline bool
}

func inferPublished(text string, ws []written) (inferred, bool) {
	abs := resolveWritten(ws, 0)
	head := text
	if len(head) > 300 {
		head = head[:300]
	}
	var m time.Month
	var ds, ys string
	if g := reDateline.FindStringSubmatch(head); g != nil {
		m, _ = lookupMonth(g[1])
		ds, ys = g[2], g[3]
	} else if g := reDatelineHi.FindStringSubmatch(head); g != nil {
		m, _ = lookupMonth(g[2])
		ds, ys = g[1], g[3]
	}
	if m != 0 {
		y := 0
		if ys != "" {
			y = atoi(ys)
		} else if len(abs) > 0 {
			y = latest(abs).Year()
		}
		if t, ok := mkDay(y, m, atoi(ds)); ok {
			return inferred{t, true}, true
		}
	}
	if len(abs) > 0 {
		return inferred{latest(abs), false}, true
	}
	return inferred{}, false
}

// InferPublished guesses a published date from a dateline or the latest absolute date mentioned.
func InferPublished(text string) (time.Time, bool) {
	t, ok := inferPublished(text, writtenDates(text))
	return t.day, ok
}
