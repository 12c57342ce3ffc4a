package index

import (
	"fmt"
	"runtime"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/newsearch/bilingual/analyzers"
	"github.com/newsearch/bilingual/entities"
)

// textField is one language field a query runs against.
type textField struct {
	name     string
	analyzer string
	boost    float64
	an       analysis.Analyzer // the analyzer named, to see what a query word becomes
}

// Searcher runs searches against an open index. It is safe for concurrent use.
type Searcher struct {
	idx    bleve.Index
	fields []textField
	gaz    *entities.Gazetteer
	ext    *entities.Extractor
	tr     *translator // nil: no expansion across languages
	names  *entities.NameWords
	spell  *speller // nil: no spelling correction (no expansion)
	match  MinMatch
	facets *facetCache

	gen  atomic.Uint64 // bumped by writes (invalidate): keys the facet cache
	cols facetColumns  // in-memory facet values of the index's segments
	// what the snippet analyzers make of the words of stored text
	words   *wordTerms
	scoring string // the index's scoring model, as Bleve names it
	// A search estimated to match splitMatches documents or more runs in
	// splitParts parts side by side (the constant and the cores; tests
	// change them), shared among the searches running (inflight): when
	// searches already keep every core busy, splitting only adds work.
	splitMatches, splitParts int
	inflight                 atomic.Int32
}

// TitleBoost weighs a title match over a body match.
const TitleBoost = 2.0

// NewSearcher prepares searches over idx. The analyzers and scoring come
// from the index's own mapping: an index this project's indexer did not
// build is refused. gaz names the people and parties facets and snippets
// show, and ext, which must be built from gaz, finds those a query names;
// pass the ones the index's Writer uses, so both read one gazetteer.
func NewSearcher(idx bleve.Index, gaz *entities.Gazetteer, ext *entities.Extractor, cfg SearchConfig) (*Searcher, error) {
	if gaz == nil || ext == nil {
		return nil, fmt.Errorf("new searcher: a gazetteer and its extractor are required")
	}
	built, err := analysisOf(idx.Mapping())
	if err != nil {
		return nil, fmt.Errorf("new searcher: %w", err)
	}
	en, hi, deva := built.en, built.hi, built.deva
	s := &Searcher{idx: idx, gaz: gaz, ext: ext, facets: newFacetCache(FacetCacheSize), fields: []textField{
		{name: FieldTitleEn, analyzer: en, boost: TitleBoost},
		{name: FieldBodyEn, analyzer: en, boost: 1},
		{name: FieldTitleHi, analyzer: hi, boost: TitleBoost},
		{name: FieldBodyHi, analyzer: hi, boost: 1},
		{name: FieldBodyDeva, analyzer: deva, boost: 1},
	}}
	s.cols.log = cfg.logger()
	if s.match = cfg.MinMatch; s.match == (MinMatch{}) {
		s.match = DefaultMinMatch()
	}
	cache := registry.NewCache()
	var snippetAnalyzers []analysis.Analyzer
	for _, name := range []string{en, hi, deva} {
		a, err := cache.AnalyzerNamed(name)
		if err != nil {
			return nil, fmt.Errorf("analyzer %s: %w", name, err)
		}
		snippetAnalyzers = append(snippetAnalyzers, a)
	}
	s.words = newWordTerms(snippetAnalyzers)
	for i := range s.fields {
		if s.fields[i].an, err = cache.AnalyzerNamed(s.fields[i].analyzer); err != nil {
			return nil, fmt.Errorf("analyzer %s: %w", s.fields[i].analyzer, err)
		}
	}
	s.names = entities.NewNameWords(gaz)
	// Stock indexes have no phonetic-key fields for expansions to meet.
	if !built.opt.Stock && !cfg.NoExpand {
		roman, err := cache.AnalyzerNamed(analyzers.RomanAnalyzer)
		if err != nil {
			return nil, fmt.Errorf("analyzer %s: %w", analyzers.RomanAnalyzer, err)
		}
		if s.tr, err = newTranslator(snippetAnalyzers[0], snippetAnalyzers[1], roman, cfg.freedictPath()); err != nil {
			return nil, err
		}
		if s.spell, err = newSpeller(vocabulary(gaz, s.tr)); err != nil {
			return nil, fmt.Errorf("spelling vocabulary: %w", err)
		}
	}
	s.splitMatches, s.splitParts = splitMatches, max(1, min(runtime.GOMAXPROCS(0), 4))
	s.scoring = built.scoringModel
	s.cols.fillInBackground(idx)
	return s, nil
}

// Index returns the underlying Bleve index.
func (s *Searcher) Index() bleve.Index { return s.idx }

// Writer returns a writer over the Searcher's index that prepares documents
// with the Searcher's extractor and tells the Searcher of every commit, so a
// search after an acknowledged write never sees facet counts from before
// it. Writes to the index should go through it (or another of these).
func (s *Searcher) Writer() *Writer { return NewWriter(s.idx, s.ext, s.invalidate) }

// Close stops the Searcher's background work on the index. Call it before
// closing the index.
func (s *Searcher) Close() error {
	s.cols.close()
	return nil
}
