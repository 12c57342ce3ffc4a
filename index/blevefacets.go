package index

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// filterGroups are a request's filters by the facet they belong to; groups
// are AND-ed, values inside one are OR-ed.
type filterGroups map[string]query.Query

func (g filterGroups) without(text query.Query, skip string) query.Query {
	qs := []query.Query{text}
	for _, name := range append(listedFacets(), FacetDates) {
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

// computeFacets counts every facet for the request. The main search already
// counted the facets whose own filter is absent (passed in main); the others
// need a search each without their filter.
func (s *Searcher) computeFacets(ctx context.Context, text query.Query, groups filterGroups, main *bleve.SearchResult, r Request) (*Facets, error) {
	f := &Facets{}
	selected := map[string][]string{FacetLang: r.Langs}
	for tf := range numTermFacets {
		selected[tf.name()] = tf.selected(r)
	}
	for _, name := range listedFacets() {
		res := main
		if _, filtered := groups[name]; filtered {
			req := bleve.NewSearchRequestOptions(groups.without(text, name), 0, 0, false)
			req.AddFacet(name, bleve.NewFacetRequest(facetField(name), facetSize(name, r)+1))
			var err error
			if res, err = s.live.idx.SearchInContext(ctx, req); err != nil {
				return nil, fmt.Errorf("facet %s: %w", name, err)
			}
		}
		var terms []*search.TermFacet
		if fr := res.Facets[name]; fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				if t.Term != "" && len(terms) < facetSize(name, r) {
					terms = append(terms, t)
				}
			}
		}
		vals := s.termValues(name, terms, selected[name])
		if name == FacetLang {
			f.Lang = vals
		}
		for tf := range numTermFacets {
			if tf.name() == name {
				tf.set(f, vals)
			}
		}
	}
	var years *search.FacetResult
	if _, filtered := groups[FacetDates]; !filtered {
		years = main.Facets[FacetDates]
	}
	dateGroups := groups.without(text, FacetDates)
	if r.DatesWithin {
		dateGroups, years = groups.without(text, ""), nil
	}
	if err := s.dateFacet(ctx, dateGroups, years, f); err != nil {
		return nil, err
	}
	return f, nil
}

// listedFacets are the facets that list values: the terms facets and lang.
func listedFacets() []string {
	out := make([]string, 0, numTermFacets+1)
	for tf := range numTermFacets {
		out = append(out, tf.name())
	}
	return append(out, FacetLang)
}

// facetSize is how many values facet name lists for r.
func facetSize(name string, r Request) int {
	if name == FacetLang {
		return 3
	}
	return r.facetSize()
}

// mainFacets are the facet requests that can ride on the main search: those
// without a filter of their own.
func (s *Searcher) mainFacets(req *bleve.SearchRequest, groups filterGroups, r Request) {
	for _, name := range listedFacets() {
		if _, filtered := groups[name]; !filtered {
			// One more: the empty term, of records without the field, is not listed.
			req.AddFacet(name, bleve.NewFacetRequest(facetField(name), facetSize(name, r)+1))
		}
	}
	if _, filtered := groups[FacetDates]; !filtered {
		req.AddFacet(FacetDates, yearFacet())
	}
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
	if first, last := time.Date(lo, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(hi, 1, 1, 0, 0, 0, 0, time.UTC); dateInterval(first, last) == intervalYear {
		f.interval, f.Dates = intervalYear, dateBuckets(intervalYear, first, last)
		for i := range f.Dates {
			f.Dates[i].Count = counts[f.Dates[i].Label]
		}
		return nil
	}
	return s.fineDates(ctx, q, lo, hi, f)
}

// fineDates fills a histogram whose matches lie within the years lo..hi, at
// most two years apart: it counts months, and then days when dateInterval
// says so for the first and last month with a match.
func (s *Searcher) fineDates(ctx context.Context, q query.Query, lo, hi int, f *Facets) error {
	months, err := s.countBuckets(ctx, q, dateBuckets(intervalMonth, time.Date(lo, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(hi, 12, 31, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		return err
	}
	months = trim(months)
	first, _ := time.Parse(time.DateOnly, months[0].From)
	lastMonth, _ := time.Parse(time.DateOnly, months[len(months)-1].From)
	if dateInterval(first, lastMonth) == intervalDay {
		last, _ := time.Parse(time.DateOnly, months[len(months)-1].To)
		days, err := s.countBuckets(ctx, q, dateBuckets(intervalDay, first, last))
		if err != nil {
			return err
		}
		f.interval, f.Dates = intervalDay, trim(days)
		return nil
	}
	f.interval, f.Dates = intervalMonth, months
	return nil
}

// exactDateFacet is the fallback for dates outside the first pass's years:
// it finds the span with two sorted searches and counts the buckets for it.
func (s *Searcher) exactDateFacet(ctx context.Context, q query.Query, f *Facets) error {
	lo, hi, ok, err := s.dateSpan(ctx, q)
	if err != nil || !ok {
		return err
	}
	if dateInterval(lo, hi) == intervalYear {
		f.interval = intervalYear
		f.Dates, err = s.countBuckets(ctx, q, dateBuckets(intervalYear, lo, hi))
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
	res, err := s.live.idx.SearchInContext(ctx, req)
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

// dateSpan returns the earliest and latest published date among the matches.
func (s *Searcher) dateSpan(ctx context.Context, q query.Query) (lo, hi time.Time, ok bool, err error) {
	for i, order := range []string{FieldDate, "-" + FieldDate} {
		req := bleve.NewSearchRequestOptions(q, 1, 0, false)
		req.SortBy([]string{order})
		req.Fields = []string{FieldDate}
		res, err := s.live.idx.SearchInContext(ctx, req)
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

// filters returns the request's filters by facet.
func filters(r Request) filterGroups {
	g := filterGroups{}
	if len(r.Langs) > 0 {
		g[FacetLang] = anyTerm(FieldLang, r.Langs)
	}
	for tf := range numTermFacets {
		if vals := tf.selected(r); len(vals) > 0 {
			g[tf.name()] = anyTerm(tf.field(), vals)
		}
	}
	if !r.From.IsZero() || !r.To.IsZero() {
		var start, end time.Time
		t := true
		if !r.From.IsZero() {
			start = r.From
		}
		if !r.To.IsZero() {
			end = r.To.AddDate(0, 0, 1) // inclusive calendar day
		}
		f := false
		d := bleve.NewDateRangeInclusiveQuery(start, end, &t, &f)
		d.SetField(FieldDate)
		d.SetBoost(0) // filters do not score
		g[FacetDates] = d
	}
	return g
}
