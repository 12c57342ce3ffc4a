package index

import (
	"context"
	"os"
	"testing"

	"github.com/newsearch/bilingual/analyzers/lexicon"
	"github.com/newsearch/bilingual/articles"

	"github.com/blevesearch/bleve/v2/search/query"
)

// planned builds q's plan on s, failing the test on error.
func planned(t *testing.T, s *Searcher, q string) (*planner, QueryInfo) {
	t.Helper()
	qi := QueryInfo{Q: q}
	p, err := s.plan(context.Background(), q, &qi)
	if err != nil {
		t.Fatalf("plan %q: %v", q, err)
	}
	return p, qi
}

// leafBoosts collects the boost of every leaf query under q. Bleve ignores
// the boosts of conjunctions and disjunctions, so weights must sit on leaves.
func leafBoosts(q query.Query, out map[float64]int) {
	switch q := q.(type) {
	case *query.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			leafBoosts(c, out)
		}
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			leafBoosts(c, out)
		}
	case *query.BooleanQuery:
		for _, c := range []query.Query{q.Must, q.Should, q.MustNot} {
			if c != nil {
				leafBoosts(c, out)
			}
		}
	case query.BoostableQuery:
		out[q.Boost()]++
	}
}

func TestExpansionWeightsOnLeaves(t *testing.T) {
	s := seedSearcher(t) // no FreeDict: lexicon and keys only
	for _, c := range []struct {
		q    string
		want map[float64]bool // boosts the expansion's leaves may carry
	}{
		{"resignation", map[float64]bool{LexiconBoost: true}},
		{"इस्तीफा", map[float64]bool{LexiconBoost: true}},
		{"Scindia", map[float64]bool{KeyBoost: true}},                      // a name: keys, confirmed by the light key
		{"rahul gandhi istifa", map[float64]bool{RomanizedKeyBoost: true}}, // a name is matched by id, not translated
	} {
		p, _ := planned(t, s, c.q)
		got := map[float64]int{}
		leafBoosts(p.query(1), got) // needing one concept: unweighed clauses
		// Besides the expansions, only the query's own words (title and
		// body weights) and the entities it names (EntityBoost).
		allowed := map[float64]bool{1: true, TitleBoost: true} // EntityBoost is 1
		for b := range c.want {
			allowed[b] = true
			if got[b] == 0 {
				t.Errorf("%q: no leaf with boost %v: %v", c.q, b, got)
			}
		}
		for b, n := range got {
			if !allowed[b] {
				t.Errorf("%q: %d leaves with boost %v, want only %v", c.q, n, b, allowed)
			}
		}
	}
}

func TestExpansionShowsTheQueryWords(t *testing.T) {
	s := seedSearcher(t)
	for q, want := range map[string]string{
		"परीक्षाएं":           "परीक्षाएं", // the stem is परिकष
		"resignations":        "resignations",
		"chief minister Modi": "chief minister",
	} {
		_, qi := planned(t, s, q)
		if exps := qi.Expansions; len(exps) == 0 || exps[0].From != want {
			t.Errorf("%q: expansions %+v, want the first from %q", q, qi.Expansions, want)
		}
	}
}

// FreeDict is used only when configured and present: with NoFreedict no
// expansion comes from it, with Debian's dictionary installed some does.
func TestFreedictIsExplicit(t *testing.T) {
	s := seedSearcher(t) // NoFreedict
	for _, q := range []string{"resignation", "government", "इस्तीफा", "सरकार"} {
		_, qi := planned(t, s, q)
		for _, e := range qi.Expansions {
			if e.Source == "freedict" {
				t.Errorf("%s: a FreeDict expansion with NoFreedict: %+v", q, e)
			}
		}
	}
	if _, err := os.Stat(lexicon.FreedictPath); err != nil {
		t.Skipf("Debian's dict-freedict-eng-hin is not installed (%v): the rest needs it", err)
	}
	w, idx := newWriter(t)
	if err := w.Write(context.Background(), []articles.Document{{ID: "a", Body: "x"}}); err != nil {
		t.Fatal(err)
	}
	fd := newSearcher(t, idx, SearchConfig{Freedict: lexicon.FreedictPath})
	found := false
	for _, q := range []string{"butterfly", "telescope", "violin", "mountain", "elephant"} {
		_, qi := planned(t, fd, q)
		for _, e := range qi.Expansions {
			found = found || e.Source == "freedict"
		}
	}
	if !found {
		t.Error("FreeDict configured and installed, but no query was expanded from it")
	}
}
