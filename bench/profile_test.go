package bench

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/bench/synth"
	"github.com/newsearch/bilingual/entities"
	"github.com/newsearch/bilingual/index"
)

// These benchmarks exist to be profiled on a corpus made by cmd/bench or
// cmd/synth, e.g.
//
//	BENCH_CORPUS=data/bench/synth-100000-s1.jsonl go test -run '^$' -bench Build -benchtime 1x -cpuprofile build.prof ./bench/
//	BENCH_CORPUS=... BENCH_INDEX=data/bench/idx-ours-100000 go test -run '^$' -bench Search -cpuprofile search.prof ./bench/
//
// Without the variables they skip.

func envPath(b *testing.B, name string) string {
	b.Helper()
	p := os.Getenv(name)
	if p == "" {
		b.Skipf("set %s to profile on a real corpus or index", name)
	}
	if _, err := os.Stat(p); err != nil {
		b.Skipf("%s: %v", name, err)
	}
	return p
}

// BenchmarkBuild indexes the corpus with all extraction, as bin/indexer does.
func BenchmarkBuild(b *testing.B) {
	corpus := envPath(b, "BENCH_CORPUS")
	gaz, err := entities.Load()
	if err != nil {
		b.Fatal(err)
	}
	ext := entities.NewExtractor(gaz)
	for i := 0; b.Loop(); i++ {
		dir := filepath.Join(b.TempDir(), "idx")
		idx, err := index.Open(dir, index.BuildOptions{})
		if err != nil {
			b.Fatal(err)
		}
		bl := &index.Builder{Index: idx, Workers: runtime.NumCPU(), BatchDocs: 1000, Extractor: ext}
		docs := make(chan articles.Document, 64)
		done := make(chan error, 1)
		var st index.BuildStats
		go func() {
			var err error
			st, err = bl.Build(context.Background(), docs)
			done <- err
		}()
		_, rerr := articles.Reader{MaxDocBytes: articles.DefaultMaxDocBytes}.Read(context.Background(), []string{corpus},
			func(r articles.Record) error { docs <- r.Doc; return nil }, func(p articles.Problem) { b.Log(p) })
		close(docs)
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		if rerr != nil {
			b.Fatal(rerr)
		}
		if err := idx.Close(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(st.Indexed), "docs/op")
	}
}

// BenchmarkSearch runs the benchmark's query classes, plain and filtered, in
// turn against a built index, in process.
func BenchmarkSearch(b *testing.B) {
	corpus := envPath(b, "BENCH_CORPUS")
	dir := envPath(b, "BENCH_INDEX")
	shared := os.Getenv("SHARED_DIR")
	if shared == "" {
		shared = filepath.Join("..", "..", "shared")
	}
	gaz, err := entities.Load()
	if err != nil {
		b.Fatal(err)
	}
	pools, err := synth.Load(shared, gaz)
	if err != nil {
		b.Skipf("shared corpora: %v", err)
	}
	vocab, err := ReadVocabulary(corpus)
	if err != nil {
		b.Fatal(err)
	}
	stop, err := ReadStopwords(filepath.Join(shared, StopwordsEn), filepath.Join(shared, StopwordsHi))
	if err != nil {
		b.Fatal(err)
	}
	vocab = vocab.Without(stop)
	classes, err := Classes(vocab, pools.PeopleByRank(1), 1)
	if err != nil {
		b.Fatal(err)
	}
	var reqs []index.Request
	for _, c := range classes {
		for _, cl := range []QueryClass{c, Filtered(c)} {
			for _, q := range cl.Queries {
				reqs = append(reqs, index.Request{Q: q.Get("q"), Langs: q["lang"], Parties: q["party"]})
			}
		}
	}
	idx, err := bleve.OpenUsing(dir, map[string]any{"read_only": true})
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	s, err := index.NewSearcher(idx, gaz, entities.NewExtractor(gaz), index.SearchConfig{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		r := reqs[i%len(reqs)]
		if _, err := s.Search(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
}
