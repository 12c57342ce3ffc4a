package cluster

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/newsearch/bilingual/index"
)

// appliedWatch knows, per shard, the highest log sequence a replica has
// applied: replicas announce it after each batch (appliedSubject), and a
// writer that has not heard enough asks one (the seq verb), since an
// announcement can be missed.
type appliedWatch struct {
	nc      *nats.Conn
	mu      sync.Mutex
	seen    map[int]uint64
	changed chan struct{} // closed and replaced at each raise of seen
	sub     *nats.Subscription
}

func newAppliedWatch(nc *nats.Conn) (*appliedWatch, error) {
	a := &appliedWatch{nc: nc, seen: map[int]uint64{}, changed: make(chan struct{})}
	sub, err := nc.Subscribe(appliedSubject+".*", func(m *nats.Msg) {
		shard, err := strconv.Atoi(m.Subject[strings.LastIndexByte(m.Subject, '.')+1:])
		if err != nil {
			return
		}
		if seq, err := strconv.ParseUint(string(m.Data), 10, 64); err == nil {
			a.raise(shard, seq)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("subscribe %s.*: %w", appliedSubject, err)
	}
	a.sub = sub
	return a, nil
}

func (a *appliedWatch) raise(shard int, seq uint64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if seq > a.seen[shard] {
		a.seen[shard] = seq
		close(a.changed)
		a.changed = make(chan struct{})
	}
}

func (a *appliedWatch) state(shard int) (uint64, <-chan struct{}) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.seen[shard], a.changed
}

// wait returns once a replica of shard has applied seq, or an
// *index.WriteError when none has within timeout.
func (a *appliedWatch) wait(ctx context.Context, shard int, seq uint64, timeout time.Duration) error {
	deadline := time.After(timeout)
	ask := time.NewTicker(250 * time.Millisecond)
	defer ask.Stop()
	for {
		have, changed := a.state(shard)
		if have >= seq {
			return nil
		}
		select {
		case <-changed:
		case <-ask.C:
			if m, err := a.nc.Request(queryOf(shard, "seq"), nil, time.Second); err == nil {
				if got, err := strconv.ParseUint(string(m.Data), 10, 64); err == nil {
					a.raise(shard, got)
				}
			}
		case <-ctx.Done():
			return fmt.Errorf("wait for shard %d to apply sequence %d: %w", shard, seq, ctx.Err())
		case <-deadline:
			return &index.WriteError{
				Fault: index.Fault{
					Reason: fmt.Sprintf("stored in the replicated log (durable) but %v of shard %d within %s; it will be visible once one is", errNotVisible, shard, timeout),
					Err:    errNotVisible, Since: time.Now(),
				},
				MaybeApplied: true,
			}
		}
	}
}

func (a *appliedWatch) close() { _ = a.sub.Unsubscribe() }
