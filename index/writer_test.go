package index

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/entities"
)

// newWriter opens a fresh index in a temporary directory with a writer over it.
func newWriter(t *testing.T) (*Writer, bleve.Index) {
	t.Helper()
	idx, err := OpenWritable(filepath.Join(t.TempDir(), "idx"), BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	gaz, err := entities.Load()
	if err != nil {
		t.Fatal(err)
	}
	return NewWriter(idx, entities.NewExtractor(gaz), nil), idx
}

// names loads the gazetteer and an extractor over it, the pair a Writer and
// a Searcher share.
func names(tb testing.TB) (*entities.Gazetteer, *entities.Extractor) {
	tb.Helper()
	gaz, err := entities.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return gaz, entities.NewExtractor(gaz)
}

// newSearcher returns a Searcher over idx that closes with the test.
func newSearcher(tb testing.TB, idx bleve.Index, cfg SearchConfig) *Searcher {
	tb.Helper()
	gaz, ext := names(tb)
	s, err := NewSearcher(idx, gaz, ext, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// storedFields returns the stored text fields of document id, or nil when absent.
func storedFields(t *testing.T, idx bleve.Index, id string) map[string][]string {
	t.Helper()
	d, err := idx.Document(id)
	if err != nil {
		t.Fatal(err)
	}
	if d == nil {
		return nil
	}
	out := map[string][]string{}
	d.VisitFields(func(f bleveindex.Field) {
		if _, ok := f.(bleveindex.TextField); ok {
			out[f.Name()] = append(out[f.Name()], string(f.Value()))
		}
	})
	return out
}

func TestWriterWriteDelete(t *testing.T) {
	ctx := context.Background()
	w, idx := newWriter(t)
	docs := []articles.Document{
		{ID: "a", Title: "Rahul Gandhi in Wayanad", Body: "Congress leader Rahul Gandhi spoke in Wayanad."},
		{ID: "b", Body: "भाजपा ने लखनऊ में रैली की।"},
		{ID: "a", Body: "Second version of a replaces the first."},
	}
	if err := w.Write(ctx, docs); err != nil {
		t.Fatal(err)
	}
	n, err := idx.DocCount()
	if err != nil || n != 2 {
		t.Fatalf("DocCount = %d, %v; want 2 (a written twice)", n, err)
	}
	if got := storedFields(t, idx, "a")["body"]; !slices.Equal(got, []string{"Second version of a replaces the first."}) {
		t.Errorf("a body = %q; want the last version", got)
	}
	f := storedFields(t, idx, "b")
	if !slices.Equal(f["lang"], []string{"hi"}) {
		t.Errorf("b lang = %q; want [hi]: Write must route languages like the indexer", f["lang"])
	}
	if !slices.Contains(f["parties"], "BJP") {
		t.Errorf("b parties = %q; want BJP: Write must extract entities like the indexer", f["parties"])
	}

	if err := w.Write(ctx, []articles.Document{{ID: " ", Body: "x"}}); err == nil {
		t.Error("Write accepted an empty id")
	}
	if err := w.Write(ctx, nil); err != nil {
		t.Errorf("Write(nil) = %v; want nil", err)
	}

	for _, tc := range []struct {
		id   string
		want bool
	}{{"b", true}, {"b", false}, {"never", false}} {
		got, err := w.Delete(ctx, tc.id)
		if err != nil || got != tc.want {
			t.Errorf("Delete(%q) = %v, %v; want %v", tc.id, got, err, tc.want)
		}
	}
	if storedFields(t, idx, "b") != nil {
		t.Error("b still stored after Delete")
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := w.Write(cancelled, []articles.Document{{ID: "c", Body: "late"}}); !errors.Is(err, context.Canceled) {
		t.Errorf("Write on a cancelled context = %v; want context.Canceled", err)
	}
}

func TestOpenWritableSecondWriterFails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	first, err := OpenWritable(dir, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	second, err := OpenWritable(dir, BuildOptions{})
	if err == nil {
		second.Close()
		t.Fatal("a second writer opened the index")
	}
	if !errors.Is(err, ErrIndexInUse) {
		t.Errorf("second open: %v; want ErrIndexInUse", err)
	}
}
