package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestConceptDisjunctionIsBleves checks on random trees of words (some in
// no document, some in both fields), disjunctions needing 0 to 3 of their
// children, nested in conjunctions and under a Boolean's exclusions, that
// conceptDisjunction finds exactly Bleve's documents with exactly its
// scores, read through and advanced.
func TestConceptDisjunctionIsBleves(t *testing.T) {
	s := phraseIndex(t)
	ai, err := s.Index().Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := ai.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	m := s.Index().Mapping()
	rng := rand.New(rand.NewPCG(3, 5))
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
		default:
			tq := bleve.NewTermQuery(words[rng.IntN(len(words))])
			tq.SetField(fields[rng.IntN(len(fields))])
			tq.SetBoost(float64(1 + rng.IntN(4)))
			return tq
		}
	}
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
			ws, err := q.Searcher(context.Background(), r, m, search.SearcherOptions{})
			if err != nil {
				t.Fatal(err)
			}
			gs, err := fastSearchers(q).Searcher(context.Background(), r, m, search.SearcherOptions{})
			if err != nil {
				t.Fatal(err)
			}
			w, g := matches(t, ws, r, step), matches(t, gs, r, step)
			if strings.Join(w, " ") != strings.Join(g, " ") {
				t.Fatalf("query %d step %d %s:\nBleve %v\nours  %v", i, step, fmt.Sprintf("%#v", q), w, g)
			}
			compared += len(w)
			ws.Close()
			gs.Close()
		}
	}
	t.Logf("%d matches compared", compared)
	if compared < 5000 {
		t.Errorf("only %d matches in all: the trees test too little", compared)
	}
}
