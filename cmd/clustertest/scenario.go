package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsearch/bilingual/articles"
)

// The log's stream and subjects, as package cluster names them.
const (
	streamName  = "SEARCHD_DOCS"
	docsSubject = "searchd.docs"
)

// run is the whole scenario; the result is filled as far as it got.
func run(ctx context.Context, o options, out io.Writer) (res result, err error) {
	say := sayer(out)
	res.shards, res.replicas = o.shards, 2
	dir := o.dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "clustertest-"); err != nil {
			return res, err
		}
		if !o.keep {
			defer os.RemoveAll(dir)
		}
	}
	if o.searchd == "" || o.indexer == "" {
		say("building searchd and indexer")
		if o.searchd, o.indexer, err = buildBinaries(dir); err != nil {
			return res, err
		}
	}
	nodes, err := layout(dir, o.shards)
	if err != nil {
		return res, err
	}
	defer func() {
		for _, n := range nodes {
			n.kill()
		}
	}()
	stores, query := nodes[:3], nodes[3]
	res.nodes = len(nodes)
	for _, n := range nodes {
		if err := n.start(o.searchd); err != nil {
			return res, err
		}
	}
	for _, n := range nodes {
		if err := n.waitReady(ctx, 90*time.Second); err != nil {
			return res, err
		}
	}
	say("cluster up: %d searchd (3 with embedded NATS), %d shards, 2 replicas each; logs in %s", len(nodes), o.shards, dir)
	nc, err := nats.Connect(stores[0].natsURL+","+stores[1].natsURL+","+stores[2].natsURL,
		nats.MaxReconnects(-1), nats.ReconnectWait(200*time.Millisecond))
	if err != nil {
		return res, fmt.Errorf("connect to the test cluster's NATS: %w", err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)

	// Writers and a searching client, while the kills go on.
	l := &ledger{docs: map[string]*articles.Document{}}
	var killsDone atomic.Bool
	var next, writeErrs, searches, searchErrs atomic.Int64
	urls := func() []string {
		var u []string
		for _, n := range nodes {
			u = append(u, n.http)
		}
		return u
	}
	// First a burst at full speed, for the writes-per-second figure.
	burstDocs := max(o.docs/3, 20)
	took, err := burst(ctx, l, urls, o.writers, burstDocs, &next)
	if err != nil {
		return res, err
	}
	say("burst: %d documents acknowledged (wait=visible, fsync on every NATS server) by %d clients posting 10 per request in %.2fs: %.0f documents/s",
		l.acked.Load(), o.writers, took.Seconds(), float64(l.acked.Load())/took.Seconds())
	stop := func() bool { return killsDone.Load() && l.acked.Load() >= int64(o.docs) }
	expected := 45 * time.Second
	if o.short {
		expected = 8 * time.Second
	}
	pace := time.Duration(float64(expected) / (float64(o.docs) / float64(4*o.writers)))
	wctx, cancelWrites := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelWrites()
	began := time.Now()
	var wg sync.WaitGroup
	for w := range o.writers {
		wg.Go(func() { writer(wctx, l, urls, w, &next, stop, pace, &writeErrs) })
	}
	writing := make(chan struct{})
	var sg sync.WaitGroup
	sg.Go(func() {
		qs := queries(50)
		r := rand.New(rand.NewPCG(1, 2))
		for {
			select {
			case <-writing:
				return
			case <-time.After(50 * time.Millisecond):
			}
			// Searches go to live nodes: a dead one's refusal says nothing.
			n := nodes[r.IntN(len(nodes))]
			if !n.alive() {
				continue
			}
			var a answer
			searches.Add(1)
			if err := getJSON(wctx, n.http+"/api/search?"+qs[r.IntN(len(qs))], &a); err != nil && n.alive() {
				if searchErrs.Add(1) == 1 {
					say("a search failed on %s, which is up: %v", n.name, err)
				}
			}
		}
	})
	type kill struct {
		what string
		at   time.Time
	}
	var kills []kill
	var killErr error
	func() {
		defer killsDone.Store(true)
		time.Sleep(expected / 8)
		leader, err := streamLeader(ctx, js)
		if err != nil {
			killErr = err
			return
		}
		victims := []*node{byName(nodes, leader)}
		if !o.short {
			victims = append(victims, stores[0], stores[1], query) // n1 and n2 hold one replica of each shard between them
		}
		for i, v := range victims {
			if v == nil {
				killErr = fmt.Errorf("the stream leader %q is no node of the test", leader)
				return
			}
			what := "a replica of shards " + fmt.Sprint(v.shards)
			switch {
			case i == 0:
				what = "the log's leader (" + what + ")"
			case v == query:
				what = "the routing node"
			}
			say("SIGKILL %s: %s", v.name, what)
			killed := time.Now()
			v.kill()
			res.failovers++
			kills = append(kills, kill{v.name + ", " + what, killed})
			time.Sleep(2 * time.Second)
			if err := v.start(o.searchd); err != nil {
				killErr = err
				return
			}
			if err := v.waitReady(ctx, 90*time.Second); err != nil {
				killErr = err
				return
			}
			say("%s back and caught up after %.1fs", v.name, time.Since(killed).Seconds())
		}
	}()
	wg.Wait()
	writeTime := time.Since(began)
	close(writing)
	sg.Wait()
	res.acked = int(l.acked.Load())
	if killErr != nil {
		return res, killErr
	}
	if writeErrs.Load() > 0 {
		return res, fmt.Errorf("%d writers gave up on a write", writeErrs.Load())
	}
	say("writes: %d acknowledged in all (documents and deletions), paced over %.1fs of kills; searches meanwhile on nodes that were up: %d, %d failed",
		res.acked, writeTime.Seconds(), searches.Load(), searchErrs.Load())
	for i, k := range kills {
		end := time.Now()
		if i+1 < len(kills) {
			end = kills[i+1].at
		}
		if t, ok := l.firstAckAfter(k.at); ok {
			say("SIGKILL of %s: next acknowledged write after %.2fs; longest time without one until the next kill: %.2fs",
				k.what, t.Sub(k.at).Seconds(), l.longestStall(k.at, end.Sub(k.at)).Seconds())
		}
	}

	res.converged, err = converge(ctx, js, stores, o.shards, 90*time.Second)
	if err != nil {
		return res, err
	}
	say("replicas converged: %t", res.converged)
	if res.lost, err = countLost(ctx, query.http, l); err != nil {
		return res, err
	}
	say("acknowledged writes missing or stale on the cluster: %d", res.lost)

	// A new replica of every shard, from an empty index: it replays the log.
	fresh, err := extraNode(dir, "n5", o.shards, nodes)
	if err != nil {
		return res, err
	}
	nodes = append(nodes, fresh)
	res.nodes++
	t0 := time.Now()
	if err := fresh.start(o.searchd); err != nil {
		return res, err
	}
	if err := fresh.waitReady(ctx, 3*time.Minute); err != nil {
		return res, err
	}
	live := l.live()
	// The replay itself: from joining the cluster to the last shard caught
	// up, without the process's start (loading the gazetteer).
	replay, ok := logSpan(fresh.logPath, "cluster node started", "replica caught up with the log")
	if !ok {
		replay = time.Since(t0)
	}
	say("a new replica of all %d shards replayed the log from its start (%d messages, %d live documents) in %.2fs (%.1fs with the process start): %.0f messages/s",
		o.shards, res.acked, len(live), replay.Seconds(), time.Since(t0).Seconds(), float64(res.acked)/replay.Seconds())

	ref, err := reference(ctx, dir, o, live)
	if err != nil {
		return res, err
	}
	defer ref.kill()
	cmp, err := compare(ctx, query.http, ref.http, append([]string{"q=", "q=&size=0", "q=&sort=-date"}, queries(o.queries-3)...))
	if err != nil {
		return res, err
	}
	res.queries, res.identical = cmp.queries, cmp.identical
	say("queries: %d, identical totals and facet counts: %d, mean top-10 overlap with one node: %.3f (relevance-sorted %.3f, date-sorted %.3f)",
		cmp.queries, cmp.identical, cmp.overlap, cmp.overlapRel, cmp.overlapDate)
	if cmp.firstDiff != "" {
		say("first difference: %s", cmp.firstDiff)
	}
	say("latency, median over the compared queries: cluster (fan-out to %d shards) %.1f ms, one node %.1f ms: fan-out adds %.1f ms",
		o.shards, median(cmp.clusterMS), median(cmp.singleMS), median(cmp.clusterMS)-median(cmp.singleMS))
	return res, nil
}
