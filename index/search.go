package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsearch/bilingual/analyzers/script"
	"github.com/newsearch/bilingual/articles"
)

// Script names the writing system of a query: "devanagari", "latin", "mixed",
// or "" when it has no letters.
func Script(q string) string { return string(script.Of(q)) }

// EntityBoost weighs a match on an entity the query names, found by id
// whatever script the article used, against a text match.
const EntityBoost = 1.0

// maxRelaxSteps bounds how many times a search that found nothing is re-run
// needing one concept fewer before it needs just one.
const maxRelaxSteps = 4

// resolve maps person, party and place filter values given by name in either
// script to canonical ids; other values (such as the generated ids of people the
// gazetteer lacks) are kept as given. It fills new slices: r's share their
// arrays with the caller's Request, which a search must leave as it was.
func (s *Searcher) resolve(r *Request) {
	people, parties, places := slices.Clone(r.People), slices.Clone(r.Parties), slices.Clone(r.Places)
	for i, v := range people {
		if id, ok := s.gaz.ResolvePerson(v); ok {
			people[i] = id
		}
	}
	for i, v := range parties {
		if code, ok := s.gaz.ResolveParty(v); ok {
			parties[i] = code
		}
	}
	for i, v := range places {
		if id, ok := s.gaz.ResolvePlace(v); ok {
			places[i] = id
		}
	}
	r.People, r.Parties, r.Places = people, parties, places
}

// Search runs r and returns hits with snippets.
func (s *Searcher) Search(ctx context.Context, r Request) (*Response, error) {
	began := time.Now()
	release, err := s.hold()
	if err != nil {
		return nil, err
	}
	defer release()
	s.inflight.Add(1)
	defer s.inflight.Add(-1)
	if r.CountOnly {
		r.Size = 0
	} else if r.Size <= 0 {
		r.Size = DefaultSize
	}
	s.resolve(&r)
	qi := QueryInfo{Q: r.Q, Script: Script(r.Q), Expansions: []Expansion{}}
	p, err := s.plan(ctx, r.Q, &qi)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", r.Q, err)
	}
	var sortBy []string
	switch r.Sort {
	case "", SortRelevance:
	case SortDate:
		sortBy = []string{FieldDate, "_id"}
	case SortDateDesc:
		sortBy = []string{"-" + FieldDate, "_id"}
	default:
		return nil, fmt.Errorf("unknown sort %q", r.Sort)
	}
	if r.After != nil && sortBy == nil {
		return nil, fmt.Errorf("search %q: a cursor needs a date sort", r.Q)
	}
	collapsing := !r.NoCollapse && !r.CountOnly
	newRequest := func(q query.Query) *bleve.SearchRequest {
		req := bleve.NewSearchRequestOptions(q, r.Size, r.Offset, false)
		req.Fields = hitFields
		if sortBy != nil {
			req.SortBy(sortBy)
		}
		if r.After != nil {
			req.SetSearchAfter(r.After)
		}
		return req
	}
	gen := s.gen.Load()
	cacheKey, pk := s.facets.key(gen, r), pageKey(r, collapsing)
	known, cached := s.facets.get(cacheKey)
	var got *found
	if cached {
		// The matches were counted and relaxed before: only the page is needed.
		o := runOptions{collapse: collapsing, known: known, page: pk}
		if got, err = s.run(ctx, newRequest(p.query(known.matching.Required)), r, o); err != nil {
			return nil, fmt.Errorf("search %q: %w", r.Q, err)
		}
		qi.Matching = known.matching
		if got.fresh { // Bleve merged segments since: the matches of this snapshot
			renewed := *known
			renewed.matched, renewed.peaks, renewed.segs = got.matched, got.peaks, got.segs
			renewed.pages = newPageCache(s.pagesKept)
			s.facets.add(cacheKey, &renewed)
			known = &renewed
		}
	} else {
		narrowing := s.narrowing(gen, r)
		err = s.relax(p, r, &qi, func(need int) (uint64, error) {
			o := runOptions{count: true, collapse: collapsing}
			if narrowing != nil && need == narrowing.matching.Required {
				o.narrow = narrowing // the same level: its matches hold this level's (narrow.go)
			}
			var err error
			if got, err = s.run(ctx, newRequest(p.query(need)), r, o); err != nil {
				return 0, err
			}
			return got.res.Total, nil
		})
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", r.Q, err)
		}
		known = &counts{facets: got.facets, total: got.res.Total, matched: got.matched, peaks: got.peaks, segs: got.segs,
			matching: qi.Matching, pages: newPageCache(s.pagesKept)}
		s.facets.add(cacheKey, known)
	}
	facets := known.facets
	res, page := got.res, got.res.Hits
	out := &Response{
		Total:     res.Total,
		Query:     qi,
		Hits:      got.hits, // a kept page's, as shown before
		Facets:    facets,
		FacetMeta: FacetMeta{Undated: facets.undated, DateInterval: facets.interval, Collapsed: collapsing},
		Filters:   Filters{People: r.People, Parties: r.Parties, Places: r.Places},
	}
	if out.Hits == nil {
		terms := s.queryTerms(strings.Join(s.marked(p), " "))
		out.Hits = make([]Hit, 0, len(page))
		for _, h := range page {
			hit := s.hit(h, terms)
			hit.Cluster, hit.Duplicates = clusterOf(h), got.copies[clusterOf(h)]
			out.Hits = append(out.Hits, hit)
		}
		if got.matched != nil { // searched in the columns, over the segments known.segs names
			known.pages.put(pk, got.res, got.segs, out.Hits)
		}
	}
	if sortBy != nil && r.Size > 0 && len(page) == r.Size {
		out.Cursor = EncodeCursor(page[len(page)-1].Sort)
	}
	out.TookMS = float64(time.Since(began).Microseconds()) / 1000
	return out, nil
}

// relax calls try needing every concept of p, or most of a long query's;
// while nothing matches, one fewer at a time (the articles with the most of
// them), unless r needs them all. It records in qi how many the matches have.
func (s *Searcher) relax(p *planner, r Request, qi *QueryInfo, try func(k int) (uint64, error)) error {
	n := p.concepts()
	k := s.match.required(n, r.Op, p.question)
	if r.Need > 0 && n > 0 {
		need := min(r.Need, n)
		if _, err := try(need); err != nil {
			return err
		}
		qi.Matching.Required, qi.Matching.Of, qi.Matching.Relaxed = need, n, need < k
		return nil
	}
	for steps := 0; ; steps++ {
		total, err := try(k)
		if err != nil {
			return err
		}
		if total > 0 || k <= 1 || r.Op == OpAnd {
			break
		}
		qi.Matching.Relaxed = true
		if k--; steps == maxRelaxSteps {
			k = 1
		}
	}
	qi.Matching.Required, qi.Matching.Of = k, n
	return nil
}

// hitFields are the stored fields a hit shows.
var hitFields = []string{FieldTitle, FieldBody, FieldFurniture, FieldURL, FieldSource, FieldLang, FieldDate, FieldPeople, FieldParties, FieldDup}

// runOptions say what a search counts and how it ranks.
type runOptions struct {
	count    bool // count the facets
	collapse bool // keep one hit per duplicate cluster
	// known, when set, holds the counts of this very search, which then
	// needs only its page and may skip what cannot be on it, or find it
	// kept under page (pagecache.go).
	known *counts
	page  string
	// narrow, when set, holds the counts of this search without its
	// filters, which a counting search narrows (narrow.go).
	narrow *counts
}

// run searches req within r's filters: in one pass over the in-memory facet
// columns that filters, ranks, collapses and counts, or, only if they
// cannot be read in time, with Bleve's filters and facets.
func (s *Searcher) run(ctx context.Context, req *bleve.SearchRequest, r Request, o runOptions) (*found, error) {
	v, err := s.cols.view(ctx, s.live)
	if err != nil {
		return nil, err
	}
	if v != nil {
		defer v.close()
		return v.search(ctx, s, req, r, o)
	}
	if o.collapse {
		return s.bleveCollapsed(ctx, req, r, o.count)
	}
	res, facets, err := s.bleveSearch(ctx, req, r, o.count)
	if err != nil {
		return nil, err
	}
	return &found{res: res, facets: facets}, nil
}

// bleveSearch searches req within r's filters with Bleve's own filters and
// facets (counted when count is set).
func (s *Searcher) bleveSearch(ctx context.Context, req *bleve.SearchRequest, r Request, count bool) (*bleve.SearchResult, *Facets, error) {
	text := req.Query
	groups := filters(r)
	req.Query = groups.without(text, "")
	if count {
		s.mainFacets(req, groups, r)
	}
	res, err := s.live.idx.SearchInContext(ctx, req)
	if err != nil || !count {
		return res, nil, err
	}
	counted, err := s.computeFacets(ctx, text, groups, res, r)
	return res, counted, err
}

// marked lists what snippets mark: the words and phrases the query asks for
// (not those it excludes), their translations and close spellings, and every
// name of the people and parties it names (found by id, so in whichever
// script the article wrote them), so a user sees why a hit came.
func (s *Searcher) marked(p *planner) []string {
	out := p.marks
	for _, id := range p.people {
		if p, ok := s.gaz.Person(id); ok {
			out = append(append(out, p.NameEn, p.NameHi), p.Aliases...)
		}
	}
	for _, code := range p.parties {
		if p, ok := s.gaz.Party(code); ok {
			out = append(append(append(out, p.NameEn, p.NameHi), p.AliasesEn...), p.AliasesHi...)
		}
	}
	return out
}

func (s *Searcher) hit(h *search.DocumentMatch, terms []map[string]bool) Hit {
	str := func(f string) string { v, _ := h.Fields[f].(string); return v }
	out := Hit{
		ID: h.ID, Score: h.Score, Title: str(FieldTitle), Lang: str(FieldLang),
		URL: str(FieldURL), Source: str(FieldSource),
		People: strs(h.Fields[FieldPeople]), Parties: strs(h.Fields[FieldParties]),
	}
	if d := str(FieldDate); d != "" {
		if t, err := time.Parse(time.RFC3339, d); err == nil {
			out.Date = t.Format(time.DateOnly)
		}
	}
	body := str(FieldBody)
	if furn, _ := h.Fields[FieldFurniture].(bool); furn {
		body = articles.WithoutFurniture(body)
	}
	out.Snippet = snippet(body, s.words, terms, SnippetRunes)
	out.TitleHTML = highlight(out.Title, s.words, terms)
	return out
}

// strs reads a stored multi-valued keyword field, which Bleve returns as a
// string when it holds one value.
func strs(v any) []string {
	out := []string{}
	switch v := v.(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// queryTerms analyzes q with each snippet analyzer, so stored text can be
// matched token by token in the same analyzed form.
func (s *Searcher) queryTerms(q string) []map[string]bool {
	out := make([]map[string]bool, len(s.words.as))
	for i, a := range s.words.as {
		out[i] = map[string]bool{}
		for _, t := range a.Analyze([]byte(q)) {
			out[i][string(t.Term)] = true
		}
	}
	return out
}
