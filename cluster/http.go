package cluster

import (
	"encoding/json"
	"net/http"
	"strings"
)

// Handler wraps searchd's routes for cluster mode:
//
//   - POST /api/docs and DELETE /api/docs/{id} take wait=visible (the
//     default: answered once a replica of each shard written applied it) or
//     wait=durable (once the log stored it on a majority); another value is
//     a 400 naming wait.
//   - GET /healthz answers for the node: its shards, each one's applied
//     log sequence, documents and whether it serves searches yet.
//   - POST /api/admin/snapshot copies one shard's index: ?shard=N, one this
//     node holds (400 naming shard otherwise); see Snapshot.
//   - Routes that read the whole index locally (export, the article page,
//     duplicates, name suggestions) answer 501 until they are fanned out too.
func (n *Node) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		switch {
		case (r.Method == http.MethodPost && p == "/api/docs") ||
			(r.Method == http.MethodDelete && strings.HasPrefix(p, "/api/docs/")):
			wait := WaitVisible
			switch v := r.URL.Query().Get("wait"); v {
			case "", "visible":
			case "durable":
				wait = WaitDurable
			default:
				writeJSON(w, http.StatusBadRequest, map[string]string{"error": "wait: want visible or durable, got " + v})
				return
			}
			next.ServeHTTP(w, r.WithContext(WithWait(r.Context(), wait)))
		case r.Method == http.MethodGet && p == "/healthz":
			n.health(w)
		case r.Method == http.MethodPost && p == "/api/admin/snapshot":
			if ctx, ok := n.snapshotRequest(w, r); ok {
				next.ServeHTTP(w, r.WithContext(ctx))
			}
		case p == "/api/export" || strings.HasPrefix(p, "/articles/") || strings.HasPrefix(p, "/api/facets/") ||
			(strings.HasPrefix(p, "/api/docs/") && strings.HasSuffix(p, "/duplicates")):
			writeJSON(w, http.StatusNotImplemented, map[string]string{"error": p + " is not available in cluster mode"})
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// ShardHealth is one shard replica's state, as /healthz reports it.
type ShardHealth struct {
	Shard     int    `json:"shard"`
	Applied   uint64 `json:"applied"`
	Documents uint64 `json:"documents"`
	Serving   bool   `json:"serving"`
}

// Health is the node's state.
func (n *Node) Health() map[string]any {
	shards := []ShardHealth{}
	ok := n.nc.IsConnected()
	for _, r := range n.replicas {
		docs, err := r.search.DocCount()
		if err != nil {
			ok = false
		}
		serving := false
		select {
		case <-r.caughtUp:
			serving = true
		default:
		}
		shards = append(shards, ShardHealth{Shard: r.shard, Applied: r.Applied(), Documents: docs, Serving: serving})
	}
	status := "ok"
	if !ok {
		status = "degraded"
	}
	return map[string]any{"status": status, "node": n.cfg.NodeID, "nats_connected": n.nc.IsConnected(),
		"shard_count": n.cfg.Shards, "shards": shards}
}

func (n *Node) health(w http.ResponseWriter) {
	h := n.Health()
	status := http.StatusOK
	if h["status"] != "ok" {
		status = http.StatusServiceUnavailable
	}
	writeJSON(w, status, h)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
