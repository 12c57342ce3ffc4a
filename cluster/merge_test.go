package cluster

import (
	"reflect"
	"testing"

	"github.com/newsearch/bilingual/index"
)

func TestSumValues(t *testing.T) {
	// s is ticked and nothing has it; t is ticked and below the top two.
	a := []index.FacetValue{{Value: "x", Count: 3}, {Value: "y", Count: 2}, {Value: "s", Count: 0, Selected: true}, {Value: "t", Count: 1, Selected: true}}
	b := []index.FacetValue{{Value: "y", Count: 2}, {Value: "z", Count: 4}, {Value: "x", Count: 1}, {Value: "t", Count: 1, Selected: true}}
	got := sumValues(append(append([]index.FacetValue{}, a...), b...), 2)
	want := []index.FacetValue{{Value: "x", Count: 4}, {Value: "y", Count: 4}, {Value: "t", Count: 2, Selected: true}, {Value: "s", Selected: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sumValues = %+v\nwant %+v", got, want)
	}
	if got := sumValues(nil, 5); got == nil || len(got) != 0 {
		t.Errorf("sumValues(nil) = %#v, want an empty list (JSON [])", got)
	}
}

func TestSortHits(t *testing.T) {
	hits := []index.Hit{
		{ID: "b", Score: 1, Date: "2020-01-01"}, {ID: "a", Score: 1, Date: ""},
		{ID: "c", Score: 3, Date: "2019-01-01"}, {ID: "d", Score: 2, Date: "2020-01-01"},
	}
	ids := func(hs []index.Hit) []string {
		var out []string
		for _, h := range hs {
			out = append(out, h.ID)
		}
		return out
	}
	for sort, want := range map[string][]string{
		"":                 {"c", "d", "a", "b"},
		index.SortDate:     {"c", "b", "d", "a"},
		index.SortDateDesc: {"b", "d", "c", "a"},
	} {
		hs := append([]index.Hit{}, hits...)
		sortHits(hs, sort)
		if got := ids(hs); !reflect.DeepEqual(got, want) {
			t.Errorf("sort %q: %v, want %v", sort, got, want)
		}
	}
}

// TestMergePageAndCounts checks the page is cut from the merged order and
// that totals and histograms add up.
func TestMergePageAndCounts(t *testing.T) {
	shard := func(total uint64, need int, hits ...index.Hit) *index.Response {
		return &index.Response{
			Total: total, Hits: hits, Query: index.QueryInfo{Matching: index.Matching{Required: need, Of: 2}},
			Facets: &index.Facets{
				People: []index.FacetValue{{Value: "p", Count: int(total)}}, Parties: []index.FacetValue{},
				Sources: []index.FacetValue{}, Places: []index.FacetValue{}, Lang: []index.FacetValue{{Value: "en", Count: int(total)}},
				Dates: []index.DateBucket{{Label: "2020-01-02", From: "2020-01-02", To: "2020-01-02", Count: int(total)}},
			},
			FacetMeta: index.FacetMeta{Undated: 1, DateInterval: "day"},
		}
	}
	a := shard(2, 2, index.Hit{ID: "a1", Score: 5}, index.Hit{ID: "a2", Score: 1})
	b := shard(1, 2, index.Hit{ID: "b1", Score: 3})
	if n := neededLevel([]*index.Response{a, b, shard(0, 1)}); n != 2 {
		t.Errorf("neededLevel = %d, want 2", n)
	}
	got := merge(index.Request{Offset: 1, Size: 1}, []*index.Response{a, b})
	if got.Total != 3 || len(got.Hits) != 1 || got.Hits[0].ID != "b1" {
		t.Errorf("merged total %d hits %+v; want 3 and [b1]", got.Total, got.Hits)
	}
	if got.Facets.People[0].Count != 3 || got.Facets.Dates[0].Count != 3 || got.FacetMeta.Undated != 2 || got.FacetMeta.DateInterval != "day" {
		t.Errorf("merged facets %+v meta %+v", got.Facets, got.FacetMeta)
	}
	if c := merge(index.Request{CountOnly: true}, []*index.Response{a, b}); len(c.Hits) != 0 || c.Total != 3 {
		t.Errorf("count only: %d hits, total %d", len(c.Hits), c.Total)
	}
}
