package index

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/newsearch/bilingual/articles"
)

// TestApplyStoresPositionWithBatch checks that Apply writes, deletes and
// stores its internal value in one batch that survives reopening the index,
// as a log replica resuming after a restart relies on.
func TestApplyStoresPositionWithBatch(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := OpenWritable(dir, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, ext := names(t)
	w := NewWriter(idx, ext, nil)
	if v, err := w.Internal("seq"); err != nil || v != nil {
		t.Fatalf("fresh index: Internal = %q, %v; want nil", v, err)
	}
	docs := []articles.Document{{ID: "a", Body: "first"}, {ID: "b", Body: "second"}}
	if err := w.Apply(ctx, docs, nil, map[string][]byte{"seq": []byte("7")}); err != nil {
		t.Fatal(err)
	}
	if err := w.Apply(ctx, []articles.Document{{ID: "c", Body: "third"}}, []string{"a", "zz"}, map[string][]byte{"seq": []byte("9")}); err != nil {
		t.Fatal(err)
	}
	if err := w.Apply(ctx, []articles.Document{{ID: "d", Body: "x"}}, []string{"d"}, nil); err == nil {
		t.Fatal("an id both written and deleted in one batch was accepted")
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	idx, err = OpenWritable(dir, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	w = NewWriter(idx, ext, nil)
	if v, err := w.Internal("seq"); err != nil || string(v) != "9" {
		t.Fatalf("after reopening: Internal = %q, %v; want 9", v, err)
	}
	for id, want := range map[string]bool{"a": false, "b": true, "c": true, "d": false} {
		if got := storedFields(t, idx, id) != nil; got != want {
			t.Errorf("document %s present = %v, want %v", id, got, want)
		}
	}
	if n, _ := idx.DocCount(); n != 2 {
		t.Errorf("DocCount = %d, want 2", n)
	}
}

// TestRequestNeedForcesLevel checks that Request.Need fixes how many
// concepts a match needs, with no relaxing, as a cluster's shards are asked
// at the level the union of their documents relaxes to.
func TestRequestNeedForcesLevel(t *testing.T) {
	ctx := context.Background()
	w, idx := newWriter(t)
	docs := []articles.Document{
		{ID: "a", Body: "The monsoon flooded the railway station."},
		{ID: "b", Body: "The monsoon reached Kerala early."},
	}
	if err := w.Write(ctx, docs); err != nil {
		t.Fatal(err)
	}
	s := newSearcher(t, idx, SearchConfig{Freedict: NoFreedict})
	free, err := s.Search(ctx, Request{Q: "monsoon railway cricket"})
	if err != nil {
		t.Fatal(err)
	}
	if !free.Query.Matching.Relaxed || free.Total == 0 {
		t.Fatalf("without Need the query should relax and match: %+v total %d", free.Query.Matching, free.Total)
	}
	for need, want := range map[int]uint64{3: 0, 2: 1, 1: 2} {
		res, err := s.Search(ctx, Request{Q: "monsoon railway cricket", Need: need})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != want || res.Query.Matching.Required != need {
			t.Errorf("Need %d: total %d, required %d; want %d, %d", need, res.Total, res.Query.Matching.Required, want, need)
		}
	}
}
