package index

import (
	"cmp"
	"container/heap"
	"slices"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	index "github.com/blevesearch/bleve_index_api"
)

// A search whose facets and total are cached (facetcache.go) needs only its
// page, so it may skip the documents that cannot score high enough to be on
// it: Lucene's MaxScore, for a query of one concept (a word or name in
// every field and script, or words joined by OR). The counting search that
// filled the cache read every posting of the concept's children and kept
// each child's greatest score (record); Lucene keeps such maxima in its
// postings, Bleve's keep none. Searched again, once the page is full, its
// worst hit's score is the floor a match must beat (a tie loses: it comes
// later). The children whose greatest scores together cannot beat it are
// lazy: only the documents the others match are candidates, and a
// candidate that cannot reach the floor even with every lazy child is
// passed over without moving those. Every document scored is scored by the
// same searchers, in the same order, so the page and its scores are the
// unpruned search's to the bit; only documents that could not be on it are
// skipped. The concept also passes over the blocks of documents that had
// no match able to beat the floor (blockmax.go).
//
// A query of two concepts is a conjunction, whose match sums their scores;
// bounding one by the floor less the other's most pruned almost nothing in
// the peers' queries and cost a few per cent, so conjunctions are not
// pruned (a repeated one visits only its known matches, passing over the
// blocks that cannot beat the floor, instead).

// pruneSlack widens every bound: a bound's sum runs in another order than
// the score it bounds, which can round the other way by a few ulps.
const pruneSlack = 1e-9

type prunerKey struct{}

// pruner links a search's collector, its filterSearcher and its concept:
// in a counting search it records the greatest scores of the concept's
// children and of each block of matches; searched again, it carries those
// and the page's floor.
type pruner struct {
	floor    float64   // a match must score above it; 0 until the page is full
	peaks    *peaks    // from the counting search
	children bool      // the concept may leave children lazy (else only blocks are passed over)
	record   bool      // a counting search: observe the greatest scores
	block    uint64    // recording: document numbers per block
	blocks   []float32 // recording: each block's greatest score so far
	concept  *conceptPrune
}

// raise sets the floor to the score of the page's worst hit.
func (pr *pruner) raise(score float64) {
	if pr != nil {
		pr.floor = score
	}
}

func (pr *pruner) add(c *conceptDisjunction) *conceptPrune {
	pr.concept = &conceptPrune{pr: pr, c: c}
	if pr.record {
		pr.concept.seen = make([]float64, len(c.live))
	}
	return pr.concept
}

// observe keeps the greatest score of each child matching the current
// document, before the children's scores are summed into one.
func (cp *conceptPrune) observe(c *conceptDisjunction) {
	if cp == nil || cp.seen == nil {
		return
	}
	for _, i := range c.matching {
		cp.seen[i] = max(cp.seen[i], c.currs[i].Score)
	}
}

// pass is pruner.pass once the concept is pruned.
func (cp *conceptPrune) pass(num uint64) (next uint64, ok bool) {
	if cp == nil || cp.bounds == nil {
		return 0, false
	}
	return cp.pr.pass(num)
}

// measure takes the children's greatest scores from the counting search,
// false when they are not this concept's.
func (cp *conceptPrune) measure() bool {
	c := cp.c
	if len(cp.pr.peaks.children) != len(c.live) {
		return false
	}
	cp.bounds = cp.pr.peaks.children
	cp.lazy = make([]bool, len(c.live))
	cp.order = make([]int, len(c.live))
	for i := range cp.order {
		cp.order[i] = i
	}
	slices.SortStableFunc(cp.order, func(a, b int) int { return cmp.Compare(cp.bounds[a], cp.bounds[b]) })
	return true
}

// conceptPrune is the pruned concept's state. Its methods take a nil
// receiver as "not pruned".
type conceptPrune struct {
	pr     *pruner
	c      *conceptDisjunction
	seen   []float64 // in a counting search: each live child's greatest score so far
	bounds []float64 // each live child's greatest score, once measured
	order  []int     // live children by most, least first
	lazy   []bool
	nLazy  int
	floor  float64 // the floor the lazy ones were chosen for
	done   bool    // no document can beat the floor any more
	target []byte  // scratch: the document number children are advanced to
}

func (cp *conceptPrune) isLazy(i int) bool { return cp != nil && cp.nLazy > 0 && cp.lazy[i] }

func (cp *conceptPrune) anyLazy() bool { return cp != nil && cp.nLazy > 0 }

// update chooses the lazy children for the current floor and tells whether
// the concept can no longer give a match above it.
func (cp *conceptPrune) update(c *conceptDisjunction) (done bool) {
	if cp == nil || cp.pr.floor <= cp.floor || cp.done || cp.pr.peaks == nil || !cp.pr.children {
		return cp != nil && cp.done
	}
	if cp.bounds == nil && !cp.measure() {
		cp.pr.peaks = nil // not this concept's: never prune
		return false
	}
	floor := cp.pr.floor
	cp.floor = floor
	// The floor only rises, so the lazy children only grow in number.
	n := float64(len(c.all))
	var sum float64
	for k, i := range cp.order {
		sum += cp.bounds[i]
		if sum*(float64(k+1)/n)*(1+pruneSlack) >= floor {
			break
		}
		if !cp.lazy[i] {
			cp.lazy[i] = true
			cp.nLazy++
		}
	}
	cp.done = cp.nLazy == len(c.live)
	return cp.done
}

// hopeless tells whether the document the eager children match cannot
// beat the floor even if every lazy child not yet past it matches it too.
func (cp *conceptPrune) hopeless(c *conceptDisjunction) bool {
	low := c.at[c.matching[0]]
	var sum float64
	for _, i := range c.matching {
		sum += c.currs[i].Score
	}
	n := len(c.matching)
	for i, lazy := range cp.lazy {
		if lazy && c.at[i] <= low {
			sum += cp.bounds[i]
			n++
		}
	}
	return sum*(float64(n)/float64(len(c.all)))*(1+pruneSlack) < cp.floor
}

// catchUp moves the lazy children to the eager ones' document and makes
// matching every child there, in Bleve's order, for the score.
func (cp *conceptPrune) catchUp(ctx *search.SearchContext, c *conceptDisjunction) error {
	low := c.at[c.matching[0]]
	cp.target = index.NewIndexInternalIDFrom(cp.target, c.currs[c.matching[0]].IndexInternalID)
	for i, lazy := range cp.lazy {
		if lazy && c.at[i] < low {
			ctx.DocumentMatchPool.Put(c.currs[i])
			if err := c.step(ctx, i, cp.target); err != nil {
				return err
			}
		}
	}
	c.matching = c.matching[:0]
	for i, at := range c.at {
		if at == low {
			c.matching = append(c.matching, i)
		}
	}
	return nil
}

// floorHandler is a search.MakeDocumentMatchHandler for a TopNCollector of
// n hits that hands every match on to the collector's own handler and
// raises pr's floor to the n-th best score seen.
func floorHandler(n int, pr *pruner) search.MakeDocumentMatchHandler {
	var best floats // the n best scores, a heap with the least first
	return func(ctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(ctx)
		if err != nil {
			return nil, false, err
		}
		return func(d *search.DocumentMatch) error {
			if d != nil && n > 0 {
				switch {
				case len(best) < n:
					heap.Push(&best, d.Score)
				case d.Score > best[0]:
					best[0] = d.Score
					heap.Fix(&best, 0)
				}
				if len(best) == n {
					pr.raise(best[0])
				}
			}
			return next(d)
		}, loadID, nil
	}
}

// floats is a heap.Interface over scores, the least first.
type floats []float64

func (f floats) Len() int           { return len(f) }
func (f floats) Less(i, j int) bool { return f[i] < f[j] }
func (f floats) Swap(i, j int)      { f[i], f[j] = f[j], f[i] }
func (f *floats) Push(x any)        { *f = append(*f, x.(float64)) }
func (f *floats) Pop() any {
	old := *f
	x := old[len(old)-1]
	*f = old[:len(old)-1]
	return x
}
