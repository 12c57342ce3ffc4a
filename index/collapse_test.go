package index

import (
	"context"
	"testing"

	"github.com/newsearch/bilingual/articles"
)

// TestCollapseLiveWrites writes an article, then its copy in a later write,
// and checks the copy joins its cluster and search shows one of them.
func TestCollapseLiveWrites(t *testing.T) {
	w, idx := newWriter(t)
	ctx := context.Background()
	body := "The state government extended the lockdown in the capital by two more weeks on Monday, saying the number " +
		"of coronavirus patients in hospitals had not yet begun to fall, and asked migrant workers to stay where they are."
	other := "Farmers in the western districts began harvesting wheat under police watch, with markets opened for " +
		"two hours a day and traders told to keep their distance from one another at every lockdown checkpoint."
	if err := w.Write(ctx, []articles.Document{{ID: "b1", Body: body}, {ID: "o1", Body: other}}); err != nil {
		t.Fatal(err)
	}
	// A copy with a sentence cut, in a later write through a new Writer of the same searcher.
	s := newSearcher(t, idx, SearchConfig{Freedict: NoFreedict})
	if err := s.Writer().Write(ctx, []articles.Document{{ID: "a2", Body: body + " Officials said so."}}); err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(ctx, Request{Q: "lockdown"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 3 || len(res.Hits) != 2 || !res.FacetMeta.Collapsed {
		t.Fatalf("collapsed: total %d, %d hits, collapsed %v; want 3 articles, 2 hits", res.Total, len(res.Hits), res.FacetMeta.Collapsed)
	}
	for _, h := range res.Hits {
		want := map[string]int{"b1": 1, "a2": 1, "o1": 0}[h.ID]
		if h.Duplicates != want || (h.ID != "o1" && h.Cluster != "b1") {
			t.Errorf("hit %s: cluster %q, %d duplicates; want cluster b1, %d", h.ID, h.Cluster, h.Duplicates, want)
		}
	}
	all, err := s.Search(ctx, Request{Q: "lockdown", NoCollapse: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Hits) != 3 || all.FacetMeta.Collapsed {
		t.Errorf("collapse=false: %d hits, collapsed %v; want every copy", len(all.Hits), all.FacetMeta.Collapsed)
	}
	copies, ok, err := s.Duplicates(ctx, "a2")
	if err != nil || !ok || len(copies) != 2 || copies[0].ID == copies[1].ID {
		t.Errorf("duplicates of a2: %+v, %v, %v; want b1 and a2", copies, ok, err)
	}
	if _, ok, err := s.Duplicates(ctx, "nope"); ok || err != nil {
		t.Errorf("duplicates of a missing id: found %v, %v", ok, err)
	}
	// Paging: offset 1 shows the second cluster, not a copy of the first.
	p2, err := s.Search(ctx, Request{Q: "lockdown", Size: 1, Offset: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(p2.Hits) != 1 || p2.Hits[0].Cluster == res.Hits[0].Cluster {
		t.Errorf("page 2: %+v; want the other cluster than %s", p2.Hits, res.Hits[0].Cluster)
	}
}
