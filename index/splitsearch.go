package index

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
)

// splitMatches is how many matches (as the searcher estimates them: the sum
// of its words' postings) make a relevance-ranked search worth splitting
// across cores: each part builds its own searcher, which small queries would
// pay for. At 10,000 rather than 30,000 the peers' queries, one at a time,
// answered at a median 2.0 ms instead of 2.4 (in process, 94k articles);
// under load nothing changes, since a search splits only over the cores
// other searches leave idle.
const splitMatches = 10000

// driveKnown is how many postings (as a searcher estimates them) per known
// match make a repeated search of one concept visit its known matches
// rather than be pruned: each visit advances all the concept's words.
const driveKnown = 16

// part is one share of a search: its top hits and its tally.
type part struct {
	hits     search.DocumentMatchCollection
	total    uint64
	maxScore float64
	t        *tally
	pr       *pruner // of a concept: what it recorded or how it was pruned
	err      error
}

// found is what one search of the index found: the top hits, their total,
// the facets when counted, the matches that pass the filters and, for a
// collapsing search, each shown hit's copies among them.
type found struct {
	res     *bleve.SearchResult
	facets  *Facets
	copies  map[string]int  // by cluster: its other members that match
	matched *roaring.Bitmap // nil when the search neither counted nor collapsed
	peaks   *peaks          // with matched: the greatest scores the counting search saw (blockmax.go)
	segs    []uint64        // the ids of the segments matched and peaks number documents in
	fresh   bool            // matched and peaks were recorded by this search
	hits    []Hit           // a kept page's hits as shown (pagecache.go); nil: not kept
}

// search runs req's query, which must carry no filters, once over the
// snapshot: r's filters are applied from the columns, the top hits collected
// with their stored fields, and, when o.count is set, every facet counted.
// With o.collapse, the hits are the best-ranked match of each of the
// best-ranked duplicate clusters (groupTop), and their copies are counted.
// Broad relevance-ranked queries are searched in parts, one per core, over
// ranges of document numbers, and the parts merged, unless repeated. When
// o.known holds the matches, a page kept with them is the answer
// (pagecache.go); otherwise the total and the matches come from it, a
// relevance-ranked search passes over the blocks that cannot reach its page
// (blockmax.go), a query of one concept is pruned (prune.go), and any other
// query visits only the known matches; a relevance-ranked counting search
// records what pruning needs. When o.narrow holds the counts of the search
// without its filters, the facets are tallied over its matches and the
// search runs as if those passing the filters were known (narrow.go).
func (v *view) search(ctx context.Context, s *Searcher, req *bleve.SearchRequest, r Request, o runOptions) (*found, error) {
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return s.scoring }))
	_, byScore := req.Sort[0].(*search.SortScore)
	byScore = byScore && len(req.Sort) == 1
	_, concept := req.Query.(*query.DisjunctionQuery)
	var narrowed *tally
	if o.narrow != nil && slices.Equal(o.narrow.segs, v.ids) {
		o.known, narrowed = v.narrow(s, r, o.narrow, o.count)
		s.facets.narrowed.Add(1)
	}
	// Known matches from another snapshot (Bleve merged segments since)
	// number other documents: search as if they were not known.
	known := o.known != nil && o.known.matched != nil && slices.Equal(o.known.segs, v.ids)
	if known {
		if f := o.known.pages.get(o.page); f != nil {
			s.facets.kept.Add(1)
			return f, nil
		}
	}
	record := !known && (o.count || o.collapse || o.known != nil) // the matches, for the cache and the copies
	// bound: the page's floor passes over blocks (blockmax.go); prune: a
	// concept leaves children lazy too (prune.go).
	bound := known && byScore && req.SearchAfter == nil && o.known.peaks != nil
	prune := bound && concept && o.known.peaks.children != nil
	q := fastSearchers(req.Query)
	docs := v.docs()
	newSearcher := func() (search.Searcher, *pruner, error) {
		var pr *pruner
		sctx := ctx
		switch {
		case bound:
			pr = &pruner{peaks: o.known.peaks, children: prune}
		case record && byScore:
			pr = recorder(docs, s.blockDocs)
		}
		if pr != nil {
			sctx = context.WithValue(ctx, prunerKey{}, pr)
		}
		sr, err := q.Searcher(sctx, v.reader, s.live.idx.Mapping(), search.SearcherOptions{})
		if err != nil {
			return nil, nil, fmt.Errorf("search: %w", err)
		}
		return sr, pr, nil
	}
	first, firstPruner, err := newSearcher()
	if err != nil {
		return nil, err
	}
	if prune && o.known.total*s.driveKnown < first.Count() {
		// Few of the postings match (a filter, a rare pair of words): the
		// page would fill late, and pruning reads the postings until it
		// does; visiting the known matches is cheaper.
		prune, firstPruner.children = false, false
	}
	n := 1
	// A repeated search reads too little to pay for a second searcher (its
	// term dictionary lookups) and goroutine: split, the peers' queries
	// took a quarter more CPU and a tenth longer.
	if byScore && !known && first.Count() >= uint64(s.splitMatches) {
		n = max(1, s.splitParts/int(max(1, s.inflight.Load())))
	}
	parts := make([]part, n)
	searchPart := func(i int) {
		p := &parts[i]
		sr, pr := first, firstPruner
		if i > 0 {
			if sr, pr, p.err = newSearcher(); p.err != nil {
				return
			}
		}
		p.pr = pr
		defer sr.Close()
		if p.t = narrowed; p.t == nil { // narrowed: counted already, and known, so never split
			p.t = v.newTally(r, o.count)
		}
		if record {
			p.t.matched = s.cols.bitset(docs)
		}
		f := &filterSearcher{Searcher: sr, t: p.t, pr: pr, start: docs * uint64(i) / uint64(n)}
		if i+1 < n {
			f.end = docs * uint64(i+1) / uint64(n)
		}
		if known {
			f.matched = o.known.matched
			if !prune {
				f.known = o.known.matched.Iterator()
			}
		}
		coll := collector.NewTopNCollector(req.Size+req.From, 0, req.Sort)
		if n == 1 {
			coll = collector.NewTopNCollector(req.Size, req.From, req.Sort)
		}
		if req.SearchAfter != nil { // sorted by date, so never split
			coll = collector.NewTopNCollectorAfter(req.Size, req.Sort, req.SearchAfter)
		}
		pctx := ctx
		switch {
		case o.collapse:
			g := newGroupTop(req.Size+req.From, req.Sort, req.SearchAfter, v.cluster)
			if bound {
				g.pr = pr
			}
			pctx = context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(g.handler))
		case bound:
			pctx = context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, floorHandler(req.Size+req.From, pr))
		}
		if p.err = coll.Collect(pctx, f, v.reader); p.err == nil {
			p.hits, p.total, p.maxScore = coll.Results(), coll.Total(), coll.MaxScore()
		}
	}
	if n == 1 {
		searchPart(0) // waking another goroutine costs a small search a twentieth of its time
	} else {
		var wg sync.WaitGroup
		for i := range parts {
			wg.Go(func() { searchPart(i) })
		}
		wg.Wait()
	}
	defer func() {
		for _, p := range parts {
			if p.t != nil {
				s.cols.putBitset(p.t.matched)
			}
		}
	}()
	res := &bleve.SearchResult{}
	for _, p := range parts {
		if p.err != nil {
			return nil, fmt.Errorf("search: %w", p.err)
		}
		res.Hits = append(res.Hits, p.hits...)
		res.Total += p.total
		res.MaxScore = max(res.MaxScore, p.maxScore)
	}
	if o.known != nil {
		res.Total = o.known.total // a pruned search's collector sees only some of the matches
	}
	if n > 1 {
		// As one pass ranks: by score, ties by document number.
		slices.SortStableFunc(res.Hits, func(a, b *search.DocumentMatch) int {
			if a.Score != b.Score {
				return cmp.Compare(b.Score, a.Score)
			}
			return cmp.Compare(a.IndexInternalID.Value(), b.IndexInternalID.Value())
		})
		if o.collapse {
			// Each part kept the best of its clusters: keep the best part's.
			res.Hits = v.collapse(res.Hits)
		}
		res.Hits = res.Hits[min(req.From, len(res.Hits)):min(req.From+req.Size, len(res.Hits))]
	}
	for _, h := range res.Hits {
		if err := v.loadHit(h, req); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
	}
	out := &found{res: res, segs: v.ids}
	switch {
	case known:
		out.matched, out.peaks = o.known.matched, o.known.peaks
	case record:
		out.matched = roaring.New()
		prs := make([]*pruner, len(parts))
		for i, p := range parts {
			out.matched.Or(roaring.FromDense(p.t.matched, true))
			prs[i] = p.pr
		}
		out.matched.RunOptimize()
		out.peaks, out.fresh = recorded(prs), true
	}
	if o.collapse {
		if out.copies, err = v.copies(ctx, res.Hits, out.matched); err != nil {
			return nil, err
		}
	}
	if o.count {
		for _, p := range parts[1:] {
			parts[0].t.merge(p.t)
		}
		out.facets = parts[0].t.facets(s, r)
	}
	return out, nil
}
