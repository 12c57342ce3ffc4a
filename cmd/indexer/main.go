// Command indexer reads news articles (.txt, .jsonl, .ndjson, optionally
// gzipped; directories walked recursively) and adds them to a Bleve index.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/newsearch/bilingual/entities"
	"github.com/newsearch/bilingual/index"
)

const usage = `Usage: indexer --index DIR [flags] INPUT...

Reads news articles and adds them to the index in DIR, creating it when it
does not exist. INPUT is a file or a directory (walked recursively):
  .txt            one article; id from the file name; a first line " date YYYY-MM-DD"
                  is the published date
  .jsonl .ndjson  one JSON object a line: id, title, text (or body), date, url, source
  any of them gzipped (.gz)
A document whose id is already indexed is replaced. Bad records are reported on
stderr as FILE:LINE: reason and skipped.

Exit status: 0 all records indexed, 1 some rejected, 2 usage error or the
index cannot be opened or written.

Flags:
`

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("indexer", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("index", "", "index directory (required); created when absent")
	workers := fs.Int("workers", runtime.NumCPU(), "goroutines preparing documents (language routing, extraction)")
	batchDocs := fs.Int("batch-size", 1000, "documents per index batch at most")
	batchMB := fs.Int("batch-mb", 8, "text megabytes per index batch at most")
	maxDoc := fs.Int("max-doc-bytes", index.DefaultMaxDocBytes, "largest accepted article or JSONL line in bytes")
	scoring := fs.String("scoring", index.DefaultScoring, "scoring model for a new index: tf-idf or bm25")
	quiet := fs.BoolP("quiet", "q", false, "no progress line even on a terminal")
	noExtract := fs.Bool("no-extract", false, "index text only: no people, parties or dates (for measuring extraction's cost)")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return 0
		}
		fmt.Fprintf(stderr, "indexer: %v (see --help)\n", err)
		return 2
	}
	if *dir == "" || fs.NArg() == 0 {
		fmt.Fprintln(stderr, "indexer: --index DIR and at least one INPUT are required (see --help)")
		return 2
	}
	if *workers < 1 || *batchDocs < 1 || *batchMB < 1 || *maxDoc < 1 {
		fmt.Fprintln(stderr, "indexer: --workers, --batch-size, --batch-mb and --max-doc-bytes must be positive")
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	idx, err := index.Open(*dir, index.Options{Scoring: *scoring})
	if err != nil {
		fmt.Fprintf(stderr, "indexer: %v\n", err)
		return 2
	}
	defer func() {
		if err := idx.Close(); err != nil {
			log.Error("close index", "dir", *dir, "err", err)
		}
	}()

	began := time.Now()
	prog := newProgress(stdout, !*quiet, began)
	b := &index.Builder{Index: idx, Workers: *workers, BatchDocs: *batchDocs, BatchBytes: *batchMB << 20,
		Progress: prog.update}
	if !*noExtract {
		gaz, err := entities.Load()
		if err != nil {
			fmt.Fprintf(stderr, "indexer: %v\n", err)
			return 2
		}
		b.Extractor = entities.NewExtractor(gaz)
	}
	docs := make(chan index.Document, *workers*4)
	type built struct {
		st  index.BuildStats
		err error
	}
	done := make(chan built, 1)
	go func() {
		st, err := b.Build(ctx, docs)
		done <- built{st, err}
	}()
	rd := index.Reader{MaxDocBytes: *maxDoc}
	rs, readErr := rd.Read(ctx, fs.Args(), func(r index.Record) error {
		select {
		case docs <- r.Doc:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}, func(p index.Problem) { fmt.Fprintln(stderr, p.String()) })
	close(docs)
	res := <-done
	prog.finish()

	elapsed := time.Since(began)
	fmt.Fprintf(stdout, "indexed=%d rejected=%d skipped=%d elapsed=%s docs/s=%.0f MB/s=%.2f\n",
		res.st.Indexed, rs.Rejected, rs.Skipped, elapsed.Round(time.Millisecond),
		float64(res.st.Indexed)/elapsed.Seconds(), float64(res.st.Bytes)/1e6/elapsed.Seconds())
	switch {
	case res.err != nil:
		fmt.Fprintf(stderr, "indexer: %v\n", res.err)
		return 2
	case readErr != nil:
		fmt.Fprintf(stderr, "indexer: %v\n", readErr)
		return 2
	case rs.Rejected > 0:
		return 1
	}
	return 0
}

// progress prints a one-line status on a terminal, and nothing otherwise.
type progress struct {
	w     io.Writer
	on    bool
	began time.Time
	last  time.Time
}

func newProgress(w io.Writer, want bool, began time.Time) *progress {
	f, ok := w.(*os.File)
	on := false
	if ok && want {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &progress{w: w, on: on, began: began}
}

func (p *progress) update(n int) {
	if !p.on || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	el := time.Since(p.began)
	fmt.Fprintf(p.w, "\r%d documents  %.0f docs/s  %s   ", n, float64(n)/el.Seconds(), el.Round(time.Second))
}

func (p *progress) finish() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
