package index

import (
	"context"
	"fmt"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// collapseFetch is how many ranked matches a collapsing search collects
// first for a page ending at end, when it collapses with Bleve alone (see
// bleveCollapsed): copies rarely fill more than two of three.
func collapseFetch(end int) int { return 3*end + 20 }

// maxCollapseFetch bounds how many ranked matches a search collects to
// fill one collapsed page with Bleve alone.
const maxCollapseFetch = 4 * (MaxOffset + MaxSize)

// clusterOf is a hit's duplicate cluster: its dup field, or its id in an
// index written before clusters were kept.
func clusterOf(h *search.DocumentMatch) string {
	if c, ok := h.Fields[FieldDup].(string); ok && c != "" {
		return c
	}
	return h.ID
}

// collapse keeps the first (best-ranked) hit of each cluster, in order.
func collapse(hits search.DocumentMatchCollection) search.DocumentMatchCollection {
	seen := map[string]bool{}
	var out search.DocumentMatchCollection
	for _, h := range hits {
		if c := clusterOf(h); !seen[c] {
			seen[c] = true
			out = append(out, h)
		}
	}
	return out
}

// collapse keeps the first (best-ranked) hit of each cluster, in order, the
// clusters read from the columns.
func (v *view) collapse(hits search.DocumentMatchCollection) search.DocumentMatchCollection {
	seen := map[uint64]bool{}
	out := hits[:0]
	for _, h := range hits {
		k := v.cluster(h.IndexInternalID.Value())
		if k == 0 || !seen[k] {
			seen[k] = true
			out = append(out, h)
		}
	}
	return out
}

// copies counts, for each hit shown, the other members of its cluster that
// matched and passed the filters (marked in matched): the cluster's members
// are the postings of its id in the dup field, a few per cluster, so this
// costs no second search.
func (v *view) copies(ctx context.Context, hits []*search.DocumentMatch, matched *roaring.Bitmap) (map[string]int, error) {
	out := map[string]int{}
	for _, h := range hits {
		c := clusterOf(h)
		if _, done := out[c]; done {
			continue
		}
		tfr, err := v.reader.TermFieldReader(ctx, []byte(c), FieldDup, false, false, false)
		if err != nil {
			return nil, fmt.Errorf("count copies of %s: %w", c, err)
		}
		n := 0
		var tf *index.TermFieldDoc
		for tf, err = tfr.Next(nil); err == nil && tf != nil; tf, err = tfr.Next(nil) {
			if num := tf.ID.Value(); num <= math.MaxUint32 && matched.Contains(uint32(num)) {
				n++
			}
		}
		tfr.Close()
		if err != nil {
			return nil, fmt.Errorf("count copies of %s: %w", c, err)
		}
		out[c] = max(n-1, 0)
	}
	return out, nil
}

// bleveCollapsed is a collapsing search with Bleve's filters and facets,
// for when the columns cannot be read in time: it collects collapseFetch
// ranked matches reading only their clusters, collecting more until the
// page is full, reads the page's stored fields, and counts copies with
// another search (duplicates).
func (s *Searcher) bleveCollapsed(ctx context.Context, req *bleve.SearchRequest, r Request, count bool) (*found, error) {
	text := req.Query
	fetch := func(size int) *bleve.SearchRequest {
		c := *req
		c.Size, c.From, c.Fields = size, 0, []string{FieldDup}
		return &c
	}
	res, facets, err := s.bleveSearch(ctx, fetch(collapseFetch(req.From+req.Size)), r, count)
	if err != nil {
		return nil, err
	}
	more := func(size int) (*bleve.SearchResult, error) {
		res, _, err := s.bleveSearch(ctx, fetch(size), r, false)
		return res, err
	}
	if res.Hits, err = collapsedPage(res, more, req.From, req.Size); err != nil {
		return nil, err
	}
	if err = s.readFields(ctx, res.Hits); err != nil {
		return nil, err
	}
	copies, err := s.duplicates(ctx, text, r, res.Hits)
	if err != nil {
		return nil, err
	}
	return &found{res: res, facets: facets, copies: copies}, nil
}

// collapsedPage returns the page from offset of size hits of one hit per
// cluster, collecting more ranked matches (more) until the page is full or
// every match is collected, so the page is exact: the best-ranked copy of
// each of the best-ranked clusters. res is the first search's result, of
// collapseFetch matches.
func collapsedPage(res *bleve.SearchResult, more func(size int) (*bleve.SearchResult, error), offset, size int) ([]*search.DocumentMatch, error) {
	end := offset + size
	for fetch := collapseFetch(end); ; {
		kept := collapse(res.Hits)
		if len(kept) >= end || uint64(len(res.Hits)) >= res.Total || fetch >= maxCollapseFetch {
			return kept[min(offset, len(kept)):min(end, len(kept))], nil
		}
		fetch = min(4*fetch, maxCollapseFetch)
		var err error
		if res, err = more(fetch); err != nil {
			return nil, err
		}
	}
}

// readFields reads the stored fields of the hits of a collapsed page, which
// was ranked reading only their clusters: collecting several times a page's
// matches (up to maxCollapseFetch for a deep page) with their bodies would
// cost far more than one lookup of the page's documents.
func (s *Searcher) readFields(ctx context.Context, page []*search.DocumentMatch) error {
	if len(page) == 0 {
		return nil
	}
	ids := make([]string, len(page))
	for i, h := range page {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = hitFields
	res, err := s.live.idx.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("read hits: %w", err)
	}
	byID := make(map[string]map[string]any, len(res.Hits))
	for _, h := range res.Hits {
		byID[h.ID] = h.Fields
	}
	for _, h := range page {
		if f, ok := byID[h.ID]; ok {
			h.Fields = f
		}
	}
	return nil
}

// duplicates counts, for each hit shown, the other members of its cluster
// among the matches of text within r's filters: one search for the shown
// clusters, counting them in a terms facet.
func (s *Searcher) duplicates(ctx context.Context, text query.Query, r Request, hits []*search.DocumentMatch) (map[string]int, error) {
	if len(hits) == 0 {
		return nil, nil
	}
	clusters := make([]string, 0, len(hits))
	for _, h := range hits {
		clusters = append(clusters, clusterOf(h))
	}
	q := query.NewConjunctionQuery([]query.Query{filters(r).without(text, ""), anyTerm(FieldDup, clusters)})
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.AddFacet(FieldDup, bleve.NewFacetRequest(FieldDup, len(clusters)))
	res, err := s.live.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("count copies: %w", err)
	}
	out := map[string]int{}
	if f := res.Facets[FieldDup]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			out[t.Term] = t.Count - 1
		}
	}
	return out, nil
}

// Copy is one member of a duplicate cluster, as /api/docs/{id}/duplicates lists it.
type Copy struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Date   string `json:"date"` // YYYY-MM-DD, or "" when undated
	Source string `json:"source"`
}

// maxCopies bounds how many members of a cluster Duplicates lists.
const maxCopies = 1000

// Duplicates lists the members of article id's duplicate cluster (id
// itself included), oldest first; found is false when no article has id.
func (s *Searcher) Duplicates(ctx context.Context, id string) (copies []Copy, found bool, err error) {
	release, err := s.hold()
	if err != nil {
		return nil, false, err
	}
	defer release()
	find := func(q query.Query, size int) (*bleve.SearchResult, error) {
		req := bleve.NewSearchRequestOptions(q, size, 0, false)
		req.Fields = []string{FieldDup, FieldTitle, FieldDate, FieldSource}
		req.SortBy([]string{FieldDate, "_id"})
		return s.live.idx.SearchInContext(ctx, req)
	}
	res, err := find(query.NewDocIDQuery([]string{id}), 1)
	if err != nil {
		return nil, false, fmt.Errorf("duplicates of %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, false, nil
	}
	cluster := clusterOf(res.Hits[0])
	tq := query.NewTermQuery(cluster)
	tq.SetField(FieldDup)
	if res, err = find(query.NewDisjunctionQuery([]query.Query{tq, query.NewDocIDQuery([]string{id})}), maxCopies); err != nil {
		return nil, false, fmt.Errorf("duplicates of %s: %w", id, err)
	}
	for _, h := range res.Hits {
		str := func(f string) string { v, _ := h.Fields[f].(string); return v }
		c := Copy{ID: h.ID, Title: str(FieldTitle), Source: str(FieldSource), Date: str(FieldDate)}
		if len(c.Date) >= 10 {
			c.Date = c.Date[:10]
		}
		copies = append(copies, c)
	}
	return copies, true, nil
}
