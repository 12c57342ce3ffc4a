package index

import (
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/search"
)

// colFilter is a request's filters in column terms, as sets indexed by
// ordinal (array lookups: a match is checked against every filter); a nil
// set means no filter.
type colFilter struct {
	people, parties []bool
	langs           []bool // by lang column value
	dated           bool   // a date filter is set
	from, to        int32
}

// filter puts r's filters in the terms of the view's ordinals.
func (v *view) filter(r Request) colFilter {
	set := func(vals []string, names []string, offset int) []bool {
		if len(vals) == 0 {
			return nil
		}
		m := make([]bool, len(names)+offset) // all false: the filter matches nothing
		for _, val := range vals {
			if i := slices.Index(names, val); i >= 0 {
				m[i+offset] = true
			}
		}
		return m
	}
	f := colFilter{people: set(r.People, v.people, 0), parties: set(r.Parties, v.parties, 0),
		langs: set(r.Langs, v.langs, 1)}
	if !r.From.IsZero() || !r.To.IsZero() {
		f.dated, f.from, f.to = true, -1<<31+1, 1<<31-1
		if !r.From.IsZero() {
			f.from = int32(r.From.Unix() / 86400)
		}
		if !r.To.IsZero() {
			f.to = int32(r.To.Unix() / 86400)
		}
	}
	return f
}

// anyOf reports whether one of vals is in set, or set is nil.
func anyOf(vals []uint32, set []bool) bool {
	if set == nil {
		return true
	}
	for _, v := range vals {
		if int(v) < len(set) && set[v] {
			return true
		}
	}
	return false
}

// tally counts the facet values of a query's matches in the columns, each
// facet without its own filter, and tells which matches pass every filter.
type tally struct {
	v                      *view
	seg                    int // the segment the last match was in
	f                      colFilter
	count                  bool // false: only filter
	peopleN, partyN, langN []int
	days                   []int // by day - v.minDay
	undated                int
}

// newTally starts a tally of r's matches; without count it only filters.
func (v *view) newTally(r Request, count bool) *tally {
	t := &tally{v: v, f: v.filter(r), count: count}
	if count {
		t.peopleN = make([]int, len(v.people))
		t.partyN = make([]int, len(v.parties))
		t.langN = make([]int, len(v.langs)+1)
		if v.minDay <= v.maxDay {
			t.days = make([]int, v.maxDay-v.minDay+1)
		}
	}
	return t
}

// add counts the facet values of document n of the snapshot and reports
// whether it passes every filter.
func (t *tally) add(num uint64) bool {
	// Matches come in increasing order: look from the last match's segment on.
	v := t.v
	if t.seg >= len(v.offsets) || num < v.offsets[t.seg] {
		t.seg = 0
	}
	for t.seg+1 < len(v.offsets) && num >= v.offsets[t.seg+1] {
		t.seg++
	}
	c, f, n := v.segs[t.seg], t.f, int(num-v.offsets[t.seg])
	if n >= len(c.lang) {
		return false // not in the snapshot: cannot happen
	}
	ppl := c.peopleVals[c.peopleOff[n]:c.peopleOff[n+1]]
	pts := c.partyVals[c.partyOff[n]:c.partyOff[n+1]]
	day := c.day[n]
	inPeople, inParties := anyOf(ppl, f.people), anyOf(pts, f.parties)
	inLang := f.langs == nil || int(c.lang[n]) < len(f.langs) && f.langs[c.lang[n]]
	inDate := !f.dated || (day != undatedDay && day >= f.from && day <= f.to)
	if !t.count {
		return inPeople && inParties && inLang && inDate
	}
	if inParties && inLang && inDate {
		for _, p := range ppl {
			t.peopleN[p]++
		}
	}
	if inPeople && inLang && inDate {
		for _, p := range pts {
			t.partyN[p]++
		}
	}
	if inPeople && inParties && inDate {
		t.langN[c.lang[n]]++
	}
	if inPeople && inParties && inLang {
		if day == undatedDay {
			t.undated++
		} else {
			t.days[day-t.v.minDay]++
		}
	}
	return inPeople && inParties && inLang && inDate
}

// facets returns what the tally counted, labelled for r.
func (t *tally) facets(s *Searcher, r Request) *Facets {
	v := t.v
	out := &Facets{
		People:  s.termValues(FacetPeople, topTerms(v.people, t.peopleN, FacetSize), r.People),
		Parties: s.termValues(FacetParties, topTerms(v.parties, t.partyN, FacetSize), r.Parties),
		Lang:    s.termValues(FacetLang, topTerms(v.langs, t.langN[1:], 3), r.Langs),
		undated: t.undated,
	}
	out.interval, out.Dates = dayHistogram(t.days, v.minDay)
	return out
}

// merge adds the counts of o, a tally of another part of the same view.
func (t *tally) merge(o *tally) {
	for _, pair := range [][2][]int{{t.peopleN, o.peopleN}, {t.partyN, o.partyN}, {t.langN, o.langN}, {t.days, o.days}} {
		for i, k := range pair[1] {
			pair[0][i] += k
		}
	}
	t.undated += o.undated
}

// topTerms orders values by count, then by value, as Bleve's terms facet
// does, and keeps the first n with a count.
func topTerms(names []string, counts []int, n int) []*search.TermFacet {
	var out []*search.TermFacet
	for i, k := range counts {
		if k > 0 {
			out = append(out, &search.TermFacet{Term: names[i], Count: k})
		}
	}
	slices.SortFunc(out, func(a, b *search.TermFacet) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Term, b.Term)
	})
	return out[:min(n, len(out))]
}
