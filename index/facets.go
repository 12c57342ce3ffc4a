package index

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsearch/bilingual/analyzers"
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

// filterGroups are a request's filters by the facet they belong to; groups
// are AND-ed, values inside one are OR-ed.
type filterGroups map[string]query.Query

func (g filterGroups) without(text query.Query, skip string) query.Query {
	qs := []query.Query{text}
	for _, name := range []string{FacetPeople, FacetParties, FacetLang, FacetDates} {
		if q, ok := g[name]; ok && name != skip {
			qs = append(qs, q)
		}
	}
	if len(qs) == 1 {
		return text
	}
	return bleve.NewConjunctionQuery(qs...)
}

// anyTerm matches documents with any of values in field. Filters do not
// score (boost 0): a hit ranks the same with a filter as without, as it does
// when the facet columns filter.
func anyTerm(field string, values []string) query.Query {
	var qs []query.Query
	for _, v := range values {
		t := bleve.NewTermQuery(v)
		t.SetField(field)
		t.SetBoost(0)
		qs = append(qs, t)
	}
	return bleve.NewDisjunctionQuery(qs...)
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

// computeFacets counts every facet for the request. The main search already
// counted the facets whose own filter is absent (passed in main); the others
// need a search each without their filter.
func (s *Searcher) computeFacets(ctx context.Context, text query.Query, groups filterGroups, main *bleve.SearchResult, r Request) (*Facets, error) {
	f := &Facets{}
	selected := map[string][]string{FacetPeople: r.People, FacetParties: r.Parties, FacetLang: r.Langs}
	for _, name := range []string{FacetPeople, FacetParties, FacetLang} {
		res := main
		if _, filtered := groups[name]; filtered {
			req := bleve.NewSearchRequestOptions(groups.without(text, name), 0, 0, false)
			req.AddFacet(name, bleve.NewFacetRequest(facetField(name), s.facetSize(name)))
			var err error
			if res, err = s.idx.SearchInContext(ctx, req); err != nil {
				return nil, fmt.Errorf("facet %s: %w", name, err)
			}
		}
		var terms []*search.TermFacet
		if fr := res.Facets[name]; fr != nil && fr.Terms != nil {
			terms = fr.Terms.Terms()
		}
		vals := s.termValues(name, terms, selected[name])
		switch name {
		case FacetPeople:
			f.People = vals
		case FacetParties:
			f.Parties = vals
		case FacetLang:
			f.Lang = vals
		}
	}
	var years *search.FacetResult
	if _, filtered := groups[FacetDates]; !filtered {
		years = main.Facets[FacetDates]
	}
	if err := s.dateFacet(ctx, groups.without(text, FacetDates), years, f); err != nil {
		return nil, err
	}
	return f, nil
}

func (s *Searcher) facetSize(name string) int {
	if name == FacetLang {
		return 3
	}
	return FacetSize
}

// mainFacets are the facet requests that can ride on the main search: those
// without a filter of their own.
func (s *Searcher) mainFacets(req *bleve.SearchRequest, groups filterGroups) {
	for _, name := range []string{FacetPeople, FacetParties, FacetLang} {
		if _, filtered := groups[name]; !filtered {
			req.AddFacet(name, bleve.NewFacetRequest(facetField(name), s.facetSize(name)))
		}
	}
	if _, filtered := groups[FacetDates]; !filtered {
		req.AddFacet(FacetDates, yearFacet())
	}
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

// The first pass of the dates histogram counts by year over these years, with
// one open bucket on either side; it rides on the main search when it can.
const (
	histFirstYear = 2000
	histLastYear  = 2030
	beforeBucket  = "before"
	afterBucket   = "after"
)

// yearFacet is the first pass: counts per year, and undated documents as missing.
func yearFacet() *bleve.FacetRequest {
	fr := bleve.NewFacetRequest(FieldDate, histLastYear-histFirstYear+3)
	first := time.Date(histFirstYear, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(histLastYear+1, 1, 1, 0, 0, 0, 0, time.UTC)
	fr.AddDateTimeRange(beforeBucket, time.Time{}, first)
	for y := histFirstYear; y <= histLastYear; y++ {
		fr.AddDateTimeRange(fmt.Sprint(y), time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC))
	}
	fr.AddDateTimeRange(afterBucket, last, time.Time{})
	return fr
}

// dateFacet fills the histogram. Year counts (from years, the main search's,
// or a search of its own) give the span of the matching dated documents;
// when it is under about two years, finer passes count months, then days.
func (s *Searcher) dateFacet(ctx context.Context, q query.Query, years *search.FacetResult, f *Facets) error {
	f.Dates = []DateBucket{}
	if years == nil {
		res, err := s.facetSearch(ctx, q, yearFacet())
		if err != nil {
			return err
		}
		years = res
	}
	f.undated = years.Missing
	counts := map[string]int{}
	for _, d := range years.DateRanges {
		counts[d.Name] = d.Count
	}
	if counts[beforeBucket] > 0 || counts[afterBucket] > 0 {
		return s.exactDateFacet(ctx, q, f)
	}
	lo, hi := 0, 0
	for y := histFirstYear; y <= histLastYear; y++ {
		if counts[fmt.Sprint(y)] > 0 {
			if lo == 0 {
				lo = y
			}
			hi = y
		}
	}
	if lo == 0 {
		return nil // nothing matching is dated
	}
	if hi-lo >= 2 {
		f.interval, f.Dates = "year", yearBuckets(lo, hi)
		for i := range f.Dates {
			f.Dates[i].Count = counts[f.Dates[i].Label]
		}
		return nil
	}
	return s.fineDates(ctx, q, lo, hi, f)
}

// fineDates fills a histogram whose matches lie within the years lo..hi, at
// most two years apart: months, or days when the months are at most two.
func (s *Searcher) fineDates(ctx context.Context, q query.Query, lo, hi int, f *Facets) error {
	months, err := s.countBuckets(ctx, q, monthBuckets(time.Date(lo, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(hi, 12, 31, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		return err
	}
	months = trim(months)
	if len(months) <= 2 {
		first, _ := time.Parse(time.DateOnly, months[0].From)
		last, _ := time.Parse(time.DateOnly, months[len(months)-1].To)
		days, err := s.countBuckets(ctx, q, dayBuckets(first, last))
		if err != nil {
			return err
		}
		f.interval, f.Dates = "day", trim(days)
		return nil
	}
	f.interval, f.Dates = "month", months
	return nil
}

// exactDateFacet is the fallback for dates outside the first pass's years:
// it finds the span with two sorted searches and counts the buckets for it.
func (s *Searcher) exactDateFacet(ctx context.Context, q query.Query, f *Facets) error {
	lo, hi, ok, err := s.dateSpan(ctx, q)
	if err != nil || !ok {
		return err
	}
	if hi.Year()-lo.Year() >= 2 {
		f.interval = "year"
		f.Dates, err = s.countBuckets(ctx, q, yearBuckets(lo.Year(), hi.Year()))
		return err
	}
	return s.fineDates(ctx, q, lo.Year(), hi.Year(), f)
}

// countBuckets counts the documents matching q in each bucket.
func (s *Searcher) countBuckets(ctx context.Context, q query.Query, buckets []DateBucket) ([]DateBucket, error) {
	fr := bleve.NewFacetRequest(FieldDate, len(buckets))
	for _, b := range buckets {
		from, _ := time.Parse(time.DateOnly, b.From)
		to, _ := time.Parse(time.DateOnly, b.To)
		fr.AddDateTimeRange(b.From, from, to.AddDate(0, 0, 1))
	}
	res, err := s.facetSearch(ctx, q, fr)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, d := range res.DateRanges {
		counts[d.Name] = d.Count
	}
	out := make([]DateBucket, len(buckets))
	for i, b := range buckets {
		b.Count = counts[b.From]
		out[i] = b
	}
	return out, nil
}

// facetSearch runs q for one dates facet only.
func (s *Searcher) facetSearch(ctx context.Context, q query.Query, fr *bleve.FacetRequest) (*search.FacetResult, error) {
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.AddFacet(FacetDates, fr)
	res, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("dates facet: %w", err)
	}
	if r := res.Facets[FacetDates]; r != nil {
		return r, nil
	}
	return &search.FacetResult{}, nil
}

// trim drops empty buckets at both ends, keeping at least one.
func trim(bs []DateBucket) []DateBucket {
	for len(bs) > 1 && bs[0].Count == 0 {
		bs = bs[1:]
	}
	for len(bs) > 1 && bs[len(bs)-1].Count == 0 {
		bs = bs[:len(bs)-1]
	}
	return bs
}

// yearBuckets returns empty buckets for the years lo..hi. The bucket size
// follows the span of the matches: years when they span more than two
// calendar years, months within that, days when within two months.
func yearBuckets(lo, hi int) []DateBucket {
	var out []DateBucket
	for y := lo; y <= hi; y++ {
		from := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		out = append(out, bucket(fmt.Sprint(y), from, from.AddDate(1, 0, -1)))
	}
	return out
}

func monthBuckets(lo, hi time.Time) []DateBucket {
	var out []DateBucket
	for m := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(hi); m = m.AddDate(0, 1, 0) {
		out = append(out, bucket(m.Format("2006-01"), m, m.AddDate(0, 1, -1)))
	}
	return out
}

func dayBuckets(lo, hi time.Time) []DateBucket {
	var out []DateBucket
	for d := lo; !d.After(hi); d = d.AddDate(0, 0, 1) {
		out = append(out, bucket(d.Format(time.DateOnly), d, d))
	}
	return out
}

func bucket(label string, from, to time.Time) DateBucket {
	return DateBucket{Label: label, From: from.Format(time.DateOnly), To: to.Format(time.DateOnly)}
}

// label returns the English and Hindi names of a facet value.
func (s *Searcher) label(facet, value string) (string, string) {
	switch facet {
	case FacetPeople:
		if p, ok := s.gaz.Person(value); ok {
			return p.NameEn, p.NameHi
		}
		if raw, err := s.idx.GetInternal(personKey(value)); err == nil && raw != nil {
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

// dateSpan returns the earliest and latest published date among the matches.
func (s *Searcher) dateSpan(ctx context.Context, q query.Query) (lo, hi time.Time, ok bool, err error) {
	for i, order := range []string{FieldDate, "-" + FieldDate} {
		req := bleve.NewSearchRequestOptions(q, 1, 0, false)
		req.SortBy([]string{order})
		req.Fields = []string{FieldDate}
		res, err := s.idx.SearchInContext(ctx, req)
		if err != nil {
			return lo, hi, false, fmt.Errorf("date span: %w", err)
		}
		if len(res.Hits) == 0 {
			return lo, hi, false, nil
		}
		v, _ := res.Hits[0].Fields[FieldDate].(string)
		t, perr := time.Parse(time.RFC3339, v)
		if perr != nil {
			return lo, hi, false, nil // the first in date order is undated: nothing is dated
		}
		if i == 0 {
			lo = t
		} else {
			hi = t
		}
	}
	return lo, hi, true, nil
}
