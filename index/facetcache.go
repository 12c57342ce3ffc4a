package index

import (
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	lru "github.com/hashicorp/golang-lru/v2"
)

// FacetCacheSize is how many distinct queries' facet counts a Searcher keeps.
// Counting facets visits every matching document, which dominates broad
// queries; the cache makes repeated ones (the empty query, a filter clicked
// in the sidebar, paging) cost only their top hits, found by a pruned
// search (prune.go).
const FacetCacheSize = 512

// counts are what a search counted over all its matches: with them, the
// same search again needs only its page.
type counts struct {
	facets *Facets
	total  uint64
	// matched holds the matches that pass the filters, which a search
	// again visits alone (or prunes) and counts a collapsed page's copies
	// among; nil when Bleve counted them (facet columns not yet read).
	matched *roaring.Bitmap
	peaks   *peaks // the greatest scores the counting search saw (blockmax.go)
	// segs are the ids of the segments matched and peaks number documents
	// in: Bleve's merges renumber them without a write, so a search of
	// another snapshot cannot use either.
	segs     []uint64
	matching Matching   // the concepts the matches needed, as relax chose
	pages    *pageCache // the pages found with these counts
}

// facetCache holds exact counts by query and filters. Writes purge it, so a
// cached count is never stale.
type facetCache struct {
	lru          *lru.Cache[string, *counts]
	hits, misses atomic.Uint64
	// kept counts searches answered with a kept page (pagecache.go),
	// narrowed those counted from their unfiltered matches (narrow.go).
	kept, narrowed atomic.Uint64
}

func newFacetCache(size int) *facetCache {
	c, err := lru.New[string, *counts](size)
	if err != nil {
		panic(err) // only for a size below 1, which is ours to choose
	}
	return &facetCache{lru: c}
}

// key identifies what facet counts depend on: the index generation, the query,
// the filters and the facets' size, not paging or sort. Values are sorted: person=a&person=b
// counts as b&a does. With the generation in it, counts a search began before
// a write cannot be stored under the key searches after it use.
func (c *facetCache) key(gen uint64, r Request) string {
	var b strings.Builder
	b.WriteString(strconv.FormatUint(gen, 10))
	b.WriteByte(0)
	b.WriteString(r.Q)
	b.WriteByte(0)
	b.WriteString(r.Op)
	b.WriteByte(0)
	b.WriteString(strconv.Itoa(r.facetSize()))
	b.WriteString(strconv.FormatBool(r.DatesWithin))
	b.WriteString(strconv.Itoa(r.Need)) // a forced level counts another set
	for _, vs := range [][]string{r.People, r.Parties, r.Sources, r.Places, r.Langs} {
		vs = slices.Sorted(slices.Values(vs))
		b.WriteByte(0)
		b.WriteString(strings.Join(vs, "\x01"))
	}
	for _, t := range []time.Time{r.From, r.To} {
		b.WriteByte(0)
		if !t.IsZero() {
			b.WriteString(t.Format(time.DateOnly))
		}
	}
	return b.String()
}

func (c *facetCache) get(key string) (*counts, bool) {
	f, ok := c.lru.Get(key)
	if ok {
		c.hits.Add(1)
	} else {
		c.misses.Add(1)
	}
	return f, ok
}

// peek is get for a search that only might use the counts (narrow.go): it
// counts neither a hit nor a miss.
func (c *facetCache) peek(key string) (*counts, bool) { return c.lru.Get(key) }

func (c *facetCache) add(key string, f *counts) { c.lru.Add(key, f) }

func (c *facetCache) purge() { c.lru.Purge() }

// FacetCacheStats reports the facet cache's hits and misses since start, for
// the operators' metrics.
func (s *Searcher) FacetCacheStats() (hits, misses uint64) {
	return s.facets.hits.Load(), s.facets.misses.Load()
}

// ReuseStats reports, since start, how many searches were answered with a
// kept page and how many filtered searches narrowed their unfiltered
// search's matches, for the operators' metrics: how much of what searchd
// serves repeats or refines what it served before.
func (s *Searcher) ReuseStats() (kept, narrowed uint64) {
	return s.facets.kept.Load(), s.facets.narrowed.Load()
}

// invalidate drops cached facet counts; the Searcher's Writer calls it after
// each persisted write, before acknowledging it.
func (s *Searcher) invalidate() {
	s.gen.Add(1)
	s.facets.purge()
}
