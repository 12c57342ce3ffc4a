// Command eval measures retrieval quality on the XQuAD English/Hindi set in
// ../shared/eval/xquad: both languages in one index, MRR@10 and Recall@10 per
// direction, for our analyzers and Bleve's stock ones side by side.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/entities"
	"github.com/newsearch/bilingual/index"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// config is one column of the table: an analysis and scoring setup.
type config struct {
	name   string
	build  index.BuildOptions
	search index.SearchConfig
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("eval", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("xquad", "../shared/eval/xquad", "directory of the XQuAD evaluation set")
	only := fs.String("only", "", "run only the configurations whose name contains this")
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return 0
		}
		fmt.Fprintf(stderr, "eval: %v (see --help)\n", err)
		return 2
	}
	// The report is the table; background notes from the index are noise here.
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if _, err := os.Stat(*dir); err != nil {
		fmt.Fprintf(stdout, "eval: skipped: %s is absent (%v)\n", *dir, err)
		return 0
	}
	set, err := loadSet(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "eval: %v\n", err)
		return 1
	}
	configs := []config{
		{"ours tf-idf", index.BuildOptions{Scoring: index.ScoringTFIDF}, index.SearchConfig{}},
		{"ours no-fd", index.BuildOptions{Scoring: index.ScoringTFIDF}, index.SearchConfig{Freedict: index.NoFreedict}},
		{"ours 3<50%", index.BuildOptions{Scoring: index.ScoringTFIDF}, index.SearchConfig{MinMatch: index.MinMatch{AllUpTo: 3, Share: 0.5}}},
		{"ours 2<34%", index.BuildOptions{Scoring: index.ScoringTFIDF}, index.SearchConfig{MinMatch: index.MinMatch{AllUpTo: 2, Share: 0.34}}},
		{"ours 3<1%", index.BuildOptions{Scoring: index.ScoringTFIDF}, index.SearchConfig{MinMatch: index.MinMatch{AllUpTo: 3, Share: 0.01}}},
		{"ours any", index.BuildOptions{Scoring: index.ScoringTFIDF}, index.SearchConfig{MinMatch: index.MinMatch{AllUpTo: 0, Share: 0.01}}},
		{"ours no-exp", index.BuildOptions{Scoring: index.ScoringTFIDF}, index.SearchConfig{NoExpand: true}},
		{"ours bm25", index.BuildOptions{Scoring: index.ScoringBM25}, index.SearchConfig{}},
		{"stock tf-idf", index.BuildOptions{Scoring: index.ScoringTFIDF, Stock: true}, index.SearchConfig{}},
		{"stock bm25", index.BuildOptions{Scoring: index.ScoringBM25, Stock: true}, index.SearchConfig{}},
	}
	gaz, err := entities.Load()
	if err != nil {
		fmt.Fprintf(stderr, "eval: %v\n", err)
		return 1
	}
	ext := entities.NewExtractor(gaz)
	fmt.Fprintf(stdout, "XQuAD dev: %d docs per language, %d questions per language\n\n", len(set.docs)/2, len(set.queries["en"]))
	fmt.Fprintf(stdout, "%-14s %-8s %8s %10s\n", "config", "dir", "MRR@10", "Recall@10")
	for _, c := range configs {
		if !strings.Contains(c.name, *only) {
			continue
		}
		c.search.Logger = log
		res, err := evaluate(context.Background(), set, c, gaz, ext)
		if err != nil {
			fmt.Fprintf(stderr, "eval: %s: %v\n", c.name, err)
			return 1
		}
		for _, r := range res {
			fmt.Fprintf(stdout, "%-14s %-8s %8.3f %10.3f\n", c.name, r.dir, r.mrr, r.recall)
		}
	}
	return 0
}

type evalSet struct {
	docs    []articles.Document
	queries map[string][][2]string       // lang → (qid, text)
	qrels   map[string]map[string]string // lang → qid → relevant doc id (without language prefix)
}

func loadSet(dir string) (*evalSet, error) {
	s := &evalSet{queries: map[string][][2]string{}, qrels: map[string]map[string]string{}}
	for _, lang := range []string{"en", "hi"} {
		if err := eachLine(filepath.Join(dir, "docs."+lang+".jsonl"), func(line string) error {
			var d struct{ Docid, Text string }
			if err := json.Unmarshal([]byte(line), &d); err != nil {
				return err
			}
			s.docs = append(s.docs, articles.Document{ID: lang + "-" + d.Docid, Body: d.Text})
			return nil
		}); err != nil {
			return nil, err
		}
		if err := eachLine(filepath.Join(dir, "queries."+lang+".tsv"), func(line string) error {
			id, text, ok := strings.Cut(line, "\t")
			if !ok {
				return fmt.Errorf("no tab")
			}
			s.queries[lang] = append(s.queries[lang], [2]string{id, text})
			return nil
		}); err != nil {
			return nil, err
		}
		s.qrels[lang] = map[string]string{}
		if err := eachLine(filepath.Join(dir, "qrels."+lang+".txt"), func(line string) error {
			f := strings.Fields(line)
			if len(f) != 4 {
				return fmt.Errorf("want 4 fields, got %d", len(f))
			}
			if f[3] != "0" {
				s.qrels[lang][f[0]] = f[2]
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func eachLine(path string, fn func(string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		if err := fn(sc.Text()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}

type result struct {
	dir         string
	mrr, recall float64
}

func evaluate(ctx context.Context, set *evalSet, c config, gaz *entities.Gazetteer, ext *entities.Extractor) ([]result, error) {
	tmp, err := os.MkdirTemp("", "eval-index-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	idx, err := index.Open(filepath.Join(tmp, "idx"), c.build)
	if err != nil {
		return nil, err
	}
	defer idx.Close()
	in := make(chan articles.Document)
	go func() {
		for _, d := range set.docs {
			in <- d
		}
		close(in)
	}()
	if _, err := (&index.Builder{Index: idx}).Build(ctx, in); err != nil {
		return nil, err
	}
	s, err := index.NewSearcher(idx, gaz, ext, c.search)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	var out []result
	for _, d := range [][2]string{{"en", "en"}, {"hi", "hi"}, {"en", "hi"}, {"hi", "en"}} {
		from, to := d[0], d[1]
		var mrr, recall float64
		qs := set.queries[from]
		for _, q := range qs {
			want := to + "-" + set.qrels[from][q[0]]
			res, err := s.Search(ctx, index.Request{Q: q[1], Langs: []string{to}, Size: 10})
			if err != nil {
				return nil, fmt.Errorf("query %s: %w", q[0], err)
			}
			for rank, h := range res.Hits {
				if h.ID == want {
					mrr += 1 / float64(rank+1)
					recall++
					break
				}
			}
		}
		n := float64(len(qs))
		out = append(out, result{from + "→" + to, mrr / n, recall / n})
	}
	return out, nil
}
