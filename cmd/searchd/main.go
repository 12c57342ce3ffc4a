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
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/spf13/pflag"

	"github.com/newsearch/bilingual/index"
	"github.com/newsearch/bilingual/server"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

func run(args []string, stderr io.Writer) int {
	fs := pflag.NewFlagSet("searchd", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("index", "", "index directory built by indexer (required)")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address; loopback unless told otherwise")
	timeout := fs.Duration("timeout", server.DefaultTimeout, "per-request search deadline")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: searchd --index DIR [flags]\n\nServes GET /api/search, /api/docs/{id}, /healthz and the search page.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return 0
		}
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
	if _, err := os.Stat(*dir); err != nil {
		fmt.Fprintf(stderr, "searchd: index %s: %v\n", *dir, err)
		return 2
	}
	idx, err := bleve.OpenUsing(*dir, map[string]any{"read_only": true})
	if err != nil {
		fmt.Fprintf(stderr, "searchd: open index %s: %v\n", *dir, err)
		return 2
	}
	defer idx.Close()
	s, err := index.NewSearcher(idx, index.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "searchd: %v\n", err)
		return 2
	}
	srv := server.New(s, log)
	srv.Timeout = *timeout
	srv.IndexDir = *dir
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      *timeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "searchd: listen %s: %v\n", *addr, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("serving", "addr", "http://"+ln.Addr().String(), "index", *dir)
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			log.Error("serve", "err", err)
			return 1
		}
	case <-ctx.Done():
		log.Info("shutting down")
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := hs.Shutdown(sctx); err != nil {
			log.Error("shutdown", "err", err)
			return 1
		}
	}
	return 0
}
