package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/newsearch/bilingual/index"
)

// shardReply is what a replica answers a search or a document look-up with.
type shardReply struct {
	Res   *index.Response `json:"res,omitempty"`
	Doc   map[string]any  `json:"doc,omitempty"`
	Found bool            `json:"found,omitempty"`
	Err   string          `json:"err,omitempty"`
	Seq   uint64          `json:"seq"` // the replica's applied sequence when it answered
}

// shardSearch is a search as sent to a shard, with the deadline the asking
// node has left.
type shardSearch struct {
	Req     index.Request `json:"req"`
	Timeout time.Duration `json:"timeout"`
	ID      string        `json:"id,omitempty"` // for the doc verb
	// MinSeq, when set, makes the replica answer only once it has applied
	// that sequence of the log: a read that must see every acknowledged
	// write (Writer.Delete) waits for a lagging replica.
	MinSeq uint64 `json:"min_seq,omitempty"`
}

// serve answers the shard's queue group (one replica of the shard gets
// each request) once the replica has caught up with the log, until ctx
// ends. Requests run concurrently, up to a few per CPU.
func (r *Replica) serve(ctx context.Context) ([]*nats.Subscription, error) {
	select {
	case <-r.caughtUp:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	slots := make(chan struct{}, 4*runtime.NumCPU())
	var subs []*nats.Subscription
	for _, verb := range []string{"search", "doc", "seq"} {
		sub, err := r.nc.QueueSubscribe(queryOf(r.shard, verb), queueOf(r.shard), func(m *nats.Msg) {
			if verb == "seq" { // cheap: answered in line
				_ = m.Respond([]byte(strconv.FormatUint(r.Applied(), 10)))
				return
			}
			slots <- struct{}{}
			go func() {
				defer func() { <-slots }()
				r.answer(ctx, verb, m)
			}()
		})
		if err != nil {
			for _, s := range subs {
				_ = s.Unsubscribe()
			}
			return nil, fmt.Errorf("shard %d: subscribe %s: %w", r.shard, verb, err)
		}
		subs = append(subs, sub)
	}
	return subs, nil
}

// reach waits until the replica has applied seq.
func (r *Replica) reach(ctx context.Context, seq uint64) error {
	for r.Applied() < seq {
		select {
		case <-ctx.Done():
			return fmt.Errorf("shard %d: replica at sequence %d, not %d: %w", r.shard, r.Applied(), seq, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
	return nil
}

// answer runs one search or look-up; a panic becomes an error reply.
func (r *Replica) answer(ctx context.Context, verb string, m *nats.Msg) {
	var rep shardReply
	defer func() {
		if v := recover(); v != nil {
			r.log.Error("panic answering a shard request", "shard", r.shard, "verb", verb, "panic", v)
			rep = shardReply{Err: fmt.Sprintf("shard %d: internal error", r.shard)}
		}
		rep.Seq = r.Applied()
		data, err := json.Marshal(rep)
		if err != nil {
			data, _ = json.Marshal(shardReply{Err: err.Error()})
		}
		_ = m.Respond(data)
	}()
	var q shardSearch
	if err := json.Unmarshal(m.Data, &q); err != nil {
		rep.Err = fmt.Sprintf("shard %d: unreadable request: %v", r.shard, err)
		return
	}
	if q.Timeout <= 0 || q.Timeout > time.Minute {
		q.Timeout = 10 * time.Second
	}
	cctx, cancel := context.WithTimeout(ctx, q.Timeout)
	defer cancel()
	if err := r.reach(cctx, q.MinSeq); err != nil {
		rep.Err = err.Error()
		return
	}
	var err error
	switch verb {
	case "search":
		rep.Res, err = r.search.Search(cctx, q.Req)
	case "doc":
		rep.Doc, rep.Found, err = r.search.Document(cctx, q.ID)
	}
	if err != nil {
		rep.Err = fmt.Sprintf("shard %d: %v", r.shard, err)
	}
}
