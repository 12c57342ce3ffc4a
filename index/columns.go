package index

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	index "github.com/blevesearch/bleve_index_api"
)

// undatedDay marks a document without a published date in columns.day.
const undatedDay = int32(-1 << 31)

// columns hold every document's facet values in memory, indexed by Bleve's
// internal document number in one snapshot of the index. Counting facets
// then costs an array lookup per match, instead of Bleve's reading and
// decoding doc values per match and per field (three quarters of a broad
// query's time at 100k documents), and one pass over the text query's
// matches counts every facet, each without its own filter, with the filters
// checked in memory.
type columns struct {
	gen    uint64            // the Searcher generation the snapshot belongs to
	reader index.IndexReader // the snapshot; internal numbers are only valid in it

	// Values by ordinal, and per document the ordinals it holds: documents'
	// people are peopleVals[peopleOff[n]:peopleOff[n+1]], and so for parties.
	people, parties, langs []string
	peopleOff, partyOff    []uint32
	peopleVals, partyVals  []uint32
	lang                   []uint8 // ordinal+1; 0 = none
	day                    []int32 // days since 1970-01-01, or undatedDay

	mu     sync.RWMutex // held for reading while counting; retire takes it to close reader
	closed bool
}

// buildColumns reads the facet fields of every live document of a new
// snapshot of s's index.
func (s *Searcher) buildColumns(ctx context.Context, gen uint64) (*columns, error) {
	adv, err := s.idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	c := &columns{gen: gen, reader: r}
	ok := false
	defer func() {
		if !ok {
			r.Close()
		}
	}()
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer ids.Close()
	dvr, err := r.DocValueReader([]string{FieldPeople, FieldParties, FieldLang, FieldDate})
	if err != nil {
		return nil, err
	}
	ords := map[string]map[string]uint32{FieldPeople: {}, FieldParties: {}, FieldLang: {}}
	ordOf := func(field string, v []byte, names *[]string) uint32 {
		m := ords[field]
		o, found := m[string(v)]
		if !found {
			o = uint32(len(*names))
			m[string(v)] = o
			*names = append(*names, string(v))
		}
		return o
	}
	var people, parties []uint32
	type row struct {
		people, parties []uint32
		lang            uint8
		day             int32
	}
	var rows []row // by internal number; gaps are deleted or absent documents
	for i := 0; ; i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		id, err := ids.Next()
		if err != nil {
			return nil, err
		}
		if id == nil {
			break
		}
		people, parties = people[:0], parties[:0]
		rw := row{day: undatedDay}
		err = dvr.VisitDocValues(id, func(field string, term []byte) {
			switch field {
			case FieldPeople:
				people = append(people, ordOf(field, term, &c.people))
			case FieldParties:
				parties = append(parties, ordOf(field, term, &c.parties))
			case FieldLang:
				rw.lang = uint8(ordOf(field, term, &c.langs) + 1)
			case FieldDate:
				if shift, err := numeric.PrefixCoded(term).Shift(); err == nil && shift == 0 {
					if ns, err := numeric.PrefixCoded(term).Int64(); err == nil {
						rw.day = int32(time.Unix(0, ns).UTC().Unix() / 86400)
					}
				}
			}
		})
		if err != nil {
			return nil, fmt.Errorf("facet columns: %w", err)
		}
		n := int(id.Value())
		for len(rows) <= n {
			rows = append(rows, row{day: undatedDay})
		}
		rw.people, rw.parties = slices.Clone(people), slices.Clone(parties)
		rows[n] = rw
	}
	if len(c.langs) > 250 {
		return nil, fmt.Errorf("facet columns: %d languages", len(c.langs))
	}
	c.peopleOff = make([]uint32, len(rows)+1)
	c.partyOff = make([]uint32, len(rows)+1)
	c.lang = make([]uint8, len(rows))
	c.day = make([]int32, len(rows))
	for n, rw := range rows {
		c.peopleVals = append(c.peopleVals, rw.people...)
		c.partyVals = append(c.partyVals, rw.parties...)
		c.peopleOff[n+1] = uint32(len(c.peopleVals))
		c.partyOff[n+1] = uint32(len(c.partyVals))
		c.lang[n], c.day[n] = rw.lang, rw.day
	}
	ok = true
	return c, nil
}

// retire closes the snapshot once no count is using it.
func (c *columns) retire() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.closed {
		c.closed = true
		c.reader.Close()
	}
}

// colFilter is a request's filters in column terms; a nil set means no filter.
type colFilter struct {
	people, parties map[uint32]bool
	langs           map[uint8]bool
	dated           bool // a date filter is set
	from, to        int32
}

func (c *columns) filter(r Request) colFilter {
	set := func(vals []string, names []string) map[uint32]bool {
		if len(vals) == 0 {
			return nil
		}
		m := map[uint32]bool{}
		for _, v := range vals {
			if i := slices.Index(names, v); i >= 0 {
				m[uint32(i)] = true
			}
		}
		return m // empty: the filter matches nothing
	}
	f := colFilter{people: set(r.People, c.people), parties: set(r.Parties, c.parties)}
	if len(r.Langs) > 0 {
		f.langs = map[uint8]bool{}
		for _, l := range r.Langs {
			if i := slices.Index(c.langs, l); i >= 0 {
				f.langs[uint8(i+1)] = true
			}
		}
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

func anyOf(vals []uint32, set map[uint32]bool) bool {
	if set == nil {
		return true
	}
	for _, v := range vals {
		if set[v] {
			return true
		}
	}
	return false
}

// tally counts the facet values of a query's matches in the columns, each
// facet without its own filter, and tells which matches pass every filter.
type tally struct {
	c                      *columns
	f                      colFilter
	count                  bool // false: only filter
	peopleN, partyN, langN []int
	days                   map[int32]int
	undated                int
}

func (c *columns) newTally(r Request, count bool) *tally {
	t := &tally{c: c, f: c.filter(r), count: count}
	if count {
		t.peopleN = make([]int, len(c.people))
		t.partyN = make([]int, len(c.parties))
		t.langN = make([]int, len(c.langs)+1)
		t.days = map[int32]int{}
	}
	return t
}

// add counts the facet values of document n and reports whether it passes
// every filter.
func (t *tally) add(n int) bool {
	c, f := t.c, t.f
	if n >= len(c.lang) {
		return false // not in this snapshot's columns: cannot happen within one snapshot
	}
	ppl := c.peopleVals[c.peopleOff[n]:c.peopleOff[n+1]]
	pts := c.partyVals[c.partyOff[n]:c.partyOff[n+1]]
	day := c.day[n]
	inPeople, inParties := anyOf(ppl, f.people), anyOf(pts, f.parties)
	inLang := f.langs == nil || f.langs[c.lang[n]]
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
			t.days[day]++
		}
	}
	return inPeople && inParties && inLang && inDate
}

// facets returns what the tally counted, labelled for r.
func (t *tally) facets(s *Searcher, r Request) *Facets {
	c := t.c
	out := &Facets{
		People:  s.termValues(FacetPeople, topTerms(c.people, t.peopleN, FacetSize), r.People),
		Parties: s.termValues(FacetParties, topTerms(c.parties, t.partyN, FacetSize), r.Parties),
		Lang:    s.termValues(FacetLang, topTerms(c.langs, t.langN[1:], 3), r.Langs),
		undated: t.undated,
	}
	out.interval, out.Dates = dayHistogram(t.days)
	return out
}

// filterSearcher passes on the matches of a searcher over the columns'
// snapshot that pass the request's filters, tallying facets on the way, so
// one pass over the text query's matches both ranks and counts.
type filterSearcher struct {
	search.Searcher
	t *tally
}

func (f *filterSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for {
		dm, err := f.Searcher.Next(ctx)
		if err != nil || dm == nil {
			return dm, err
		}
		if f.t.add(int(dm.IndexInternalID.Value())) {
			return dm, nil
		}
		ctx.DocumentMatchPool.Put(dm)
	}
}

func (f *filterSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := f.Searcher.Advance(ctx, id)
	if err != nil || dm == nil {
		return dm, err
	}
	if f.t.add(int(dm.IndexInternalID.Value())) {
		return dm, nil
	}
	ctx.DocumentMatchPool.Put(dm)
	return f.Next(ctx)
}

// search runs req's query, which must carry no filters, once over the
// snapshot: r's filters are applied from the columns, the top hits collected
// with their stored fields, and, when count is set, every facet counted.
func (c *columns) search(ctx context.Context, s *Searcher, req *bleve.SearchRequest, r Request, count bool) (*bleve.SearchResult, *Facets, error) {
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return s.scoring }))
	sr, err := req.Query.Searcher(ctx, c.reader, s.idx.Mapping(), search.SearcherOptions{})
	if err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	defer sr.Close()
	t := c.newTally(r, count)
	coll := collector.NewTopNCollector(req.Size, req.From, req.Sort)
	if err := coll.Collect(ctx, &filterSearcher{sr, t}, c.reader); err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	hits := coll.Results()
	for _, h := range hits {
		if err, _ := bleve.LoadAndHighlightFields(h, req, "", c.reader, nil); err != nil {
			return nil, nil, fmt.Errorf("search: load %s: %w", h.ID, err)
		}
	}
	res := &bleve.SearchResult{Hits: hits, Total: coll.Total(), MaxScore: coll.MaxScore()}
	if !count {
		return res, nil, nil
	}
	return res, t.facets(s, r), nil
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

// dayHistogram buckets day counts by the rule the index-backed facet follows:
// years when the matches span more than two calendar years, else months from
// the first to the last with a match, else days when those are two months or
// fewer.
func dayHistogram(days map[int32]int) (string, []DateBucket) {
	if len(days) == 0 {
		return "", []DateBucket{}
	}
	dayTime := func(d int32) time.Time { return time.Unix(int64(d)*86400, 0).UTC() }
	lo, hi := int32(1<<31-1), int32(-1<<31)
	for d := range days {
		lo, hi = min(lo, d), max(hi, d)
	}
	first, last := dayTime(lo), dayTime(hi)
	var interval string
	var buckets []DateBucket
	switch {
	case last.Year()-first.Year() >= 2:
		interval, buckets = "year", yearBuckets(first.Year(), last.Year())
	case monthsBetween(first, last) >= 2:
		interval, buckets = "month", monthBuckets(first, last)
	default:
		interval, buckets = "day", dayBuckets(first, last)
	}
	at := map[string]int{}
	for i, b := range buckets {
		at[b.Label] = i
	}
	for d, k := range days {
		t := dayTime(d)
		label := fmt.Sprint(t.Year())
		switch interval {
		case "month":
			label = t.Format("2006-01")
		case "day":
			label = t.Format(time.DateOnly)
		}
		buckets[at[label]].Count += k
	}
	return interval, buckets
}

// monthsBetween counts the month boundaries from a to b (0 within one month).
func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// acquireColumns returns the current columns read-locked, or nil when they
// are missing or older than the index; the caller unlocks c.mu.
func (s *Searcher) acquireColumns() *columns {
	c := s.cols.Load()
	if c == nil || c.gen != s.gen.Load() {
		return nil
	}
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return nil
	}
	return c
}

// refreshColumns builds columns for the current generation unless they are
// there, and retires the old ones.
func (s *Searcher) refreshColumns() {
	s.building.Lock()
	defer s.building.Unlock()
	gen := s.gen.Load()
	if c := s.cols.Load(); (c != nil && c.gen == gen) || s.closed.Load() {
		return
	}
	began := time.Now()
	c, err := s.buildColumns(context.Background(), gen)
	if err != nil {
		slog.Warn("facet columns", "err", err) // Bleve counts facets meanwhile
		return
	}
	slog.Info("facet columns built", "docs", len(c.lang), "ms", time.Since(began).Milliseconds())
	if s.closed.Load() {
		c.retire()
		return
	}
	if old := s.cols.Swap(c); old != nil {
		old.retire()
	}
}

// Close releases the index snapshot the facet columns hold. Call it before
// closing the index.
func (s *Searcher) Close() error {
	s.closed.Store(true)
	s.rebuildMu.Lock()
	if s.rebuild != nil {
		s.rebuild.Stop()
	}
	s.rebuildMu.Unlock()
	s.building.Lock()
	defer s.building.Unlock()
	if c := s.cols.Swap(nil); c != nil {
		c.retire()
	}
	return nil
}
