package server

import (
	"context"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/index"
)

// DocWriter persists the write API's documents and deletions: the local
// index's *index.Writer, or in cluster mode the replicated log's publisher
// (cluster.Writer). A failure it reports as an *index.WriteError is answered
// as the index's are (503 or 507, saying whether it was applied).
type DocWriter interface {
	Write(ctx context.Context, docs []articles.Document) error
	Delete(ctx context.Context, id string) (bool, error)
}

// Backend answers the searches of /api/search, the page and the feed, and
// GET /api/docs/{id}, in place of the local index: searchd's cluster mode
// fans them out to the shards (cluster.Querier).
type Backend interface {
	Search(ctx context.Context, r index.Request) (*index.Response, error)
	Document(ctx context.Context, id string) (map[string]any, bool, error)
}

// Snapshotter writes a consistent copy of an index under parent and
// returns its directory: the local index, or in cluster mode the shard
// replica the request names (cluster.Node.Snapshot, with ?shard=N).
type Snapshotter interface {
	Snapshot(ctx context.Context, parent string) (string, error)
}

// localSnapshots is the local index as a Snapshotter.
type localSnapshots struct{ s *index.Searcher }

func (l localSnapshots) Snapshot(_ context.Context, parent string) (string, error) {
	return l.s.Snapshot(parent)
}

// snapshotter is what POST /api/admin/snapshot copies: Snapshots when set,
// else the local index.
func (s *Server) snapshotter() Snapshotter {
	if s.Snapshots != nil {
		return s.Snapshots
	}
	return localSnapshots{s.search}
}

// backend is what answers searches: Backend when set, else the local index.
func (s *Server) backend() Backend {
	if s.Backend != nil {
		return s.Backend
	}
	return s.search
}
