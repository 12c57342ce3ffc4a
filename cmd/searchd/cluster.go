package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/newsearch/bilingual/cluster"
)

// clusterFlags are searchd's cluster-mode flags; cluster mode is on when
// --nats-url or --nats-listen is given.
type clusterFlags struct {
	natsURL, listen, clusterListen, routes, store, clusterName string
	nodeID, nodeShards                                         string
	shards, replicas                                           int
}

func defineClusterFlags(fs *pflag.FlagSet) *clusterFlags {
	c := &clusterFlags{}
	fs.StringVar(&c.natsURL, "nats-url", "", "cluster mode on external NATS servers: their URLs, comma-separated (nats://host:4222,...)")
	fs.StringVar(&c.listen, "nats-listen", "", "cluster mode with a NATS server embedded in searchd: its client address (host:4222)")
	fs.StringVar(&c.clusterListen, "nats-cluster", "", "the embedded NATS server's cluster (route) address, which --nats-routes of the others name (host:6222)")
	fs.StringVar(&c.routes, "nats-routes", "", "the other embedded NATS servers' cluster addresses, comma-separated (host:6222,...)")
	fs.StringVar(&c.store, "nats-store", "", "directory of the embedded NATS server's JetStream log (fsynced on every write)")
	fs.StringVar(&c.clusterName, "nats-cluster-name", "searchd", "name of the NATS cluster; the same on every server")
	fs.StringVar(&c.nodeID, "node-id", "", "this node's name in the cluster, unique (default: the host name)")
	fs.IntVar(&c.shards, "shards", cluster.DefaultShards, "number of virtual shards (documents go by a hash of their id); fixed at the cluster's first start")
	fs.StringVar(&c.nodeShards, "node-shards", "", `shards this node holds a replica of: "all", "none" (the default: it routes writes and searches only) or numbers and ranges ("0-31,40")`)
	fs.IntVar(&c.replicas, "replicas", cluster.DefaultReplicas, "NATS servers storing each message of the log (JetStream replicas; 1 with a lone embedded server)")
	return c
}

// enabled reports whether the flags ask for cluster mode.
func (c *clusterFlags) enabled() bool { return c.natsURL != "" || c.listen != "" }

// config turns the flags into a cluster.Config over the index directory.
func (c *clusterFlags) config(indexDir string) (cluster.Config, error) {
	held, err := cluster.ParseShards(c.nodeShards, c.shards)
	if err != nil {
		return cluster.Config{}, fmt.Errorf("--node-shards: %w", err)
	}
	id := c.nodeID
	if id == "" {
		if id, err = os.Hostname(); err != nil {
			return cluster.Config{}, fmt.Errorf("--node-id: none given and no host name: %w", err)
		}
	}
	cfg := cluster.Config{
		NodeID: id, NATSURL: c.natsURL, Shards: c.shards, NodeShards: held, Replicas: c.replicas, IndexDir: indexDir,
		Embedded: cluster.EmbeddedConfig{
			Listen: c.listen, ClusterListen: c.clusterListen, StoreDir: c.store, ClusterName: c.clusterName,
		},
	}
	for r := range strings.SplitSeq(c.routes, ",") {
		if r = strings.TrimSpace(r); r != "" {
			cfg.Embedded.Routes = append(cfg.Embedded.Routes, r)
		}
	}
	return cfg, cfg.Check()
}

// startCluster joins the cluster, logging where; the caller closes the node.
func startCluster(ctx context.Context, cfg cluster.Config, d cluster.Deps, log *slog.Logger) (*cluster.Node, error) {
	if err := os.MkdirAll(cfg.IndexDir, 0o755); err != nil {
		return nil, fmt.Errorf("index %s: %w", cfg.IndexDir, err)
	}
	return cluster.Start(ctx, cfg, d, log)
}
