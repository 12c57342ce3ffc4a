package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/newsearch/bilingual/articles"
)

// TestCountsOfAnotherSnapshotAreNotRead checks that a repeated search whose
// cached matches were recorded in other segments (Bleve merged the index
// since, with no write to empty the cache, so document numbers moved)
// answers as the counting search does, without reading them, and renews
// the entry for the segments it searched. The entries are altered to name
// segments no snapshot has and to hold no matches: read, they would give an
// empty page.
func TestCountsOfAnotherSnapshotAreNotRead(t *testing.T) {
	ctx := context.Background()
	w, idx := newWriter(t)
	rng := rand.New(rand.NewPCG(5, 23))
	vocab := strings.Fields("police court farmers harvest market district village river bridge road school teacher " +
		"hospital doctor vaccine budget railway minister party election vote rally protest strike flood drought")
	var docs []articles.Document
	for i := range 200 {
		words := make([]string, 20+rng.IntN(40))
		for k := range words {
			words[k] = vocab[rng.IntN(len(vocab))]
		}
		docs = append(docs, articles.Document{ID: fmt.Sprintf("d%03d", i), Title: words[0] + " " + words[1], Body: strings.Join(words, " ")})
	}
	if err := w.Write(ctx, docs); err != nil {
		t.Fatal(err)
	}
	s := newSearcher(t, idx, SearchConfig{Freedict: NoFreedict})
	s.blockDocs, s.pagesKept = 4, 0 // the repeats search rather than read their pages
	show := func(r Request) string { return responseJSON(t, s, r) }
	for _, r := range []Request{
		{Q: "police", Size: 5}, {Q: "flood OR drought", Size: 4, NoCollapse: true},
		{Q: "police court", Size: 3}, {Q: `"police court"`, Size: 3, NoCollapse: true}, {Q: "vaccine -hospital", Size: 4},
	} {
		counted := show(r)
		key := s.facets.key(s.gen.Load(), r)
		c, ok := s.facets.get(key)
		if !ok || c.matched == nil {
			t.Fatalf("%+v: no matches cached", r)
		}
		segs := c.segs
		stale := *c
		stale.segs, stale.matched, stale.peaks = []uint64{1<<64 - 1}, roaring.New(), nil
		s.facets.add(key, &stale)
		if repeated := show(r); repeated != counted {
			t.Errorf("%+v, counts of other segments:\nrepeated %s\ncounted  %s", r, repeated, counted)
		}
		if c, _ := s.facets.get(key); !slices.Equal(c.segs, segs) || c.matched.GetCardinality() != stale.total {
			t.Errorf("%+v: the entry was not renewed: segments %v (want %v), %d matches of %d", r, c.segs, segs, c.matched.GetCardinality(), stale.total)
		}
		if again := show(r); again != counted {
			t.Errorf("%+v, from the renewed entry:\nagain   %s\ncounted %s", r, again, counted)
		}
		if !strings.Contains(counted, `"id"`) {
			t.Errorf("%+v: no hits, the case tests nothing", r)
		}
	}
}
