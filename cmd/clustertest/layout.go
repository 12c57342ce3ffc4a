package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// layout makes the test cluster's nodes: n1 holds the first half of the
// shards, n2 the second, n3 all (so every shard has two replicas), each
// with an embedded NATS server routed to the others; q holds none and
// connects to the three servers.
func layout(dir string, shards int) ([]*node, error) {
	type ports struct{ http, nats, route int }
	var p [4]ports
	for i := range p {
		var err error
		for _, x := range []*int{&p[i].http, &p[i].nats, &p[i].route} {
			if *x, err = freePort(); err != nil {
				return nil, err
			}
		}
	}
	half := max(shards/2, 1)
	held := [][]int{seq(0, half), seq(half, shards), seq(0, shards)}
	var out []*node
	for i := range 3 {
		name := fmt.Sprintf("n%d", i+1)
		var routes []string
		for j := range 3 {
			if j != i {
				routes = append(routes, fmt.Sprintf("127.0.0.1:%d", p[j].route))
			}
		}
		n := &node{
			name: name, shards: held[i], http: fmt.Sprintf("http://127.0.0.1:%d", p[i].http),
			natsURL: fmt.Sprintf("nats://127.0.0.1:%d", p[i].nats), logPath: filepath.Join(dir, name+".log"),
		}
		n.args = []string{
			"--index", filepath.Join(dir, name, "index"), "--addr", fmt.Sprintf("127.0.0.1:%d", p[i].http),
			"--admin-token", token, "--freedict", "", "--node-id", name, "--shards", fmt.Sprint(shards),
			"--node-shards", shardList(held[i]), "--nats-listen", fmt.Sprintf("127.0.0.1:%d", p[i].nats),
			"--nats-cluster", fmt.Sprintf("127.0.0.1:%d", p[i].route), "--nats-routes", strings.Join(routes, ","),
			"--nats-store", filepath.Join(dir, name, "nats"),
		}
		out = append(out, n)
	}
	q := &node{name: "q", http: fmt.Sprintf("http://127.0.0.1:%d", p[3].http), logPath: filepath.Join(dir, "q.log")}
	q.args = []string{"--index", filepath.Join(dir, "q", "index"), "--addr", fmt.Sprintf("127.0.0.1:%d", p[3].http),
		"--admin-token", token, "--freedict", "", "--node-id", "q", "--shards", fmt.Sprint(shards),
		"--nats-url", out[0].natsURL + "," + out[1].natsURL + "," + out[2].natsURL}
	return append(out, q), nil
}

// extraNode is a node holding every shard, from an empty index, connected
// to the three NATS servers of nodes.
func extraNode(dir, name string, shards int, nodes []*node) (*node, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	n := &node{name: name, shards: seq(0, shards), http: fmt.Sprintf("http://127.0.0.1:%d", port), logPath: filepath.Join(dir, name+".log")}
	n.args = []string{"--index", filepath.Join(dir, name, "index"), "--addr", fmt.Sprintf("127.0.0.1:%d", port),
		"--freedict", "", "--node-id", name, "--shards", fmt.Sprint(shards), "--node-shards", "all",
		"--nats-url", nodes[0].natsURL + "," + nodes[1].natsURL + "," + nodes[2].natsURL}
	return n, nil
}

func seq(lo, hi int) []int {
	var out []int
	for i := lo; i < hi; i++ {
		out = append(out, i)
	}
	return out
}

func shardList(s []int) string {
	parts := make([]string, len(s))
	for i, x := range s {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, ",")
}

func byName(nodes []*node, name string) *node {
	for _, n := range nodes {
		if n.name == name {
			return n
		}
	}
	return nil
}

// streamLeader names the server leading the log's Raft group.
func streamLeader(ctx context.Context, js jetstream.JetStream) (string, error) {
	for try := 0; try < 50; try++ {
		cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		s, err := js.Stream(cctx, streamName)
		if err == nil {
			var info *jetstream.StreamInfo
			if info, err = s.Info(cctx); err == nil && info.Cluster != nil && info.Cluster.Leader != "" {
				cancel()
				return info.Cluster.Leader, nil
			}
		}
		cancel()
		time.Sleep(200 * time.Millisecond)
	}
	return "", errors.New("no leader of the log's stream found")
}
