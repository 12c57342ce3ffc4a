package index

import (
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

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
		{"Scindia", map[float64]bool{KeyBoost: true}}, // a name: keys, confirmed by the light key
		{"rahul gandhi istifa", map[float64]bool{LexiconBoost: true, RomanizedKeyBoost: true}},
	} {
		clauses, _, _ := s.tr.expand(c.q)
		got := map[float64]int{}
		for _, cl := range clauses {
			leafBoosts(cl, got)
		}
		if len(got) == 0 {
			t.Errorf("%q: no expansion leaves", c.q)
		}
		for b, n := range got {
			if !c.want[b] {
				t.Errorf("%q: %d leaves with boost %v, want only %v", c.q, n, b, c.want)
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
		_, exps, _ := s.tr.expand(q)
		if len(exps) == 0 || exps[0].From != want {
			t.Errorf("%q: expansions %+v, want the first from %q", q, exps, want)
		}
	}
}
