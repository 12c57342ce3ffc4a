package index

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/newsearch/bilingual/articles"
)

// openSnapshot returns a reader of idx's current snapshot; the caller closes it.
func openSnapshot(t *testing.T, idx bleve.Index) *scorch.IndexSnapshot {
	t.Helper()
	ai, err := idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := ai.Reader()
	if err != nil {
		t.Fatal(err)
	}
	return r.(*scorch.IndexSnapshot)
}

// snapshot returns a reader of idx's current snapshot, closed when the test ends.
func snapshot(t *testing.T, idx bleve.Index) *scorch.IndexSnapshot {
	t.Helper()
	r := openSnapshot(t, idx)
	t.Cleanup(func() { r.Close() })
	return r
}

// segments counts the segments of idx's current snapshot, closing its
// reader at once: Compact waits for the files no reader holds any more.
func segments(t *testing.T, idx bleve.Index) int {
	t.Helper()
	r := openSnapshot(t, idx)
	defer r.Close()
	return len(r.Segments())
}

// TestCompactMergesIntoOneSegment writes documents in several batches,
// which leave several segments, and checks that Compact leaves one holding
// every document, which a search still finds.
func TestCompactMergesIntoOneSegment(t *testing.T) {
	w, idx := newWriter(t)
	for b := range 4 {
		var docs []articles.Document
		for i := range 25 {
			docs = append(docs, articles.Document{ID: fmt.Sprintf("b%d-%02d", b, i), Title: "Lockdown extended", Body: fmt.Sprintf("Batch %d, article %d: the lockdown is extended in Delhi.", b, i)})
		}
		if err := w.Write(context.Background(), docs); err != nil {
			t.Fatal(err)
		}
	}
	if n := segments(t, idx); n < 2 {
		t.Fatalf("%d segment before compacting: the test needs several", n)
	}
	compactToOne(t, idx, 100)
}

// TestCompactMergesMoreThanTenSegments compacts an index whose writes
// left 25 segments (Bleve's own merging turned off), which one round of
// Bleve's planner, merging ten at a time, leaves as three.
func TestCompactMergesMoreThanTenSegments(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := Open(dir, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	idx.Close()
	noMerging := map[string]any{"scorchMergePlanOptions": map[string]any{
		"MaxSegmentsPerTier": 1000, "SegmentsPerMergeTask": 1000, "MaxSegmentSize": 1 << 30,
		"TierGrowth": 10.0, "FloorSegmentSize": 1}}
	if idx, err = open(dir, BuildOptions{}, noMerging); err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	for i := range 25 {
		if err := idx.Index(fmt.Sprintf("d%02d", i), map[string]any{FieldBodyEn: "the lockdown is extended"}); err != nil {
			t.Fatal(err)
		}
	}
	if n := segments(t, idx); n < 21 {
		t.Fatalf("%d segments before compacting: the test needs more than 20", n)
	}
	compactToOne(t, idx, 25)
}

// compactToOne compacts idx and checks that one segment is left, in which
// "lockdown" still finds all docs documents.
func compactToOne(t *testing.T, idx bleve.Index, docs uint64) {
	t.Helper()
	if err := Compact(context.Background(), idx); err != nil {
		t.Fatal(err)
	}
	if n := segments(t, idx); n != 1 {
		t.Errorf("%d segments after compacting, want 1", n)
	}
	q := bleve.NewMatchQuery("lockdown")
	q.SetField(FieldBodyEn)
	res, err := idx.Search(bleve.NewSearchRequest(q))
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != docs {
		t.Errorf("lockdown finds %d of the %d documents after compacting", res.Total, docs)
	}
}
