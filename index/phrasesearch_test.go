package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/newsearch/bilingual/articles"
)

// phraseIndex indexes articles written from a few words, so that every
// phrase of them stands in some articles, lies scattered in others and
// repeats within one; "the" and "of" are English stop words, which leave
// gaps in an analyzed phrase.
func phraseIndex(t *testing.T) *Searcher {
	t.Helper()
	en := strings.Fields("death toll the of rises police delhi death toll")
	hi := strings.Fields("मरने वालों की संख्या बढ़ी पुलिस दिल्ली संख्या")
	rng := rand.New(rand.NewPCG(7, 17))
	words := func(from []string, n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = from[rng.IntN(len(from))]
		}
		return strings.Join(w, " ")
	}
	var docs []articles.Document
	for i := range 400 {
		body := words(en, 3+rng.IntN(40)) + ". " + words(hi, 3+rng.IntN(40))
		docs = append(docs, articles.Document{ID: fmt.Sprintf("d%03d", i), Title: words(en, 1+rng.IntN(6)), Body: body})
	}
	w, idx := newWriter(t)
	if err := w.Write(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return newSearcher(t, idx, SearchConfig{Freedict: NoFreedict})
}

// matches reads a searcher to its end, or, with step, advances it to every
// step-th document number: what filtered and split searches do.
func matches(t *testing.T, s search.Searcher, r index.IndexReader, step uint64) []string {
	t.Helper()
	ctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: r}
	var out []string
	for target := uint64(0); ; target += step {
		var d *search.DocumentMatch
		var err error
		if step == 0 {
			d, err = s.Next(ctx)
		} else {
			d, err = s.Advance(ctx, index.NewIndexInternalID(nil, target))
		}
		if err != nil {
			t.Fatal(err)
		}
		if d == nil {
			return out
		}
		n := d.IndexInternalID.Value()
		out = append(out, fmt.Sprintf("%d:%x", n, d.Score)) // the score's exact bits
		target = max(target, n)
		ctx.DocumentMatchPool.Put(d)
	}
}

// sameAsBleve searches q with Bleve's searchers and as fastSearchers
// rewrites it, read through (step 0) or advanced by step, fails the test
// unless both find the same documents with the same score bits, and returns
// how many they found and the fast searcher's type.
func sameAsBleve(t *testing.T, r index.IndexReader, m mapping.IndexMapping, q query.Query, step uint64) (int, string) {
	t.Helper()
	ctx := context.Background()
	ws, err := q.Searcher(ctx, r, m, search.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	gs, err := fastSearchers(q).Searcher(ctx, r, m, search.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer gs.Close()
	w, g := matches(t, ws, r, step), matches(t, gs, r, step)
	if strings.Join(w, " ") != strings.Join(g, " ") {
		t.Errorf("%#v step %d:\nBleve %v\nours  %v", q, step, w, g)
	}
	return len(w), fmt.Sprintf("%T", gs)
}

// TestExactPhraseSearcherIsBleves checks that phrases searched without
// location maps find exactly Bleve's documents with exactly its scores,
// alone, in a disjunction (where a parent sets the query norm), and when
// advanced.
func TestExactPhraseSearcherIsBleves(t *testing.T) {
	s := phraseIndex(t)
	r := snapshot(t, s.Index())
	m := s.Index().Mapping()
	var qs []query.Query
	for _, text := range []string{"death toll", "toll death", "death toll rises", "death of the police", "the death", "police the", "death death", "toll toll toll", "delhi", "rises of delhi"} {
		for _, field := range []string{FieldBodyEn, FieldTitleEn} {
			q := bleve.NewMatchPhraseQuery(text)
			q.SetField(field)
			q.SetBoost(2)
			qs = append(qs, q)
		}
	}
	for _, terms := range [][]string{{"मर", "वाल", "संखय"}, {"संखय", "बढ"}, {"पुलिस", "दिलल"}, {"संखय", "संखय"}, {"वाल", "", "संखय"}} {
		q := bleve.NewPhraseQuery(terms, FieldBodyHi)
		q.SetBoost(0.5)
		qs = append(qs, q)
	}
	found := 0
	for _, q := range qs {
		for _, step := range []uint64{0, 37} {
			n, typ := sameAsBleve(t, r, m, q, step)
			if typ != "*index.exactPhraseSearcher" {
				t.Fatalf("%#v: searched by %s", q, typ)
			}
			// In a disjunction, whose parent sets the query norm.
			d, _ := sameAsBleve(t, r, m, bleve.NewDisjunctionQuery(q, bleve.NewTermQuery("police")), step)
			found += n + d
		}
	}
	t.Logf("%d matches compared", found)
	if found < 500 {
		t.Errorf("only %d matches in all: the phrases test too little", found)
	}
}
