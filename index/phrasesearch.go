package index

import (
	"context"
	"fmt"
	"math"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// Bleve's PhraseSearcher checks each document that holds every word of a
// phrase by building maps of the words' locations (DocumentMatch.Complete)
// and searching them for paths: on "death toll" over the peers corpus that
// was a third of the query's CPU, most of it allocating maps that are thrown
// away at once. Our phrases are exact (no slop, no fuzziness, no synonyms),
// so a match is a position of the first word with each later word at its
// position plus its distance in the phrase, which the matched words' location
// slices answer without a map. phraseQuery is a MatchPhraseQuery that
// searches that way and finds the same documents with the same scores: a
// phrase's score is the conjunction of its words', as in Bleve.

// phraseQuery is a MatchPhraseQuery searched by exactPhraseSearcher (see
// fastSearchers for when).
type phraseQuery struct {
	*query.MatchPhraseQuery
}

// Searcher analyzes the phrase as MatchPhraseQuery.Searcher does.
func (q phraseQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if _, synonyms := ctx.Value(search.FieldTermSynonymMapKey).(search.FieldTermSynonymMap); synonyms || options.Explain {
		return q.MatchPhraseQuery.Searcher(ctx, r, m, options)
	}
	field := q.FieldVal
	if field == "" {
		field = m.DefaultSearchField()
	}
	name := q.Analyzer
	if name == "" {
		name = m.AnalyzerNameForPath(field)
	}
	a := m.AnalyzerNamed(name)
	if a == nil {
		return nil, fmt.Errorf("no analyzer named '%s' registered", q.Analyzer)
	}
	terms := phraseSlots(a.Analyze([]byte(q.MatchPhrase)))
	if terms == nil {
		return searcher.NewMatchNoneSearcher(r)
	}
	return newExactPhraseSearcher(ctx, r, terms, field, q.BoostVal.Value(), options)
}

// termsPhraseQuery is a PhraseQuery (analyzed words) searched by
// exactPhraseSearcher.
type termsPhraseQuery struct {
	*query.PhraseQuery
}

// Searcher takes one word a position, as PhraseQuery.Searcher does.
func (q termsPhraseQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if _, synonyms := ctx.Value(search.FieldTermSynonymMapKey).(search.FieldTermSynonymMap); synonyms || options.Explain {
		return q.PhraseQuery.Searcher(ctx, r, m, options)
	}
	terms := make([][]string, len(q.Terms))
	for i, t := range q.Terms {
		terms[i] = []string{t}
	}
	return newExactPhraseSearcher(ctx, r, terms, q.FieldVal, q.BoostVal.Value(), options)
}

// phraseSlots turns tokens into the phrase's words by position, as Bleve's
// tokenStreamToPhrase does: a position no token holds (a stop word dropped)
// is an empty slot, which any word fills.
func phraseSlots(tokens analysis.TokenStream) [][]string {
	if len(tokens) == 0 {
		return nil
	}
	first, last := math.MaxInt, 0
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	out := make([][]string, last-first+1)
	for _, t := range tokens {
		out[t.Position-first] = append(out[t.Position-first], string(t.Term))
	}
	return out
}

// exactPhraseSearcher finds the documents where the words of terms stand one
// after the other in field.
type exactPhraseSearcher struct {
	search.Searcher // the conjunction of the words, with term vectors
	terms           [][]string
	field           string
}

// newExactPhraseSearcher builds the words' searchers as Bleve's
// NewMultiPhraseSearcher does, so weights and scores are the same.
func newExactPhraseSearcher(ctx context.Context, r index.IndexReader, terms [][]string, field string, boost float64, options search.SearcherOptions) (search.Searcher, error) {
	options.IncludeTermVectors = true
	var slots, alts []search.Searcher
	fail := func(err error) (search.Searcher, error) {
		for _, s := range append(slots, alts...) {
			_ = s.Close()
		}
		return nil, fmt.Errorf("phrase %q: %w", terms, err)
	}
	for _, slot := range terms {
		switch {
		case len(slot) == 1 && slot[0] != "":
			ts, err := searcher.NewTermSearcher(ctx, r, slot[0], field, boost, options)
			if err != nil {
				return fail(err)
			}
			slots = append(slots, ts)
		case len(slot) > 1:
			alts = alts[:0]
			for _, t := range slot {
				if t == "" {
					continue
				}
				ts, err := searcher.NewTermSearcher(ctx, r, t, field, boost, options)
				if err != nil {
					return fail(err)
				}
				alts = append(alts, ts)
			}
			d, err := searcher.NewDisjunctionSearcher(ctx, r, alts, 1, options)
			if err != nil {
				return fail(err)
			}
			slots, alts = append(slots, d), nil
		}
	}
	must, err := searcher.NewConjunctionSearcher(ctx, r, slots, options)
	if err != nil {
		return fail(err)
	}
	// As PhraseSearcher.computeQueryNorm: the phrase alone, until a parent sets the norm.
	must.SetQueryNorm(1.0 / math.Sqrt(must.Weight()))
	return &exactPhraseSearcher{Searcher: must, terms: terms, field: field}, nil
}

// Next returns the next document where the phrase stands.
func (s *exactPhraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for {
		d, err := s.Searcher.Next(ctx)
		if err != nil || d == nil {
			return d, err
		}
		if s.stands(d) {
			return s.found(d), nil
		}
		ctx.DocumentMatchPool.Put(d)
	}
}

// found drops the words' locations from a match: nothing downstream reads
// them, and a disjunction above would copy them from match to match.
func (s *exactPhraseSearcher) found(d *search.DocumentMatch) *search.DocumentMatch {
	d.FieldTermLocations = d.FieldTermLocations[:0]
	return d
}

// DocumentMatchPoolSize is the conjunction's and one, as PhraseSearcher's.
func (s *exactPhraseSearcher) DocumentMatchPoolSize() int {
	return s.Searcher.DocumentMatchPoolSize() + 1
}

// Min is 0, as PhraseSearcher's.
func (s *exactPhraseSearcher) Min() int { return 0 }

// Advance returns the first document at or after id where the phrase stands.
func (s *exactPhraseSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	d, err := s.Searcher.Advance(ctx, id)
	if err != nil || d == nil {
		return d, err
	}
	if s.stands(d) {
		return s.found(d), nil
	}
	ctx.DocumentMatchPool.Put(d)
	return s.Next(ctx)
}

// stands reports whether d, a document holding every word, holds them in a
// row: some location of the first word's slot with, for each later
// non-empty slot k places on, a location of one of its words at that
// position plus k (in the same array element). Empty slots before the first
// word are no constraint, as in Bleve's findPhrasePaths.
func (s *exactPhraseSearcher) stands(d *search.DocumentMatch) bool {
	first := 0
	for first < len(s.terms) && emptySlot(s.terms[first]) {
		first++
	}
	if first == len(s.terms) {
		return false // Bleve finds no locations, so no match, in a phrase of no words
	}
	for _, start := range d.FieldTermLocations {
		if start.Field != s.field || !inSlot(s.terms[first], start.Term) {
			continue
		}
		ok := true
		for k := first + 1; k < len(s.terms) && ok; k++ {
			if !emptySlot(s.terms[k]) {
				ok = s.at(d, s.terms[k], start.Location.Pos+uint64(k-first), start.Location.ArrayPositions)
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// at reports whether d holds one of words at pos in the array element ap.
func (s *exactPhraseSearcher) at(d *search.DocumentMatch, words []string, pos uint64, ap search.ArrayPositions) bool {
	for _, l := range d.FieldTermLocations {
		if l.Location.Pos == pos && l.Field == s.field && inSlot(words, l.Term) && l.Location.ArrayPositions.Equals(ap) {
			return true
		}
	}
	return false
}

func emptySlot(slot []string) bool { return len(slot) == 0 || (len(slot) == 1 && slot[0] == "") }

func inSlot(slot []string, term string) bool {
	for _, t := range slot {
		if t == term {
			return true
		}
	}
	return false
}
