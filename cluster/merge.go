package cluster

import (
	"cmp"
	"slices"

	"github.com/newsearch/bilingual/index"
)

// merge adds up the shards' answers to r into the answer one index holding
// all their documents would give:
//
//   - Relaxing: every reply is at the level the union relaxes to (see
//     neededLevel; Querier.Search asks again those that went further).
//   - Total, undated and every facet count are sums of complete per-shard
//     counts: each shard lists every value it has up to index.MaxFacetSize,
//     so a value's sum is exact unless some shard has more values than that
//     for the facet; the merged list keeps facet_size values, by count then
//     value, as one index orders them.
//   - The dates histogram is re-bucketed by index.MergeDateHistograms.
//   - Hits: each shard's first offset+size, ordered as one index orders
//     them (score; or date, then id), then cut to r's page. Scores are each
//     shard's TF-IDF over its own documents; cluster-test measures how far
//     that moves the top 10 from one index's.
func merge(r index.Request, replies []*index.Response) *index.Response {
	out := &index.Response{Query: replies[0].Query, Hits: []index.Hit{}, FacetMeta: replies[0].FacetMeta}
	for _, res := range replies {
		if res.Total > 0 { // the level's own words, not a shard's that relaxed past it
			out.Query = res.Query
			break
		}
	}
	var dates [][]index.DateBucket
	terms := make([][]index.FacetValue, 5)
	out.FacetMeta.Undated = 0
	for _, res := range replies {
		out.Total += res.Total
		out.Hits = append(out.Hits, res.Hits...)
		out.FacetMeta.Undated += res.FacetMeta.Undated
		out.FacetMeta.Approximate = out.FacetMeta.Approximate || res.FacetMeta.Approximate
		if f := res.Facets; f != nil {
			for i, l := range [][]index.FacetValue{f.People, f.Parties, f.Sources, f.Places, f.Lang} {
				terms[i] = append(terms[i], l...)
			}
			dates = append(dates, f.Dates)
		}
	}
	if replies[0].Facets != nil {
		size := r.FacetSize
		if size <= 0 {
			size = index.FacetSize
		}
		size = min(size, index.MaxFacetSize)
		f := &index.Facets{
			People:  sumValues(terms[0], size),
			Parties: sumValues(terms[1], size),
			Sources: sumValues(terms[2], size),
			Places:  sumValues(terms[3], size),
			Lang:    sumValues(terms[4], 3),
		}
		out.FacetMeta.DateInterval, f.Dates = index.MergeDateHistograms(dates...)
		out.Facets = f
	}
	sortHits(out.Hits, r.Sort)
	lo := min(r.Offset, len(out.Hits))
	hi := min(lo+max(r.Size, 0), len(out.Hits))
	if r.CountOnly {
		hi = lo
	}
	out.Hits = out.Hits[lo:hi]
	return out
}

// sumValues adds up one terms facet's per-shard lists and keeps the first
// n by count, then value; a selected value outside them stays listed after
// them, as one index lists it (with its count, or 0 when nothing has it, so
// it can be unticked). Selected is true for a value any shard marked so.
func sumValues(all []index.FacetValue, n int) []index.FacetValue {
	byValue := map[string]*index.FacetValue{}
	var order []string
	for _, v := range all {
		if have, ok := byValue[v.Value]; ok {
			have.Count += v.Count
			have.Selected = have.Selected || v.Selected
			continue
		}
		c := v
		byValue[v.Value] = &c
		order = append(order, v.Value)
	}
	var counted []index.FacetValue
	for _, k := range order {
		if v := byValue[k]; v.Count > 0 {
			counted = append(counted, *v)
		}
	}
	slices.SortFunc(counted, func(a, b index.FacetValue) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return cmp.Compare(a.Value, b.Value)
	})
	out := counted[:min(n, len(counted)):min(n, len(counted))]
	listed := map[string]bool{}
	for _, v := range out {
		listed[v.Value] = true
	}
	for _, v := range counted[len(out):] {
		if v.Selected {
			out = append(out, v)
			listed[v.Value] = true
		}
	}
	for _, k := range order {
		if v := byValue[k]; v.Selected && !listed[k] {
			out = append(out, index.FacetValue{Value: v.Value, Label: v.Label, LabelHi: v.LabelHi, Selected: true})
			listed[k] = true
		}
	}
	if out == nil {
		out = []index.FacetValue{}
	}
	return out
}

// sortHits orders merged hits as one index would: by score, or by date
// (undated last) then id.
func sortHits(hits []index.Hit, sort string) {
	byID := func(a, b index.Hit) int { return cmp.Compare(a.ID, b.ID) }
	switch sort {
	case index.SortDate, index.SortDateDesc:
		desc := sort == index.SortDateDesc
		slices.SortStableFunc(hits, func(a, b index.Hit) int {
			switch {
			case a.Date == b.Date:
				return byID(a, b)
			case a.Date == "":
				return 1
			case b.Date == "":
				return -1
			case desc:
				return cmp.Compare(b.Date, a.Date)
			}
			return cmp.Compare(a.Date, b.Date)
		})
	default:
		slices.SortStableFunc(hits, func(a, b index.Hit) int {
			if a.Score != b.Score {
				return cmp.Compare(b.Score, a.Score)
			}
			return byID(a, b)
		})
	}
}

// neededLevel is how many concepts the union of the shards' documents
// needs: a shard relaxes only when it has no match, so the most any shard
// with matches needed (0 when none has any: they all relaxed as far as the
// rule goes, and so would the union).
func neededLevel(replies []*index.Response) int {
	need := 0
	for _, res := range replies {
		if res.Total > 0 {
			need = max(need, res.Query.Matching.Required)
		}
	}
	return need
}
