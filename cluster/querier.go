package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/newsearch/bilingual/index"
)

// Querier is the search Backend of cluster mode: it sends a search to one
// replica of every shard (NATS picks one member of the shard's queue group,
// and another when that one is gone) and merges the answers, and sends a
// document look-up to its id's shard.
type Querier struct {
	nc     *nats.Conn
	shards int
}

// ErrNoReplica reports a shard with no replica answering: a search would
// miss its documents, so it fails instead.
var ErrNoReplica = errors.New("no replica of the shard answers")

// shardTries is how many times a request to a shard is sent before it
// fails: a replica killed mid-request is replaced by another on the next.
const shardTries = 3

// ask sends one request to a replica of shard and decodes its reply.
func (q *Querier) ask(ctx context.Context, shard int, verb string, req shardSearch) (*shardReply, error) {
	var lastErr error
	for try := range shardTries {
		if try > 0 {
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(time.Duration(try) * 200 * time.Millisecond):
			}
		}
		if d, ok := ctx.Deadline(); ok {
			req.Timeout = time.Until(d)
		}
		data, err := json.Marshal(req)
		if err != nil {
			return nil, fmt.Errorf("shard %d: encode request: %w", shard, err)
		}
		// Each try gets part of the time left, so a replica that died
		// silently costs one slice of it.
		tctx, cancel := context.WithTimeout(ctx, tryTimeout(ctx))
		m, err := q.nc.RequestWithContext(tctx, queryOf(shard, verb), data)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("shard %d: %w", shard, ctx.Err())
			}
			lastErr = err
			continue
		}
		var rep shardReply
		if err := json.Unmarshal(m.Data, &rep); err != nil {
			return nil, fmt.Errorf("shard %d: unreadable reply: %w", shard, err)
		}
		if rep.Err != "" {
			return nil, errors.New(rep.Err)
		}
		return &rep, nil
	}
	// Wrapping ErrIndexUnavailable makes the server answer 503, not 500.
	return nil, fmt.Errorf("shard %d: %w (%v): %w", shard, ErrNoReplica, lastErr, index.ErrIndexUnavailable)
}

func tryTimeout(ctx context.Context) time.Duration {
	d, ok := ctx.Deadline()
	if !ok {
		return 5 * time.Second
	}
	return max(time.Until(d)/shardTries, 100*time.Millisecond)
}

// Search fans r out to every shard, asking each for its first
// offset+size hits and for every facet value it has (up to
// index.MaxFacetSize), and merges them (see merge).
func (q *Querier) Search(ctx context.Context, r index.Request) (*index.Response, error) {
	began := time.Now()
	sub := r
	sub.Offset, sub.Size = 0, r.Offset+r.Size
	if sub.Size <= 0 && !r.CountOnly {
		sub.Size = index.DefaultSize
	}
	sub.FacetSize = index.MaxFacetSize
	replies := make([]*index.Response, q.shards)
	all := make(map[int]index.Request, q.shards)
	for s := range q.shards {
		all[s] = sub
	}
	if err := q.askShards(ctx, all, replies); err != nil {
		return nil, fmt.Errorf("search %q: %w", r.Q, err)
	}
	// A shard relaxes only when it has no match; the union of the shards
	// relaxes as far as the shard that needed least relaxing. Shards that
	// went further are asked again at that level, for their facet counts
	// (each facet is counted without its own filter, so a shard with no
	// match can still count some).
	need := neededLevel(replies)
	again := map[int]index.Request{}
	for s, res := range replies {
		if need > 0 && res.Query.Matching.Required < need {
			req := sub
			req.Need = need
			again[s] = req
		}
	}
	if err := q.askShards(ctx, again, replies); err != nil {
		return nil, fmt.Errorf("search %q: %w", r.Q, err)
	}
	out := merge(r, replies)
	out.TookMS = float64(time.Since(began).Microseconds()) / 1000
	return out, nil
}

// askShards sends each shard its request at once and puts each answer in
// replies by shard.
func (q *Querier) askShards(ctx context.Context, reqs map[int]index.Request, replies []*index.Response) error {
	errs := make([]error, len(replies))
	var wg sync.WaitGroup
	for s, req := range reqs {
		wg.Go(func() {
			rep, err := q.ask(ctx, s, "search", shardSearch{Req: req})
			if err == nil && rep.Res == nil {
				err = fmt.Errorf("shard %d: empty reply", s)
			}
			if err != nil {
				errs[s] = err
				return
			}
			replies[s] = rep.Res
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Document looks id up on a replica of its shard.
func (q *Querier) Document(ctx context.Context, id string) (map[string]any, bool, error) {
	return q.documentAt(ctx, id, 0)
}

// documentAt looks id up on a replica of its shard that has applied the
// log through minSeq.
func (q *Querier) documentAt(ctx context.Context, id string, minSeq uint64) (map[string]any, bool, error) {
	rep, err := q.ask(ctx, ShardOf(id, q.shards), "doc", shardSearch{ID: id, MinSeq: minSeq})
	if err != nil {
		return nil, false, fmt.Errorf("document %s: %w", id, err)
	}
	return rep.Doc, rep.Found, nil
}
