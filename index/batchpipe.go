package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
)

// batchPipe writes a Builder's batches to the index on a goroutine of its
// own, one at a time, so that the next batch is prepared and assembled
// while Bleve analyzes, builds and flushes the previous one: with Batch
// called in line, preparation stopped for the whole of each call, and on two
// cores one stood idle while Bleve built the segment and waited for the
// fsync. Each write is still Bleve's ordinary (safe) Batch, which returns once
// the batch is persisted, so what is counted as indexed is durable, as
// before. One batch at a time, and not more, because batches in flight at
// once may reach the index in any order (a later version of a document must
// win) and because Bleve panics when a batch is begun while another one's
// persisting fails. Not safe for concurrent use: one goroutine submits and
// waits.
type batchPipe struct {
	idx    bleve.Index
	flying *flyingBatch // the batch being written, nil when none
	// done is called with a batch's document count once it is persisted.
	done func(docs int)
}

// flyingBatch is a batch being written.
type flyingBatch struct {
	docs   int
	finish chan struct{} // closed once err is set
	err    error
}

// submit waits for the batch being written, if any, and starts writing b,
// which holds docs documents. It returns the error of the batch it waited
// for, and then does not start b.
func (p *batchPipe) submit(b *bleve.Batch, docs int) error {
	if err := p.wait(); err != nil {
		return err
	}
	f := &flyingBatch{docs: docs, finish: make(chan struct{})}
	p.flying = f
	go func() {
		defer close(f.finish)
		if err := p.idx.Batch(b); err != nil {
			f.err = fmt.Errorf("write batch of %d documents: %w", docs, err)
		}
	}()
	return nil
}

// wait waits for the batch being written, if any, and returns its error.
func (p *batchPipe) wait() error {
	f := p.flying
	if f == nil {
		return nil
	}
	<-f.finish
	p.flying = nil
	if f.err != nil {
		return f.err
	}
	if p.done != nil {
		p.done(f.docs)
	}
	return nil
}
