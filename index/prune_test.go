package index

import (
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// scored reads every match of s as document number and score.
func scored(t *testing.T, s search.Searcher, r index.IndexReader) map[uint64]float64 {
	t.Helper()
	out := map[uint64]float64{}
	for _, m := range matches(t, s, r, 0) {
		num, bits, _ := strings.Cut(m, ":")
		n, err := strconv.ParseUint(num, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		f, err := strconv.ParseFloat(bits, 64) // hexadecimal: the exact bits
		if err != nil {
			t.Fatal(err)
		}
		out[n] = f
	}
	return out
}

// TestPrunedConceptKeepsEveryCompetitor checks, on random concepts over
// phraseIndex and floors at several ranks of their scores, that a concept
// pruned with the greatest scores its counting search recorded (its
// children's, and with or without its blocks') returns every document
// scoring at or above the floor, each with its unpruned score to the bit,
// returns nothing the unpruned one does not, and skips documents: the
// pruning is both exact and at work, and passing blocks over skips more.
func TestPrunedConceptKeepsEveryCompetitor(t *testing.T) {
	s := phraseIndex(t)
	r := snapshot(t, s.Index())
	m := s.Index().Mapping()
	rng := rand.New(rand.NewPCG(11, 13))
	leaf := randomLeaves(rng)
	full, kept, keptByChildren := 0, 0, 0
	for i := range 200 {
		var kids []query.Query
		for range 2 + rng.IntN(8) {
			kids = append(kids, leaf(1)) // shallow: the plan's concepts nest once
		}
		d := bleve.NewDisjunctionQuery(kids...)
		d.SetMin(float64(rng.IntN(2)))
		q := fastSearchers(d)
		counting := recorder(400, 4)
		ctx := context.WithValue(context.Background(), prunerKey{}, counting)
		us, err := q.Searcher(ctx, r, m, search.SearcherOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want := scored(t, us, r)
		us.Close()
		seen := recorded([]*pruner{counting})
		if seen == nil {
			t.Fatalf("query %d: the counting search recorded nothing", i)
		}
		scores := slices.Sorted(func(yield func(float64) bool) {
			for _, f := range want {
				if !yield(f) {
					return
				}
			}
		})
		if len(scores) < 10 {
			continue
		}
		for n, f := range want { // as the filterSearcher notes them
			counting.note(n, f)
		}
		seen = recorded([]*pruner{counting})
		byChildren := &peaks{children: seen.children}
		for _, c := range []struct {
			rank  int
			peaks *peaks
		}{
			{len(scores) / 2, seen}, {len(scores) * 9 / 10, seen}, {len(scores) - 1, seen},
			{len(scores) / 2, byChildren}, {len(scores) * 9 / 10, byChildren}, {len(scores) - 1, byChildren},
		} {
			floor := scores[c.rank]
			pr := &pruner{floor: floor, peaks: c.peaks, children: true}
			ps, err := q.Searcher(context.WithValue(context.Background(), prunerKey{}, pr), r, m, search.SearcherOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if pr.concept == nil {
				t.Fatalf("query %d: %T is not pruned", i, ps)
			}
			got := scored(t, ps, r)
			ps.Close()
			for n, f := range got {
				if w, ok := want[n]; !ok || math.Float64bits(w) != math.Float64bits(f) {
					t.Errorf("query %d, floor %v: document %d scored %v, unpruned %v (found %v)", i, floor, n, f, w, ok)
				}
			}
			for n, f := range want {
				if _, ok := got[n]; !ok && f >= floor {
					t.Errorf("query %d, floor %v: document %d (%v) skipped", i, floor, n, f)
				}
			}
			if c.peaks == seen {
				full += len(want)
				kept += len(got)
			} else {
				keptByChildren += len(got)
			}
		}
		if t.Failed() {
			t.Fatalf("query %d: %#v", i, d)
		}
	}
	t.Logf("pruned concepts returned %d of %d matches, %d without their blocks", kept, full, keptByChildren)
	if full < 5000 || keptByChildren > full*3/4 || kept > keptByChildren*9/10 {
		t.Errorf("pruned concepts returned %d of %d matches, %d without their blocks: too few to test, or too little skipped",
			kept, full, keptByChildren)
	}
}

// TestRepeatedSearchIsTheCountingSearch checks that a search answered from
// cached counts (pruned, for one concept unless few postings match;
// visiting only the known matches otherwise) shows what the first, counting,
// pass showed: the same hits with the same scores, snippets and copies, the
// same total and facets, across pages, filters, collapsing or not, and a
// search split in parts.
func TestRepeatedSearchIsTheCountingSearch(t *testing.T) {
	for _, tc := range []struct {
		name  string
		s     *Searcher
		reqs  []Request
		split bool
		drive bool   // a concept visits its known matches instead of being pruned
		block uint64 // document numbers per block, when not blockDocs
	}{
		{name: "copies", s: copiesIndex(t), reqs: []Request{
			{Q: "lockdown", Size: 3}, {Q: "lockdown", Size: 2, Offset: 4}, {Q: "lockdown", Size: 5, NoCollapse: true},
			{Q: "lockdown OR flood", Size: 4}, {Q: "police", Size: 3, Sources: []string{"beta"}},
			{Q: "harvest", Size: 1, Offset: 2, NoCollapse: true},
			{Q: "lockdown police", Size: 3}, {Q: "lockdown -flood", Size: 4, NoCollapse: true},
			{Q: `"officials said"`, Size: 2}, {Q: "police court", Size: 2, Offset: 1, Sources: []string{"alpha"}},
			{Q: "+lockdown xyzzyq", Size: 3},
		}},
		{name: "words", s: phraseIndex(t), reqs: []Request{
			{Q: "death", Size: 5}, {Q: "police", Size: 10}, {Q: "toll", Size: 3, Offset: 7},
			{Q: "पुलिस", Size: 4}, {Q: "rises OR delhi", Size: 6, NoCollapse: true}, {Q: "संख्या", Size: 2},
			{Q: "death police", Size: 5}, {Q: `"death toll"`, Size: 4, NoCollapse: true}, {Q: "toll -delhi", Size: 3},
		}},
		{name: "split", s: phraseIndex(t), split: true, reqs: []Request{
			{Q: "death", Size: 5}, {Q: "delhi OR police", Size: 4, Offset: 2, NoCollapse: true},
			{Q: "death toll", Size: 4}, {Q: `"death toll"`, Size: 3, Offset: 1},
		}},
		{name: "copies split", s: copiesIndex(t), split: true, reqs: []Request{
			{Q: "lockdown", Size: 4}, {Q: "lockdown", Size: 3, Offset: 2}, {Q: "harvest OR flood", Size: 5},
		}},
		{name: "words in blocks of 3", s: phraseIndex(t), block: 3, reqs: []Request{
			{Q: "death", Size: 5}, {Q: "police", Size: 10}, {Q: "toll", Size: 3, Offset: 7}, {Q: "पुलिस", Size: 4},
			{Q: "rises OR delhi", Size: 6, NoCollapse: true}, {Q: "संख्या", Size: 2},
			{Q: "death police", Size: 3}, {Q: `"death toll"`, Size: 2, Offset: 1}, {Q: "toll -delhi", Size: 3, NoCollapse: true},
		}},
		{name: "split in blocks of 3", s: phraseIndex(t), split: true, block: 3, reqs: []Request{
			{Q: "death", Size: 5}, {Q: "delhi OR police", Size: 4, Offset: 2, NoCollapse: true}, {Q: "death toll", Size: 4},
		}},
		{name: "copies in blocks of 2", s: copiesIndex(t), block: 2, reqs: []Request{
			{Q: "lockdown", Size: 3}, {Q: "lockdown", Size: 2, Offset: 4}, {Q: "lockdown OR flood", Size: 4},
			{Q: "lockdown police", Size: 2}, {Q: `"officials said"`, Size: 2},
		}},
		{name: "one concept by its known matches", s: phraseIndex(t), drive: true, block: 3, reqs: []Request{
			{Q: "death", Size: 5}, {Q: "police OR delhi", Size: 3, Offset: 4}, {Q: "पुलिस", Size: 2, NoCollapse: true},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.s.pagesKept = 0 // the repeat searches, pruned, rather than reading its page
			if tc.split {
				tc.s.splitMatches, tc.s.splitParts = 1, 3
			}
			if tc.drive {
				tc.s.driveKnown = 0 // every repeat of a concept visits its known matches
			}
			if tc.block > 0 {
				tc.s.blockDocs = tc.block
			}
			for _, r := range tc.reqs {
				show := func() string { return responseJSON(t, tc.s, r) }
				counting := show()
				hits, _ := tc.s.FacetCacheStats()
				pruned := show()
				if after, _ := tc.s.FacetCacheStats(); after != hits+1 {
					t.Fatalf("%+v: the second search was not answered from the cache", r)
				}
				if counting != pruned {
					t.Errorf("%+v:\ncounting %s\npruned   %s", r, counting, pruned)
				}
				if !strings.Contains(counting, `"id"`) {
					t.Errorf("%+v: no hits, the case tests nothing: %s", r, counting)
				}
			}
		})
	}
}

// responseJSON is s's whole answer to r as JSON, without the time it took:
// what two searches that must agree are compared by.
func responseJSON(t *testing.T, s *Searcher, r Request) string {
	t.Helper()
	res, err := s.Search(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	res.TookMS = 0
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
