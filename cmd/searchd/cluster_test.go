package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

// TestClusterFlags checks that cluster mode's settings are refused at start,
// naming the flag, before anything is opened or joined.
func TestClusterFlags(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"both NATS modes", []string{"--nats-url", "nats://127.0.0.1:1", "--nats-listen", "127.0.0.1:1"}, "give one"},
		{"shard outside", []string{"--nats-url", "nats://127.0.0.1:1", "--shards", "4", "--node-shards", "4"}, "--node-shards"},
		{"no store", []string{"--nats-listen", "127.0.0.1:1"}, "--nats-store"},
		{"routes without cluster address", []string{"--nats-listen", "127.0.0.1:1", "--nats-store", dir, "--nats-routes", "127.0.0.1:2"}, "--nats-cluster"},
		{"bad shard count", []string{"--nats-url", "nats://127.0.0.1:1", "--shards", "0"}, "--shards"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var errb bytes.Buffer
			args := append([]string{"--index", dir, "--node-id", "t"}, tc.args...)
			if code := run(context.Background(), args, io.Discard, &errb); code != 2 || !strings.Contains(errb.String(), tc.msg) {
				t.Errorf("run(%q) = %d, %q; want 2 containing %q", args, code, errb.String(), tc.msg)
			}
		})
	}
	var out bytes.Buffer
	if code := run(context.Background(), []string{"--help"}, io.Discard, &out); code != 0 {
		t.Fatalf("--help = %d", code)
	}
	for _, flag := range []string{"--nats-url", "--nats-listen", "--nats-routes", "--nats-store", "--shards", "--node-shards", "SEARCHD_NATS_LISTEN"} {
		if !strings.Contains(out.String(), flag) {
			t.Errorf("--help does not name %s", flag)
		}
	}
}
