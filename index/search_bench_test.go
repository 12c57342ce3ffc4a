package index

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/entities"
	"github.com/newsearch/bilingual/internal/shared"
)

// benchIndex indexes the seeds and the shared Hindi and Inshorts corpora once
// into dir.
func benchIndex(b *testing.B, dir string) {
	b.Helper()
	inputs := []string{
		"../testdata/seeds",
		shared.Path(b, "corpus/hi-news-2020.jsonl"),
		shared.Path(b, "corpus/en-inshorts-2020.jsonl"),
	}
	idx, err := Open(dir, BuildOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	gaz, err := entities.Load()
	if err != nil {
		b.Fatal(err)
	}
	docs := make(chan articles.Document, 64)
	done := make(chan error, 1)
	go func() {
		_, err := (&Builder{Index: idx, Extractor: entities.NewExtractor(gaz)}).Build(context.Background(), docs)
		done <- err
	}()
	_, err = articles.Reader{}.Read(context.Background(), inputs, func(r articles.Record) error { docs <- r.Doc; return nil }, nil)
	close(docs)
	if err := <-done; err != nil {
		b.Fatal(err)
	}
	if err != nil {
		b.Fatal(err)
	}
}

// fireTitles reads the FIRE 2012 topic titles of one language: real Indian
// news queries.
func fireTitles(b *testing.B, lang string) []string {
	raw, err := os.ReadFile(shared.Path(b, "eval/fire12/topics.fire12"+lang+".176-225.txt"))
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`<title>\s*([^<]+?)\s*</title>`).FindAllSubmatch(raw, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// BenchmarkSearchExpansion compares query latency with translation and
// phonetic keys on and off, over the seeds and the shared corpora (issue 4:
// expansion may cost at most 1.5× the plain query).
func BenchmarkSearchExpansion(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "idx")
	benchIndex(b, dir)
	idx, err := Open(dir, BuildOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	queries := append(fireTitles(b, "en"), fireTitles(b, "hi")...)
	for _, mode := range []struct {
		name string
		cfg  SearchConfig
	}{{"expand", SearchConfig{Freedict: NoFreedict}}, {"expand+freedict", SearchConfig{}}, {"plain", SearchConfig{NoExpand: true}}} {
		s := newSearcher(b, idx, mode.cfg)
		// Measure each query's whole cost: facet counts from the columns,
		// never from the cache.
		columnsView(b, s).close()
		s.facets.lru.Resize(1)
		b.Run(mode.name, func(b *testing.B) {
			ctx := context.Background()
			for i := 0; b.Loop(); i++ {
				if _, err := s.Search(ctx, Request{Q: queries[i%len(queries)]}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuild indexes the seeds and the shared Hindi and Inshorts corpora
// with extraction, for profiling the indexing path.
func BenchmarkBuild(b *testing.B) {
	for b.Loop() {
		benchIndex(b, filepath.Join(b.TempDir(), "idx"))
	}
}
