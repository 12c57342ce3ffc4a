package index

import (
	"time"

	"github.com/RoaringBitmap/roaring/v2"
)

// A filter ticked after a search (a facet value, a date range) makes a new
// search, whose counts are not cached; but every document its counting
// search would tally is a match of the same query without filters, whose
// counts usually are, with their matches: the search the reader just ran.
// Narrowing tallies the facets over those matches from the columns, with no
// postings read, and ranks only the ones that pass the filters, passing over
// the blocks whose greatest score (the unfiltered search's, which bounds
// its subsets' too) cannot reach the page. The answer is the counting
// search's: the same matches, counted and scored as it would.

// unfiltered returns r without its filters, and whether it had any.
func unfiltered(r Request) (Request, bool) {
	if len(r.People)+len(r.Parties)+len(r.Sources)+len(r.Places)+len(r.Langs) == 0 && r.From.IsZero() && r.To.IsZero() {
		return r, false
	}
	r.People, r.Parties, r.Sources, r.Places, r.Langs = nil, nil, nil, nil, nil
	r.From, r.To = time.Time{}, time.Time{}
	return r, true
}

// narrowing returns the cached counts, with their matches, of r's search
// without its filters under generation gen, or nil. The matches do not
// depend on how the facets were listed: counts kept for another facet size
// or dates histogram serve too (the search page's dates drill-down and its
// Show all ask for those after the plain search).
func (s *Searcher) narrowing(gen uint64, r Request) *counts {
	u, ok := unfiltered(r)
	if !ok {
		return nil
	}
	for _, size := range []int{u.FacetSize, 0} {
		for _, within := range []bool{u.DatesWithin, false} {
			u.FacetSize, u.DatesWithin = size, within
			if c, ok := s.facets.peek(s.facets.key(gen, u)); ok && c.matched != nil {
				return c
			}
		}
	}
	return nil
}

// narrow tallies r's facets (when count is set) over parent's matches, those
// of r's query without its filters in this view's segments, and returns the
// tally and the counts r's counting search would have recorded: the matches
// that pass the filters, their number, and parent's block maxima.
func (v *view) narrow(s *Searcher, r Request, parent *counts, count bool) (*counts, *tally) {
	t := v.newTally(r, count)
	t.matched = s.cols.bitset(v.docs())
	for it := parent.matched.Iterator(); it.HasNext(); {
		t.add(uint64(it.Next()))
	}
	passing := roaring.FromDense(t.matched, true)
	passing.RunOptimize()
	return &counts{total: passing.GetCardinality(), matched: passing, peaks: parent.peaks, segs: v.ids, matching: parent.matching}, t
}
