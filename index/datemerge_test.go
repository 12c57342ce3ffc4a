package index

import (
	"reflect"
	"testing"
	"time"
)

// TestMergeDateHistograms checks that shards' histograms, each at the
// bucket size of its own span, add up to the histogram of all their days.
func TestMergeDateHistograms(t *testing.T) {
	day := func(s string) int32 {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return int32(d.Unix() / 86400)
	}
	// hist is the single-index histogram of documents on the given days.
	hist := func(days ...string) []DateBucket {
		lo, hi := day(days[0]), day(days[0])
		for _, d := range days {
			lo, hi = min(lo, day(d)), max(hi, day(d))
		}
		counts := make([]int, hi-lo+1)
		for _, d := range days {
			counts[day(d)-lo]++
		}
		_, b := dayHistogram(counts, lo)
		return b
	}
	for _, tc := range []struct {
		name string
		a, b []string
	}{
		{"days+days", []string{"2020-04-01", "2020-04-03"}, []string{"2020-04-02", "2020-04-20"}},
		{"days+months", []string{"2020-04-01"}, []string{"2020-01-05", "2020-05-20"}},
		{"days+years", []string{"2019-06-01", "2019-06-01"}, []string{"2016-01-05", "2020-05-20"}},
		{"span grows to years", []string{"2018-12-30"}, []string{"2020-01-02"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			all := append(append([]string{}, tc.a...), tc.b...)
			lo := day(all[0])
			for _, d := range all {
				lo = min(lo, day(d))
			}
			counts := map[int32]int{}
			hi := lo
			for _, d := range all {
				counts[day(d)]++
				hi = max(hi, day(d))
			}
			dense := make([]int, hi-lo+1)
			for d, k := range counts {
				dense[d-lo] = k
			}
			wantInterval, want := dayHistogram(dense, lo)
			gotInterval, got := MergeDateHistograms(hist(tc.a...), hist(tc.b...))
			if gotInterval != wantInterval || !reflect.DeepEqual(got, want) {
				t.Errorf("merged = %s %v\nwant %s %v", gotInterval, got, wantInterval, want)
			}
		})
	}
	if iv, b := MergeDateHistograms(nil, []DateBucket{}); iv != "" || len(b) != 0 {
		t.Errorf("empty merge = %q %v", iv, b)
	}
}
