package main

import (
	"bytes"
	"context"
	"testing"
	"time"
)

// TestClusterShort is the short cluster test `make test` runs: the whole
// scenario with a few documents and one kill (the log's leader), on
// loopback, with real searchd processes killed with SIGKILL. It builds
// searchd and indexer first. `make cluster-test` runs the full one.
func TestClusterShort(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs six searchd processes; skipped with -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var out bytes.Buffer
	res, err := run(ctx, options{docs: 80, writers: 2, queries: 40, shards: 2, short: true, dir: t.TempDir()}, &out)
	t.Log("\n" + out.String() + res.String())
	if err != nil {
		t.Fatal(err)
	}
	if res.acked < 80 || res.failovers != 1 || res.queries != 40 {
		t.Errorf("the scenario did not run whole: %s", res)
	}
	if !res.ok() {
		t.Errorf("want lost=0 converged=true identical=queries: %s", res)
	}
}

// TestResultLine holds the last line to the form the issue fixes.
func TestResultLine(t *testing.T) {
	r := result{nodes: 5, shards: 2, replicas: 2, acked: 1000, lost: 0, converged: true, queries: 240, identical: 240, failovers: 4}
	want := "cluster: nodes=5 shards=2 replicas=2 acked=1000 lost=0 converged=true queries=240 identical=240 failovers=4"
	if r.String() != want || !r.ok() {
		t.Errorf("got %q ok=%v", r.String(), r.ok())
	}
	for _, bad := range []result{{acked: 5, lost: 1, converged: true}, {acked: 5}, {acked: 5, converged: true, queries: 3, identical: 2}} {
		if bad.ok() {
			t.Errorf("%s counted as passing", bad)
		}
	}
}
