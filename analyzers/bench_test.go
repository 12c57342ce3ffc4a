package analyzers

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/newsearch/bilingual/internal/shared"
)

// benchDocs is how many articles the benchmarks analyze per operation.
const benchDocs = 1000

// benchCorpus holds the texts each analyzer sees when the index builder
// prepares benchDocs articles: the article fields and the per-language
// field strings built from their runs.
type benchCorpus struct {
	fields         []string // titles and bodies, as given to Split
	en, hi, deva   []string // the body_en, body_hi and body_deva field strings
	roman          []string // the key_hi and key_en field strings
	bytesAnalyzed  int64
	bytesForFields int64
}

// loadBenchCorpus reads benchDocs articles from the synthesized bench corpus
// when `make bench` has built it, and otherwise from the shared Hindi news
// corpus.
func loadBenchCorpus(b *testing.B) *benchCorpus {
	b.Helper()
	path := filepath.Join("..", "data", "bench", "synth-10000-s1.jsonl")
	if _, err := os.Stat(path); err != nil {
		path = shared.Path(b, "corpus/hi-news-2020.jsonl")
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatalf("opening corpus: %v", err)
	}
	defer f.Close()
	c := &benchCorpus{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<26)
	for line := 1; sc.Scan() && line <= benchDocs; line++ {
		var d struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatalf("%s:%d: %v", path, line, err)
		}
		c.add(d.Title, d.Text)
	}
	if err := sc.Err(); err != nil {
		b.Fatalf("reading %s: %v", path, err)
	}
	return c
}

// add routes one article's runs to the field strings the way the index
// builder does.
func (c *benchCorpus) add(title, body string) {
	c.fields = append(c.fields, title, body)
	c.bytesForFields += int64(len(title) + len(body))
	var en, hi, deva strings.Builder
	for _, r := range Split(body) {
		switch r.Lang {
		case Hindi:
			hi.WriteString(r.Text)
		case Devanagari:
			deva.WriteString(r.Text)
		default:
			en.WriteString(r.Text)
		}
	}
	var titleEn, titleHi string
	for _, r := range Split(title) {
		if r.Lang == Hindi || r.Lang == Devanagari {
			titleHi += r.Text + " "
		} else {
			titleEn += r.Text + " "
		}
	}
	c.en = append(c.en, en.String(), titleEn)
	c.hi = append(c.hi, hi.String(), titleHi)
	c.deva = append(c.deva, deva.String())
	c.roman = append(c.roman, hi.String()+deva.String()+" "+titleHi, titleEn+" "+en.String())
	for _, s := range [][]string{c.en[len(c.en)-2:], c.hi[len(c.hi)-2:], c.deva[len(c.deva)-1:], c.roman[len(c.roman)-2:]} {
		for _, t := range s {
			c.bytesAnalyzed += int64(len(t))
		}
	}
}

// benchAnalyzer analyzes texts with the named analyzer once per operation.
func benchAnalyzer(b *testing.B, name string, texts []string) {
	a, err := registry.NewCache().AnalyzerNamed(name)
	if err != nil {
		b.Fatalf("analyzer %s: %v", name, err)
	}
	inputs := make([][]byte, len(texts))
	var n int64
	for i, t := range texts {
		inputs[i] = []byte(t)
		n += int64(len(t))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	var tokens int
	for b.Loop() {
		for _, in := range inputs {
			tokens += len(a.Analyze(in))
		}
	}
	if tokens == 0 {
		b.Fatalf("analyzer %s emitted no tokens", name)
	}
}

// BenchmarkAnalyzers measures each analyzer on the field strings it indexes
// for benchDocs articles, Split on the articles' titles and bodies, and All,
// what indexing the articles costs in this package: Split and each analyzer
// on its own fields.
func BenchmarkAnalyzers(b *testing.B) {
	c := loadBenchCorpus(b)
	b.Run("Split", func(b *testing.B) {
		b.SetBytes(c.bytesForFields)
		b.ReportAllocs()
		var runs int
		for b.Loop() {
			for _, s := range c.fields {
				runs += len(Split(s))
			}
		}
		if runs == 0 {
			b.Fatal("Split returned no runs")
		}
	})
	// The tokenizer every analyzer starts with, beside Bleve's unicode
	// tokenizer, whose tokens it makes.
	for _, tok := range []struct {
		name string
		t    analysis.Tokenizer
	}{{"Tokenizer/unicode", unicode.NewUnicodeTokenizer()}, {"Tokenizer/words", wordTokenizer{}}} {
		b.Run(tok.name, func(b *testing.B) {
			b.SetBytes(c.bytesForFields)
			b.ReportAllocs()
			for b.Loop() {
				for _, s := range c.fields {
					tok.t.Tokenize([]byte(s))
				}
			}
		})
	}
	b.Run(EnglishAnalyzer, func(b *testing.B) { benchAnalyzer(b, EnglishAnalyzer, c.en) })
	b.Run(HindiAnalyzer, func(b *testing.B) { benchAnalyzer(b, HindiAnalyzer, c.hi) })
	// Few articles have Marathi or Nepali runs, so the Devanagari analyzer
	// is measured on the Hindi field strings.
	b.Run(DevanagariAnalyzer, func(b *testing.B) { benchAnalyzer(b, DevanagariAnalyzer, c.hi) })
	b.Run(RomanAnalyzer, func(b *testing.B) { benchAnalyzer(b, RomanAnalyzer, c.roman) })
	b.Run("All", func(b *testing.B) {
		cache := registry.NewCache()
		names := []string{EnglishAnalyzer, HindiAnalyzer, DevanagariAnalyzer, RomanAnalyzer}
		texts := [][]string{c.en, c.hi, c.deva, c.roman}
		as := make([]analysis.Analyzer, len(names))
		for i, name := range names {
			a, err := cache.AnalyzerNamed(name)
			if err != nil {
				b.Fatalf("analyzer %s: %v", name, err)
			}
			as[i] = a
		}
		b.SetBytes(c.bytesAnalyzed + c.bytesForFields)
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range c.fields {
				Split(s)
			}
			for i, a := range as {
				for _, t := range texts[i] {
					a.Analyze([]byte(t))
				}
			}
		}
	})
}
