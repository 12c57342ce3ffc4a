package index

import (
	"context"
	"fmt"
	"math"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// A pruned search (prune.go) skips the documents that cannot score high
// enough to be shown, which needs the most any document can score for each
// word of the query in each field. Lucene keeps such maxima ("impacts") in
// its postings; Bleve's have none, so the first pruned search to need a
// word's reads its postings once per segment and keeps the peak beside the
// segment's facet columns, which live as long as the segment does.

// termPeak is the largest sqrt(frequency) × norm of a word's postings in one
// field of one segment, computed as Bleve's TF-IDF scorer computes it: a
// document's score for the word is that product times factors common to all.
type termPeak = float64

// termPeaks holds one segment's peaks by field and word.
type termPeaks struct {
	mu sync.Mutex
	m  map[fieldTerm]termPeak
}

type fieldTerm struct{ field, term string }

// maxPeaks caps how many peaks a segment keeps; beyond it they are computed
// again when needed, which costs time but never correctness.
const maxPeaks = 1 << 14

// peak returns the word's peak in the field of seg.
func (p *termPeaks) peak(seg segment.Segment, field string, term []byte) (termPeak, error) {
	key := fieldTerm{field, string(term)}
	p.mu.Lock()
	pk, ok := p.m[key]
	p.mu.Unlock()
	if ok {
		return pk, nil
	}
	dict, err := seg.Dictionary(field)
	if err != nil {
		return 0, fmt.Errorf("peak of %s:%s: %w", field, term, err)
	}
	pl, err := dict.PostingsList(term, nil, nil)
	if err != nil {
		return 0, fmt.Errorf("peak of %s:%s: %w", field, term, err)
	}
	it := pl.Iterator(true, true, false, nil)
	for post, err := it.Next(); post != nil || err != nil; post, err = it.Next() {
		if err != nil {
			return 0, fmt.Errorf("peak of %s:%s: %w", field, term, err)
		}
		pk = max(pk, sqrtFreq(post.Frequency())*post.Norm())
	}
	p.mu.Lock()
	if p.m == nil {
		p.m = map[fieldTerm]termPeak{}
	}
	if len(p.m) < maxPeaks {
		p.m[key] = pk
	}
	p.mu.Unlock()
	return pk, nil
}

// sqrtFreq is the term frequency factor exactly as TermQueryScorer.Score
// takes it.
func sqrtFreq(freq uint64) float64 {
	if freq < scorer.MaxSqrtCache {
		return scorer.SqrtCache[int(freq)]
	}
	return math.Sqrt(float64(freq))
}

// peakSource finds a word's peak over every segment of a view's snapshot.
type peakSource struct {
	segs  []*scorch.SegmentSnapshot
	peaks []*termPeaks // of each segment, in the same order
}

func (v *view) peakSource() *peakSource {
	snap, ok := v.reader.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	ps := &peakSource{segs: snap.Segments()}
	if len(ps.segs) != len(v.segs) {
		return nil
	}
	for _, c := range v.segs {
		ps.peaks = append(ps.peaks, &c.peaks)
	}
	return ps
}

func (ps *peakSource) peak(field string, term []byte) (termPeak, error) {
	var most termPeak
	for i, ss := range ps.segs {
		pk, err := ps.peaks[i].peak(ss.Segment(), field, term)
		if err != nil {
			return 0, err
		}
		most = max(most, pk)
	}
	return most, nil
}

type peakSourceKey struct{}

// termLeaf is a TermQuery searched by boundedTerm.
type termLeaf struct {
	*query.TermQuery
}

func (q termLeaf) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	field := q.FieldVal
	if field == "" {
		field = m.DefaultSearchField()
	}
	s, err := searcher.NewTermSearcher(ctx, r, q.Term, field, q.BoostVal.Value(), options)
	if err != nil {
		return nil, err
	}
	return bounded(ctx, r, s, []byte(q.Term), field, q.BoostVal.Value(), options)
}

// matchLeaf is a MatchQuery searched by boundedTerm when its text is one
// word: Bleve wraps that word's TermSearcher in a conjunction (or a
// disjunction) of one, which adds nothing to its score (0 + s) or weight.
type matchLeaf struct {
	*query.MatchQuery
}

func (q matchLeaf) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if q.Fuzziness != 0 || options.Explain {
		return q.MatchQuery.Searcher(ctx, r, m, options)
	}
	field, a := queryAnalyzer(m, q.FieldVal, q.Analyzer)
	if a == nil {
		return q.MatchQuery.Searcher(ctx, r, m, options)
	}
	tokens := a.Analyze([]byte(q.Match))
	if len(tokens) != 1 {
		return q.MatchQuery.Searcher(ctx, r, m, options)
	}
	term := tokens[0].Term
	s, err := searcher.NewTermSearcherBytes(ctx, r, term, field, q.BoostVal.Value(), options)
	if err != nil {
		return nil, err
	}
	return bounded(ctx, r, s, term, field, q.BoostVal.Value(), options)
}

// boundedTerm is Bleve's TermSearcher beside a copy of its scorer, which
// is given the same query norms, so that it can score the word's peak as
// the searcher would score a document holding it.
type boundedTerm struct {
	*searcher.TermSearcher
	copy  *scorer.TermQueryScorer
	field string
	term  []byte
	peaks *peakSource
}

// bounded returns the term searcher s, built by Bleve for the word in the
// field, as a boundedTerm in a pruned search. Under synonyms or another
// scoring model than TF-IDF it stays Bleve's searcher alone, whose most is
// unknown.
func bounded(ctx context.Context, r index.IndexReader, s search.Searcher, term []byte, field string, boost float64, options search.SearcherOptions) (search.Searcher, error) {
	if _, synonyms := ctx.Value(search.FieldTermSynonymMapKey).(search.FieldTermSynonymMap); synonyms || options.Score == "none" || s == nil {
		return s, nil
	}
	if model, ok := ctx.Value(search.GetScoringModelCallbackKey).(search.GetScoringModelCallbackFn); ok && model() != "" && model() != index.TFIDFScoring {
		return s, nil
	}
	ps, _ := ctx.Value(peakSourceKey{}).(*peakSource)
	ts, ok := s.(*searcher.TermSearcher)
	if ps == nil || !ok {
		return s, nil
	}
	docs, err := r.DocCount()
	if err != nil {
		_ = s.Close()
		return nil, err
	}
	copy := scorer.NewTermQueryScorer(term, field, boost, docs, s.Count(), 0, options)
	return &boundedTerm{TermSearcher: ts, copy: copy, field: field, term: term, peaks: ps}, nil
}

func (b *boundedTerm) SetQueryNorm(norm float64) {
	b.TermSearcher.SetQueryNorm(norm)
	b.copy.SetQueryNorm(norm)
}

// most is the highest score any document can have for the word: its peak
// scored as a posting of frequency 1 (whose sqrt is exactly 1), so
// through the same multiplications, each rounding a larger product no lower.
func (b *boundedTerm) most() (float64, error) {
	pk, err := b.peaks.peak(b.field, b.term)
	if err != nil || pk == 0 {
		return 0, err
	}
	ctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(1, 0)}
	return b.copy.Score(ctx, &index.TermFieldDoc{Freq: 1, Norm: pk}).Score, nil
}

// mostOf is the highest score a document can have from s: known for a
// bounded word and for a concept of them, infinite otherwise.
func mostOf(s search.Searcher) (float64, error) {
	switch s := s.(type) {
	case *boundedTerm:
		return s.most()
	case *conceptDisjunction:
		// Only its live children can match, so the share matching is at
		// most theirs.
		var sum float64
		for _, c := range s.live {
			m, err := mostOf(c)
			if err != nil {
				return 0, err
			}
			sum += m
		}
		return sum * (float64(len(s.live)) / float64(len(s.all))), nil
	}
	return math.Inf(1), nil
}
