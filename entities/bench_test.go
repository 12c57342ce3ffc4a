package entities

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsearch/bilingual/internal/shared"
)

// readArticles reads up to n articles from a JSON-lines corpus with the fields the shared corpora and the
// synthesized bench corpus both use.
func readArticles(tb testing.TB, path string, n int) []Article {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatalf("opening corpus: %v", err)
	}
	defer f.Close()
	var out []Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for line := 1; len(out) < n && sc.Scan(); line++ {
		var d struct{ Date, Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			tb.Fatalf("%s:%d: %v", path, line, err)
		}
		pub, _ := time.Parse("2006-01-02", d.Date)
		out = append(out, Article{Title: d.Title, Body: d.Text, Published: pub})
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return out
}

// benchExtract runs Extract over arts, one article per op, so ns/op is the cost of one article.
func benchExtract(b *testing.B, arts []Article) {
	x := newTestExtractor(b)
	if len(arts) == 0 {
		b.Fatal("no articles")
	}
	bytes := 0
	for _, a := range arts {
		bytes += len(a.Title) + len(a.Body)
	}
	b.SetBytes(int64(bytes / len(arts)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		x.Extract(arts[i%len(arts)])
	}
}

// BenchmarkExtractCorpus measures Extract on real Hindi and English news (news) and on the long synthesized
// articles that make bench indexes (synth).
func BenchmarkExtractCorpus(b *testing.B) {
	b.Run("news", func(b *testing.B) {
		arts := readArticles(b, shared.Path(b, "corpus/hi-news-2020.jsonl"), 1000)
		arts = append(arts, readArticles(b, shared.Path(b, "corpus/en-inshorts-2020.jsonl"), 1000)...)
		benchExtract(b, arts)
	})
	b.Run("synth", func(b *testing.B) {
		p := filepath.Join("..", "data", "bench", "synth-10000-s1.jsonl")
		if _, err := os.Stat(p); err != nil {
			b.Skipf("%s is absent (it is generated, not in git; make bench writes it): %v", p, err)
		}
		benchExtract(b, readArticles(b, p, 1000))
	})
}

// BenchmarkNewExtractor measures loading the gazetteer and building the automaton, which searchd and the
// indexer do at start.
func BenchmarkNewExtractor(b *testing.B) {
	for b.Loop() {
		g, err := Load()
		if err != nil {
			b.Fatal(err)
		}
		NewExtractor(g)
	}
}
