package index

import "time"

// MergeDateHistograms adds up dates histograms counted over disjoint sets
// of documents (the shards of a cluster) into the one histogram their union
// would have: each may have its own bucket size, since the size follows the
// span of its matches, so the union's size is chosen by the same rule
// (dateInterval) over the union's span, and every bucket's count is moved
// into the union's bucket holding it. Years hold months and months hold
// days, so the sums are exact. It returns the interval ("" when no bucket
// has a count) and the buckets.
func MergeDateHistograms(lists ...[]DateBucket) (string, []DateBucket) {
	type counted struct {
		from  time.Time
		count int
	}
	var all []counted
	var first, last time.Time
	for _, l := range lists {
		for _, b := range l {
			if b.Count <= 0 {
				continue
			}
			from, err := time.Parse(time.DateOnly, b.From)
			if err != nil {
				continue // not a bucket this package made
			}
			all = append(all, counted{from, b.Count})
			// A bucket's From lies in the same year and month as its
			// first and last matches, and is the day itself for a day
			// bucket: all that dateInterval reads.
			if first.IsZero() || from.Before(first) {
				first = from
			}
			if from.After(last) {
				last = from
			}
		}
	}
	if len(all) == 0 {
		return "", []DateBucket{}
	}
	interval := dateInterval(first, last)
	buckets := dateBuckets(interval, first, last)
	for _, c := range all {
		buckets[bucketOf(interval, first, c.from)].Count += c.count
	}
	return interval, buckets
}
