// Command bench measures indexing and search on a synthesized corpus: our
// indexer against plain Bleve, query latency by class through searchd, and
// throughput under concurrent clients. With --baseline-index it is instead the
// plain-Bleve indexer that the measurement runs as a subprocess.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/newsearch/bilingual/bench"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("bench", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := bench.Config{Out: stdout}
	fs.IntVar(&cfg.Docs, "docs", 10000, "articles in the synthesized corpus")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed of the corpus and the queries")
	fs.StringVar(&cfg.Shared, "shared", "../shared", "the shared data directory")
	fs.StringVar(&cfg.Work, "work", "data/bench", "directory for cached corpora and the indexes")
	fs.StringVar(&cfg.Bin, "bin", "bin", "directory holding the built indexer and searchd")
	fs.StringVar(&cfg.Results, "results", "data/bench/bench-results.jsonl", "JSON-lines file results are appended to")
	fs.IntVar(&cfg.Workers, "workers", runtime.NumCPU(), "preparing goroutines of every indexer")
	fs.IntVar(&cfg.BatchSize, "batch-size", 1000, "documents per batch of every indexer")
	fs.IntVar(&cfg.Requests, "requests", 200, "sequential requests per query class")
	fs.DurationVar(&cfg.Duration, "duration", 10*time.Second, "length of each throughput run")
	fs.IntVar(&cfg.MaxRequests, "max-requests", 20000, "most requests of each throughput run")
	fs.IntSliceVar(&cfg.Clients, "clients", []int{8, 32, 64}, "concurrent clients of the throughput runs")
	fs.BoolVar(&cfg.SearchOnly, "search-only", false, "skip indexing: measure search on the index an earlier run left in --work")
	fs.BoolVar(&cfg.NoExtract, "no-extract-run", true, "also index without extraction, to show what extraction costs")
	baseline := fs.String("baseline-index", "", "instead of benchmarking, build a plain-Bleve index in this directory from --input")
	input := fs.String("input", "", "JSONL corpus for --baseline-index")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: bench [flags]\n\nBenchmarks indexing and search on a synthesized corpus.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "bench: %v (see --help)\n", err)
		return 2
	}
	if cfg.Docs < 1 || cfg.Workers < 1 || cfg.BatchSize < 1 || cfg.Requests < 1 || cfg.MaxRequests < 1 {
		fmt.Fprintln(stderr, "bench: --docs, --workers, --batch-size, --requests and --max-requests must be positive")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *baseline != "" {
		began := time.Now()
		st, err := bench.BaselineIndex(ctx, *baseline, *input, cfg.Workers, cfg.BatchSize)
		if err != nil {
			fmt.Fprintf(stderr, "bench: %v\n", err)
			return 1
		}
		el := time.Since(began)
		fmt.Fprintf(stdout, "indexed=%d rejected=0 skipped=0 elapsed=%s docs/s=%.0f MB/s=%.2f\n", st.Indexed,
			el.Round(time.Millisecond), float64(st.Indexed)/el.Seconds(), float64(st.Bytes)/1e6/el.Seconds())
		return 0
	}
	if st, err := os.Stat(cfg.Shared); err != nil || !st.IsDir() {
		fmt.Fprintf(stdout, "skipped: %s absent\n", cfg.Shared)
		return 0
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "bench: find own executable for the baseline: %v\n", err)
		return 1
	}
	cfg.Self = self
	if err := bench.Run(ctx, cfg); err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	return 0
}
