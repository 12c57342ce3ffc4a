package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// collapseFetch is how many ranked matches a collapsing search collects
// first for a page ending at end: copies rarely fill more than two of three.
func collapseFetch(end int) int { return 3*end + 20 }

// maxCollapseFetch bounds how many ranked matches a search collects to
// fill one collapsed page.
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

// collapsedPage ranks the matches of q within r's filters and returns the
// page r asks for of one hit per cluster, collecting more ranked matches
// until the page is full or every match is collected, so the page is
// exact: the best-ranked copy of each of the best-ranked clusters.
// res is the first search's result, of collapseFetch matches.
func (s *Searcher) collapsedPage(ctx context.Context, res *bleve.SearchResult, newRequest func(size int) *bleve.SearchRequest, r Request) ([]*search.DocumentMatch, error) {
	end := r.Offset + r.Size
	for fetch := collapseFetch(end); ; {
		kept := collapse(res.Hits)
		if len(kept) >= end || uint64(len(res.Hits)) >= res.Total || fetch >= maxCollapseFetch {
			return kept[min(r.Offset, len(kept)):min(end, len(kept))], nil
		}
		fetch = min(4*fetch, maxCollapseFetch)
		var err error
		if res, _, err = s.run(ctx, newRequest(fetch), r, false); err != nil {
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
