// Command clustertest runs searchd's cluster mode on loopback and checks it
// against one searchd holding the same documents: three searchd nodes with
// embedded NATS servers (a JetStream cluster of three), shards held twice,
// and a node that only routes; concurrent writers and a searching client
// while it SIGKILLs in turn the log's leader, one replica of each shard and
// the routing node, restarting each; then it checks that every
// acknowledged write is there, that replicas converged, that a new replica
// catches up from the log, and that queries give the same totals and facet
// counts as the single node. Its last line is
//
//	cluster: nodes=N shards=S replicas=R acked=A lost=L converged=B queries=Q identical=I failovers=F
//
// and it exits 0 only when nothing was lost, the replicas converged and
// every query was identical. `make cluster-test` runs it; --short is the
// quick version `make test` runs (cmd/clustertest's test).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/pflag"
)

// options are the scenario's sizes.
type options struct {
	docs, writers, queries, shards int
	short                          bool
	dir, searchd, indexer          string
	keep                           bool
}

// result is what the last line reports.
type result struct {
	nodes, shards, replicas, acked, lost int
	converged                            bool
	queries, identical, failovers        int
}

func (r result) String() string {
	return fmt.Sprintf("cluster: nodes=%d shards=%d replicas=%d acked=%d lost=%d converged=%t queries=%d identical=%d failovers=%d",
		r.nodes, r.shards, r.replicas, r.acked, r.lost, r.converged, r.queries, r.identical, r.failovers)
}

// ok is the verdict: nothing lost, converged, every query identical.
func (r result) ok() bool {
	return r.lost == 0 && r.converged && r.identical == r.queries && r.acked > 0
}

func main() {
	fs := pflag.NewFlagSet("clustertest", pflag.ContinueOnError)
	var o options
	fs.IntVar(&o.docs, "docs", 1200, "documents to write (at least; writing goes on until every kill is done)")
	fs.IntVar(&o.writers, "writers", 4, "concurrent writers")
	fs.IntVar(&o.queries, "queries", 240, "queries compared with a single node")
	fs.IntVar(&o.shards, "shards", 2, "virtual shards")
	fs.BoolVar(&o.short, "short", false, "one kill (the log's leader) instead of all")
	fs.StringVar(&o.dir, "dir", "", "working directory (default: a temporary one, removed after)")
	fs.StringVar(&o.searchd, "searchd", "", "searchd binary (default: built into the working directory)")
	fs.StringVar(&o.indexer, "indexer", "", "indexer binary (default: built into the working directory)")
	fs.BoolVar(&o.keep, "keep", false, "keep the working directory (logs, indexes)")
	if err := fs.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	res, err := run(ctx, o, os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stdout, "clustertest:", err)
	}
	fmt.Fprintln(os.Stdout, res)
	if err != nil || !res.ok() {
		os.Exit(1)
	}
}

// say prints one progress line with the time since start.
func sayer(w io.Writer) func(format string, args ...any) {
	began := time.Now()
	return func(format string, args ...any) {
		fmt.Fprintf(w, "[%5.1fs] %s\n", time.Since(began).Seconds(), fmt.Sprintf(format, args...))
	}
}
