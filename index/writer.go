package index

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/entities"
)

// Writer adds and deletes documents in an open index synchronously, preparing
// each one exactly as Builder does; it is what searchd's write API uses, so
// that an acknowledged write is already durable.
type Writer struct {
	idx      bleve.Index
	x        *entities.Extractor
	onCommit func()
}

// NewWriter returns a writer over idx; x finds people, parties and dates and
// may be nil to index text only. onCommit, when not nil, is called after
// each persisted write or deletion, before Write or Delete returns: what
// caches the index's contents (a Searcher's facet counts) learns of every
// change before it is acknowledged. It is safe for concurrent use.
func NewWriter(idx bleve.Index, x *entities.Extractor, onCommit func()) *Writer {
	return &Writer{idx: idx, x: x, onCommit: onCommit}
}

// committed tells onCommit of a persisted batch.
func (w *Writer) committed() {
	if w.onCommit != nil {
		w.onCommit()
	}
}

// Write prepares docs and indexes them in one Bleve batch, returning only
// once the batch is persisted. A document whose id is already indexed is
// replaced; when docs repeats an id, the last one wins.
func (w *Writer) Write(ctx context.Context, docs []articles.Document) error {
	if len(docs) == 0 {
		return nil
	}
	for i, d := range docs {
		if strings.TrimSpace(d.ID) == "" {
			return fmt.Errorf("document %d of %d: empty id", i+1, len(docs))
		}
	}
	type prepared struct {
		doc     indexedDoc
		unknown []entities.Person
	}
	out := make([]prepared, len(docs))
	// Extraction dominates the cost of a large batch, so spread it over the
	// CPUs; each worker takes every n-th document.
	workers := min(runtime.NumCPU(), len(docs))
	var wg sync.WaitGroup
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := k; i < len(docs); i += workers {
				if ctx.Err() != nil {
					return
				}
				d, u := prepare(docs[i], w.x)
				out[i] = prepared{d, u}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write %d documents: %w", len(docs), err)
	}
	batch := w.idx.NewBatch()
	for i, p := range out {
		if err := addToBatch(batch, docs[i].ID, p.doc, p.unknown); err != nil {
			return err
		}
	}
	if err := w.idx.Batch(batch); err != nil {
		return fmt.Errorf("write batch of %d documents: %w", len(docs), err)
	}
	w.committed()
	return nil
}

// Delete removes the document with id, reporting whether it was there; like
// Write it returns once the deletion is persisted.
func (w *Writer) Delete(ctx context.Context, id string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, fmt.Errorf("delete %s: %w", id, err)
	}
	d, err := w.idx.Document(id)
	if err != nil {
		return false, fmt.Errorf("delete %s: look up: %w", id, err)
	}
	if d == nil {
		return false, nil
	}
	batch := w.idx.NewBatch()
	batch.Delete(id)
	if err := w.idx.Batch(batch); err != nil {
		return false, fmt.Errorf("delete %s: %w", id, err)
	}
	w.committed()
	return true, nil
}
