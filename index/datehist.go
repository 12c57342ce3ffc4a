package index

import (
	"fmt"
	"time"
)

// The dates histogram's bucket sizes, as FacetMeta.DateInterval names them.
const (
	intervalYear  = "year"
	intervalMonth = "month"
	intervalDay   = "day"
)

// dateInterval is the one rule for the histogram's bucket size, which both
// the facet columns and Bleve's facets follow: years when the matches, dated
// from first to last, span more than two calendar years; else months from
// the first to the last with a match; else days when those are two months
// or fewer.
func dateInterval(first, last time.Time) string {
	switch {
	case last.Year()-first.Year() >= 2:
		return intervalYear
	case monthsBetween(first, last) >= 2:
		return intervalMonth
	}
	return intervalDay
}

// dateBuckets returns the empty buckets of interval that run consecutively
// from the one holding first to the one holding last.
func dateBuckets(interval string, first, last time.Time) []DateBucket {
	switch interval {
	case intervalYear:
		return yearBuckets(first.Year(), last.Year())
	case intervalMonth:
		return monthBuckets(first, last)
	}
	return dayBuckets(first, last)
}

// bucketOf is the index of day's bucket among dateBuckets(interval, first,
// ...); first and day are midnights UTC.
func bucketOf(interval string, first, day time.Time) int {
	switch interval {
	case intervalYear:
		return day.Year() - first.Year()
	case intervalMonth:
		return monthsBetween(first, day)
	}
	return int(day.Sub(first).Hours()) / 24
}

// monthsBetween counts the month boundaries from a to b (0 within one month).
func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// dayHistogram buckets day counts (days[i] documents on day first+i, in days
// since 1970-01-01) by dateInterval over the days with a count.
func dayHistogram(days []int, first int32) (string, []DateBucket) {
	lo, hi := -1, -1
	for i, k := range days {
		if k > 0 {
			if lo < 0 {
				lo = i
			}
			hi = i
		}
	}
	if lo < 0 {
		return "", []DateBucket{}
	}
	dayTime := func(i int) time.Time { return time.Unix((int64(first)+int64(i))*86400, 0).UTC() }
	from, to := dayTime(lo), dayTime(hi)
	interval := dateInterval(from, to)
	buckets := dateBuckets(interval, from, to)
	for i := lo; i <= hi; i++ {
		if days[i] > 0 {
			buckets[bucketOf(interval, from, dayTime(i))].Count += days[i]
		}
	}
	return interval, buckets
}

// yearBuckets returns empty buckets for the years lo..hi.
func yearBuckets(lo, hi int) []DateBucket {
	var out []DateBucket
	for y := lo; y <= hi; y++ {
		from := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		out = append(out, bucket(fmt.Sprint(y), from, from.AddDate(1, 0, -1)))
	}
	return out
}

// monthBuckets returns empty buckets for the months from lo's to hi's.
func monthBuckets(lo, hi time.Time) []DateBucket {
	var out []DateBucket
	for m := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(hi); m = m.AddDate(0, 1, 0) {
		out = append(out, bucket(m.Format("2006-01"), m, m.AddDate(0, 1, -1)))
	}
	return out
}

// dayBuckets returns empty buckets for the days lo..hi.
func dayBuckets(lo, hi time.Time) []DateBucket {
	var out []DateBucket
	for d := lo; !d.After(hi); d = d.AddDate(0, 0, 1) {
		out = append(out, bucket(d.Format(time.DateOnly), d, d))
	}
	return out
}

// bucket is an empty bucket for the days from..to, inclusive.
func bucket(label string, from, to time.Time) DateBucket {
	return DateBucket{Label: label, From: from.Format(time.DateOnly), To: to.Format(time.DateOnly)}
}
