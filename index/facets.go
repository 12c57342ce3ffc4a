package index

import (
	"encoding/json"
	"slices"

	"github.com/blevesearch/bleve/v2/search"

	"github.com/newsearch/bilingual/entities"
)

// Facet names as the API returns them.
const (
	FacetPeople  = "people"
	FacetParties = "parties"
	FacetLang    = "lang"
	FacetDates   = "dates"
)

// FacetSize is how many values the people and parties facets list.
const FacetSize = 20

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
	Lang    []FacetValue `json:"lang"`
	Dates   []DateBucket `json:"dates"`

	undated  int    // matching documents without a published date
	interval string // the histogram's bucket size
}

// facetField maps a terms facet to its index field.
func facetField(name string) string {
	switch name {
	case FacetPeople:
		return FieldPeople
	case FacetParties:
		return FieldParties
	}
	return FieldLang
}

// termValues labels a terms facet's top values and marks the selected ones.
func (s *Searcher) termValues(name string, terms []*search.TermFacet, selected []string) []FacetValue {
	out := []FacetValue{}
	seen := map[string]bool{}
	for _, t := range terms {
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
		if raw, err := s.live.idx.GetInternal(personKey(value)); err == nil && raw != nil {
			var p entities.Person
			if json.Unmarshal(raw, &p) == nil {
				return p.NameEn, p.NameHi
			}
		}
	case FacetParties:
		if p, ok := s.gaz.Party(value); ok {
			return p.NameEn, p.NameHi
		}
	}
	return "", ""
}
