package index

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

// A Searcher must analyze queries as the index analyzed documents; one it
// cannot tell how to analyze, it refuses rather than search wrongly.
func TestNewSearcherRefusesForeignMappings(t *testing.T) {
	gaz, ext := names(t)
	ours := func(edit func(m *mapping.IndexMappingImpl)) mapping.IndexMapping {
		m, err := NewMapping(BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		edit(m)
		return m
	}
	for _, tc := range []struct {
		name    string
		mapping mapping.IndexMapping
		want    string // in the error
	}{
		{"plain Bleve default mapping", bleve.NewIndexMapping(), "field title_en analyzed by nothing (not mapped)"},
		{"stock analyzer on one of our fields", ours(func(m *mapping.IndexMappingImpl) {
			m.DefaultMapping.Properties[FieldTitleHi].Fields[0].Analyzer = "hi"
		}), `ours: field title_hi analyzed by "hi", want "news_hi"`},
		{"our analyzers without phonetic keys", ours(func(m *mapping.IndexMappingImpl) {
			delete(m.DefaultMapping.Properties, FieldKeyHi)
		}), "ours: field key_hi analyzed by nothing (not mapped)"},
		{"unknown analyzer", ours(func(m *mapping.IndexMappingImpl) {
			m.DefaultMapping.Properties[FieldBodyEn].Fields[0].Analyzer = "standard"
		}), `field body_en analyzed by "standard"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			idx, err := bleve.NewMemOnly(tc.mapping)
			if err != nil {
				t.Fatal(err)
			}
			defer idx.Close()
			s, err := NewSearcher(idx, gaz, ext, SearchConfig{Freedict: NoFreedict})
			if err == nil {
				s.Close()
				t.Fatal("NewSearcher accepted the index")
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "rebuild the index") {
				t.Errorf("error %q, want it to say %q and what to do", err, tc.want)
			}
		})
	}
}

// An index built with stock analyzers is searched with them, whatever the
// caller thinks: no expansion (it has no phonetic keys), its own scoring.
func TestNewSearcherReadsStockAnalysisFromIndex(t *testing.T) {
	idx, err := Open(filepath.Join(t.TempDir(), "idx"), BuildOptions{Stock: true, Scoring: ScoringBM25})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	s := newSearcher(t, idx, SearchConfig{Freedict: NoFreedict})
	if s.tr != nil {
		t.Error("a stock index is searched with query expansion")
	}
	for _, f := range s.fields {
		if f.analyzer != "en" && f.analyzer != "hi" {
			t.Errorf("field %s searched with %q, want a stock analyzer", f.name, f.analyzer)
		}
	}
	if s.scoring != ScoringBM25 {
		t.Errorf("scoring %q, want %q from the index", s.scoring, ScoringBM25)
	}
}
