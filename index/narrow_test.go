package index

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
)

// TestFilteredSearchNarrowsItsUnfilteredCounts checks that a filtered
// search run after the same search without filters (narrowed from its
// cached matches) answers as the filtered search does alone: the same hits,
// scores, copies, total and facets, for sources, dates, the dates facet
// drilled into (after the plain search too), more facet values, sorts,
// pages, collapsing or not, a query relaxed to fewer words, and filters
// that leave nothing at the unfiltered level (which relaxes further). It then empties the cached matches of one unfiltered
// search: a narrowed search, which reads them, finds nothing.
func TestFilteredSearchNarrowsItsUnfilteredCounts(t *testing.T) {
	s := copiesIndex(t)
	// Another Searcher of the same index, whose filtered searches never
	// find their unfiltered counts: documents number the same in both.
	alone := newSearcher(t, s.live.idx, SearchConfig{Freedict: NoFreedict})
	s.blockDocs, alone.blockDocs = 4, 4
	day := func(d int) time.Time { return time.Date(2020, 4, d, 0, 0, 0, 0, time.UTC) }
	for _, r := range []Request{
		{Q: "lockdown", Size: 3, Sources: []string{"beta"}},
		{Q: "lockdown", Size: 2, Offset: 2, Sources: []string{"alpha"}, NoCollapse: true},
		{Q: "lockdown", Size: 4, From: day(5), To: day(12)},
		{Q: "lockdown", Size: 4, From: day(5), To: day(12), DatesWithin: true, Sources: []string{"alpha"}},
		{Q: "lockdown", Size: 3, Sort: SortDate, Sources: []string{"beta"}},
		{Q: "lockdown OR flood", Size: 4, Sources: []string{"beta"}},
		{Q: "police court", Size: 3, Sources: []string{"alpha"}},
		{Q: "lockdown -flood", Size: 3, From: day(8)},
		{Q: `"officials said"`, Size: 2, Sources: []string{"beta"}},
		{Q: "lockdown xyzzyq", Size: 3, Sources: []string{"beta"}},              // relaxed, unfiltered and filtered
		{Q: "lockdown police", Size: 3, Sources: []string{"gamma"}},             // nothing at the unfiltered level
		{Q: "lockdown police", Size: 3, Sources: []string{"alpha"}, To: day(3)}, // little left
	} {
		want := responseJSON(t, alone, r)
		u, _ := unfiltered(r)
		responseJSON(t, s, u)
		if s.narrowing(s.gen.Load(), r) == nil {
			t.Fatalf("%+v: the unfiltered search's matches are not cached", r)
		}
		if got := responseJSON(t, s, r); got != want {
			t.Errorf("%+v:\nnarrowed %s\nalone    %s", r, got, want)
		}
		if !slices.Contains(r.Sources, "gamma") && !strings.Contains(want, `"id"`) {
			t.Errorf("%+v: no hits, the case tests little: %s", r, want)
		}
	}

	// The search page's dates drill-down (counts within the dates, no
	// hits) and Show all (more facet values) follow the plain search.
	for _, r := range []Request{
		{Q: "flood", CountOnly: true, DatesWithin: true, From: day(4), To: day(9), Sources: []string{"beta"}},
		{Q: "flood", Size: 3, FacetSize: 100, Sources: []string{"alpha"}},
	} {
		want := responseJSON(t, alone, r)
		responseJSON(t, s, Request{Q: r.Q})
		if s.narrowing(s.gen.Load(), r) == nil {
			t.Fatalf("%+v: the plain search's matches are not found", r)
		}
		if got := responseJSON(t, s, r); got != want {
			t.Errorf("%+v:\nnarrowed %s\nalone    %s", r, got, want)
		}
	}

	r := Request{Q: "harvest", Size: 3, Sources: []string{"alpha"}}
	u, _ := unfiltered(r)
	responseJSON(t, s, u)
	c := s.narrowing(s.gen.Load(), r)
	emptied := *c
	emptied.matched = roaring.New()
	s.facets.add(s.facets.key(s.gen.Load(), u), &emptied)
	if got := responseJSON(t, s, r); !strings.Contains(got, `"total":0`) {
		t.Errorf("a narrowed search did not read the unfiltered search's matches: %s", got)
	}
}
