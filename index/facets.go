package index

import (
	"slices"

	"github.com/blevesearch/bleve/v2/search"
)

// Facet names as the API returns them.
const (
	FacetPeople  = "people"
	FacetParties = "parties"
	FacetSources = "sources"
	FacetPlaces  = "places"
	FacetLang    = "lang"
	FacetDates   = "dates"
)

// FacetSize is how many values each terms facet (people, parties, sources,
// places) lists unless a request asks for another number, up to MaxFacetSize.
const (
	FacetSize    = 20
	MaxFacetSize = 500
)

// termFacet is one of the multi-valued keyword facets: counted alike,
// filtered alike (values OR-ed), and each counted without its own filter.
type termFacet int

// The terms facets, in the order the API lists them.
const (
	tfPeople termFacet = iota
	tfParties
	tfSources
	tfPlaces
	numTermFacets
)

// name is the facet's name in the API.
func (f termFacet) name() string {
	return [...]string{FacetPeople, FacetParties, FacetSources, FacetPlaces}[f]
}

// field is the index field the facet counts.
func (f termFacet) field() string {
	return [...]string{FieldPeople, FieldParties, FieldSource, FieldPlaces}[f]
}

// selected returns r's filter on the facet.
func (f termFacet) selected(r Request) []string {
	return [...][]string{r.People, r.Parties, r.Sources, r.Places}[f]
}

// set stores the facet's values in out.
func (f termFacet) set(out *Facets, vals []FacetValue) {
	*[...]*[]FacetValue{&out.People, &out.Parties, &out.Sources, &out.Places}[f] = vals
}

// facetSize is how many values r asks each terms facet for.
func (r Request) facetSize() int {
	if r.FacetSize <= 0 {
		return FacetSize
	}
	return min(r.FacetSize, MaxFacetSize)
}

// FacetValue is one value of a terms facet with its exact count.
type FacetValue struct {
	Value    string `json:"value"`
	Label    string `json:"label,omitempty"`
	LabelHi  string `json:"label_hi,omitempty"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

// DateBucket is one bar of the dates histogram; From and To are inclusive days.
type DateBucket struct {
	Label string `json:"label"`
	From  string `json:"from"`
	To    string `json:"to"`
	Count int    `json:"count"`
}

// Facets are the counts beside a result list. Each facet is counted without
// its own filter (disjunctive faceting) so a user can widen a selection.
type Facets struct {
	People  []FacetValue `json:"people"`
	Parties []FacetValue `json:"parties"`
	Sources []FacetValue `json:"sources"`
	Places  []FacetValue `json:"places"`
	Lang    []FacetValue `json:"lang"`
	Dates   []DateBucket `json:"dates"`

	undated  int    // matching documents without a published date
	interval string // the histogram's bucket size
}

// facetField maps a facet's name to its index field.
func facetField(name string) string {
	for f := range numTermFacets {
		if f.name() == name {
			return f.field()
		}
	}
	return FieldLang
}

// termValues labels a terms facet's top values and marks the selected ones.
func (s *Searcher) termValues(name string, terms []*search.TermFacet, selected []string) []FacetValue {
	out := []FacetValue{}
	seen := map[string]bool{}
	for _, t := range terms {
		if t.Term == "" {
			continue // Bleve indexes an empty field (a record without a source) as the empty term
		}
		v := FacetValue{Value: t.Term, Count: t.Count, Selected: slices.Contains(selected, t.Term)}
		v.Label, v.LabelHi = s.label(name, t.Term)
		out = append(out, v)
		seen[t.Term] = true
	}
	// A selected value outside the top list stays visible so it can be unticked.
	for _, v := range selected {
		if !seen[v] {
			fv := FacetValue{Value: v, Selected: true}
			fv.Label, fv.LabelHi = s.label(name, v)
			out = append(out, fv)
			seen[v] = true
		}
	}
	return out
}

// label returns the English and Hindi names of a facet value.
func (s *Searcher) label(facet, value string) (string, string) {
	switch facet {
	case FacetPeople:
		if p, ok := s.gaz.Person(value); ok {
			return p.NameEn, p.NameHi
		}
		if p, ok := s.labels.person(s.live.idx, value); ok {
			return p.NameEn, p.NameHi
		}
	case FacetParties:
		if p, ok := s.gaz.Party(value); ok {
			return p.NameEn, p.NameHi
		}
	case FacetPlaces:
		if p, ok := s.gaz.Place(value); ok {
			return p.NameEn, p.NameHi
		}
	case FacetSources:
		return value, "" // an outlet is named as the records name it
	}
	return "", ""
}
