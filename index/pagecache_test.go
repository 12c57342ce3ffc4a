package index

import (
	"context"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsearch/bilingual/articles"
)

// TestPageCacheKeepsTheLastPages checks the cache's own rules: each page by
// its key, the oldest dropped when full, a page kept already left as it
// was, and a nil cache keeping nothing.
func TestPageCacheKeepsTheLastPages(t *testing.T) {
	page := func(total uint64) *bleve.SearchResult { return &bleve.SearchResult{Total: total} }
	c := newPageCache(2)
	c.put("a", page(1), nil, []Hit{})
	c.put("b", page(2), nil, []Hit{})
	c.put("a", page(9), nil, []Hit{}) // the same page again: the first stays
	c.put("big", page(8), nil, make([]Hit, keptHits+1))
	c.put("c", page(3), nil, []Hit{}) // full: a, the oldest, goes
	for _, tc := range []struct {
		key  string
		want uint64 // 0: not kept
	}{{"a", 0}, {"b", 2}, {"c", 3}, {"d", 0}, {"big", 0}} {
		got := c.get(tc.key)
		switch {
		case tc.want == 0 && got != nil:
			t.Errorf("%s: kept (total %d), want dropped", tc.key, got.res.Total)
		case tc.want != 0 && (got == nil || got.res.Total != tc.want):
			t.Errorf("%s: got %v, want the page of total %d", tc.key, got, tc.want)
		}
	}
	var none *pageCache = newPageCache(0)
	none.put("a", page(1), nil, []Hit{})
	if none.get("a") != nil {
		t.Error("a cache of no pages kept one")
	}
}

// TestPageKeyNamesThePage checks that requests with other pages, orders,
// cursors or collapsing have other keys, and that filters and the query,
// which the counts' key names, do not enter it.
func TestPageKeyNamesThePage(t *testing.T) {
	base := Request{Q: "lockdown", Size: 10}
	keys := map[string]string{pageKey(base, true): "base"}
	for name, r := range map[string]Request{
		"size":         {Q: "lockdown", Size: 20},
		"offset":       {Q: "lockdown", Size: 10, Offset: 10},
		"sort":         {Q: "lockdown", Size: 10, Sort: SortDate},
		"cursor":       {Q: "lockdown", Size: 10, Sort: SortDate, After: []string{"x", "y"}},
		"cursor parts": {Q: "lockdown", Size: 10, Sort: SortDate, After: []string{"xy"}},
	} {
		k := pageKey(r, true)
		if other, ok := keys[k]; ok {
			t.Errorf("%s has the key of %s", name, other)
		}
		keys[k] = name
	}
	if pageKey(base, false) == pageKey(base, true) {
		t.Error("collapsing or not share a key")
	}
	if pageKey(Request{Q: "flood", Size: 10, Sources: []string{"a"}}, true) != pageKey(base, true) {
		t.Error("the query or a filter changes the page key: the counts' key names them")
	}
}

// TestRepeatedPageIsKept checks that a page searched again is read from its
// counts' page cache (a marked page put in its place comes back), that it
// is the page the search found and showed (the whole answer, snippets and
// cursor included, equals the counting search's, and, with the cache off,
// the pruned search's), that other
// pages are kept apart, and that neither counts of other segments (Bleve
// merged the index since) nor a write let a kept page be read.
func TestRepeatedPageIsKept(t *testing.T) {
	s := copiesIndex(t)
	ctx := context.Background()
	reqs := []Request{{Q: "lockdown", Size: 3}, {Q: "lockdown", Size: 3, Offset: 3}, {Q: "lockdown", Size: 3, Sort: SortDate}}
	counted := make([]string, len(reqs))
	for i, r := range reqs {
		counted[i] = responseJSON(t, s, r)
	}
	for i, r := range reqs {
		if again := responseJSON(t, s, r); again != counted[i] {
			t.Errorf("%+v: the kept page differs:\nagain   %s\ncounted %s", r, again, counted[i])
		}
	}
	fresh := newSearcher(t, s.live.idx, SearchConfig{Freedict: NoFreedict})
	fresh.pagesKept = 0
	for i, r := range reqs {
		responseJSON(t, fresh, r)
		if pruned := responseJSON(t, fresh, r); pruned != counted[i] {
			t.Errorf("%+v: the kept page is not the pruned search's:\npruned %s\nkept   %s", r, pruned, counted[i])
		}
	}

	// Mark the kept first page: a search that reads it shows the mark.
	r := reqs[0]
	c, ok := s.facets.get(s.facets.key(s.gen.Load(), r))
	if !ok || c.pages == nil {
		t.Fatal("no pages kept with the counts")
	}
	pk := pageKey(r, true)
	kept := c.pages.get(pk)
	if kept == nil || c.pages.get(pageKey(reqs[1], true)) == nil || c.pages.get(pageKey(reqs[2], true)) == nil {
		t.Fatal("a searched page was not kept")
	}
	marked := *kept
	marked.hits = kept.hits[:1]
	c.pages.keys[0], c.pages.pages[0] = pk, &marked
	if got := responseJSON(t, s, r); strings.Count(got, `"id"`) != 1 {
		t.Fatalf("the kept page was not read: %s", got)
	}
	// Counts of other segments: the page is searched again, not read.
	other := *c
	other.segs = []uint64{1<<64 - 1}
	s.facets.add(s.facets.key(s.gen.Load(), r), &other)
	if got := responseJSON(t, s, r); got != counted[0] {
		t.Errorf("counts of other segments served their kept page:\ngot  %s\nwant %s", got, counted[0])
	}
	// A write empties the counts and, with them, their pages.
	c, _ = s.facets.get(s.facets.key(s.gen.Load(), r))
	c.pages = &pageCache{keys: []string{pk}, pages: []*found{&marked}}
	if err := s.Writer().Write(ctx, []articles.Document{{ID: "other", Body: "cricket scores"}}); err != nil {
		t.Fatal(err)
	}
	if got := responseJSON(t, s, r); strings.Count(got, `"id"`) != 3 {
		t.Errorf("after a write, a kept page was read: %s", got)
	}
}
