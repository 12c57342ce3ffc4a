package cluster

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strconv"
)

type shardKey struct{}

// withShard returns ctx carrying the shard POST /api/admin/snapshot copies.
func withShard(ctx context.Context, shard int) context.Context {
	return context.WithValue(ctx, shardKey{}, shard)
}

// Snapshot is the server's Snapshotter in cluster mode: it writes a
// consistent copy of the index of the shard the request named (?shard=N,
// checked by Handler) under parent/shard-NNN, and returns its directory.
// The copy holds the log sequence it was applied through, so a new replica
// whose shard directory is this copy (cp -a it to INDEX/shard-NNN before
// the node starts) resumes the log after it instead of replaying it all.
func (n *Node) Snapshot(ctx context.Context, parent string) (string, error) {
	shard, ok := ctx.Value(shardKey{}).(int)
	if !ok {
		return "", fmt.Errorf("snapshot: no shard named")
	}
	r := n.replica(shard)
	if r == nil {
		return "", fmt.Errorf("snapshot: this node holds no replica of shard %d", shard)
	}
	return r.search.Snapshot(filepath.Join(parent, filepath.Base(ShardDir("", shard))))
}

func (n *Node) replica(shard int) *Replica {
	for _, r := range n.replicas {
		if r.shard == shard {
			return r
		}
	}
	return nil
}

// snapshotRequest checks POST /api/admin/snapshot's shard parameter,
// answering 400 naming it when it is missing, not a number or not a shard
// this node holds; ok says the request may go on, with ctx carrying it.
func (n *Node) snapshotRequest(w http.ResponseWriter, r *http.Request) (context.Context, bool) {
	v := r.URL.Query().Get("shard")
	shard, err := strconv.Atoi(v)
	if err != nil || n.replica(shard) == nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{
			"error": fmt.Sprintf("shard: want one of the shards this node holds, %v; got %q", n.cfg.NodeShards, v)})
		return nil, false
	}
	return withShard(r.Context(), shard), true
}
