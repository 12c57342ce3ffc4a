package cluster

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/index"
)

// logOp is one message of the log: a document to write (replacing one with
// its id) or an id to delete.
type logOp struct {
	Op  string             `json:"op"` // "put" or "del"
	Doc *articles.Document `json:"doc,omitempty"`
	ID  string             `json:"id,omitempty"`
}

// Wait says when a write is acknowledged: WaitVisible (the default) once a
// replica of each of its shards has applied it, so a search right after it
// finds it; WaitDurable once the log has stored it on a majority.
type Wait int

// The acknowledgement points of a write.
const (
	WaitVisible Wait = iota
	WaitDurable
)

type waitKey struct{}

// WithWait returns ctx carrying when writes under it are acknowledged.
func WithWait(ctx context.Context, w Wait) context.Context {
	return context.WithValue(ctx, waitKey{}, w)
}

func waitOf(ctx context.Context) Wait {
	w, _ := ctx.Value(waitKey{}).(Wait)
	return w
}

// Writer is the write API's DocWriter in cluster mode: it publishes each
// document to its shard's subject of the log and returns once JetStream has
// stored every one on a majority of its servers (fsynced) and, unless the
// context says WaitDurable, a replica of each shard written has applied it.
type Writer struct {
	js      jetstream.JetStream
	shards  int
	timeout time.Duration
	applied *appliedWatch
	stream  jetstream.Stream
	querier *Querier
	log     *slog.Logger
}

// publishTimeout bounds the wait for the log to store a message, retries
// included: long enough to ride out a leader election (a few seconds).
const publishTimeout = 30 * time.Second

// Write publishes docs and waits as the context says (see Writer).
// When docs repeats an id only the last is published, as one index keeps
// only the last: a message re-sent after a failure could otherwise land
// after a later version of its document.
func (w *Writer) Write(ctx context.Context, docs []articles.Document) error {
	last := make(map[string]int, len(docs))
	for i, d := range docs {
		last[d.ID] = i
	}
	ops := make([]logOp, 0, len(last))
	for i := range docs {
		if last[docs[i].ID] == i {
			ops = append(ops, logOp{Op: "put", Doc: &docs[i]})
		}
	}
	return w.publish(ctx, ops)
}

// Delete publishes the deletion of id when its shard holds it, reporting
// whether it did; like Write it waits as the context says. Whether the
// shard holds it is asked of a replica that has applied the shard's whole
// log as it stands now, so a document written and acknowledged through any
// node, even one that replica had not applied yet, is found.
func (w *Writer) Delete(ctx context.Context, id string) (bool, error) {
	shard := ShardOf(id, w.shards)
	m, err := w.stream.GetLastMsgForSubject(ctx, docsSubjectOf(shard))
	var last uint64
	switch {
	case err == nil:
		last = m.Sequence
	case !errors.Is(err, jetstream.ErrMsgNotFound):
		return false, &index.WriteError{Fault: index.Fault{
			Reason: fmt.Sprintf("cannot read shard %d's last sequence from the log (%v)", shard, err), Err: err, Since: time.Now(),
		}}
	}
	_, ok, err := w.querier.documentAt(ctx, id, last)
	if err != nil || !ok {
		return false, err
	}
	return true, w.publish(ctx, []logOp{{Op: "del", ID: id}})
}

// publish sends ops, each to its document's shard, with message ids unique
// to this call, so that a message re-sent after a lost acknowledgement is
// stored once; then waits for the acknowledgements and, for WaitVisible,
// for a replica of every shard written to apply up to the last of them.
func (w *Writer) publish(ctx context.Context, ops []logOp) error {
	if len(ops) == 0 {
		return nil
	}
	var nonce [12]byte
	_, _ = rand.Read(nonce[:])
	call := hex.EncodeToString(nonce[:])
	msgs := make([]*nats.Msg, len(ops))
	for i, op := range ops {
		id := op.ID
		if op.Doc != nil {
			id = op.Doc.ID
		}
		data, err := json.Marshal(op)
		if err != nil {
			return fmt.Errorf("encode document %s: %w", id, err)
		}
		msgs[i] = &nats.Msg{Subject: docsSubjectOf(ShardOf(id, w.shards)), Data: data, Header: nats.Header{}}
		msgs[i].Header.Set(jetstream.MsgIDHeader, call+"-"+strconv.Itoa(i))
	}
	pctx, cancel := context.WithTimeout(ctx, publishTimeout)
	defer cancel()
	last := map[int]uint64{} // shard → highest sequence written to it
	futures := make([]jetstream.PubAckFuture, len(msgs))
	for i, m := range msgs {
		f, err := w.js.PublishMsgAsync(m)
		if err != nil {
			futures[i] = nil // published again below
			continue
		}
		futures[i] = f
	}
	for i, f := range futures {
		var ack *jetstream.PubAck
		if f != nil {
			select {
			case ack = <-f.Ok():
			case <-f.Err():
			case <-pctx.Done():
			}
		}
		if ack == nil {
			// Lost, refused or unanswered (a leader election): publish it
			// again with the same id, which the log stores at most once.
			var err error
			ack, err = w.js.PublishMsg(pctx, msgs[i], jetstream.WithRetryAttempts(60), jetstream.WithRetryWait(250*time.Millisecond))
			if err != nil {
				return unacknowledged(i, len(msgs), err)
			}
		}
		shard := ShardOf(idOf(ops[i]), w.shards)
		last[shard] = max(last[shard], ack.Sequence)
	}
	if waitOf(ctx) == WaitDurable {
		return nil
	}
	for shard, seq := range last {
		if err := w.applied.wait(ctx, shard, seq, w.timeout); err != nil {
			return err
		}
	}
	return nil
}

func idOf(op logOp) string {
	if op.Doc != nil {
		return op.Doc.ID
	}
	return op.ID
}

// unacknowledged is the error of a message the log did not acknowledge:
// the messages before it are stored, it may or may not be, and the rest were
// sent too but are not known to be stored.
func unacknowledged(i, n int, err error) error {
	return &index.WriteError{
		Fault: index.Fault{
			Reason: fmt.Sprintf("the replicated log did not acknowledge message %d of %d (%v); re-sending is safe", i+1, n, err),
			Err:    err, Since: time.Now(),
		},
		MaybeApplied: true,
	}
}

// errNotVisible is the error of a write stored in the log that no replica
// applied in time.
var errNotVisible = errors.New("not yet applied by a replica")
