package index

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/numeric"
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
	terms          [numTermFacets]valueColumn
	lang           []uint8 // ordinal+1; 0 = none
	day            []int32 // days since 1970-01-01, or undatedDay
	minDay, maxDay int32   // the range of day; minDay > maxDay when no document is dated
	// dup is each document's duplicate cluster as a key (clusterKey), 0 for
	// none, so a collapsing search groups matches without reading a stored
	// field for each.
	dup []uint64
}

// clusterKey is a duplicate cluster's key in the columns: the 64-bit FNV-1a
// hash of its id, never 0. Two clusters among the few thousand matches a
// page is chosen from share a key with odds far below 1 in a billion;
// copies are counted by the cluster's id itself (view.copies).
func clusterKey(id []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, b := range id {
		h ^= uint64(b)
		h *= 1099511628211
	}
	return max(h, 1)
}

// valueColumn holds one multi-valued facet of a segment: document n's values
// are vals[off[n]:off[n+1]], as ordinals.
type valueColumn struct {
	off, vals []uint32
}

// at returns document n's values.
func (c *valueColumn) at(n int) []uint32 { return c.vals[c.off[n]:c.off[n+1]] }

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
	terms [numTermFacets]ordinals
	langs ordinals
	log   *slog.Logger // the Searcher's: background fills report here

	mu      sync.Mutex
	segs    map[uint64]*segColumns
	filling chan struct{}  // while a background fill runs: closed when it ends
	fills   sync.WaitGroup // the background fill, which close waits for
	closed  atomic.Bool
	bits    sync.Pool // *[]uint64: cleared bitsets of matches, for collapsing searches
}

// bitset returns a cleared bitset of n bits; give it back with putBitset.
// A collapsing search marks every match in one (a bit each, 125 kB at a
// million documents): taking them from a pool keeps that off the garbage
// collector's hands at many searches a second.
func (fc *facetColumns) bitset(n uint64) []uint64 {
	words := int((n + 63) / 64)
	if b, ok := fc.bits.Get().(*[]uint64); ok && cap(*b) >= words {
		return (*b)[:words]
	}
	return make([]uint64, words)
}

// putBitset clears b and keeps it for another search.
func (fc *facetColumns) putBitset(b []uint64) {
	if b == nil {
		return
	}
	clear(b)
	fc.bits.Put(&b)
}

// view holds the facet columns of one snapshot of the index, which searches
// read matches from: a match's number in the snapshot is its segment's offset
// plus its number in the segment.
type view struct {
	reader         index.IndexReader // the snapshot; close it when done
	segs           []*segColumns
	ids            []uint64                // the segments' ids: another list numbers documents otherwise
	offsets        []uint64                // of each segment's first document
	terms          [numTermFacets][]string // values by ordinal, as numbered when the view was made
	langs          []string
	minDay, maxDay int32 // the range of the segments' days
}

// view returns the facet columns of a new snapshot of the live index, reading
// those of small new segments itself. When larger ones are missing (a merge,
// a fresh start) it waits for a background fill to read them, as long as ctx
// allows, and returns nil if they are still missing; so it does when the
// index is not a scorch index. The caller holds the live index (acquire).
func (fc *facetColumns) view(ctx context.Context, live *liveIndex) (*view, error) {
	for waited := false; ; waited = true {
		v, fill, err := fc.tryView(live)
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
func (fc *facetColumns) tryView(live *liveIndex) (*view, <-chan struct{}, error) {
	adv, err := live.idx.Advanced()
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
	v := &view{reader: r, segs: make([]*segColumns, len(segs)), ids: make([]uint64, len(segs)), offsets: make([]uint64, len(segs))}
	var missing uint64
	var next uint64
	fc.mu.Lock()
	for i, ss := range segs {
		v.ids[i] = ss.Id()
		v.offsets[i] = next
		next += ss.Segment().Count()
		if v.segs[i] = fc.segs[ss.Id()]; v.segs[i] == nil {
			missing += ss.Segment().Count()
		}
	}
	fc.mu.Unlock()
	if missing > syncColumnsDocs {
		r.Close()
		return nil, fc.fillInBackground(live), nil
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
	for i := range v.terms {
		v.terms[i] = fc.terms[i].list()
	}
	v.langs = fc.langs.list()
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
func (fc *facetColumns) fillInBackground(live *liveIndex) <-chan struct{} {
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
		// A search may be waiting for this fill while holding the index, so
		// a fill must not queue behind a reopen waiting for that search: it
		// gives up instead, and searches count facets with Bleve meanwhile.
		if !live.mu.TryRLock() {
			return
		}
		defer live.mu.RUnlock()
		if !live.open {
			return
		}
		began := time.Now()
		docs, err := fc.fill(live.idx)
		if err != nil {
			fc.log.Warn("facet columns", "err", err) // Bleve counts facets meanwhile
			return
		}
		if docs > 0 {
			fc.log.Info("facet columns read", "docs", docs, "ms", time.Since(began).Milliseconds())
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
	c := &segColumns{lang: make([]uint8, n), day: make([]int32, n), dup: make([]uint64, n), minDay: 1<<31 - 1, maxDay: -1 << 31}
	fields := []string{FieldLang, FieldDate, FieldDup}
	byField := map[string]termFacet{}
	for f := range numTermFacets {
		c.terms[f].off = make([]uint32, n+1)
		fields = append(fields, f.field())
		byField[f.field()] = f
	}
	var state segment.DocVisitState
	for doc := range n {
		c.day[doc] = undatedDay
		if ok {
			var err error
			state, err = dv.VisitDocValues(uint64(doc), fields, func(field string, term []byte) {
				if f, ok := byField[field]; ok {
					c.terms[f].vals = append(c.terms[f].vals, fc.terms[f].of(term))
					return
				}
				switch field {
				case FieldDup:
					c.dup[doc] = clusterKey(term)
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
		for f := range c.terms {
			c.terms[f].off[doc+1] = uint32(len(c.terms[f].vals))
		}
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

// docs is how many document numbers the snapshot spans.
func (v *view) docs() uint64 {
	if len(v.segs) == 0 {
		return 0
	}
	last := len(v.segs) - 1
	return v.offsets[last] + uint64(len(v.segs[last].lang))
}

// cluster returns the cluster key of document num of the snapshot.
func (v *view) cluster(num uint64) uint64 {
	i := sort.Search(len(v.offsets), func(i int) bool { return v.offsets[i] > num }) - 1
	if i < 0 || num-v.offsets[i] >= uint64(len(v.segs[i].dup)) {
		return 0
	}
	return v.segs[i].dup[num-v.offsets[i]]
}

// reset forgets every segment's columns: a reopened index numbers its new
// segments afresh, so an id may name another segment than before.
func (fc *facetColumns) reset() {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	fc.segs = nil
}

// close waits for a background fill to stop.
func (fc *facetColumns) close() {
	fc.closed.Store(true)
	fc.fills.Wait()
}
