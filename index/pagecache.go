package index

import (
	"slices"
	"strconv"
	"strings"
	"sync"
)

// pagesKept is how many pages of one search (by page, size, sort, cursor
// and collapsing) its cached counts keep: a reader moving to the next page
// and back, or many readers sent the same link, need a handful, and each
// page holds its hits' stored text (tens of kilobytes).
const pagesKept = 3

// pageCache keeps the last pages a search returned, as found over the
// segments its counts name, with their hits' stored fields and copies, so
// the same page again is neither ranked nor read from the segments. It is
// the counts' companion: Solr's queryResultCache (the ranked page of a query
// and its filters) and documentCache (the page's stored fields) in one, and,
// as the counts are, emptied by every write. A nil pageCache keeps nothing.
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
	for i, k := range c.keys {
		if k == key {
			return c.pages[i]
		}
	}
	return nil
}

// put keeps f's page (its hits, total and copies; none of what renews the
// counts) under key, in place of the oldest when full; a page kept already
// stays, being the same.
func (c *pageCache) put(key string, f *found) {
	if c == nil {
		return
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
	c.keys, c.pages = append(c.keys, key), append(c.pages, &found{res: f.res, copies: f.copies, segs: f.segs})
}
