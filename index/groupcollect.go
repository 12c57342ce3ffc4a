package index

import (
	"container/heap"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
)

// groupTop keeps, of the matches a collector ranks, the best-ranked of each
// duplicate cluster among the n best-ranked clusters, and hands only those
// to the collector's own top-n handler at the end. The page of a collapsed
// search is then exact in one pass over the matches: collecting a few times
// the page's matches and collapsing them afterwards needed another search
// whenever copies filled them (always, in a corpus of re-posted news), and
// read a stored cluster field for each.
//
// Its heap holds each kept cluster's best match so far, the worst-ranked at
// the root. A cluster evicted by a better-ranked one can come back only with
// a match better than the root was then, so better than its evicted one: the
// heap always holds the true best match of each cluster it holds.
type groupTop struct {
	n       int
	cmp     func(a, b *search.DocumentMatch) int // < 0: a ranks first
	cluster func(num uint64) uint64              // a match's cluster key; 0: none, a cluster of its own
	after   *search.DocumentMatch                // search_after: only matches ranked after it count
	pool    *search.DocumentMatchPool
	pr      *pruner // in a pruned search, told the worst kept cluster's score

	items []grouped // a heap by rank, worst first
	at    map[uint64]int
}

// grouped is one cluster's best match so far.
type grouped struct {
	d   *search.DocumentMatch
	key uint64
}

// newGroupTop keeps the best match of each of the n best clusters under
// sort; after, when not nil, is a search_after cursor.
func newGroupTop(n int, sort search.SortOrder, after []string, cluster func(uint64) uint64) *groupTop {
	g := &groupTop{n: n, cluster: cluster, at: map[uint64]int{}}
	scoring, desc := sort.CacheIsScore(), sort.CacheDescending()
	g.cmp = func(a, b *search.DocumentMatch) int { return sort.Compare(scoring, desc, a, b) }
	if len(sort) == 1 && scoring[0] && desc[0] {
		g.cmp = search.CompareScoreDescending // what the collector itself uses then
	}
	if after != nil {
		g.after = afterDocument(sort, after)
	}
	return g
}

// handler is a search.MakeDocumentMatchHandler: set it in the context under
// search.MakeDocumentMatchHandlerKey for a TopNCollector of n hits.
func (g *groupTop) handler(ctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
	next, loadID, err := collector.MakeTopNDocumentMatchHandler(ctx)
	if err != nil {
		return nil, false, err
	}
	g.pool = ctx.DocumentMatchPool
	return func(d *search.DocumentMatch) error {
		if d == nil {
			for _, it := range g.items {
				if err := next(it.d); err != nil {
					return err
				}
			}
			g.items, g.at = nil, nil
			return next(nil)
		}
		g.add(d)
		return nil
	}, loadID, nil
}

// add ranks one match against the clusters kept.
func (g *groupTop) add(d *search.DocumentMatch) {
	if g.after != nil {
		g.after.HitNumber = d.HitNumber // as the collector does: a tie is not after
		if g.cmp(d, g.after) <= 0 {
			g.pool.Put(d)
			return
		}
	}
	full := len(g.items) >= g.n
	if full && g.cmp(d, g.items[0].d) >= 0 {
		g.pool.Put(d) // ranks below every cluster kept, its own among them
		return
	}
	key := g.cluster(d.IndexInternalID.Value())
	if i, ok := g.at[key]; ok && key != 0 {
		if g.cmp(d, g.items[i].d) < 0 {
			g.pool.Put(g.items[i].d)
			g.items[i].d = d
			heap.Fix(g, i)
			if len(g.items) >= g.n {
				g.pr.raise(g.items[0].d.Score)
			}
		} else {
			g.pool.Put(d)
		}
		return
	}
	if full {
		worst := heap.Pop(g).(grouped)
		g.pool.Put(worst.d)
	}
	heap.Push(g, grouped{d: d, key: key})
	if len(g.items) >= g.n {
		g.pr.raise(g.items[0].d.Score)
	}
}

// The heap.Interface of groupTop, keeping at in step with items.

func (g *groupTop) Len() int           { return len(g.items) }
func (g *groupTop) Less(i, j int) bool { return g.cmp(g.items[i].d, g.items[j].d) > 0 }
func (g *groupTop) Swap(i, j int) {
	g.items[i], g.items[j] = g.items[j], g.items[i]
	g.index(i)
	g.index(j)
}
func (g *groupTop) Push(x any) {
	g.items = append(g.items, x.(grouped))
	g.index(len(g.items) - 1)
}
func (g *groupTop) Pop() any {
	last := g.items[len(g.items)-1]
	g.items = g.items[:len(g.items)-1]
	if last.key != 0 {
		delete(g.at, last.key)
	}
	return last
}

func (g *groupTop) index(i int) {
	if k := g.items[i].key; k != 0 {
		g.at[k] = i
	}
}

// afterDocument is the match a search_after cursor stands for, its values
// encoded as the collector encodes them (NewTopNCollectorAfter), so that
// groupTop drops exactly the matches the collector would.
func afterDocument(sort search.SortOrder, after []string) *search.DocumentMatch {
	d := &search.DocumentMatch{Sort: make([]string, len(sort))}
	float := func(s string) string {
		f, _ := strconv.ParseFloat(s, 64)
		return string(numeric.MustNewPrefixCodedInt64(numeric.Float64ToInt64(f), 0))
	}
	for i, ss := range sort {
		if i >= len(after) {
			break
		}
		d.Sort[i] = after[i]
		switch ss := ss.(type) {
		case *search.SortGeoDistance:
			d.Sort[i] = float(after[i])
		case *search.SortField:
			switch ss.Type {
			case search.SortFieldAsNumber:
				d.Sort[i] = float(after[i])
			case search.SortFieldAsDate:
				t, _ := time.Parse(time.RFC3339Nano, after[i])
				d.Sort[i] = string(numeric.MustNewPrefixCodedInt64(t.UnixNano(), 0))
			}
		}
		if ss.RequiresDocID() {
			d.ID = after[i]
		}
		if ss.RequiresScoring() {
			d.Score, _ = strconv.ParseFloat(after[i], 64)
		}
	}
	return d
}
