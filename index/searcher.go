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
	live   *liveIndex // the index, which a failed write may reopen
	fields []textField
	gaz    *entities.Gazetteer
	ext    *entities.Extractor
	tr     *translator // nil: no expansion across languages
	names  *entities.NameWords
	spell  *speller // nil: no spelling correction (no expansion)
	match  MinMatch
	facets *facetCache
	labels labelShards // the names of people the gazetteer lacks, as decoded

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
	// driveKnown is driveKnown (splitsearch.go) and blockDocs blockDocs
	// (prune.go); tests change them.
	driveKnown, blockDocs uint64
	pagesKept             int // pagesKept (pagecache.go); tests change it
	inflight              atomic.Int32
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
	s := &Searcher{live: newLiveIndex(idx, idx.Name(), cfg.logger()), gaz: gaz, ext: ext, facets: newFacetCache(FacetCacheSize), fields: []textField{
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
	s.driveKnown, s.blockDocs, s.pagesKept = driveKnown, blockDocs, pagesKept
	s.scoring = built.scoringModel
	s.live.onSwap = func() {
		s.cols.reset()
		s.invalidate()
	}
	s.cols.fillInBackground(s.live)
	return s, nil
}

// Index returns the Bleve index open now. A write Bleve fails to persist
// makes the Searcher close it and open the directory again (see Writer), so
// keep it no longer than one use, and prefer the Searcher's own methods.
func (s *Searcher) Index() bleve.Index {
	s.live.mu.RLock()
	defer s.live.mu.RUnlock()
	return s.live.idx
}

// hold keeps the index open, and not replaced, until release is called:
// every public method that reads the index holds it for its whole run.
func (s *Searcher) hold() (release func(), err error) {
	_, _, release, err = s.live.acquire()
	return release, err
}

// Writer returns a writer over the Searcher's index that prepares documents
// with the Searcher's extractor and tells the Searcher of every commit, so a
// search after an acknowledged write never sees facet counts from before
// it. Writes to the index should go through it (or another of these). When
// Bleve fails to persist a write, the writer closes the index and reopens it
// from the directory it was opened from (bleve.Index.Name), so that
// searches go on over the last persisted snapshot, and answers a
// *WriteError saying whether the write was applied.
func (s *Searcher) Writer() *Writer {
	return &Writer{live: s.live, x: s.ext, onCommit: s.invalidate}
}

// DocCount returns how many documents the index holds.
func (s *Searcher) DocCount() (uint64, error) {
	release, err := s.hold()
	if err != nil {
		return 0, err
	}
	defer release()
	return s.live.idx.DocCount()
}

// Health is the state of the Searcher's index for operators.
type Health struct {
	// Open is false while the index is closed after a failed write and
	// reopening it fails (searches answer ErrIndexUnavailable).
	Open bool
	// Fault, when not nil, is why writes are refused: the last one failed.
	// The next write after WriteRetryInterval tries again.
	Fault *Fault
	// WriteFailures counts the writes Bleve failed to persist since start.
	WriteFailures uint64
}

// Health reports whether the index is open and writable.
func (s *Searcher) Health() Health {
	s.live.mu.RLock()
	open := s.live.open
	s.live.mu.RUnlock()
	return Health{Open: open, Fault: s.live.currentFault(), WriteFailures: s.live.failures.Load()}
}

// Close stops the Searcher's background work on the index. Call it before
// closing the index (CloseIndex).
func (s *Searcher) Close() error {
	s.live.stopRetrying()
	s.cols.close()
	return nil
}

// CloseIndex closes the index open now: the one NewSearcher was given, or
// the one a failed write reopened in its place. Call it, after Close,
// instead of closing the index given to NewSearcher.
func (s *Searcher) CloseIndex() error { return s.live.close() }
