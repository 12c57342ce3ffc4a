package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsearch/bilingual/articles"
)

// converge waits until every replica of every shard has applied the log's
// last message for it and holds as many documents as the others.
func converge(ctx context.Context, js jetstream.JetStream, stores []*node, shards int, within time.Duration) (bool, error) {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		ok := true
		s, err := js.Stream(ctx, streamName)
		for shard := 0; shard < shards && ok && err == nil; shard++ {
			var last uint64
			m, err := s.GetLastMsgForSubject(ctx, fmt.Sprintf("%s.%d", docsSubject, shard))
			if err == nil {
				last = m.Sequence
			} else if !errors.Is(err, jetstream.ErrMsgNotFound) {
				ok = false
				break
			}
			docs := map[uint64]bool{}
			for _, n := range stores {
				h, err := n.health(ctx)
				if err != nil {
					ok = false
					break
				}
				for _, sh := range h.Shards {
					if sh.Shard == shard {
						ok = ok && sh.Applied == last
						docs[sh.Documents] = true
					}
				}
			}
			ok = ok && len(docs) == 1
		}
		if ok && err == nil {
			return true, nil
		}
		time.Sleep(500 * time.Millisecond)
	}
	return false, nil
}

// live is the ledger's documents that should be on the cluster now.
func (l *ledger) live() []articles.Document {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []articles.Document
	for _, d := range l.docs {
		if d != nil {
			out = append(out, *d)
		}
	}
	return out
}

// countLost looks every id the writers were acknowledged for up on the
// cluster: a document must be there as last written, a deletion absent.
func countLost(ctx context.Context, base string, l *ledger) (int, error) {
	l.mu.Lock()
	docs := make(map[string]*articles.Document, len(l.docs))
	for id, d := range l.docs {
		docs[id] = d
	}
	l.mu.Unlock()
	lost := 0
	for id, d := range docs {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/docs/"+id, nil)
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		var got struct {
			Body string `json:"body"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&got)
		resp.Body.Close()
		switch {
		case resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNotFound:
			return 0, fmt.Errorf("GET /api/docs/%s: status %d", id, resp.StatusCode)
		case d == nil && resp.StatusCode == http.StatusOK,
			d != nil && (resp.StatusCode != http.StatusOK || got.Body != d.Body):
			lost++
		}
	}
	return lost, nil
}

// reference indexes docs with indexer into one index and serves it with a
// plain searchd, the single node the cluster is compared with.
func reference(ctx context.Context, dir string, o options, docs []articles.Document) (*node, error) {
	in := filepath.Join(dir, "reference.jsonl")
	f, err := os.Create(in)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			f.Close()
			return nil, err
		}
	}
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		return nil, err
	}
	idx := filepath.Join(dir, "reference", "index")
	if out, err := exec.CommandContext(ctx, o.indexer, "--index", idx, in).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("indexer: %v\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	n := &node{name: "reference", http: fmt.Sprintf("http://127.0.0.1:%d", port), logPath: filepath.Join(dir, "reference.log"),
		args: []string{"--index", idx, "--addr", fmt.Sprintf("127.0.0.1:%d", port), "--freedict", ""}}
	if err := n.start(o.searchd); err != nil {
		return nil, err
	}
	for range 300 {
		var h map[string]any
		if err := getJSON(ctx, n.http+"/healthz", &h); err == nil {
			return n, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	n.kill()
	return nil, fmt.Errorf("reference searchd did not start: %s", tail(n.logPath, 2000))
}
