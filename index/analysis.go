package index

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// builtAnalysis is what an index was built with, as a Searcher must know it
// to analyze queries the way the index analyzed the documents.
type builtAnalysis struct {
	opt          BuildOptions
	en, hi, deva string // the analyzers of the English, Hindi and Devanagari fields
	scoringModel string // as Bleve names it
}

// analyzedFields are the fields whose analyzers tell how an index was built.
var analyzedFields = []string{FieldTitleEn, FieldBodyEn, FieldTitleHi, FieldBodyHi, FieldBodyDeva, FieldKeyHi, FieldKeyEn}

// analysisOf reads what the index with mapping m was built with. Rather
// than trust the caller to know, it compares m's analyzers field by field
// with the mappings NewMapping makes (ours, then stock), and refuses any
// other mapping (a plain Bleve index, one built by another version) with an
// error naming the first difference: searching it with the wrong analyzers
// would quietly find the wrong documents.
func analysisOf(m mapping.IndexMapping) (builtAnalysis, error) {
	got, ok := m.(*mapping.IndexMappingImpl)
	if !ok || got.DefaultMapping == nil {
		return builtAnalysis{}, fmt.Errorf("index mapping %T: not built by this project's indexer", m)
	}
	var diffs []string
	for _, opt := range []BuildOptions{{}, {Stock: true}} {
		want, err := NewMapping(opt)
		if err != nil {
			return builtAnalysis{}, err
		}
		diff := analyzerDiff(got, want)
		if diff == "" {
			a := builtAnalysis{opt: opt, en: fieldAnalyzer(got, FieldTitleEn), hi: fieldAnalyzer(got, FieldTitleHi),
				deva: fieldAnalyzer(got, FieldBodyDeva), scoringModel: got.ScoringModel}
			if a.scoringModel == "" {
				a.scoringModel = index.DefaultScoringModel
			}
			a.opt.Scoring = a.scoringModel
			return a, nil
		}
		name := "ours"
		if opt.Stock {
			name = "stock"
		}
		diffs = append(diffs, name+": "+diff)
	}
	return builtAnalysis{}, fmt.Errorf("index mapping matches neither analysis this searcher knows (%s): rebuild the index with indexer",
		strings.Join(diffs, "; "))
}

// analyzerDiff describes the first analyzed field whose analyzer differs
// between got and want, or returns "" when none does.
func analyzerDiff(got, want *mapping.IndexMappingImpl) string {
	for _, f := range analyzedFields {
		g, w := fieldAnalyzer(got, f), fieldAnalyzer(want, f)
		if g != w {
			return fmt.Sprintf("field %s analyzed by %s, want %s", f, orNone(g), orNone(w))
		}
	}
	return ""
}

// fieldAnalyzer is the analyzer of a top-level field of m's default
// document mapping, "" when m does not map it.
func fieldAnalyzer(m *mapping.IndexMappingImpl, field string) string {
	p := m.DefaultMapping.Properties[field]
	if p == nil || len(p.Fields) == 0 {
		return ""
	}
	return p.Fields[0].Analyzer
}

func orNone(analyzer string) string {
	if analyzer == "" {
		return "nothing (not mapped)"
	}
	return fmt.Sprintf("%q", analyzer)
}

// checkAnalysis refuses an index whose mapping is not the one this build
// makes for opt's analysis: a stock-analyzer index (cmd/eval's comparison)
// where ours is wanted would silently find less, and a mapping that differs
// although the format version matches means the version was not bumped.
func checkAnalysis(dir string, m mapping.IndexMapping, opt BuildOptions) error {
	built, err := analysisOf(m)
	if err != nil {
		return fmt.Errorf("index %s: %w: %w; %s", dir, ErrOldFormat, err, reindexHint(dir))
	}
	if built.opt.Stock != opt.Stock {
		what := "Bleve's stock analyzers (cmd/eval's comparison), which find less than ours"
		if opt.Stock {
			what = "this project's analyzers, not the stock ones asked for"
		}
		return fmt.Errorf("index %s: %w: it was built with %s; %s", dir, ErrForeignIndex, what, reindexHint(dir))
	}
	return nil
}
