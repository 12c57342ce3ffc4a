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
	terms    [numTermFacets][]bool
	langs    []bool // by lang column value
	dated    bool   // a date filter is set
	from, to int32
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
	f := colFilter{langs: set(r.Langs, v.langs, 1)}
	for tf := range numTermFacets {
		f.terms[tf] = set(tf.selected(r), v.terms[tf], 0)
	}
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

// The facets a match can fail the filter of, as tally.add numbers them: the
// terms facets, then these.
const (
	slotLang = int(numTermFacets) + iota
	slotDate
)

// tally counts the facet values of a query's matches in the columns, each
// facet without its own filter, and tells which matches pass every filter.
type tally struct {
	v       *view
	seg     int // the segment the last match was in
	f       colFilter
	count   bool // false: only filter
	within  bool // the dates histogram counts within the date filter
	termN   [numTermFacets][]int
	langN   []int
	days    []int // by day - v.minDay
	undated int
	// matched, when set, marks the documents that pass every filter, a
	// bit each by number, for counting each shown hit's copies.
	matched []uint64
}

// newTally starts a tally of r's matches; without count it only filters.
func (v *view) newTally(r Request, count bool) *tally {
	t := &tally{v: v, f: v.filter(r), count: count, within: r.DatesWithin}
	if count {
		for tf := range t.termN {
			t.termN[tf] = make([]int, len(v.terms[tf]))
		}
		t.langN = make([]int, len(v.langs)+1)
		if v.minDay <= v.maxDay {
			t.days = make([]int, v.maxDay-v.minDay+1)
		}
	}
	return t
}

// add counts the facet values of document n of the snapshot and reports
// whether it passes every filter. A facet is counted when the document
// passes every filter but its own: when none fails, or only its own does.
func (t *tally) add(num uint64) bool {
	// Matches come in increasing order: look from the last match's segment on.
	v := t.v
	if t.seg >= len(v.offsets) || num < v.offsets[t.seg] {
		t.seg = 0
	}
	for t.seg+1 < len(v.offsets) && num >= v.offsets[t.seg+1] {
		t.seg++
	}
	c, f, n := v.segs[t.seg], &t.f, int(num-v.offsets[t.seg])
	if n >= len(c.lang) {
		return false // not in the snapshot: cannot happen
	}
	var vals [numTermFacets][]uint32
	fails, failed := 0, -1
	for tf := range vals {
		vals[tf] = c.terms[tf].at(n)
		if !anyOf(vals[tf], f.terms[tf]) {
			fails, failed = fails+1, int(tf)
		}
	}
	day := c.day[n]
	if f.langs != nil && !(int(c.lang[n]) < len(f.langs) && f.langs[c.lang[n]]) {
		fails, failed = fails+1, slotLang
	}
	if f.dated && (day == undatedDay || day < f.from || day > f.to) {
		fails, failed = fails+1, slotDate
	}
	if fails == 0 && t.matched != nil {
		t.matched[num>>6] |= 1 << (num & 63)
	}
	if !t.count || fails > 1 {
		return fails == 0
	}
	for tf := range vals {
		if fails == 0 || failed == int(tf) {
			for _, p := range vals[tf] {
				t.termN[tf][p]++
			}
		}
	}
	if fails == 0 || failed == slotLang {
		t.langN[c.lang[n]]++
	}
	if fails == 0 || failed == slotDate && !t.within {
		if day == undatedDay {
			t.undated++
		} else {
			t.days[day-t.v.minDay]++
		}
	}
	return fails == 0
}

// facets returns what the tally counted, labelled for r.
func (t *tally) facets(s *Searcher, r Request) *Facets {
	v := t.v
	out := &Facets{
		Lang:    s.termValues(FacetLang, topTerms(v.langs, t.langN[1:], 3, r.Langs), r.Langs),
		undated: t.undated,
	}
	for tf := range numTermFacets {
		tf.set(out, s.termValues(tf.name(), topTerms(v.terms[tf], t.termN[tf], r.facetSize(), tf.selected(r)), tf.selected(r)))
	}
	out.interval, out.Dates = dayHistogram(t.days, v.minDay)
	return out
}

// merge adds the counts of o, a tally of another part of the same view.
func (t *tally) merge(o *tally) {
	pairs := [][2][]int{{t.langN, o.langN}, {t.days, o.days}}
	for tf := range t.termN {
		pairs = append(pairs, [2][]int{t.termN[tf], o.termN[tf]})
	}
	for _, pair := range pairs {
		for i, k := range pair[1] {
			pair[0][i] += k
		}
	}
	t.undated += o.undated
}

// topTerms orders values by count, then by value, as Bleve's terms facet
// does, and keeps the first n with a count, and after them the selected
// ones among the rest: a ticked value keeps its count however far down the
// list it is.
func topTerms(names []string, counts []int, n int, selected []string) []*search.TermFacet {
	var out []*search.TermFacet
	for i, k := range counts {
		if k > 0 && names[i] != "" { // "": records without the field
			out = append(out, &search.TermFacet{Term: names[i], Count: k})
		}
	}
	slices.SortFunc(out, func(a, b *search.TermFacet) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Term, b.Term)
	})
	if n >= len(out) {
		return out
	}
	top := out[:n:n]
	for _, t := range out[n:] {
		if slices.Contains(selected, t.Term) {
			top = append(top, t)
		}
	}
	return top
}
