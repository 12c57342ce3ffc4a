package index

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newsearch/bilingual/articles"
)

// datedSearcher indexes one short article per date ("" = undated).
func datedSearcher(t *testing.T, dates ...string) *Searcher {
	t.Helper()
	idx, err := Open(filepath.Join(t.TempDir(), "idx"), BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	in := make(chan articles.Document, len(dates))
	for i, d := range dates {
		doc := articles.Document{ID: fmt.Sprint("d", i), Body: "election news"}
		if d != "" {
			doc.Date, _ = time.Parse(time.DateOnly, d)
		}
		in <- doc
	}
	close(in)
	if _, err := (&Builder{Index: idx}).Build(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return newSearcher(t, idx, SearchConfig{Freedict: NoFreedict})
}

func TestDateHistogramBucketSize(t *testing.T) {
	tests := []struct {
		name     string
		dates    []string
		interval string
		labels   []string // expected bucket labels, in order
		counts   []int
		undated  int
	}{
		{"years over a multi-year span", []string{"2004-05-01", "2006-01-01", "2006-12-31", ""},
			"year", []string{"2004", "2005", "2006"}, []int{1, 0, 2}, 1},
		{"months within two years", []string{"2019-06-29", "2019-07-01", "2020-03-22"},
			"month", []string{"2019-06", "2019-07", "2019-08", "2019-09", "2019-10", "2019-11", "2019-12", "2020-01", "2020-02", "2020-03"},
			[]int{1, 1, 0, 0, 0, 0, 0, 0, 0, 1}, 0},
		{"days within two months", []string{"2019-06-29", "2019-07-01", "2019-07-01"},
			"day", []string{"2019-06-29", "2019-06-30", "2019-07-01"}, []int{1, 0, 2}, 0},
		{"dates before the first pass's years", []string{"1998-01-01", "2003-01-01"},
			"year", []string{"1998", "1999", "2000", "2001", "2002", "2003"}, []int{1, 0, 0, 0, 0, 1}, 0},
		{"nothing dated", []string{"", ""}, "", nil, nil, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := datedSearcher(t, tc.dates...)
			res, err := s.Search(context.Background(), Request{})
			if err != nil {
				t.Fatal(err)
			}
			if res.FacetMeta.DateInterval != tc.interval || res.FacetMeta.Undated != tc.undated {
				t.Errorf("interval %q undated %d, want %q %d", res.FacetMeta.DateInterval, res.FacetMeta.Undated, tc.interval, tc.undated)
			}
			if len(res.Facets.Dates) != len(tc.labels) {
				t.Fatalf("buckets %+v, want labels %v", res.Facets.Dates, tc.labels)
			}
			for i, b := range res.Facets.Dates {
				if b.Label != tc.labels[i] || b.Count != tc.counts[i] {
					t.Errorf("bucket %d = %s:%d, want %s:%d", i, b.Label, b.Count, tc.labels[i], tc.counts[i])
				}
			}
			// A date filter does not narrow its own facet (disjunctive counting).
			if len(tc.dates) > 0 && tc.interval != "" {
				f, err := s.Search(context.Background(), Request{From: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)})
				if err != nil {
					t.Fatal(err)
				}
				if f.Total != 0 || len(f.Facets.Dates) != len(tc.labels) {
					t.Errorf("with a date filter matching nothing: %d hits, %d buckets, want 0 and %d", f.Total, len(f.Facets.Dates), len(tc.labels))
				}
			}
		})
	}
}

func TestFacetCache(t *testing.T) {
	s := datedSearcher(t, "2019-06-29", "2020-01-01", "")
	ctx := context.Background()
	first, err := s.Search(ctx, Request{Q: "election", Langs: []string{"en"}})
	if err != nil {
		t.Fatal(err)
	}
	// Paging and order do not change the counts, and filter order does not matter.
	second, err := s.Search(ctx, Request{Q: "election", Langs: []string{"en"}, Size: 1, Sort: SortDate})
	if err != nil {
		t.Fatal(err)
	}
	if hits, misses := s.FacetCacheStats(); hits != 1 || misses != 1 {
		t.Errorf("cache hits %d misses %d, want 1 and 1", hits, misses)
	}
	if fmt.Sprint(first.Facets, first.FacetMeta) != fmt.Sprint(second.Facets, second.FacetMeta) {
		t.Errorf("cached facets differ:\n%+v\n%+v", first.Facets, second.Facets)
	}
	// A write through the Searcher's Writer drops the cached counts.
	if err := s.Writer().Write(ctx, []articles.Document{{ID: "other", Body: "cricket scores"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Search(ctx, Request{Q: "election", Langs: []string{"en"}}); err != nil {
		t.Fatal(err)
	}
	if hits, misses := s.FacetCacheStats(); hits != 1 || misses != 2 {
		t.Errorf("after a write: hits %d misses %d, want 1 and 2", hits, misses)
	}
}

// TestSelectedValueKeepsItsCount checks that a ticked facet value outside
// the top facet_size is listed with its count, not 0: every seed names
// Congress and three the BJP, so with one value a facet lists Congress and
// the ticked BJP after it, counted over the query's matches without its own
// filter (here: the three seeds the filter keeps).
func TestSelectedValueKeepsItsCount(t *testing.T) {
	s := seedSearcher(t)
	res, err := s.Search(context.Background(), Request{Parties: []string{"BJP"}, FacetSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 3 {
		t.Fatalf("total %d, want the 3 seeds naming the BJP", res.Total)
	}
	var got []string
	for _, v := range res.Facets.Parties {
		got = append(got, fmt.Sprintf("%s:%d:%v", v.Value, v.Count, v.Selected))
	}
	if want := []string{"INC:5:false", "BJP:3:true"}; !slices.Equal(got, want) {
		t.Errorf("parties %v, want %v", got, want)
	}
}
