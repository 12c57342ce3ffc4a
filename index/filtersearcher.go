package index

import (
	"math"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// filterSearcher passes on the matches of a searcher over the columns'
// snapshot that pass the request's filters, tallying facets on the way, so
// one pass over the text query's matches both ranks and counts. It reads
// only documents numbered from start up to end (0: no end), so parts of the
// snapshot can be searched side by side.
//
// Bleve's searcher.FilteringSearcher also wraps a searcher and drops the
// matches a function rejects, but it calls that function on every match and
// does nothing else. This one differs where the split search needs it: it
// starts by advancing to its first document number and stops at the end of
// its range instead of reading the child to exhaustion; its filter reads
// the in-memory facet columns (an array lookup, no stored fields or doc
// values); and it counts every facet, each without its own filter, for
// matches the request's filters drop too, which a keep-or-drop function
// cannot. Close, Count, Weight and the rest come from the embedded child.
//
// When the matches are known (a search counted before, facetcache.go), a
// match passes if it is one of them, with no columns read; and unless the
// search is pruned, it moves the child only to them, each by Advance: a
// conjunction, a phrase or an exclusion then never visits a document that
// turns out not to match, nor one in a block that cannot reach the page
// (blockmax.go). In a counting search, it notes each block's greatest score.
type filterSearcher struct {
	search.Searcher
	t          *tally
	start, end uint64
	started    bool
	matched    *roaring.Bitmap     // the known matches, which pass the filters; nil: not known
	known      roaring.IntPeekable // the known matches left to visit; nil: read the child through
	pr         *pruner             // records or bounds the blocks' scores; may be nil
	target     index.IndexInternalID
}

// Next returns the next match in range that passes the filters.
func (f *filterSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if f.known != nil {
		return f.nextKnown(ctx)
	}
	var dm *search.DocumentMatch
	var err error
	if !f.started && f.start > 0 {
		dm, err = f.Searcher.Advance(ctx, index.NewIndexInternalID(nil, f.start))
	} else {
		dm, err = f.Searcher.Next(ctx)
	}
	f.started = true
	for ; err == nil && dm != nil; dm, err = f.Searcher.Next(ctx) {
		if keep, stop := f.pass(ctx, dm); stop {
			return nil, nil
		} else if keep {
			return dm, nil
		}
	}
	return dm, err
}

// nextKnown returns the next known match in range, as the child scores it.
func (f *filterSearcher) nextKnown(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !f.started {
		f.known.AdvanceIfNeeded(uint32(min(f.start, math.MaxUint32)))
		f.started = true
	}
	for f.known.HasNext() {
		num := uint64(f.known.Next())
		if f.end > 0 && num >= f.end {
			return nil, nil
		}
		if next, ok := f.pr.pass(num); ok {
			if next == exhausted {
				return nil, nil
			}
			f.known.AdvanceIfNeeded(uint32(min(next, math.MaxUint32)))
			continue
		}
		f.target = index.NewIndexInternalID(f.target, num)
		dm, err := f.Searcher.Advance(ctx, f.target)
		if err != nil || dm == nil {
			return dm, err
		}
		// The child lands on the known match; should it pass one (it never
		// should), the matches between are skipped.
		if got := dm.IndexInternalID.Value(); got > num {
			f.known.AdvanceIfNeeded(uint32(min(got, math.MaxUint32)))
			if !f.known.HasNext() || uint64(f.known.PeekNext()) != got {
				ctx.DocumentMatchPool.Put(dm)
				continue
			}
			f.known.Next()
		}
		if keep, stop := f.pass(ctx, dm); stop {
			return nil, nil
		} else if keep {
			return dm, nil
		}
	}
	return nil, nil
}

// Advance returns the first match at or after id (and in range) that passes the filters.
func (f *filterSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if f.start > id.Value() {
		id = index.NewIndexInternalID(nil, f.start)
	}
	f.started = true
	dm, err := f.Searcher.Advance(ctx, id)
	if err != nil || dm == nil {
		return dm, err
	}
	if keep, stop := f.pass(ctx, dm); stop {
		return nil, nil
	} else if keep {
		return dm, nil
	}
	return f.Next(ctx)
}

// passes tells whether document n passes the filters: it is a known match,
// or the tally, which counts it, says so.
func (f *filterSearcher) passes(n uint64) bool {
	if f.matched != nil {
		return n <= math.MaxUint32 && f.matched.Contains(uint32(n))
	}
	return f.t.add(n)
}

// pass tallies a match and tells whether to pass it on; one it does not
// (filtered out, or past the end, which stops the search) goes back to the pool.
func (f *filterSearcher) pass(ctx *search.SearchContext, dm *search.DocumentMatch) (keep, stop bool) {
	n := dm.IndexInternalID.Value()
	stop = f.end > 0 && n >= f.end
	if !stop && f.passes(n) {
		f.pr.note(n, dm.Score)
		return true, false
	}
	ctx.DocumentMatchPool.Put(dm)
	return false, stop
}
