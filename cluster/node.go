package cluster

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsearch/bilingual/entities"
	"github.com/newsearch/bilingual/index"
)

// Deps are what a node's shard indexes are searched and written with: the
// same gazetteer, extractor and settings as a single searchd's.
type Deps struct {
	Gazetteer *entities.Gazetteer
	Extractor *entities.Extractor
	Search    index.SearchConfig
}

// Node is one searchd's part in a cluster: its embedded NATS server if
// any, its replicas, and the Writer and Querier its HTTP API goes through.
type Node struct {
	cfg      Config
	log      *slog.Logger
	ns       *server.Server // nil with external servers
	nc       *nats.Conn
	replicas []*Replica
	closers  []func() error
	subs     []*nats.Subscription
	applied  *appliedWatch
	cancel   context.CancelFunc
	wg       sync.WaitGroup
	mu       sync.Mutex // guards subs
	// Writer publishes the write API's documents to the log.
	Writer *Writer
	// Querier fans searches out to the shards.
	Querier *Querier
}

// ShardDir is the directory of shard's index under a node's index directory.
func ShardDir(indexDir string, shard int) string {
	return filepath.Join(indexDir, fmt.Sprintf("shard-%03d", shard))
}

// Start joins the cluster c describes: it starts the embedded NATS server
// (if configured), connects, creates or checks the log and metadata, opens
// an index per shard held and starts applying the log to each. It returns
// once all that is under way; a replica answers searches once it has caught
// up with the log.
func Start(ctx context.Context, c Config, d Deps, log *slog.Logger) (_ *Node, err error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	if c.VisibleTimeout <= 0 {
		c.VisibleTimeout = DefaultVisibleTimeout
	}
	n := &Node{cfg: c, log: log}
	defer func() {
		if err != nil {
			n.Close()
		}
	}()
	url := c.NATSURL
	if c.Embedded.Listen != "" {
		if n.ns, err = StartEmbedded(c.Embedded, c.NodeID, log); err != nil {
			return nil, err
		}
		url = n.ns.ClientURL()
		if len(c.Embedded.Routes) == 0 {
			c.Replicas = 1 // a lone server: nothing to replicate to
		}
	}
	n.nc, err = nats.Connect(url, nats.Name("searchd "+c.NodeID), nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond), nats.RetryOnFailedConnect(true),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				log.Warn("NATS disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) { log.Info("NATS reconnected", "url", nc.ConnectedUrl()) }))
	if err != nil {
		return nil, fmt.Errorf("connect to NATS %s: %w", url, err)
	}
	// An acknowledgement not back in 5 s (a leader died) is given up on,
	// and the message re-sent with its id, within publishTimeout.
	js, err := jetstream.New(n.nc, jetstream.WithPublishAsyncTimeout(5*time.Second))
	if err != nil {
		return nil, fmt.Errorf("JetStream: %w", err)
	}
	stream, err := setUp(ctx, js, c, log)
	if err != nil {
		return nil, err
	}
	if n.applied, err = newAppliedWatch(n.nc); err != nil {
		return nil, err
	}
	n.Querier = &Querier{nc: n.nc, shards: c.Shards}
	n.Writer = &Writer{js: js, stream: stream, shards: c.Shards, timeout: c.VisibleTimeout, applied: n.applied, querier: n.Querier, log: log}
	runCtx, cancel := context.WithCancel(context.Background())
	n.cancel = cancel
	for _, shard := range c.NodeShards {
		r, err := n.openReplica(shard, d, js, stream)
		if err != nil {
			return nil, err
		}
		n.replicas = append(n.replicas, r)
		n.wg.Go(func() { r.run(runCtx) })
		n.wg.Go(func() {
			subs, err := r.serve(runCtx)
			if err != nil {
				if runCtx.Err() == nil {
					log.Error("replica cannot answer searches", "shard", shard, "err", err)
				}
				return
			}
			n.mu.Lock()
			n.subs = append(n.subs, subs...)
			n.mu.Unlock()
		})
	}
	log.Info("cluster node started", "node", c.NodeID, "nats", url, "shards", c.Shards,
		"holds", c.NodeShards, "replicas", c.Replicas, "embedded", n.ns != nil)
	return n, nil
}

// openReplica opens (creating if new) shard's index and its replica.
func (n *Node) openReplica(shard int, d Deps, js jetstream.JetStream, stream jetstream.Stream) (*Replica, error) {
	dir := ShardDir(n.cfg.IndexDir, shard)
	idx, err := index.OpenWritable(dir, index.BuildOptions{})
	if err != nil {
		return nil, fmt.Errorf("shard %d: %w", shard, err)
	}
	s, err := index.NewSearcher(idx, d.Gazetteer, d.Extractor, d.Search)
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("shard %d: %w", shard, err)
	}
	n.closers = append(n.closers, func() error { s.Close(); return s.CloseIndex() })
	return &Replica{
		shard: shard, search: s, writer: s.Writer(), js: js, stream: stream, nc: n.nc,
		log: n.log, caughtUp: make(chan struct{}),
	}, nil
}

// Close leaves the cluster: it stops applying and answering, closes the
// shard indexes, the connection and the embedded server.
func (n *Node) Close() {
	if n.cancel != nil {
		n.cancel()
	}
	n.wg.Wait()
	n.mu.Lock()
	for _, s := range n.subs {
		_ = s.Unsubscribe()
	}
	n.mu.Unlock()
	if n.applied != nil {
		n.applied.close()
	}
	if n.nc != nil {
		n.nc.Close()
	}
	for _, c := range n.closers {
		if err := c(); err != nil {
			n.log.Error("close shard index", "err", err)
		}
	}
	if n.ns != nil {
		n.ns.Shutdown()
		n.ns.WaitForShutdown()
	}
}
