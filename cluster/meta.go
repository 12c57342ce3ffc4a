package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// streamConfig is the log: every shard's subject in one stream, kept whole
// (no limits: replicas replay it from the start), replicated on replicas
// servers, with a two-minute window in which a re-sent message id is
// stored once.
func streamConfig(replicas int) jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name:        streamName,
		Description: "searchd's write log: one subject per virtual shard",
		Subjects:    []string{docsSubject + ".*"},
		Storage:     jetstream.FileStorage,
		Replicas:    replicas,
		Duplicates:  2 * time.Minute,
		MaxMsgSize:  maxPayload,
		// No direct gets: a direct get may be answered by a follower
		// that lags, and the last sequence of a shard must be the
		// leader's (Writer.Delete, a replica's watchdog).
		AllowDirect: false,
	}
}

// setUp creates or checks the log stream and the metadata bucket, retrying
// while the JetStream cluster elects its leaders (a cluster starting up, or
// one that lost its meta leader, answers "unavailable" for a few seconds),
// then stores the shard count on first start and checks it after, and
// records which shards this node holds.
func setUp(ctx context.Context, js jetstream.JetStream, c Config, log *slog.Logger) (jetstream.Stream, error) {
	var stream jetstream.Stream
	var kv jetstream.KeyValue
	err := retry(ctx, 2*time.Minute, log, "create the log stream and metadata bucket", func(ctx context.Context) error {
		var err error
		if stream, err = js.Stream(ctx, streamName); errors.Is(err, jetstream.ErrStreamNotFound) {
			stream, err = js.CreateStream(ctx, streamConfig(c.Replicas))
		}
		if err != nil {
			return fmt.Errorf("stream %s: %w", streamName, err)
		}
		kv, err = js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
			Bucket: metaBucket, Description: "searchd cluster metadata: shard count, nodes",
			Replicas: c.Replicas, Storage: jetstream.FileStorage,
		})
		if err != nil {
			return fmt.Errorf("key-value bucket %s: %w", metaBucket, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := checkShards(ctx, kv, c.Shards, log); err != nil {
		return nil, err
	}
	rec, _ := json.Marshal(map[string]any{"shards": c.NodeShards, "started": time.Now().UTC()})
	if _, err := kv.Put(ctx, "nodes."+c.NodeID, rec); err != nil {
		return nil, fmt.Errorf("record node %s in %s: %w", c.NodeID, metaBucket, err)
	}
	return stream, nil
}

// checkShards stores n as the cluster's shard count if none is stored, and
// otherwise refuses a different n: documents are placed by hash modulo the
// count, so changing it would send searches and writes to the wrong shards.
func checkShards(ctx context.Context, kv jetstream.KeyValue, n int, log *slog.Logger) error {
	_, err := kv.Create(ctx, "shards", []byte(strconv.Itoa(n)))
	if err == nil {
		return nil
	}
	if !errors.Is(err, jetstream.ErrKeyExists) {
		return fmt.Errorf("store the shard count in %s: %w", metaBucket, err)
	}
	// The key exists, but a replica that has not applied its creation yet
	// may answer a read (the bucket allows direct gets): a node starting
	// beside the one that stored it read "not found" and exited.
	var e jetstream.KeyValueEntry
	err = retry(ctx, 30*time.Second, log, "read the shard count from "+metaBucket, func(ctx context.Context) error {
		e, err = kv.Get(ctx, "shards")
		return err
	})
	if err != nil {
		return err
	}
	if have, _ := strconv.Atoi(string(e.Value())); have != n {
		return fmt.Errorf("--shards %d: the cluster has %s shards (stored in %s on its first start); the count cannot change", n, e.Value(), metaBucket)
	}
	return nil
}

// retry calls f until it succeeds, ctx ends or within has passed, pausing a
// little longer after each failure.
func retry(ctx context.Context, within time.Duration, log *slog.Logger, what string, f func(context.Context) error) error {
	deadline := time.Now().Add(within)
	wait := 100 * time.Millisecond
	for {
		// Short tries: a cluster still electing its leaders answers
		// nothing, and the next try may reach one that has.
		cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		err := f(cctx)
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil || time.Now().After(deadline) {
			return fmt.Errorf("%s: %w", what, err)
		}
		log.Warn("retrying", "what", what, "err", err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: %w", what, ctx.Err())
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}
