// Package cluster is searchd's cluster mode: documents written on any node
// go to a replicated log on NATS JetStream, split into a fixed number of
// virtual shards by a hash of their id; each node builds a Bleve index per
// shard it holds from that log, and searches are fanned out to one replica
// of every shard by NATS request-reply with queue groups, and merged.
// Consensus, replication and failover are NATS's; this package prepares
// documents, applies the log and merges answers.
package cluster

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DefaultShards is the number of virtual shards a new cluster gets: enough
// to spread over dozens of nodes, few enough that a search's fan-out stays
// cheap. It is fixed once the cluster has stored it.
const DefaultShards = 64

// DefaultReplicas is how many NATS servers store each message of the log.
const DefaultReplicas = 3

// DefaultVisibleTimeout bounds how long a write waits, once stored in the
// log, for a replica of its shard to apply it.
const DefaultVisibleTimeout = 30 * time.Second

// Config is one node's part in a cluster.
type Config struct {
	// NodeID names the node in the cluster's metadata and, embedded, its
	// NATS server; unique in the cluster.
	NodeID string
	// NATSURL is the external NATS servers to connect to (comma-separated
	// URLs); empty means the embedded server (Embedded).
	NATSURL string
	// Embedded, when Listen is set, runs a NATS server inside searchd.
	Embedded EmbeddedConfig
	// Shards is the number of virtual shards; checked against the cluster's.
	Shards int
	// NodeShards are the shards this node replicates (none: a node that
	// only routes writes and queries).
	NodeShards []int
	// Replicas is how many servers store the log (JetStream stream replicas).
	Replicas int
	// IndexDir holds this node's shard indexes, one directory each.
	IndexDir string
	// VisibleTimeout bounds a wait=visible write's wait for a replica;
	// 0 means DefaultVisibleTimeout.
	VisibleTimeout time.Duration
}

// EmbeddedConfig is the NATS server searchd runs in-process.
type EmbeddedConfig struct {
	// Listen is the client address (host:port); empty: no embedded server.
	Listen string
	// ClusterListen is the address other NATS servers route to (host:port).
	ClusterListen string
	// Routes are the other servers' cluster addresses (host:port or
	// nats-route://host:port).
	Routes []string
	// StoreDir is where JetStream keeps the log; it is fsynced on every
	// write (sync_interval: always).
	StoreDir string
	// ClusterName names the NATS cluster; every server of it uses the same.
	ClusterName string
}

// Enabled reports whether c asks for cluster mode at all.
func (c Config) Enabled() bool { return c.NATSURL != "" || c.Embedded.Listen != "" }

// Check reports the first setting that cannot work, naming its flag.
func (c Config) Check() error {
	switch {
	case c.NATSURL != "" && c.Embedded.Listen != "":
		return fmt.Errorf("--nats-url and --nats-listen: give one (external servers or the embedded one)")
	case c.NodeID == "":
		return fmt.Errorf("--node-id: required in cluster mode")
	case c.Shards < 1 || c.Shards > 4096:
		return fmt.Errorf("--shards %d: want 1..4096", c.Shards)
	case c.Replicas < 1 || c.Replicas > 5:
		return fmt.Errorf("--replicas %d: want 1..5 (JetStream's limit)", c.Replicas)
	case c.IndexDir == "":
		return fmt.Errorf("--index: required (the directory of this node's shard indexes)")
	}
	if c.Embedded.Listen != "" {
		if c.Embedded.StoreDir == "" {
			return fmt.Errorf("--nats-store: required with --nats-listen")
		}
		if len(c.Embedded.Routes) > 0 && c.Embedded.ClusterListen == "" {
			return fmt.Errorf("--nats-cluster: required with --nats-routes (the address the other servers route to)")
		}
	}
	for _, s := range c.NodeShards {
		if s < 0 || s >= c.Shards {
			return fmt.Errorf("--node-shards: shard %d is not in 0..%d", s, c.Shards-1)
		}
	}
	return nil
}

// ParseShards reads a set of shards: "all", "none" or "", or numbers and
// ranges separated by commas ("0-31,40"); n is the shard count. The result
// is sorted and without repeats.
func ParseShards(s string, n int) ([]int, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "", "none":
		return nil, nil
	case "all":
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out, nil
	}
	var out []int
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(strings.TrimSpace(lo))
		if err != nil {
			return nil, fmt.Errorf("shard set %q: %q is not a number or a range", s, part)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(strings.TrimSpace(hi)); err != nil || b < a {
				return nil, fmt.Errorf("shard set %q: %q is not a range lo-hi", s, part)
			}
		}
		if a < 0 || b >= n {
			return nil, fmt.Errorf("shard set %q: %q is outside 0..%d", s, part, n-1)
		}
		for i := a; i <= b; i++ {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
