package index

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestConceptDisjunctionIsBleves checks on random trees of words (some in
// no document, some in both fields; terms, and matches of one or two words), disjunctions needing 0 to 3 of their
// children, nested in conjunctions and under a Boolean's exclusions, that
// conceptDisjunction finds exactly Bleve's documents with exactly its
// scores, read through and advanced.
func TestConceptDisjunctionIsBleves(t *testing.T) {
	s := phraseIndex(t)
	r := snapshot(t, s.Index())
	m := s.Index().Mapping()
	rng := rand.New(rand.NewPCG(3, 5))
	leaf := randomLeaves(rng)
	compared := 0
	for i := range 300 {
		var kids []query.Query
		for range 1 + rng.IntN(9) {
			kids = append(kids, leaf(0))
		}
		var q query.Query = bleve.NewDisjunctionQuery(kids...)
		switch i % 3 {
		case 1:
			q = bleve.NewConjunctionQuery(q, bleve.NewDisjunctionQuery(leaf(0), leaf(0)))
		case 2:
			b := bleve.NewBooleanQuery()
			b.AddMust(q)
			b.AddMustNot(leaf(0))
			q = b
		}
		for _, step := range []uint64{0, 23} {
			n, _ := sameAsBleve(t, r, m, q, step)
			compared += n
		}
		if t.Failed() {
			t.Fatalf("query %d differs", i)
		}
	}
	t.Logf("%d matches compared", compared)
	if compared < 5000 {
		t.Errorf("only %d matches in all: the trees test too little", compared)
	}
}

// randomLeaves returns a maker of random query trees of words (some in no
// document, some in both fields; terms, and matches of one or two words),
// disjunctions needing 0 to 3 of their children and conjunctions, over
// phraseIndex's words.
func randomLeaves(rng *rand.Rand) func(depth int) query.Query {
	words := strings.Fields("death toll rises police delhi absent मर वाल संखय पुलिस")
	fields := []string{FieldBodyEn, FieldTitleEn, FieldBodyHi}
	var leaf func(depth int) query.Query
	leaf = func(depth int) query.Query {
		switch k := rng.IntN(10); {
		case depth < 2 && k < 3:
			var kids []query.Query
			for range 1 + rng.IntN(5) {
				kids = append(kids, leaf(depth+1))
			}
			d := bleve.NewDisjunctionQuery(kids...)
			d.SetMin(float64(rng.IntN(min(len(kids), 3) + 1)))
			return d
		case depth < 2 && k < 4:
			return bleve.NewConjunctionQuery(leaf(depth+1), leaf(depth+1))
		case k < 6:
			// One word or two, as the plan's leaves are.
			mq := bleve.NewMatchQuery(strings.Join(words[rng.IntN(5):][:1+rng.IntN(2)], " "))
			mq.SetField(fields[rng.IntN(2)])
			mq.Analyzer = "news_en"
			mq.SetBoost(float64(1 + rng.IntN(4)))
			if rng.IntN(2) == 0 {
				mq.SetOperator(query.MatchQueryOperatorAnd)
			}
			return mq
		default:
			tq := bleve.NewTermQuery(words[rng.IntN(len(words))])
			tq.SetField(fields[rng.IntN(len(fields))])
			tq.SetBoost(float64(1 + rng.IntN(4)))
			return tq
		}
	}
	return leaf
}
