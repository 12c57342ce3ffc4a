// Command searchd serves the search API and page over an index built by indexer.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/newsearch/bilingual/analyzers/lexicon"
	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/cluster"
	"github.com/newsearch/bilingual/entities"
	"github.com/newsearch/bilingual/index"
	"github.com/newsearch/bilingual/internal/buildinfo"
	"github.com/newsearch/bilingual/internal/envflags"
	"github.com/newsearch/bilingual/internal/gctune"
	"github.com/newsearch/bilingual/server"
)

// envPrefix starts the environment variables that set searchd's flags.
const envPrefix = "SEARCHD"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is searchd with its arguments, serving until ctx ends (on SIGINT or
// SIGTERM); it returns the exit status. Only --version writes to stdout.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("searchd", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("index", "", "index directory built by indexer (required)")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address; loopback unless told otherwise")
	timeout := fs.Duration("timeout", server.DefaultTimeout, "per-request search deadline")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	token := fs.String("admin-token", "", "bearer token enabling POST /api/docs, DELETE /api/docs/{id} and POST /api/admin/snapshot (writes are off without one)")
	maxBody := fs.Int64("max-body-bytes", server.DefaultMaxBodyBytes, "largest accepted write request body in bytes")
	maxDoc := fs.Int("max-doc-bytes", articles.DefaultMaxDocBytes, "largest accepted written document (one JSON line) in bytes")
	maxRecords := fs.Int("max-records", server.DefaultMaxRecords, "most records (good or bad) accepted in one write request")
	corsOrigin := fs.String("cors-origin", "", "origin allowed to call GET /api/* from a browser (default none: no CORS)")
	freedict := fs.String("freedict", lexicon.FreedictPath, "Debian's FreeDict English–Hindi dictionary (dict-freedict-eng-hin), a fallback for query translation; \"\" for the embedded lexicon only")
	maxConns := fs.Int("max-conns", defaultMaxConns, "most connections open at once; past half of it idle keep-alive connections are closed")
	metricsAddr := fs.String("metrics-addr", "", "serve /metrics on this address only, not on --addr (default: on --addr)")
	snapshotDir := fs.String("snapshot-dir", "", "directory POST /api/admin/snapshot writes copies of the index into (default: INDEX.snapshots beside the index)")
	logQueries := fs.Bool("log-queries", false, "write query strings (what people searched for) to the access log; off, only the path is logged")
	version := fs.Bool("version", false, "print the version and the index format, and exit")
	cf := defineClusterFlags(fs)
	envflags.Annotate(fs, envPrefix)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: searchd --index DIR [flags]\n\nServes GET /api/search, /api/docs/{id}, /healthz and the search page.\nsearchd is the index's only writer: with --admin-token it accepts POST /api/docs\nand DELETE /api/docs/{id} (Authorization: Bearer TOKEN); feed it with\nindexer --server URL --token TOKEN.\n\n%s\n\nFlags:\n", envflags.Sentence(envPrefix))
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return 0
		}
		fmt.Fprintf(stderr, "searchd: %v (see --help)\n", err)
		return 2
	}
	if *version {
		fmt.Fprint(stdout, buildinfo.Describe("searchd", index.FormatVersion))
		return 0
	}
	if err := envflags.Apply(fs, envPrefix, os.LookupEnv); err != nil {
		fmt.Fprintf(stderr, "searchd: %v (see --help)\n", err)
		return 2
	}
	var log *slog.Logger
	switch *logFormat {
	case "text":
		log = slog.New(slog.NewTextHandler(stderr, nil))
	case "json":
		log = slog.New(slog.NewJSONHandler(stderr, nil))
	default:
		fmt.Fprintf(stderr, "searchd: --log-format %q: want text or json\n", *logFormat)
		return 2
	}
	if *dir == "" {
		fmt.Fprintln(stderr, "searchd: --index DIR is required (see --help)")
		return 2
	}
	var clusterCfg cluster.Config
	snapshotParent := *dir // snapshots go beside the index (or the node's directory)
	if cf.enabled() {
		// The index directory holds this node's shard indexes and an empty
		// local index the routes that are not fanned out would read.
		var err error
		if clusterCfg, err = cf.config(*dir); err != nil {
			fmt.Fprintf(stderr, "searchd: %v (see --help)\n", err)
			return 2
		}
		if err := os.MkdirAll(*dir, 0o755); err != nil {
			fmt.Fprintf(stderr, "searchd: index %s: %v\n", *dir, err)
			return 2
		}
		*dir = filepath.Join(*dir, "local")
	}
	if _, err := os.Stat(*dir); err != nil && !cf.enabled() {
		fmt.Fprintf(stderr, "searchd: index %s: %v\n", *dir, err)
		return 2
	}
	if *token != "" && len(*token) < server.MinAdminTokenBytes {
		fmt.Fprintf(stderr, "searchd: the admin token is %d bytes; want at least %d, random (e.g. openssl rand -hex 16)\n",
			len(*token), server.MinAdminTokenBytes)
		return 2
	}
	if *maxBody < 1 || *maxDoc < 1 || *maxRecords < 1 || *maxConns < 1 {
		fmt.Fprintln(stderr, "searchd: --max-body-bytes, --max-doc-bytes, --max-records and --max-conns must be positive")
		return 2
	}
	tuneGC()
	// searchd owns the index's single writer, so that writes and searches
	// share one view and a write is visible as soon as it is acknowledged.
	idx, err := index.OpenWritable(*dir, index.BuildOptions{})
	if err != nil {
		if errors.Is(err, index.ErrIndexInUse) {
			fmt.Fprintf(stderr, "searchd: %v: is another searchd or an indexer running on it?\n", err)
			return 2
		}
		fmt.Fprintf(stderr, "searchd: %v\n", err)
		return 2
	}
	closeIndex := idx.Close
	defer func() {
		if err := closeIndex(); err != nil {
			log.Error("close index", "dir", *dir, "err", err)
		}
	}()
	// One gazetteer and extractor for searches and writes alike: loading
	// them is slow, and the two must name people and parties the same way.
	gaz, err := entities.Load()
	if err != nil {
		fmt.Fprintf(stderr, "searchd: %v\n", err)
		return 2
	}
	ext := entities.NewExtractor(gaz)
	cfg := index.SearchConfig{Logger: log, Freedict: *freedict}
	if *freedict == "" {
		cfg.Freedict = index.NoFreedict
	} else if _, err := os.Stat(*freedict); err != nil {
		// Results then differ from a server that has it: say so.
		log.Warn("FreeDict absent: queries are translated with the embedded lexicon only", "freedict", *freedict, "err", err)
	}
	s, err := index.NewSearcher(idx, gaz, ext, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "searchd: %v\n", err)
		return 2
	}
	// Deferred after closeIndex, so it runs first: the searcher holds a
	// snapshot. A failed write may have reopened the index: close that one.
	closeIndex = s.CloseIndex
	defer s.Close()
	srv := server.New(s, log)
	srv.Timeout = *timeout
	srv.IndexDir = *dir
	srv.LogQueries, srv.SnapshotDir = *logQueries, *snapshotDir
	if srv.SnapshotDir == "" {
		srv.SnapshotDir = filepath.Clean(snapshotParent) + ".snapshots"
	}
	srv.MaxBodyBytes, srv.MaxDocBytes, srv.MaxRecords, srv.CORSOrigin = *maxBody, *maxDoc, *maxRecords, *corsOrigin
	if *token != "" {
		srv.Writer = s.Writer() // tells s of every commit
		srv.AdminToken = *token
	}
	routes, metrics := srv.Handler(), http.Handler(nil)
	if *metricsAddr != "" {
		routes, metrics = srv.SplitHandlers()
	}
	if cf.enabled() {
		node, err := startCluster(ctx, clusterCfg, cluster.Deps{Gazetteer: gaz, Extractor: ext, Search: cfg}, log)
		if err != nil {
			fmt.Fprintf(stderr, "searchd: cluster: %v\n", err)
			return 2
		}
		defer node.Close()
		srv.Backend, srv.Snapshots = node.Querier, node
		if srv.Writer != nil {
			srv.Writer = node.Writer
		}
		routes = node.Handler(routes)
	}
	hs := newHTTPServer(routes, *timeout, log)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "searchd: listen %s: %v\n", *addr, err)
		return 2
	}
	if beyondLoopback(ln.Addr()) {
		log.Warn("listening beyond loopback: searches, and writes with their bearer token, travel as plain HTTP; "+
			"put a TLS proxy in front or listen on 127.0.0.1", "addr", ln.Addr().String())
	}
	servers := []served{{hs, limitConns(hs, ln, *maxConns, log)}}
	log.Info("serving", "addr", "http://"+ln.Addr().String(), "index", *dir, "writes", srv.Writer != nil,
		"metrics", *metricsAddr == "")
	if metrics != nil {
		mln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			ln.Close()
			fmt.Fprintf(stderr, "searchd: listen %s (--metrics-addr): %v\n", *metricsAddr, err)
			return 2
		}
		if beyondLoopback(mln.Addr()) {
			log.Warn("metrics listening beyond loopback: whoever reaches it reads them", "addr", mln.Addr().String())
		}
		servers = append(servers, served{newHTTPServer(metrics, *timeout, log), mln})
		log.Info("serving metrics", "addr", "http://"+mln.Addr().String()+"/metrics")
	}
	return serve(ctx, servers, log)
}

// tuneGC trades heap for CPU: the heap is small beside the memory-mapped
// index, and at the default GOGC=100 the collector took about a tenth of a
// loaded server's CPU. The soft limit keeps the heap under 1 GiB.
func tuneGC() { gctune.Apply(300, 1<<30) }

// newHTTPServer wraps h with the timeouts and header limit that keep slow or
// hostile clients from holding connections or memory; timeout is the search
// deadline, which the write timeout must outlast.
func newHTTPServer(h http.Handler, timeout time.Duration, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		// Long enough to upload a full write body on a slow link.
		ReadTimeout:    2 * time.Minute,
		WriteTimeout:   max(timeout, 2*time.Minute) + 10*time.Second,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}
