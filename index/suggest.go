package index

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/newsearch/bilingual/analyzers"
)

// SuggestLimit is how many values a facet type-ahead returns at most.
const SuggestLimit = 20

// Suggest lists the values of the people or parties facet whose name in
// either script, or id, starts with prefix, most frequent first, with the
// number of documents naming each: counted from the facet columns as a
// search's facets are, so the type-ahead and a filter by the value agree.
func (s *Searcher) Suggest(ctx context.Context, facet, prefix string) ([]FacetValue, error) {
	if facet != FacetPeople && facet != FacetParties {
		return nil, fmt.Errorf("no facet %q: want people or parties", facet)
	}
	release, err := s.hold()
	if err != nil {
		return nil, err
	}
	defer release()
	names, counts, err := s.valueCounts(ctx, facet)
	if err != nil {
		return nil, fmt.Errorf("facet %s: %w", facet, err)
	}
	want := foldName(prefix)
	out := []FacetValue{}
	for i, name := range names {
		if counts[i] == 0 {
			continue
		}
		v := FacetValue{Value: name, Count: counts[i]}
		v.Label, v.LabelHi = s.label(facet, name)
		if s.namesMatch(facet, v, want) {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b FacetValue) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out[:min(len(out), SuggestLimit)], nil
}

// valueCounts returns every value of facet with the number of live documents
// naming it: from the facet columns, in one unscored pass over every
// document, or from Bleve's term dictionary while the columns cannot be read.
func (s *Searcher) valueCounts(ctx context.Context, facet string) ([]string, []int, error) {
	v, err := s.cols.view(ctx, s.live)
	if err != nil {
		return nil, nil, err
	}
	if v == nil {
		return s.dictCounts(facet)
	}
	defer v.close()
	sr, err := bleve.NewMatchAllQuery().Searcher(ctx, v.reader, s.live.idx.Mapping(), search.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, nil, err
	}
	defer sr.Close()
	t := v.newTally(Request{}, true)
	f := &filterSearcher{Searcher: sr, t: t}
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(f.DocumentMatchPoolSize(), 0)}
	for {
		dm, err := f.Next(sctx)
		if err != nil {
			return nil, nil, err
		}
		if dm == nil {
			break
		}
		sctx.DocumentMatchPool.Put(dm)
	}
	tf := tfParties
	if facet == FacetPeople {
		tf = tfPeople
	}
	return v.terms[tf], t.termN[tf], nil
}

// dictCounts reads facet's values and document counts from Bleve's term
// dictionary.
func (s *Searcher) dictCounts(facet string) ([]string, []int, error) {
	dict, err := s.live.idx.FieldDict(facetField(facet))
	if err != nil {
		return nil, nil, err
	}
	defer dict.Close()
	var names []string
	var counts []int
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, nil, err
		}
		if e == nil {
			return names, counts, nil
		}
		names, counts = append(names, e.Term), append(counts, int(e.Count))
	}
}

// namesMatch reports whether any name of v, or any word of a name, starts with
// the folded prefix, so "gandhi" and "गांधी" both find राहुल गांधी.
func (s *Searcher) namesMatch(facet string, v FacetValue, want string) bool {
	if want == "" {
		return true
	}
	names := []string{v.Value, v.Label, v.LabelHi}
	switch facet {
	case FacetPeople:
		if p, ok := s.gaz.Person(v.Value); ok {
			names = append(names, p.Aliases...)
		}
	case FacetParties:
		if p, ok := s.gaz.Party(v.Value); ok {
			names = append(names, p.AliasesEn...)
			names = append(names, p.AliasesHi...)
		}
	}
	for _, n := range names {
		n = foldName(n)
		if strings.HasPrefix(n, want) {
			return true
		}
		for _, w := range strings.Fields(n) {
			if strings.HasPrefix(w, want) {
				return true
			}
		}
	}
	return false
}

// foldName puts a name in the form prefixes are compared in: lowercase,
// Devanagari spelling variants folded.
func foldName(s string) string {
	return strings.ToLower(analyzers.FoldDevanagari(strings.TrimSpace(s)))
}
