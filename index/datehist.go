package index

import (
	"fmt"
	"time"
)

// yearBuckets returns empty buckets for the years lo..hi. The bucket size
// follows the span of the matches: years when they span more than two
// calendar years, months within that, days when within two months.
func yearBuckets(lo, hi int) []DateBucket {
	var out []DateBucket
	for y := lo; y <= hi; y++ {
		from := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		out = append(out, bucket(fmt.Sprint(y), from, from.AddDate(1, 0, -1)))
	}
	return out
}

func monthBuckets(lo, hi time.Time) []DateBucket {
	var out []DateBucket
	for m := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(hi); m = m.AddDate(0, 1, 0) {
		out = append(out, bucket(m.Format("2006-01"), m, m.AddDate(0, 1, -1)))
	}
	return out
}

func dayBuckets(lo, hi time.Time) []DateBucket {
	var out []DateBucket
	for d := lo; !d.After(hi); d = d.AddDate(0, 0, 1) {
		out = append(out, bucket(d.Format(time.DateOnly), d, d))
	}
	return out
}

func bucket(label string, from, to time.Time) DateBucket {
	return DateBucket{Label: label, From: from.Format(time.DateOnly), To: to.Format(time.DateOnly)}
}
