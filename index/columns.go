package index

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// undatedDay marks a document without a published date in the day column.
const undatedDay = int32(-1 << 31)

// syncColumnsDocs is how many documents a search reads facet columns for
// itself when it meets segments that have none (the small segments writes
// add); larger gaps (a merge, a fresh start) are filled in the background
// while Bleve counts facets.
const syncColumnsDocs = 20000

// segColumns hold the facet values of one index segment's documents in
// memory, by the document's number in the segment. Segments never change, so
// their columns are read once; counting facets then costs an array lookup per
// match instead of Bleve's reading and decoding doc values per match and per
// field, three quarters of a broad query's time at 100k documents.
type segColumns struct {
	// Documents' people are peopleVals[peopleOff[n]:peopleOff[n+1]], as
	// ordinals; and so for parties.
	peopleOff, partyOff   []uint32
	peopleVals, partyVals []uint32
	lang                  []uint8 // ordinal+1; 0 = none
	day                   []int32 // days since 1970-01-01, or undatedDay
	minDay, maxDay        int32   // the range of day; minDay > maxDay when no document is dated
}

// ordinals number the values of one facet across segments, so counts from
// every segment add up in one array.
type ordinals struct {
	mu    sync.RWMutex
	ids   map[string]uint32
	names []string
}

// of returns v's ordinal, giving it the next one when it is new.
func (o *ordinals) of(v []byte) uint32 {
	o.mu.RLock()
	id, ok := o.ids[string(v)]
	o.mu.RUnlock()
	if ok {
		return id
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if id, ok := o.ids[string(v)]; ok {
		return id
	}
	if o.ids == nil {
		o.ids = map[string]uint32{}
	}
	id = uint32(len(o.names))
	o.ids[string(v)] = id
	o.names = append(o.names, string(v))
	return id
}

// list returns the values numbered so far, by ordinal.
func (o *ordinals) list() []string {
	o.mu.RLock()
	defer o.mu.RUnlock()
	return o.names[:len(o.names):len(o.names)]
}

// facetColumns keep the facet columns of every segment of the index that
// searches have met, by Bleve's segment id. Safe for concurrent use.
type facetColumns struct {
	people, parties, langs ordinals

	mu      sync.Mutex
	segs    map[uint64]*segColumns
	filling chan struct{}  // while a background fill runs: closed when it ends
	fills   sync.WaitGroup // the background fill, which close waits for
	closed  atomic.Bool
}

// view holds the facet columns of one snapshot of the index, which searches
// read matches from: a match's number in the snapshot is its segment's offset
// plus its number in the segment.
type view struct {
	reader                 index.IndexReader // the snapshot; close it when done
	segs                   []*segColumns
	offsets                []uint64 // of each segment's first document
	people, parties, langs []string // values by ordinal, as numbered when the view was made
	minDay, maxDay         int32    // the range of the segments' days
}

// view returns the facet columns of a new snapshot of idx, reading those of
// small new segments itself. When larger ones are missing (a merge, a fresh
// start) it waits for a background fill to read them, as long as ctx allows,
// and returns nil if they are still missing; so it does when the index is not
// a scorch index.
func (fc *facetColumns) view(ctx context.Context, idx bleve.Index) (*view, error) {
	for waited := false; ; waited = true {
		v, fill, err := fc.tryView(idx)
		if v != nil || err != nil || fill == nil || waited {
			return v, err
		}
		select {
		case <-fill:
		case <-ctx.Done():
			return nil, nil
		}
	}
}

// tryView is view without waiting: it returns the running fill instead.
func (fc *facetColumns) tryView(idx bleve.Index) (*view, <-chan struct{}, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, nil, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, nil, nil
	}
	segs := snap.Segments()
	v := &view{reader: r, segs: make([]*segColumns, len(segs)), offsets: make([]uint64, len(segs))}
	var missing uint64
	var next uint64
	fc.mu.Lock()
	for i, ss := range segs {
		v.offsets[i] = next
		next += ss.Segment().Count()
		if v.segs[i] = fc.segs[ss.Id()]; v.segs[i] == nil {
			missing += ss.Segment().Count()
		}
	}
	fc.mu.Unlock()
	if missing > syncColumnsDocs {
		r.Close()
		return nil, fc.fillInBackground(idx), nil
	}
	for i, ss := range segs {
		if v.segs[i] == nil {
			if v.segs[i], err = fc.read(ss); err != nil {
				r.Close()
				return nil, nil, err
			}
		}
	}
	fc.keepOnly(segs)
	v.people, v.parties, v.langs = fc.people.list(), fc.parties.list(), fc.langs.list()
	v.minDay, v.maxDay = 1<<31-1, -1<<31
	for _, c := range v.segs {
		v.minDay, v.maxDay = min(v.minDay, c.minDay), max(v.maxDay, c.maxDay)
	}
	return v, nil, nil
}

func (v *view) close() { v.reader.Close() }

// fillInBackground reads the columns of every segment of the index that has
// none, unless a fill is running, and returns the running fill (nil once the
// Searcher is closed).
func (fc *facetColumns) fillInBackground(idx bleve.Index) <-chan struct{} {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if fc.closed.Load() {
		return nil
	}
	if fc.filling != nil {
		return fc.filling
	}
	done := make(chan struct{})
	fc.filling = done
	fc.fills.Add(1)
	go func() {
		defer fc.fills.Done()
		defer func() {
			fc.mu.Lock()
			fc.filling = nil
			fc.mu.Unlock()
			close(done)
		}()
		began := time.Now()
		docs, err := fc.fill(idx)
		if err != nil {
			slog.Warn("facet columns", "err", err) // Bleve counts facets meanwhile
			return
		}
		if docs > 0 {
			slog.Info("facet columns read", "docs", docs, "ms", time.Since(began).Milliseconds())
		}
	}()
	return done
}

// fill reads the columns of the segments that have none and returns how
// many documents they hold.
func (fc *facetColumns) fill(idx bleve.Index) (docs uint64, err error) {
	adv, err := idx.Advanced()
	if err != nil {
		return 0, err
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0, nil
	}
	for _, ss := range snap.Segments() {
		if fc.closed.Load() {
			return docs, nil
		}
		fc.mu.Lock()
		have := fc.segs[ss.Id()] != nil
		fc.mu.Unlock()
		if !have {
			if _, err := fc.read(ss); err != nil {
				return docs, err
			}
			docs += ss.Segment().Count()
		}
	}
	fc.keepOnly(snap.Segments())
	return docs, nil
}

// keepOnly forgets the columns of segments merged away, once they outnumber
// the live ones; searches still holding them keep their own references.
func (fc *facetColumns) keepOnly(live []*scorch.SegmentSnapshot) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if len(fc.segs) <= 2*len(live)+8 {
		return
	}
	keep := make(map[uint64]bool, len(live))
	for _, ss := range live {
		keep[ss.Id()] = true
	}
	for id := range fc.segs {
		if !keep[id] {
			delete(fc.segs, id)
		}
	}
}

// read reads the facet fields of every document of a segment and remembers them.
func (fc *facetColumns) read(ss *scorch.SegmentSnapshot) (*segColumns, error) {
	seg := ss.Segment()
	dv, ok := seg.(segment.DocValueVisitable)
	n := int(seg.Count())
	c := &segColumns{
		peopleOff: make([]uint32, n+1), partyOff: make([]uint32, n+1),
		lang: make([]uint8, n), day: make([]int32, n), minDay: 1<<31 - 1, maxDay: -1 << 31,
	}
	fields := []string{FieldPeople, FieldParties, FieldLang, FieldDate}
	var state segment.DocVisitState
	for doc := range n {
		c.day[doc] = undatedDay
		if ok {
			var err error
			state, err = dv.VisitDocValues(uint64(doc), fields, func(field string, term []byte) {
				switch field {
				case FieldPeople:
					c.peopleVals = append(c.peopleVals, fc.people.of(term))
				case FieldParties:
					c.partyVals = append(c.partyVals, fc.parties.of(term))
				case FieldLang:
					if o := fc.langs.of(term); o < 255 {
						c.lang[doc] = uint8(o + 1)
					}
				case FieldDate:
					if shift, err := numeric.PrefixCoded(term).Shift(); err == nil && shift == 0 {
						if ns, err := numeric.PrefixCoded(term).Int64(); err == nil {
							d := int32(time.Unix(0, ns).UTC().Unix() / 86400)
							c.day[doc], c.minDay, c.maxDay = d, min(c.minDay, d), max(c.maxDay, d)
						}
					}
				}
			}, state)
			if err != nil {
				return nil, fmt.Errorf("facet columns: segment %d document %d: %w", ss.Id(), doc, err)
			}
		}
		c.peopleOff[doc+1] = uint32(len(c.peopleVals))
		c.partyOff[doc+1] = uint32(len(c.partyVals))
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if fc.segs == nil {
		fc.segs = map[uint64]*segColumns{}
	}
	if have := fc.segs[ss.Id()]; have != nil {
		return have, nil // another search read it meanwhile
	}
	fc.segs[ss.Id()] = c
	return c, nil
}

// colFilter is a request's filters in column terms, as sets indexed by
// ordinal (array lookups: a match is checked against every filter); a nil
// set means no filter.
type colFilter struct {
	people, parties []bool
	langs           []bool // by lang column value
	dated           bool   // a date filter is set
	from, to        int32
}

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
	c := t.v
	out := &Facets{
		People:  s.termValues(FacetPeople, topTerms(c.people, t.peopleN, FacetSize), r.People),
		Parties: s.termValues(FacetParties, topTerms(c.parties, t.partyN, FacetSize), r.Parties),
		Lang:    s.termValues(FacetLang, topTerms(c.langs, t.langN[1:], 3), r.Langs),
		undated: t.undated,
	}
	out.interval, out.Dates = dayHistogram(t.days, c.minDay)
	return out
}

// filterSearcher passes on the matches of a searcher over the columns'
// snapshot that pass the request's filters, tallying facets on the way, so
// one pass over the text query's matches both ranks and counts. It reads
// only documents numbered from start up to end (0: no end), so parts of the
// snapshot can be searched side by side.
type filterSearcher struct {
	search.Searcher
	t          *tally
	start, end uint64
	started    bool
}

func (f *filterSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	var dm *search.DocumentMatch
	var err error
	if !f.started && f.start > 0 {
		dm, err = f.Searcher.Advance(ctx, index.NewIndexInternalID(nil, f.start))
	} else {
		dm, err = f.Searcher.Next(ctx)
	}
	f.started = true
	for ; err == nil && dm != nil; dm, err = f.Searcher.Next(ctx) {
		if keep, stop := f.pass(ctx, dm); stop {
			return nil, nil
		} else if keep {
			return dm, nil
		}
	}
	return dm, err
}

func (f *filterSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	if f.start > id.Value() {
		id = index.NewIndexInternalID(nil, f.start)
	}
	f.started = true
	dm, err := f.Searcher.Advance(ctx, id)
	if err != nil || dm == nil {
		return dm, err
	}
	if keep, stop := f.pass(ctx, dm); stop {
		return nil, nil
	} else if keep {
		return dm, nil
	}
	return f.Next(ctx)
}

// pass tallies a match and tells whether to pass it on; one it does not
// (filtered out, or past the end, which stops the search) goes back to the pool.
func (f *filterSearcher) pass(ctx *search.SearchContext, dm *search.DocumentMatch) (keep, stop bool) {
	n := dm.IndexInternalID.Value()
	stop = f.end > 0 && n >= f.end
	if !stop && f.t.add(n) {
		return true, false
	}
	ctx.DocumentMatchPool.Put(dm)
	return false, stop
}

// splitMatches is how many matches (as the searcher estimates them) make a
// relevance-ranked search worth splitting across cores: each part builds its
// own searcher, which small queries would pay for.
const splitMatches = 30000

// part is one share of a search: its top hits and its tally.
type part struct {
	hits     search.DocumentMatchCollection
	total    uint64
	maxScore float64
	t        *tally
	err      error
}

// search runs req's query, which must carry no filters, once over the
// snapshot: r's filters are applied from the columns, the top hits collected
// with their stored fields, and, when count is set, every facet counted.
// Broad relevance-ranked queries are searched in parts, one per core, over
// ranges of document numbers, and the parts merged.
func (c *view) search(ctx context.Context, s *Searcher, req *bleve.SearchRequest, r Request, count bool) (*bleve.SearchResult, *Facets, error) {
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return s.scoring }))
	newSearcher := func() (search.Searcher, error) {
		sr, err := req.Query.Searcher(ctx, c.reader, s.idx.Mapping(), search.SearcherOptions{})
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		return sr, nil
	}
	first, err := newSearcher()
	if err != nil {
		return nil, nil, err
	}
	n := 1
	if _, byScore := req.Sort[0].(*search.SortScore); byScore && len(req.Sort) == 1 && first.Count() >= uint64(s.splitMatches) {
		n = max(1, s.splitParts/int(max(1, s.inflight.Load())))
	}
	docs := c.docs()
	parts := make([]part, n)
	var wg sync.WaitGroup
	for i := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &parts[i]
			sr := first
			if i > 0 {
				if sr, p.err = newSearcher(); p.err != nil {
					return
				}
			}
			defer sr.Close()
			p.t = c.newTally(r, count)
			f := &filterSearcher{Searcher: sr, t: p.t, start: docs * uint64(i) / uint64(n)}
			if i+1 < n {
				f.end = docs * uint64(i+1) / uint64(n)
			}
			coll := collector.NewTopNCollector(req.Size+req.From, 0, req.Sort)
			if n == 1 {
				coll = collector.NewTopNCollector(req.Size, req.From, req.Sort)
			}
			if p.err = coll.Collect(ctx, f, c.reader); p.err == nil {
				p.hits, p.total, p.maxScore = coll.Results(), coll.Total(), coll.MaxScore()
			}
		}()
	}
	wg.Wait()
	res := &bleve.SearchResult{}
	for _, p := range parts {
		if p.err != nil {
			return nil, nil, fmt.Errorf("search: %w", p.err)
		}
		res.Hits = append(res.Hits, p.hits...)
		res.Total += p.total
		res.MaxScore = max(res.MaxScore, p.maxScore)
	}
	if n > 1 {
		// As one pass ranks: by score, ties by document number.
		slices.SortStableFunc(res.Hits, func(a, b *search.DocumentMatch) int {
			if a.Score != b.Score {
				return cmp.Compare(b.Score, a.Score)
			}
			return cmp.Compare(a.IndexInternalID.Value(), b.IndexInternalID.Value())
		})
		res.Hits = res.Hits[min(req.From, len(res.Hits)):min(req.From+req.Size, len(res.Hits))]
	}
	for _, h := range res.Hits {
		if err, _ := bleve.LoadAndHighlightFields(h, req, "", c.reader, nil); err != nil {
			return nil, nil, fmt.Errorf("search: load %s: %w", h.ID, err)
		}
	}
	if !count {
		return res, nil, nil
	}
	for _, p := range parts[1:] {
		parts[0].t.merge(p.t)
	}
	return res, parts[0].t.facets(s, r), nil
}

// docs is how many document numbers the snapshot spans.
func (c *view) docs() uint64 {
	if len(c.segs) == 0 {
		return 0
	}
	last := len(c.segs) - 1
	return c.offsets[last] + uint64(len(c.segs[last].lang))
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

// dayHistogram buckets day counts (days[i] documents on day first+i, in days
// since 1970-01-01) by the rule the index-backed facet follows: years when
// the matches span more than two calendar years, else months from the first
// to the last with a match, else days when those are two months or fewer.
func dayHistogram(days []int, first int32) (string, []DateBucket) {
	lo, hi := -1, -1
	for i, k := range days {
		if k > 0 {
			if lo < 0 {
				lo = i
			}
			hi = i
		}
	}
	if lo < 0 {
		return "", []DateBucket{}
	}
	dayTime := func(i int) time.Time { return time.Unix((int64(first)+int64(i))*86400, 0).UTC() }
	from, to := dayTime(lo), dayTime(hi)
	var interval string
	var buckets []DateBucket
	switch {
	case to.Year()-from.Year() >= 2:
		interval, buckets = "year", yearBuckets(from.Year(), to.Year())
	case monthsBetween(from, to) >= 2:
		interval, buckets = "month", monthBuckets(from, to)
	default:
		interval, buckets = "day", dayBuckets(from, to)
	}
	// Buckets are consecutive from the first match's year, month or day.
	for i := lo; i <= hi; i++ {
		if days[i] == 0 {
			continue
		}
		t := dayTime(i)
		b := i - lo
		switch interval {
		case "year":
			b = t.Year() - from.Year()
		case "month":
			b = monthsBetween(from, t)
		}
		buckets[b].Count += days[i]
	}
	return interval, buckets
}

// monthsBetween counts the month boundaries from a to b (0 within one month).
func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// close waits for a background fill to stop.
func (fc *facetColumns) close() {
	fc.closed.Store(true)
	fc.fills.Wait()
}

// Close stops the Searcher's background work on the index. Call it before
// closing the index.
func (s *Searcher) Close() error {
	s.cols.close()
	return nil
}
