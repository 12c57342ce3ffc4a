// Package index holds the Bleve index mapping, batch indexing of
// articles.Documents, and the search API in Go.
package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/newsearch/bilingual/analyzers"
)

// Field names of the index. Text fields are split by language so each is
// analyzed by its own chain; display fields are stored but not indexed.
const (
	FieldTitleEn   = "title_en"
	FieldTitleHi   = "title_hi"
	FieldBodyEn    = "body_en"
	FieldBodyHi    = "body_hi"
	FieldBodyDeva  = "body_deva"
	FieldKeyHi     = "key_hi" // phonetic keys of the Hindi text: romanized queries meet it
	FieldKeyEn     = "key_en" // phonetic keys of the English text: names typed in Devanagari meet it
	FieldTitle     = "title"
	FieldTitleLead = "title_lead" // true when title is the body's lead (see Lead): the article had none
	FieldBody      = "body"
	FieldURL       = "url"
	FieldSource    = "source"
	FieldLang      = "lang"
	FieldDate      = "date"
	FieldDateGuess = "date_inferred"
	// FieldFurniture is true when the body holds page furniture
	// (articles.Furniture): only those hits pay for finding it again when
	// their snippet leaves it out, a few in a thousand on the corpus.
	FieldFurniture = "furniture"
	FieldPeople    = "people"   // canonical person ids
	FieldParties   = "parties"  // party codes
	FieldMentions  = "mentions" // days the article mentions, YYYY-MM-DD
	FieldPlaces    = "places"   // ids of the states and union territories the article names
	FieldDup       = "dup"      // the article's duplicate cluster: the id of its first-indexed copy
	FieldSimHash   = "simhash"  // the body's fingerprint (Fingerprint), 16 hex digits
)

// allField is Bleve's composite field of every field that asks to be in it.
const allField = "_all"

// Scoring models Bleve offers; which one the index uses is chosen by `make eval`.
const (
	ScoringTFIDF = "tf-idf"
	ScoringBM25  = "bm25"
)

// DefaultScoring is the scoring model new indexes use. Chosen by measurement on
// XQuAD with cmd/eval; see README.md.
const DefaultScoring = ScoringTFIDF

// BuildOptions select the analysis and scoring an index is built with; they
// are stored in the index's mapping, from which a Searcher reads them back.
// The evaluation compares ours with Bleve's stock analyzers.
type BuildOptions struct {
	Scoring string // ScoringTFIDF or ScoringBM25; "" means DefaultScoring
	// Stock uses Bleve's stock "en" and "hi" analyzers and no phonetic keys
	// instead of ours; searches over such an index do not translate queries.
	Stock bool
}

// NewMapping returns the index mapping for news documents.
func NewMapping(opt BuildOptions) (*mapping.IndexMappingImpl, error) {
	en, hi, deva := analyzers.EnglishAnalyzer, analyzers.HindiAnalyzer, analyzers.DevanagariAnalyzer
	if opt.Stock {
		en, hi, deva = "en", "hi", "hi"
	}
	text := func(analyzer string) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeTermVectors = true // phrase queries need positions
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keys := func(analyzer string) *mapping.FieldMapping {
		f := text(analyzer)
		f.IncludeTermVectors = false // keys are matched one by one, never as phrases
		return f
	}
	stored := func() *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = true
		f.IncludeInAll = false
		f.DocValues = true
		f.IncludeTermVectors = false
		return f
	}

	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(FieldTitleEn, text(en))
	doc.AddFieldMappingsAt(FieldTitleHi, text(hi))
	doc.AddFieldMappingsAt(FieldBodyEn, text(en))
	doc.AddFieldMappingsAt(FieldBodyHi, text(hi))
	doc.AddFieldMappingsAt(FieldBodyDeva, text(deva))
	if !opt.Stock {
		doc.AddFieldMappingsAt(FieldKeyHi, keys(analyzers.RomanAnalyzer))
		doc.AddFieldMappingsAt(FieldKeyEn, keys(analyzers.RomanAnalyzer))
	}
	doc.AddFieldMappingsAt(FieldTitle, stored())
	doc.AddFieldMappingsAt(FieldBody, stored())
	doc.AddFieldMappingsAt(FieldURL, stored())
	doc.AddFieldMappingsAt(FieldSource, kw())
	doc.AddFieldMappingsAt(FieldLang, kw())
	doc.AddFieldMappingsAt(FieldPeople, kw())
	doc.AddFieldMappingsAt(FieldParties, kw())
	doc.AddFieldMappingsAt(FieldMentions, kw())
	doc.AddFieldMappingsAt(FieldPlaces, kw())
	doc.AddFieldMappingsAt(FieldDup, kw())
	fp := kw()
	fp.Store = false // read from doc values only, when a writer loads the fingerprints
	doc.AddFieldMappingsAt(FieldSimHash, fp)
	date := mapping.NewDateTimeFieldMapping()
	date.Store = true
	date.DocValues = true
	date.IncludeInAll = false
	doc.AddFieldMappingsAt(FieldDate, date)
	guess := mapping.NewBooleanFieldMapping()
	guess.Store = true
	guess.IncludeInAll = false
	doc.AddFieldMappingsAt(FieldDateGuess, guess)
	lead := mapping.NewBooleanFieldMapping()
	lead.Store = true
	lead.IncludeInAll = false
	doc.AddFieldMappingsAt(FieldTitleLead, lead)
	furniture := mapping.NewBooleanFieldMapping()
	furniture.Store = true
	furniture.Index = false
	furniture.DocValues = false
	furniture.IncludeInAll = false
	doc.AddFieldMappingsAt(FieldFurniture, furniture)

	// No field goes into Bleve's composite _all field (IncludeInAll is off
	// everywhere) and no query reads it, yet while it is enabled Bleve
	// builds, merges and stores an empty one for every document: a
	// twentieth of indexing's CPU.
	doc.AddSubDocumentMapping(allField, mapping.NewDocumentDisabledMapping())

	m := mapping.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = en
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	switch opt.Scoring {
	case "":
		m.ScoringModel = DefaultScoring
	case ScoringTFIDF, ScoringBM25:
		m.ScoringModel = opt.Scoring
	default:
		return nil, fmt.Errorf("unknown scoring model %q (want %s or %s)", opt.Scoring, ScoringTFIDF, ScoringBM25)
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	return m, nil
}
