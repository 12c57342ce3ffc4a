// Command indexer reads news articles (.txt, .jsonl, .ndjson, optionally
// gzipped; directories walked recursively) and adds them to a Bleve index.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/entities"
	"github.com/newsearch/bilingual/index"
	"github.com/newsearch/bilingual/internal/buildinfo"
	"github.com/newsearch/bilingual/internal/envflags"
	"github.com/newsearch/bilingual/internal/gctune"
	"github.com/newsearch/bilingual/server"
)

const usage = `Usage: indexer --index DIR [flags] INPUT...
       indexer --server URL --token TOKEN [flags] INPUT...

Reads news articles and adds them to the index in DIR, creating it when it
does not exist. INPUT is a file or a directory (walked recursively):
  .txt            one article; id from the file name; a first line " date YYYY-MM-DD"
                  is the published date
  .jsonl .ndjson  one JSON object a line: id, title, text (or body), date, url, source
  any of them gzipped (.gz)
A document whose id is already indexed is replaced. Bad records are reported on
stderr as FILE:LINE: reason and skipped.

With --server, the documents go to a running searchd (which owns the index
while it runs) through POST /api/docs, in chunks of at most --batch-size
documents and --batch-mb megabytes; each chunk is durable once acknowledged.
The token is --token, $INDEXER_TOKEN or $SEARCHD_ADMIN_TOKEN.

Exit status: 0 all records indexed, 1 some rejected, 2 usage error or the
index cannot be opened or written.

`

// envPrefix starts the environment variables that set the indexer's flags.
const envPrefix = "INDEXER"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("indexer", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("index", "", "index directory (required); created when absent")
	workers := fs.Int("workers", runtime.NumCPU(), "goroutines preparing documents (language routing, extraction)")
	batchDocs := fs.Int("batch-size", 1000, "documents per index batch at most")
	batchMB := fs.Int("batch-mb", 8, "text megabytes per index batch at most")
	maxDoc := fs.Int("max-doc-bytes", articles.DefaultMaxDocBytes, "largest accepted article or JSONL line in bytes")
	scoring := fs.String("scoring", index.DefaultScoring, "scoring model for a new index: tf-idf or bm25")
	quiet := fs.BoolP("quiet", "q", false, "no progress line even on a terminal")
	noCompact := fs.Bool("no-compact", false, "leave a new index in the segments the build made instead of merging them into one (builds of more than 250,000 documents always do)")
	noExtract := fs.Bool("no-extract", false, "index text only: no people, parties or dates (for measuring extraction's cost)")
	serverURL := fs.String("server", "", "send the documents to the searchd at this URL instead of writing --index")
	token := fs.String("token", "", "bearer token of searchd's write API, with --server (else $SEARCHD_ADMIN_TOKEN)")
	version := fs.Bool("version", false, "print the version and the index format, and exit")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	memProfile := fs.String("memprofile", "", "write an allocation profile, taken at the end of the run, to this file")
	envflags.Annotate(fs, envPrefix)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage, envflags.Sentence(envPrefix), "\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return 0
		}
		fmt.Fprintf(stderr, "indexer: %v (see --help)\n", err)
		return 2
	}
	if *version {
		fmt.Fprint(stdout, buildinfo.Describe("indexer", index.FormatVersion))
		return 0
	}
	if err := envflags.Apply(fs, envPrefix, os.LookupEnv); err != nil {
		fmt.Fprintf(stderr, "indexer: %v (see --help)\n", err)
		return 2
	}
	if (*dir == "") == (*serverURL == "") || fs.NArg() == 0 {
		fmt.Fprintln(stderr, "indexer: one of --index DIR or --server URL, and at least one INPUT, are required (see --help)")
		return 2
	}
	if *workers < 1 || *batchDocs < 1 || *batchMB < 1 || *maxDoc < 1 {
		fmt.Fprintln(stderr, "indexer: --workers, --batch-size, --batch-mb and --max-doc-bytes must be positive")
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	// A bulk build allocates fast and keeps little: at the default GOGC=100
	// the collector took a tenth of its CPU (peers REPEAT=10 profile); at 400
	// the build ran 17% faster in wall time with a peak RSS of 1.2 GB instead
	// of 0.6 GB. The soft limit bounds that trade on larger builds, above the
	// live heap of a million articles (about 0.5 GB at 200,000), so that the
	// collector does not run without pause to stay under it.
	gctune.Apply(400, 4<<30)
	stopProfiles, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		fmt.Fprintf(stderr, "indexer: %v\n", err)
		return 2
	}
	defer func() {
		if err := stopProfiles(); err != nil {
			log.Error("write profile", "err", err)
		}
	}()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if *serverURL != "" {
		if *token == "" {
			*token = os.Getenv("SEARCHD_ADMIN_TOKEN")
		}
		rc := &remote{base: strings.TrimSuffix(*serverURL, "/"), token: *token,
			maxDocs: *batchDocs, maxBytes: *batchMB << 20, stderr: stderr,
			client: &http.Client{Timeout: 10 * time.Minute}}
		return rc.run(ctx, articles.Reader{MaxDocBytes: *maxDoc}, fs.Args(), stdout)
	}

	idx, err := index.OpenWritable(*dir, index.BuildOptions{Scoring: *scoring})
	if err != nil {
		if errors.Is(err, index.ErrIndexInUse) {
			fmt.Fprintf(stderr, "indexer: %v: index is in use by a running searchd? use --server URL (see --help)\n", err)
			return 2
		}
		fmt.Fprintf(stderr, "indexer: %v\n", err)
		return 2
	}
	defer func() {
		if err := idx.Close(); err != nil {
			log.Error("close index", "dir", *dir, "err", err)
		}
	}()

	// A build into an empty index is a bulk load, which ends merged into one
	// segment (index.Compact) unless it is large; additions to an index leave
	// merging to Bleve.
	before, err := idx.DocCount()
	if err != nil {
		fmt.Fprintf(stderr, "indexer: %v\n", err)
		return 2
	}
	compact := before == 0 && !*noCompact

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
	docs := make(chan articles.Document, *workers*4)
	type built struct {
		st  index.BuildStats
		err error
	}
	done := make(chan built, 1)
	// A failed build stops the reading too: nothing else takes documents
	// from docs then, and the reader would wait on it forever.
	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	go func() {
		st, err := b.Build(ctx, docs)
		if err != nil {
			stopReading()
		}
		done <- built{st, err}
	}()
	rd := articles.Reader{MaxDocBytes: *maxDoc}
	rs, readErr := rd.Read(readCtx, fs.Args(), func(r articles.Record) error {
		select {
		case docs <- r.Doc:
			return nil
		case <-readCtx.Done():
			return readCtx.Err()
		}
	}, func(p articles.Problem) { fmt.Fprintln(stderr, p.Error()) })
	close(docs)
	res := <-done
	if res.err == nil && ctx.Err() == nil && compact && res.st.Indexed > 0 && res.st.Indexed <= index.CompactMaxDocs {
		res.err = index.Compact(ctx, idx)
	}
	prog.finish()

	summary(stdout, res.st.Indexed, rs.Rejected, rs.Skipped, res.st.Bytes, began)
	switch {
	case res.err != nil && ctx.Err() == nil:
		f := index.FaultOf(res.err)
		fmt.Fprintf(stderr, "indexer: index %s: %s: %v\n"+
			"indexer: the %d documents indexed before are kept; when the cause is fixed, run again: it replaces what is there\n",
			*dir, f.Reason, res.err, res.st.Indexed)
		return 2
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

// summary prints the last stdout line, the same in both modes.
func summary(w io.Writer, indexed, rejected, skipped int, bytes int64, began time.Time) {
	elapsed := time.Since(began)
	fmt.Fprintf(w, "indexed=%d rejected=%d skipped=%d elapsed=%s docs/s=%.0f MB/s=%.2f\n",
		indexed, rejected, skipped, elapsed.Round(time.Millisecond),
		float64(indexed)/elapsed.Seconds(), float64(bytes)/1e6/elapsed.Seconds())
}

// remote sends documents to a running searchd in chunks of JSON lines.
type remote struct {
	base     string // searchd's URL without a trailing slash
	token    string
	maxDocs  int // documents per chunk at most
	maxBytes int // encoded bytes per chunk at most (but always one document)
	stderr   io.Writer
	client   *http.Client

	buf      bytes.Buffer
	pending  []articles.Record // the records in buf, to map the server's line numbers back
	indexed  int
	rejected int
	bytes    int64
}

// run reads inputs and posts them; its exit status follows the local mode's.
func (rc *remote) run(ctx context.Context, rd articles.Reader, inputs []string, stdout io.Writer) int {
	began := time.Now()
	rs, err := rd.Read(ctx, inputs, func(r articles.Record) error { return rc.add(ctx, r) },
		func(p articles.Problem) { fmt.Fprintln(rc.stderr, p.Error()) })
	if err == nil {
		err = rc.flush(ctx)
	}
	rc.rejected += rs.Rejected
	summary(stdout, rc.indexed, rc.rejected, rs.Skipped, rc.bytes, began)
	switch {
	case err != nil:
		fmt.Fprintf(rc.stderr, "indexer: %v\n", err)
		return 2
	case rc.rejected > 0:
		return 1
	}
	return 0
}

// add encodes one record into the current chunk, first sending the chunk if
// the record would take it over a limit.
func (rc *remote) add(ctx context.Context, r articles.Record) error {
	line, err := json.Marshal(r.Doc)
	if err != nil {
		return fmt.Errorf("encode document %s: %w", r.Doc.ID, err)
	}
	if len(rc.pending) >= rc.maxDocs || (len(rc.pending) > 0 && rc.buf.Len()+len(line)+1 > rc.maxBytes) {
		if err := rc.flush(ctx); err != nil {
			return err
		}
	}
	rc.buf.Write(line)
	rc.buf.WriteByte('\n')
	rc.pending = append(rc.pending, r)
	return nil
}

// flush posts the current chunk and waits for searchd's acknowledgement.
func (rc *remote) flush(ctx context.Context) error {
	if len(rc.pending) == 0 {
		return nil
	}
	url := rc.base + "/api/docs"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(rc.buf.Bytes()))
	if err != nil {
		return fmt.Errorf("post %s: %w", url, err)
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	req.Header.Set("Authorization", "Bearer "+rc.token)
	res, err := rc.client.Do(req)
	if err != nil {
		return fmt.Errorf("post %d documents: %w", len(rc.pending), err)
	}
	defer res.Body.Close()
	var ans server.WriteResult
	if err := json.NewDecoder(io.LimitReader(res.Body, 16<<20)).Decode(&ans); err != nil {
		return fmt.Errorf("post %s: %s, unreadable answer: %w", url, res.Status, err)
	}
	// 400 with rejections is a chunk whose every record was refused: report
	// them like any other rejected records.
	if res.StatusCode != http.StatusOK && !(res.StatusCode == http.StatusBadRequest && len(ans.Rejected) > 0) {
		return fmt.Errorf("post %s: %s: %s", url, res.Status, ans.Error)
	}
	for _, rj := range ans.Rejected {
		p := articles.Problem{File: url, Line: rj.Line, Reason: "rejected by searchd: " + rj.Reason}
		if rj.Line >= 1 && rj.Line <= len(rc.pending) {
			src := rc.pending[rj.Line-1]
			p.File, p.Line = src.File, src.Line
		}
		fmt.Fprintln(rc.stderr, p.Error())
	}
	rc.indexed += ans.Indexed
	rc.rejected += len(ans.Rejected)
	refused := make(map[int]bool, len(ans.Rejected))
	for _, rj := range ans.Rejected {
		refused[rj.Line] = true
	}
	for i, r := range rc.pending {
		if !refused[i+1] {
			rc.bytes += int64(len(r.Doc.Body) + len(r.Doc.Title))
		}
	}
	rc.buf.Reset()
	rc.pending = rc.pending[:0]
	return nil
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
