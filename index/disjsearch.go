package index

import (
	"context"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// Every concept of a plan is a disjunction of seven to eleven leaves, and a
// query of two words is a conjunction of two: the conjunction advances each
// disjunction to the other's document, and each of those steps compares
// every child's current document as bytes (IndexInternalID.Compare) and
// walks children that cannot match at all (the word in the other script's
// fields, which hold none of it). conceptDisjunction is Bleve's
// DisjunctionSliceSearcher with the same matches and the same score bits
// (the children sorted by Count, the query norm set over all of them, the
// scores of the matching children summed in that order and multiplied by
// the share of children that match), keeping the children's document
// numbers as integers and leaving out of every step the children that
// match nothing, which still count in that share.

// conceptQuery is a DisjunctionQuery searched by conceptDisjunction. A top
// one is the whole query, whose score is a match's: a pruned search can
// then tell what it must reach.
type conceptQuery struct {
	*query.DisjunctionQuery
	top bool
}

// Searcher builds the children as DisjunctionQuery.Searcher does; more of
// them than Bleve's slice searcher takes are left to Bleve's heap searcher,
// whose sums run in another order, and unscored or explained searches to
// Bleve's own.
func (q conceptQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if len(q.Disjuncts) > searcher.DisjunctionHeapTakeover || options.Score == "none" || options.Explain {
		return q.DisjunctionQuery.Searcher(ctx, r, m, options)
	}
	if breakdown, _ := ctx.Value(search.IncludeScoreBreakdownKey).(bool); breakdown {
		return q.DisjunctionQuery.Searcher(ctx, r, m, options)
	}
	all := make(searcher.OrderedSearcherList, 0, len(q.Disjuncts))
	for _, d := range q.Disjuncts {
		s, err := d.Searcher(ctx, r, m, options)
		if err != nil {
			for _, s := range all {
				_ = s.Close()
			}
			return nil, err
		}
		if s != nil {
			all = append(all, s)
		}
	}
	if len(all) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	sort.Sort(all)
	c := &conceptDisjunction{all: all, min: int(q.Min)}
	var sum float64
	for _, s := range all {
		sum += s.Weight()
		if s.Count() > 0 {
			c.live = append(c.live, s)
		}
	}
	c.SetQueryNorm(1.0 / math.Sqrt(sum))
	c.currs = make([]*search.DocumentMatch, len(c.live))
	c.at = make([]uint64, len(c.live))
	if pr, ok := ctx.Value(prunerKey{}).(*pruner); ok && q.top && c.min <= 1 {
		c.prune = pr.add(c)
	}
	return c, nil
}

// exhausted is the document number of a child with no more matches.
const exhausted = math.MaxUint64

// conceptDisjunction finds the documents at least min of its children
// match (one when min is 0). In a counting search it records each child's
// greatest score, and searched again (prune.go) it leaves lazy the children
// that cannot lift a document above the page's floor alone.
type conceptDisjunction struct {
	all      searcher.OrderedSearcherList // every child, in Bleve's order
	live     []search.Searcher            // those that match something, in the same order
	min      int
	currs    []*search.DocumentMatch // each live child's current match
	at       []uint64                // its document number, or exhausted
	matching []int                   // the live children at the lowest document
	others   []*search.DocumentMatch // scratch: the matches merged into the first
	started  bool
	prune    *conceptPrune // nil: neither recorded nor pruned
}

func (c *conceptDisjunction) start(ctx *search.SearchContext) error {
	for i := range c.live {
		if err := c.step(ctx, i, nil); err != nil {
			return err
		}
	}
	c.started = true
	return nil
}

// step moves live child i to its next match, or to the first at or after id.
func (c *conceptDisjunction) step(ctx *search.SearchContext, i int, id index.IndexInternalID) error {
	var d *search.DocumentMatch
	var err error
	if id == nil {
		d, err = c.live[i].Next(ctx)
	} else {
		d, err = c.live[i].Advance(ctx, id)
	}
	if err != nil {
		return err
	}
	c.currs[i], c.at[i] = d, exhausted
	if d != nil {
		c.at[i] = d.IndexInternalID.Value()
	}
	return nil
}

// lowest finds the children that are not lazy at the lowest current document.
func (c *conceptDisjunction) lowest() {
	low := uint64(exhausted)
	c.matching = c.matching[:0]
	for i, at := range c.at {
		switch {
		case c.prune.isLazy(i):
		case at < low:
			low = at
			c.matching = append(c.matching[:0], i)
		case at == low && at != exhausted:
			c.matching = append(c.matching, i)
		}
	}
}

// Next returns the next document enough children match, scored.
func (c *conceptDisjunction) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !c.started {
		if err := c.start(ctx); err != nil {
			return nil, err
		}
	}
	for {
		if c.prune.update(c) {
			return nil, nil
		}
		c.lowest()
		if len(c.matching) == 0 {
			return nil, nil
		}
		if next, ok := c.prune.pass(c.at[c.matching[0]]); ok {
			if next == exhausted {
				c.prune.done = true
				return nil, nil
			}
			c.prune.target = index.NewIndexInternalID(c.prune.target, next)
			if err := c.advanceEager(ctx, c.prune.target); err != nil {
				return nil, err
			}
			continue
		}
		if c.prune.anyLazy() {
			if c.prune.hopeless(c) {
				if err := c.stepMatching(ctx, nil); err != nil {
					return nil, err
				}
				continue
			}
			if err := c.prune.catchUp(ctx, c); err != nil {
				return nil, err
			}
		}
		var rv *search.DocumentMatch
		if len(c.matching) >= c.min {
			c.prune.observe(c)
			rv = c.score()
		}
		if err := c.stepMatching(ctx, rv); err != nil {
			return nil, err
		}
		if rv != nil {
			return rv, nil
		}
	}
}

// stepMatching moves the matching children on, handing their matches
// other than kept back to the pool.
func (c *conceptDisjunction) stepMatching(ctx *search.SearchContext, kept *search.DocumentMatch) error {
	for _, i := range c.matching {
		if c.currs[i] != kept {
			ctx.DocumentMatchPool.Put(c.currs[i])
		}
		if err := c.step(ctx, i, nil); err != nil {
			return err
		}
	}
	return nil
}

// score is DisjunctionQueryScorer.Score over the matching children.
func (c *conceptDisjunction) score() *search.DocumentMatch {
	var sum float64
	c.others = c.others[:0]
	for _, i := range c.matching {
		sum += c.currs[i].Score
		c.others = append(c.others, c.currs[i])
	}
	rv := c.others[0]
	rv.Score = sum * (float64(len(c.matching)) / float64(len(c.all)))
	rv.Expl = nil
	rv.FieldTermLocations = search.MergeFieldTermLocations(rv.FieldTermLocations, c.others[1:])
	return rv
}

// Advance returns the first document at or after id enough children match;
// lazy children catch up only with the documents the others find.
func (c *conceptDisjunction) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if !c.started {
		if err := c.start(ctx); err != nil {
			return nil, err
		}
	}
	if err := c.advanceEager(ctx, id); err != nil {
		return nil, err
	}
	return c.Next(ctx)
}

// advanceEager moves the children that are not lazy to their first
// document at or after id.
func (c *conceptDisjunction) advanceEager(ctx *search.SearchContext, id index.IndexInternalID) error {
	target := id.Value()
	for i, at := range c.at {
		if at == exhausted || at >= target || c.prune.isLazy(i) {
			continue
		}
		ctx.DocumentMatchPool.Put(c.currs[i])
		if err := c.step(ctx, i, id); err != nil {
			return err
		}
	}
	return nil
}

func (c *conceptDisjunction) Weight() float64 {
	var sum float64
	for _, s := range c.all {
		sum += s.Weight()
	}
	return sum
}

func (c *conceptDisjunction) SetQueryNorm(norm float64) {
	for _, s := range c.all {
		s.SetQueryNorm(norm)
	}
}

func (c *conceptDisjunction) Count() uint64 {
	var sum uint64
	for _, s := range c.all {
		sum += s.Count()
	}
	return sum
}

func (c *conceptDisjunction) Close() error {
	var first error
	for _, s := range c.all {
		if err := s.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (c *conceptDisjunction) Min() int { return c.min }

func (c *conceptDisjunction) Size() int { return 64 * (len(c.all) + 1) }

func (c *conceptDisjunction) DocumentMatchPoolSize() int {
	n := len(c.all)
	for _, s := range c.all {
		n += s.DocumentMatchPoolSize()
	}
	return n
}
