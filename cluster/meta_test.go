package cluster

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/nats-io/nats.go/jetstream"
)

// laggingKV is a metadata bucket whose shard count another node stored, read
// from a replica that applies the creation only after a few reads.
type laggingKV struct {
	jetstream.KeyValue // unused methods: nil, they would panic
	value              string
	misses             int
}

func (kv *laggingKV) Create(context.Context, string, []byte, ...jetstream.KVCreateOpt) (uint64, error) {
	return 0, jetstream.ErrKeyExists
}

func (kv *laggingKV) Get(_ context.Context, key string) (jetstream.KeyValueEntry, error) {
	if kv.misses > 0 {
		kv.misses--
		return nil, jetstream.ErrKeyNotFound
	}
	return entry{key: key, value: []byte(kv.value)}, nil
}

type entry struct {
	jetstream.KeyValueEntry
	key   string
	value []byte
}

func (e entry) Value() []byte { return e.value }

// TestCheckShardsWaitsForTheStoredCount checks that a node starting beside
// the one that stored the shard count reads it once its replica has it,
// rather than exiting on "key not found", and still refuses another count.
func TestCheckShardsWaitsForTheStoredCount(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	if err := checkShards(context.Background(), &laggingKV{value: "2", misses: 3}, 2, log); err != nil {
		t.Errorf("same count, read after 3 misses: %v", err)
	}
	err := checkShards(context.Background(), &laggingKV{value: "3", misses: 1}, 2, log)
	if err == nil || !strings.Contains(err.Error(), "the cluster has 3 shards") {
		t.Errorf("another count: %v, want a refusal naming 3 shards", err)
	}
}
