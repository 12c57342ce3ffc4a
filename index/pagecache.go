package index

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// pagesKept is how many pages of one search (by page, size, sort, cursor
// and collapsing) its cached counts keep: a reader moving to the next page
// and back, or many readers sent the same link, need a handful.
const pagesKept = 3

// keptHits is the most hits a kept page has: the search page's and the
// API's pages of ten are kept, and a client reading a hundred at a time
// through many searches cannot fill memory with them (a shown hit, with its
// snippet, is about a kilobyte).
const keptHits = 20

// pageCache keeps the last pages a search returned, as found over the
// segments its counts name, with their hits as shown (snippets made), so
// the same page again is neither ranked, nor read from the segments, nor
// marked up. It is the counts' companion, what Solr's queryResultCache (the
// ranked page of a query and its filters) and documentCache (the page's
// stored fields) keep together, and, as the counts are, emptied by every
// write. A nil pageCache keeps nothing.
type pageCache struct {
	mu    sync.Mutex
	keys  []string
	pages []*found
}

// newPageCache keeps up to n pages; none when n < 1.
func newPageCache(n int) *pageCache {
	if n < 1 {
		return nil
	}
	return &pageCache{keys: make([]string, 0, n), pages: make([]*found, 0, n)}
}

// pageKey names what a page depends on beyond the counts' key: which page,
// in which order, and whether copies were collapsed.
func pageKey(r Request, collapse bool) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(r.Size))
	b.WriteByte(0)
	b.WriteString(strconv.Itoa(r.Offset))
	b.WriteByte(0)
	b.WriteString(r.Sort)
	b.WriteByte(0)
	b.WriteString(strconv.FormatBool(collapse))
	for _, a := range r.After {
		b.WriteByte(0)
		b.WriteString(a)
	}
	return b.String()
}

// get returns the page kept under key, or nil.
func (c *pageCache) get(key string) *found {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if i := slices.Index(c.keys, key); i >= 0 {
		return c.pages[i]
	}
	return nil
}

// put keeps the page res holds, found in the segments segs and shown as
// hits, under key, in place of the oldest when full. Of res it keeps what
// an answer reads besides the shown hits: the total and each hit's sort
// values (a cursor is made of the last's). A page of more than keptHits
// hits is not kept; one kept already stays, being the same.
func (c *pageCache) put(key string, res *bleve.SearchResult, segs []uint64, hits []Hit) {
	if c == nil || len(hits) > keptHits {
		return
	}
	kept := &found{res: &bleve.SearchResult{Total: res.Total, MaxScore: res.MaxScore}, segs: segs, hits: hits}
	for _, h := range res.Hits {
		kept.res.Hits = append(kept.res.Hits, &search.DocumentMatch{ID: h.ID, Score: h.Score, Sort: h.Sort})
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if slices.Contains(c.keys, key) {
		return
	}
	if len(c.keys) == cap(c.keys) {
		n := copy(c.keys, c.keys[1:])
		copy(c.pages, c.pages[1:])
		c.keys, c.pages = c.keys[:n], c.pages[:n]
	}
	c.keys, c.pages = append(c.keys, key), append(c.pages, kept)
}
