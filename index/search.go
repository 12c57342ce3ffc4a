package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Script names the writing system of a query: "devanagari", "latin", "mixed",
// or "" when it has no letters.
func Script(q string) string {
	var deva, latin int
	for _, r := range q {
		switch {
		case unicode.Is(unicode.Devanagari, r):
			deva++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	switch {
	case deva > 0 && latin > 0:
		return "mixed"
	case deva > 0:
		return "devanagari"
	case latin > 0:
		return "latin"
	}
	return ""
}

// EntityBoost weighs a match on an entity the query names, found by id
// whatever script the article used, against a text match.
const EntityBoost = 1.0

// textQuery builds the disjunction of the query text over every language field,
// each analyzed by its own analyzer, over the people and parties it names, and
// over its translations and phonetic keys; qi records how it was read.
func (s *Searcher) textQuery(q string, qi *QueryInfo) query.Query {
	if strings.TrimSpace(q) == "" {
		return bleve.NewMatchAllQuery()
	}
	var qs []query.Query
	if s.tr != nil {
		qs, qi.Expansions, qi.RomanizedHindi = s.tr.expand(q)
	}
	people, parties := qi.People, qi.Parties
	for _, group := range []struct {
		field string
		ids   []string
	}{{FieldPeople, people}, {FieldParties, parties}} {
		for _, id := range group.ids {
			t := bleve.NewTermQuery(id)
			t.SetField(group.field)
			t.SetBoost(EntityBoost)
			qs = append(qs, t)
		}
	}
	for _, f := range s.fields {
		m := bleve.NewMatchQuery(q)
		m.SetField(f.name)
		m.Analyzer = f.analyzer
		m.SetBoost(f.boost)
		qs = append(qs, m)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// resolve maps person and party filter values given by name in either script
// to canonical ids; other values (such as the generated ids of people the
// gazetteer lacks) are kept as given. It fills new slices: r's share their
// arrays with the caller's Request, which a search must leave as it was.
func (s *Searcher) resolve(r *Request) {
	people, parties := slices.Clone(r.People), slices.Clone(r.Parties)
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
	r.People, r.Parties = people, parties
}

// Search runs r and returns hits with snippets.
func (s *Searcher) Search(ctx context.Context, r Request) (*Response, error) {
	began := time.Now()
	s.inflight.Add(1)
	defer s.inflight.Add(-1)
	if r.Size <= 0 {
		r.Size = DefaultSize
	}
	s.resolve(&r)
	qi := QueryInfo{Q: r.Q, Script: Script(r.Q)}
	qi.People, qi.Parties = s.ext.MatchQuery(r.Q)
	text := s.textQuery(r.Q, &qi)
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
	newRequest := func(q query.Query) *bleve.SearchRequest {
		req := bleve.NewSearchRequestOptions(q, r.Size, r.Offset, false)
		req.Fields = []string{FieldTitle, FieldBody, FieldURL, FieldSource, FieldLang, FieldDate, FieldPeople, FieldParties}
		if sortBy != nil {
			req.SortBy(sortBy)
		}
		return req
	}
	cacheKey := s.facets.key(s.gen.Load(), r)
	facets, cached := s.facets.get(cacheKey)
	var res *bleve.SearchResult
	var counted *Facets
	// One pass over the in-memory facet columns: it filters, ranks and
	// counts. Only if they cannot be read in time do Bleve's filters and
	// facets do it.
	v, err := s.cols.view(ctx, s.idx)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", r.Q, err)
	}
	if v != nil {
		res, counted, err = v.search(ctx, s, newRequest(text), r, !cached)
		v.close()
	} else {
		groups := filters(r)
		req := newRequest(groups.without(text, ""))
		if !cached {
			s.mainFacets(req, groups)
		}
		if res, err = s.idx.SearchInContext(ctx, req); err == nil && !cached {
			counted, err = s.computeFacets(ctx, text, groups, res, r)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", r.Q, err)
	}
	if !cached {
		facets = counted
		s.facets.add(cacheKey, facets)
	}
	terms := s.queryTerms(strings.Join(s.marked(qi), " "))
	out := &Response{
		Total:     res.Total,
		Query:     qi,
		Hits:      make([]Hit, 0, len(res.Hits)),
		Facets:    facets,
		FacetMeta: FacetMeta{Undated: facets.undated, DateInterval: facets.interval},
		Filters:   Filters{People: r.People, Parties: r.Parties},
	}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, s.hit(h, terms))
	}
	out.TookMS = float64(time.Since(began).Microseconds()) / 1000
	return out, nil
}

// marked lists what snippets mark besides the query's own words: its
// translations, and every name of the people and parties it names (found by
// id, so in whichever script the article wrote them), so a user sees why a
// hit came.
func (s *Searcher) marked(qi QueryInfo) []string {
	out := []string{qi.Q}
	for _, e := range qi.Expansions {
		if e.Source != "romanized" {
			out = append(out, e.To...)
		}
	}
	for _, id := range qi.People {
		if p, ok := s.gaz.Person(id); ok {
			out = append(append(out, p.NameEn, p.NameHi), p.Aliases...)
		}
	}
	for _, code := range qi.Parties {
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
	out.Snippet = snippet(str(FieldBody), s.words, terms, SnippetRunes)
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

// Document returns the stored document with id, or false when it is unknown.
func (s *Searcher) Document(ctx context.Context, id string) (map[string]any, bool, error) {
	q := bleve.NewDocIDQuery([]string{id})
	req := bleve.NewSearchRequestOptions(q, 1, 0, false)
	req.Fields = []string{"*"}
	res, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, false, fmt.Errorf("load document %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, false, nil
	}
	f := res.Hits[0].Fields
	doc := map[string]any{"id": id}
	for k, v := range f {
		doc[k] = v
	}
	return doc, true, nil
}
