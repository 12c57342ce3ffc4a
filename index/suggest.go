package index

import (
	"fmt"
	"slices"
	"strings"

	"github.com/newsearch/bilingual/analyzers"
)

// SuggestLimit is how many values a facet type-ahead returns at most.
const SuggestLimit = 20

// Suggest lists the values of the people or parties facet whose name in
// either script, or id, starts with prefix, most frequent first, with the
// number of documents naming each.
func (s *Searcher) Suggest(facet, prefix string) ([]FacetValue, error) {
	field := facetField(facet)
	if facet != FacetPeople && facet != FacetParties {
		return nil, fmt.Errorf("no facet %q: want people or parties", facet)
	}
	want := foldName(prefix)
	dict, err := s.idx.FieldDict(field)
	if err != nil {
		return nil, fmt.Errorf("facet %s: %w", facet, err)
	}
	defer dict.Close()
	out := []FacetValue{}
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("facet %s: %w", facet, err)
		}
		if e == nil {
			break
		}
		v := FacetValue{Value: e.Term, Count: int(e.Count)}
		v.Label, v.LabelHi = s.label(facet, e.Term)
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
