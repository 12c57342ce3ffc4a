package bench

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/newsearch/bilingual/bench/synth"
	"github.com/newsearch/bilingual/entities"
)

// Config says what a benchmark run measures and where it keeps its files.
type Config struct {
	Docs        int
	Seed        uint64
	Shared      string        // the shared data directory
	Work        string        // corpora and indexes are kept here (data/bench)
	Bin         string        // directory holding indexer and searchd
	Self        string        // this benchmark's executable, run with --baseline-index
	Results     string        // JSON-lines file results are appended to
	Workers     int           // preparing goroutines for every indexer
	BatchSize   int           // documents per batch for every indexer
	Requests    int           // sequential requests per query class
	Duration    time.Duration // length of each throughput run
	MaxRequests int           // bound on the requests of each throughput run
	SearchOnly  bool          // measure search on the index an earlier run built, skipping indexing
	NoExtract   bool          // also index without extraction, to show what extraction costs
	Clients     []int         // concurrent clients of the throughput runs
	Out         io.Writer     // where the tables are printed
}

// Stop-word lists in the shared directory (stopwords-iso, MIT), read at run
// time so query terms are content words.
const (
	StopwordsEn = "lexicon/stopwords-iso-1.1.0_en.txt"
	StopwordsHi = "lexicon/stopwords-iso-1.1.0_hi.txt"
)

// CorpusPath is where the synthesized corpus for cfg is cached.
func (cfg Config) CorpusPath() string {
	return filepath.Join(cfg.Work, fmt.Sprintf("synth-%d-s%d.jsonl", cfg.Docs, cfg.Seed))
}

// Corpus returns the cached corpus for cfg, synthesizing it first when absent.
func Corpus(cfg Config, pools *synth.Pools) (string, error) {
	path := cfg.CorpusPath()
	if _, err := os.Stat(path); err == nil {
		fmt.Fprintf(cfg.Out, "corpus %s (cached)\n", path)
		return path, nil
	}
	if err := os.MkdirAll(cfg.Work, 0o755); err != nil {
		return "", fmt.Errorf("corpus: %w", err)
	}
	began := time.Now()
	st, err := pools.WriteFile(path, cfg.Docs, cfg.Seed)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(cfg.Out, "corpus %s: %d docs (%d en, %d hi, %d mixed), %.1f MB in %s\n", path, st.Docs,
		st.English, st.Hindi, st.Mixed, float64(st.Bytes)/1e6, time.Since(began).Round(time.Millisecond))
	return path, nil
}

// Run synthesizes (or reuses) the corpus, measures indexing and searching,
// prints tables to cfg.Out and appends every figure to cfg.Results.
func Run(ctx context.Context, cfg Config) error {
	gaz, err := entities.Load()
	if err != nil {
		return err
	}
	pools, err := synth.Load(cfg.Shared, gaz)
	if err != nil {
		return err
	}
	corpus, err := Corpus(cfg, pools)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(cfg.Results), 0o755); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	rf, err := os.OpenFile(cfg.Results, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	defer rf.Close()
	rec := NewRecorder(rf, GitCommit("."), cfg.Docs)
	out := cfg.Out
	fmt.Fprintf(out, "note: figures are wall-clock on a shared machine (%d workers); treat them as noisy\n\n", cfg.Workers)

	// Indexing.
	common := []string{"--workers", strconv.Itoa(cfg.Workers), "--batch-size", strconv.Itoa(cfg.BatchSize)}
	ours := filepath.Join(cfg.Work, fmt.Sprintf("idx-ours-%d", cfg.Docs))
	noext := filepath.Join(cfg.Work, fmt.Sprintf("idx-noextract-%d", cfg.Docs))
	base := filepath.Join(cfg.Work, fmt.Sprintf("idx-bleve-%d", cfg.Docs))
	indexer := filepath.Join(cfg.Bin, "indexer")
	plans := []indexPlan{
		{"ours", ours, append([]string{indexer, "--quiet", "--index", ours, corpus}, common...), false},
		{"ours --no-extract", noext, append([]string{indexer, "--quiet", "--no-extract", "--index", noext, corpus}, common...), true},
		{"plain bleve", base, append([]string{cfg.Self, "--baseline-index", base, "--input", corpus}, common...), false},
	}
	if cfg.SearchOnly {
		if _, err := os.Stat(ours); err != nil {
			return fmt.Errorf("--search-only: no index from an earlier run: %w", err)
		}
	} else if err := measureIndexing(ctx, cfg, rec, corpus, plans); err != nil {
		return err
	}

	// Searching.
	vocab, err := ReadVocabulary(corpus)
	if err != nil {
		return err
	}
	stop, err := ReadStopwords(filepath.Join(cfg.Shared, StopwordsEn), filepath.Join(cfg.Shared, StopwordsHi))
	if err != nil {
		return err
	}
	vocab = vocab.Without(stop)
	classes, err := Classes(vocab, pools.PeopleByRank(cfg.Seed), cfg.Seed)
	if err != nil {
		return err
	}
	srv, err := StartServer(ctx, filepath.Join(cfg.Bin, "searchd"), ours)
	if err != nil {
		return err
	}
	defer srv.Stop()
	rec.Add("search.startup", srv.Startup.Seconds(), "s")
	fmt.Fprintf(out, "\nsearchd start-up (process start → /healthz 200): %s\n",
		srv.Startup.Round(time.Millisecond))
	client := NewClient(64)
	fmt.Fprintf(out, "\nLatency, %d sequential requests per class, one client, warm (all facets are always computed;\n"+
		"+filter adds lang=en or party=BJP; 1st p50 is over each query's first, uncached run)\n", cfg.Requests)
	fmt.Fprintf(out, "%-26s %9s %8s %8s %8s %6s  %s\n", "class", "1st p50", "p50 ms", "p95 ms", "p99 ms", "errors", "example")
	var all []QueryClass
	for _, c := range classes {
		for _, cl := range []QueryClass{c, Filtered(c)} {
			all = append(all, cl)
			l := MeasureLatency(ctx, client, srv.Base, cl, cfg.Requests)
			fmt.Fprintf(out, "%-26s %9.1f %8.1f %8.1f %8.1f %6d  %s\n", cl.Name, ms(l.FirstP50), ms(l.P50), ms(l.P95), ms(l.P99),
				l.Errors, describe(cl.Queries[0]))
			key := "search." + slug(cl.Name)
			rec.Add(key+".first_p50", ms(l.FirstP50), "ms")
			rec.Add(key+".p50", ms(l.P50), "ms")
			rec.Add(key+".p95", ms(l.P95), "ms")
			rec.Add(key+".p99", ms(l.P99), "ms")
			rec.Add(key+".errors", float64(l.Errors), "count")
		}
	}
	pad := 1 // the first runs' padding (MeasureThroughput)
	for _, fresh := range []bool{false, true} {
		what, key := "mixed classes", "search"
		if fresh {
			what, key = "mixed classes, each request a first run", "search.first_runs"
		}
		fmt.Fprintf(out, "\nThroughput, %s, %s per run (at most %d requests)\n", what, cfg.Duration, cfg.MaxRequests)
		fmt.Fprintf(out, "%8s %9s %9s %7s\n", "clients", "requests", "queries/s", "errors")
		for _, n := range cfg.Clients {
			first := 0
			if fresh {
				first = pad
			}
			t := MeasureThroughput(ctx, client, srv.Base, all, n, cfg.Duration, cfg.MaxRequests, first)
			if fresh {
				pad += t.Rounds
			}
			fmt.Fprintf(out, "%8d %9d %9.1f %7d\n", n, t.Requests, t.QPS(), t.Errors)
			rec.Add(fmt.Sprintf("%s.clients_%d.qps", key, n), t.QPS(), "queries/s")
			rec.Add(fmt.Sprintf("%s.clients_%d.errors", key, n), float64(t.Errors), "count")
		}
	}
	// The runs repeat their classes' queries: say how many answers were kept
	// pages or narrowed, so the figures are read for what they measure.
	c, err := srv.Counters(ctx, "searchd_facet_cache_hits_total", "searchd_facet_cache_misses_total",
		"searchd_kept_pages_total", "searchd_narrowed_searches_total")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nsearches %.0f: first runs %.0f (%.0f of them narrowed), answered with a kept page %.0f\n",
		c[0]+c[1], c[1], c[3], c[2])
	rec.Add("search.searches", c[0]+c[1], "count")
	rec.Add("search.kept_pages", c[2], "count")
	rec.Add("search.narrowed", c[3], "count")
	rss, peak, err := srv.Memory()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nsearchd memory after the runs: RSS %.0f MB, peak %.0f MB\n", float64(rss)/1e6, float64(peak)/1e6)
	rec.Add("search.rss", float64(rss), "bytes")
	rec.Add("search.peak_rss", float64(peak), "bytes")
	if err := srv.Stop(); err != nil {
		return err
	}
	if err := rec.Err(); err != nil {
		return err
	}
	fmt.Fprintf(out, "results appended to %s\n", cfg.Results)
	return nil
}

// measureIndexing runs every indexer of plans over corpus and prints their
// speed, memory and index size against the last, the plain-Bleve baseline.
func measureIndexing(ctx context.Context, cfg Config, rec *Recorder, corpus string, plans []indexPlan) error {
	out := cfg.Out
	var runs []IndexRun
	for _, p := range plans {
		if p.noExtract && !cfg.NoExtract {
			continue
		}
		fmt.Fprintf(out, "indexing: %s ...\n", p.name)
		r, err := RunIndexer(ctx, p.name, p.argv, p.dir, corpus)
		if err != nil {
			return err
		}
		runs = append(runs, r)
	}
	baseline := runs[len(runs)-1]
	fmt.Fprintf(out, "\nIndexing %d docs (%.1f MB JSONL)\n", cfg.Docs, float64(baseline.InputBytes)/1e6)
	fmt.Fprintf(out, "%-18s %9s %9s %8s %9s %10s %11s %10s\n", "indexer", "elapsed", "docs/s", "MB/s",
		"peak RSS", "index MB", "docs/s ×bl", "RSS ×bl")
	for _, r := range runs {
		fmt.Fprintf(out, "%-18s %8.1fs %9.0f %8.2f %7.0fMB %10.1f %10.2f× %9.2f×\n", r.Name, r.Elapsed.Seconds(),
			r.DocsPerSec(), r.MBPerSec(), float64(r.MaxRSS)/1e6, float64(r.IndexBytes)/1e6,
			r.DocsPerSec()/baseline.DocsPerSec(), float64(r.MaxRSS)/float64(baseline.MaxRSS))
		key := "index." + slug(r.Name)
		rec.Add(key+".docs_per_s", r.DocsPerSec(), "docs/s")
		rec.Add(key+".mb_per_s", r.MBPerSec(), "MB/s")
		rec.Add(key+".peak_rss", float64(r.MaxRSS), "bytes")
		rec.Add(key+".size", float64(r.IndexBytes), "bytes")
		rec.Add(key+".elapsed", r.Elapsed.Seconds(), "s")
		rec.Add(key+".ratio_to_bleve", r.DocsPerSec()/baseline.DocsPerSec(), "ratio")
	}
	return nil
}

// indexPlan is one indexer run: its name in the table, index directory and command.
type indexPlan struct {
	name, dir string
	argv      []string
	noExtract bool // the run without extraction, which Config.NoExtract turns off
}

// describe shows a query's parameters unescaped, for people to read.
func describe(v url.Values) string {
	s, err := url.QueryUnescape(v.Encode())
	if err != nil {
		return v.Encode()
	}
	return s
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// slug turns a display name into a metric name part.
func slug(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		case c == '+' || c == ' ' || c == '-':
			if len(b) > 0 && b[len(b)-1] != '_' {
				b = append(b, '_')
			}
		}
	}
	return string(b)
}
