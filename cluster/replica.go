package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/index"
)

// seqKey is the internal key of a shard index holding the last log
// sequence applied to it, written in the same Bleve batch as the documents.
const seqKey = "cluster_applied_seq"

// Batch bounds: what one Bleve batch of a replica holds at most.
const (
	applyMaxMsgs  = 1000
	applyMaxBytes = 8 << 20
)

// Replica builds one shard's index from the log. It reads the sequence it
// applied last from the index itself and consumes from the one after it
// with an ordered consumer, an ephemeral one the server keeps no
// acknowledgement state for; after any error it starts again from the
// index's sequence, so what it holds is always a prefix of the log.
type Replica struct {
	shard   int
	search  *index.Searcher
	writer  *index.Writer
	js      jetstream.JetStream
	stream  jetstream.Stream
	nc      *nats.Conn
	log     *slog.Logger
	applied atomic.Uint64
	// caughtUp is closed once the replica has applied what the log held
	// for its shard when it started: only then does it answer searches.
	caughtUp chan struct{}
}

// Applied is the last log sequence the replica has applied and persisted.
func (r *Replica) Applied() uint64 { return r.applied.Load() }

// storedSeq reads the applied sequence from the index.
func (r *Replica) storedSeq() (uint64, error) {
	v, err := r.writer.Internal(seqKey)
	if err != nil || v == nil {
		return 0, err
	}
	n, err := strconv.ParseUint(string(v), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("shard %d: applied sequence %q in the index: %w", r.shard, v, err)
	}
	return n, nil
}

// run applies the log until ctx ends, restarting from the index's sequence
// after every failure.
func (r *Replica) run(ctx context.Context) {
	// Start again soon (a stalled consumer after a server died holds
	// writes waiting to be visible), but back off while failures repeat.
	wait := 100 * time.Millisecond
	for ctx.Err() == nil {
		began := time.Now()
		err := r.consume(ctx)
		if ctx.Err() != nil {
			return
		}
		if time.Since(began) > 30*time.Second {
			wait = 100 * time.Millisecond
		}
		r.log.Warn("replica: restarting from the index's sequence", "shard", r.shard, "err", err, "in", wait)
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}

// consume reads the shard's subject from the sequence after the index's
// and applies it in batches until an error or ctx's end.
func (r *Replica) consume(ctx context.Context) error {
	seq, err := r.storedSeq()
	if err != nil {
		return err
	}
	r.applied.Store(seq)
	subject := docsSubjectOf(r.shard)
	target, err := r.lastInLog(ctx)
	if err != nil {
		return err
	}
	r.markCaughtUp(seq, target)
	cfg := jetstream.OrderedConsumerConfig{FilterSubjects: []string{subject}, InactiveThreshold: time.Minute}
	if seq > 0 {
		cfg.DeliverPolicy, cfg.OptStartSeq = jetstream.DeliverByStartSequencePolicy, seq+1
	}
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	cons, err := r.js.OrderedConsumer(cctx, streamName, cfg)
	cancel()
	if err != nil {
		return fmt.Errorf("ordered consumer on %s from %d: %w", subject, seq+1, err)
	}
	it, err := cons.Messages(jetstream.PullMaxMessages(applyMaxMsgs), jetstream.PullHeartbeat(time.Second))
	if err != nil {
		return fmt.Errorf("consume %s: %w", subject, err)
	}
	defer it.Stop()
	msgs := make(chan jetstream.Msg, applyMaxMsgs)
	errc := make(chan error, 1)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			m, err := it.Next()
			if err != nil {
				errc <- err
				return
			}
			select {
			case msgs <- m:
			case <-done:
				return
			}
		}
	}()
	// The watchdog: an ordered consumer recreates itself after a server
	// fails, but if the log holds more for the shard and nothing arrives
	// for a while, start again rather than trust it.
	watch := time.NewTicker(time.Second)
	defer watch.Stop()
	progress := time.Now()
	for {
		var first jetstream.Msg
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-errc:
			return fmt.Errorf("consume %s: %w", subject, err)
		case <-watch.C:
			if time.Since(progress) < time.Second {
				continue // busy applying: no need to ask the log
			}
			last, err := r.lastInLog(ctx)
			if err == nil {
				r.markCaughtUp(r.applied.Load(), last)
			}
			if err == nil && last > r.applied.Load() && time.Since(progress) > 2*time.Second {
				return fmt.Errorf("consume %s: no progress for %s with sequence %d in the log and %d applied",
					subject, time.Since(progress).Round(time.Second), last, r.applied.Load())
			}
			continue
		case first = <-msgs:
		}
		batch, size := []jetstream.Msg{first}, len(first.Data())
	fill:
		for len(batch) < applyMaxMsgs && size < applyMaxBytes {
			select {
			case m := <-msgs:
				batch, size = append(batch, m), size+len(m.Data())
			default:
				break fill
			}
		}
		if err := r.apply(ctx, batch); err != nil {
			return err
		}
		progress = time.Now()
		r.markCaughtUp(r.applied.Load(), target)
	}
}

// apply writes a batch of log messages, in order, to the index with the
// last one's sequence, then announces that sequence.
func (r *Replica) apply(ctx context.Context, batch []jetstream.Msg) error {
	puts := map[string]articles.Document{}
	dels := map[string]bool{}
	var order []string // ids of puts in first-seen order, for a stable batch
	var last uint64
	for _, m := range batch {
		md, err := m.Metadata()
		if err != nil {
			return fmt.Errorf("shard %d: message metadata: %w", r.shard, err)
		}
		if md.Sequence.Stream <= r.applied.Load() || md.Sequence.Stream <= last {
			continue // delivered again: already applied
		}
		last = md.Sequence.Stream
		var op logOp
		if err := json.Unmarshal(m.Data(), &op); err != nil {
			// Written by something else than searchd: skip it, loudly,
			// rather than stop the shard forever.
			r.log.Error("replica: skipping an unreadable log message", "shard", r.shard, "seq", last, "err", err)
			continue
		}
		switch {
		case op.Op == "put" && op.Doc != nil && op.Doc.ID != "":
			if _, ok := puts[op.Doc.ID]; !ok {
				order = append(order, op.Doc.ID)
			}
			puts[op.Doc.ID] = *op.Doc
			delete(dels, op.Doc.ID)
		case op.Op == "del" && op.ID != "":
			delete(puts, op.ID)
			dels[op.ID] = true
		default:
			r.log.Error("replica: skipping a log message with no operation", "shard", r.shard, "seq", last)
		}
	}
	if last == 0 {
		return nil
	}
	docs := make([]articles.Document, 0, len(puts))
	for _, id := range order {
		if d, ok := puts[id]; ok {
			docs = append(docs, d)
		}
	}
	ids := make([]string, 0, len(dels))
	for id := range dels {
		ids = append(ids, id)
	}
	seq := strconv.FormatUint(last, 10)
	if err := r.writer.Apply(ctx, docs, ids, map[string][]byte{seqKey: []byte(seq)}); err != nil {
		var we *index.WriteError
		if errors.As(err, &we) && !we.MaybeApplied {
			return fmt.Errorf("shard %d: apply through sequence %d: %w", r.shard, last, err)
		}
		// Whether it was applied is unknown: the index's sequence says.
		return fmt.Errorf("shard %d: apply through sequence %d (the index's sequence will tell if it was): %w", r.shard, last, err)
	}
	r.applied.Store(last)
	_ = r.nc.Publish(appliedOf(r.shard), []byte(seq))
	return nil
}

// lastInLog is the sequence of the shard's last message in the log, 0 if
// it has none.
func (r *Replica) lastInLog(ctx context.Context) (uint64, error) {
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	m, err := r.stream.GetLastMsgForSubject(cctx, docsSubjectOf(r.shard))
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("shard %d: last message in the log: %w", r.shard, err)
	}
	return m.Sequence, nil
}

// markCaughtUp opens the replica to searches once applied reaches target.
func (r *Replica) markCaughtUp(applied, target uint64) {
	if applied < target {
		return
	}
	select {
	case <-r.caughtUp:
	default:
		close(r.caughtUp)
		r.log.Info("replica caught up with the log: serving", "shard", r.shard, "seq", applied)
	}
}
