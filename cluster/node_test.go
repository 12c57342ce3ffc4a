package cluster

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/entities"
	"github.com/newsearch/bilingual/index"
)

// startLone starts a node of a one-server cluster (embedded NATS on a free
// loopback port) holding every shard, and waits until its replicas serve.
func startLone(t *testing.T, dir string, d Deps) *Node {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c := Config{
		NodeID: "t1", Shards: 4, NodeShards: []int{0, 1, 2, 3}, Replicas: 1, IndexDir: filepath.Join(dir, "index"),
		Embedded: EmbeddedConfig{Listen: addr, StoreDir: filepath.Join(dir, "nats")},
	}
	n, err := Start(context.Background(), c, d, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; {
		serving := 0
		for _, s := range n.Health()["shards"].([]ShardHealth) {
			if s.Serving {
				serving++
			}
		}
		if serving == 4 {
			return n
		}
		if time.Now().After(deadline) {
			n.Close()
			t.Fatalf("replicas not serving within 30s: %v", n.Health())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func total(t *testing.T, n *Node, q string) uint64 {
	t.Helper()
	res, err := n.Querier.Search(context.Background(), index.Request{Q: q, Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

// TestNodeWritesSearchesAndResumes writes through the log and searches by
// fan-out on a one-server cluster, restarts the node, and checks that each
// replica resumes from the sequence in its index (nothing lost, nothing
// applied twice) and that a replica whose index is gone replays the log.
func TestNodeWritesSearchesAndResumes(t *testing.T) {
	gaz, err := entities.Load()
	if err != nil {
		t.Fatal(err)
	}
	d := Deps{Gazetteer: gaz, Extractor: entities.NewExtractor(gaz),
		Search: index.SearchConfig{Logger: slog.New(slog.DiscardHandler), Freedict: index.NoFreedict}}
	dir := t.TempDir()
	ctx := context.Background()
	n := startLone(t, dir, d)
	var docs []articles.Document
	for i := range 12 {
		docs = append(docs, articles.Document{ID: fmt.Sprintf("d%02d", i), Title: "Lockdown in Rajasthan", Body: fmt.Sprintf("Ashok Gehlot extended the lockdown, part %d.", i)})
	}
	if err := n.Writer.Write(ctx, docs); err != nil {
		t.Fatal(err)
	}
	// wait=visible (the default): searchable as soon as acknowledged.
	if got := total(t, n, "lockdown"); got != 12 {
		t.Fatalf("after writing 12: total %d", got)
	}
	if ok, err := n.Writer.Delete(ctx, "d03"); err != nil || !ok {
		t.Fatalf("Delete(d03) = %v, %v", ok, err)
	}
	if ok, err := n.Writer.Delete(ctx, "nope"); err != nil || ok {
		t.Fatalf("Delete(nope) = %v, %v; want false", ok, err)
	}
	if doc, ok, err := n.Querier.Document(ctx, "d05"); err != nil || !ok || doc["body"] != docs[5].Body {
		t.Fatalf("Document(d05) = %v, %v, %v", doc, ok, err)
	}
	applied := map[int]uint64{}
	for _, s := range n.Health()["shards"].([]ShardHealth) {
		applied[s.Shard] = s.Applied
	}
	n.Close()

	// A lost index: that shard replays the whole log.
	lostShard := ShardOf("d05", 4)
	if err := os.RemoveAll(ShardDir(filepath.Join(dir, "index"), lostShard)); err != nil {
		t.Fatal(err)
	}
	n = startLone(t, dir, d)
	defer n.Close()
	if got := total(t, n, "lockdown"); got != 11 {
		t.Errorf("after a restart: total %d, want 11", got)
	}
	for _, s := range n.Health()["shards"].([]ShardHealth) {
		if s.Applied != applied[s.Shard] {
			t.Errorf("shard %d resumed at sequence %d, had applied %d", s.Shard, s.Applied, applied[s.Shard])
		}
	}
	if _, ok, err := n.Querier.Document(ctx, "d05"); err != nil || !ok {
		t.Errorf("d05 not replayed into its shard's new index: %v, %v", ok, err)
	}
	more := []articles.Document{{ID: "e1", Body: "Lockdown again in Jaipur."}}
	if err := n.Writer.Write(WithWait(ctx, WaitDurable), more); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); total(t, n, "lockdown") != 12; {
		if time.Now().After(deadline) {
			t.Fatal("a wait=durable write never became visible")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestNodeBootstrapsFromSnapshot checks that a replica whose shard
// directory is a snapshot of another's resumes the log after the snapshot's
// sequence: the log before it is purged, so replaying from the start could
// not rebuild the documents, and a write after the snapshot must still come.
func TestNodeBootstrapsFromSnapshot(t *testing.T) {
	gaz, err := entities.Load()
	if err != nil {
		t.Fatal(err)
	}
	d := Deps{Gazetteer: gaz, Extractor: entities.NewExtractor(gaz),
		Search: index.SearchConfig{Logger: slog.New(slog.DiscardHandler), Freedict: index.NoFreedict}}
	dir := t.TempDir()
	ctx := context.Background()
	n := startLone(t, dir, d)
	const shard = 1
	var ids []string
	for i := 0; len(ids) < 6; i++ {
		if id := fmt.Sprintf("s%03d", i); ShardOf(id, 4) == shard {
			ids = append(ids, id)
		}
	}
	for _, id := range ids[:5] {
		if err := n.Writer.Write(ctx, []articles.Document{{ID: id, Body: "Flood relief in Bihar " + id}}); err != nil {
			t.Fatal(err)
		}
	}
	snap, err := n.Snapshot(withShard(ctx, shard), filepath.Join(dir, "snapshots"))
	if err != nil {
		t.Fatal(err)
	}
	seq := n.replica(shard).Applied()
	if err := n.Writer.Write(ctx, []articles.Document{{ID: ids[5], Body: "Flood relief after the snapshot"}}); err != nil {
		t.Fatal(err)
	}
	js, err := jetstream.New(n.nc)
	if err != nil {
		t.Fatal(err)
	}
	s, err := js.Stream(ctx, streamName)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Purge(ctx, jetstream.WithPurgeSequence(seq+1)); err != nil {
		t.Fatal(err)
	}
	n.Close()
	shardDir := ShardDir(filepath.Join(dir, "index"), shard)
	if err := os.RemoveAll(shardDir); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(shardDir, os.DirFS(snap)); err != nil {
		t.Fatal(err)
	}
	n = startLone(t, dir, d)
	defer n.Close()
	if got := total(t, n, "flood"); got != 6 {
		t.Errorf("after bootstrapping shard %d from its snapshot (sequence %d) with the log before it purged: total %d, want 6", shard, seq, got)
	}
	if _, err := n.Snapshot(withShard(ctx, 7), dir); err == nil {
		t.Error("a snapshot of a shard the node does not hold was taken")
	}
}

// TestHandler checks what cluster mode changes in the HTTP routes.
func TestHandler(t *testing.T) {
	gaz, err := entities.Load()
	if err != nil {
		t.Fatal(err)
	}
	d := Deps{Gazetteer: gaz, Extractor: entities.NewExtractor(gaz),
		Search: index.SearchConfig{Logger: slog.New(slog.DiscardHandler), Freedict: index.NoFreedict}}
	n := startLone(t, t.TempDir(), d)
	defer n.Close()
	var seen Wait = -1
	h := n.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = waitOf(r.Context())
		w.WriteHeader(http.StatusTeapot)
	}))
	for _, tc := range []struct {
		method, target string
		status         int
		body           string
	}{
		{"POST", "/api/docs?wait=soon", 400, "wait"},
		{"POST", "/api/docs?wait=durable", 418, ""},
		{"DELETE", "/api/docs/x", 418, ""},
		{"GET", "/api/export?q=x", 501, "cluster mode"},
		{"GET", "/articles/x", 501, "cluster mode"},
		{"POST", "/api/admin/snapshot?shard=9", 400, "shard"},
		{"POST", "/api/admin/snapshot", 400, "shard"},
		{"POST", "/api/admin/snapshot?shard=2", 418, ""},
		{"GET", "/healthz", 200, `"shard_count":4`},
		{"GET", "/api/search?q=x", 418, ""},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.target, nil))
		if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.body) {
			t.Errorf("%s %s = %d %q; want %d with %q", tc.method, tc.target, rec.Code, rec.Body.String(), tc.status, tc.body)
		}
		if tc.target == "/api/docs?wait=durable" && seen != WaitDurable {
			t.Errorf("wait=durable reached the handler as %v", seen)
		}
		if tc.method == "DELETE" && seen != WaitVisible {
			t.Errorf("a DELETE without wait reached the handler as %v, want visible", seen)
		}
	}
}

// TestWriteRepeatedIDKeepsLast checks that a request repeating an id ends
// with its last version, as on one node.
func TestWriteRepeatedIDKeepsLast(t *testing.T) {
	gaz, err := entities.Load()
	if err != nil {
		t.Fatal(err)
	}
	d := Deps{Gazetteer: gaz, Extractor: entities.NewExtractor(gaz),
		Search: index.SearchConfig{Logger: slog.New(slog.DiscardHandler), Freedict: index.NoFreedict}}
	n := startLone(t, t.TempDir(), d)
	defer n.Close()
	ctx := context.Background()
	docs := []articles.Document{{ID: "r", Body: "first version"}, {ID: "q", Body: "other"}, {ID: "r", Body: "last version"}}
	if err := n.Writer.Write(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if doc, ok, err := n.Querier.Document(ctx, "r"); err != nil || !ok || doc["body"] != "last version" {
		t.Errorf("Document(r) = %v, %v, %v; want the last version", doc["body"], ok, err)
	}
}
