package index

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/entities"
)

// Writer adds and deletes documents in an open index synchronously, preparing
// each one exactly as Builder does; it is what searchd's write API uses, so
// that an acknowledged write is already durable. A write Bleve fails to
// persist returns a *WriteError saying whether it was applied; see liveIndex.
type Writer struct {
	live     *liveIndex
	x        *entities.Extractor
	onCommit func()
}

// NewWriter returns a writer over idx; x finds people, parties and dates and
// may be nil to index text only. onCommit, when not nil, is called after
// each persisted write or deletion, before Write or Delete returns: what
// caches the index's contents (a Searcher's facet counts) learns of every
// change before it is acknowledged. It is safe for concurrent use. It never
// closes idx, which its caller owns: a write it fails to persist answers a
// *WriteError with MaybeApplied set. A Searcher's Writer (Searcher.Writer)
// instead reopens the index and says truthfully what became of the write.
func NewWriter(idx bleve.Index, x *entities.Extractor, onCommit func()) *Writer {
	return &Writer{live: newLiveIndex(idx, "", slog.New(slog.DiscardHandler)), x: x, onCommit: onCommit}
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
	return w.write(ctx, docs, nil, nil)
}

// write prepares docs and indexes them, deletes the ids dels and sets the
// internal keys of internal, all in one persisted Bleve batch (see Apply).
func (w *Writer) write(ctx context.Context, docs []articles.Document, dels []string, internal map[string][]byte) error {
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
			pr := newPreparer(w.x)
			for i := k; i < len(docs); i += workers {
				if ctx.Err() != nil {
					return
				}
				d, u := pr.prepare(docs[i])
				out[i] = prepared{d, u}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write %d documents: %w", len(docs), err)
	}
	if err := w.live.refusal(); err != nil {
		return err
	}
	idx, gen, release, err := w.live.acquire()
	if err != nil {
		return err
	}
	dups, err := w.live.dups.lock(idx)
	if err != nil {
		release()
		return fmt.Errorf("write %d documents: %w", len(docs), err)
	}
	batch := idx.NewBatch()
	labels := newPersonLabels(idx) // read and written under the dups lock, so writers do not race
	for i := range out {
		p := &out[i]
		p.doc.Dup = dups.assign(docs[i].ID, fingerprintOf(&p.doc))
		if err := addToBatch(batch, labels, docs[i].ID, p.doc, p.unknown); err != nil {
			w.live.dups.unlock(true)
			release()
			return err
		}
	}
	if err := labels.write(batch); err != nil {
		w.live.dups.unlock(true)
		release()
		return err
	}
	for _, id := range dels {
		batch.Delete(id)
	}
	for k, v := range internal {
		batch.SetInternal([]byte(k), v)
	}
	err = idx.Batch(batch)
	if err == nil {
		for _, id := range dels {
			dups.remove(id)
		}
	}
	w.live.dups.unlock(err != nil)
	release()
	if err != nil {
		err = w.live.failed(gen, fmt.Errorf("write batch of %d documents: %w", len(docs), err),
			func(idx bleve.Index) (bool, error) { return holdsBatch(idx, docs, dels, internal) })
		if err != nil {
			return err
		}
	} else {
		w.live.succeeded()
	}
	w.committed()
	return nil
}

// holds reports whether idx holds docs as written (the last of a repeated
// id), by their stored title and body: what a reopened index is asked after
// a write failed, since the batch is either wholly in its last persisted
// snapshot or not at all.
func holds(idx bleve.Index, docs []articles.Document) (bool, error) {
	last := make(map[string]articles.Document, len(docs))
	for _, d := range docs {
		last[d.ID] = d
	}
	for id, want := range last {
		d, err := idx.Document(id)
		if err != nil {
			return false, fmt.Errorf("look up %s: %w", id, err)
		}
		if d == nil {
			return false, nil
		}
		got := map[string]string{}
		d.VisitFields(func(f bleveindex.Field) {
			if f.Name() == FieldTitle || f.Name() == FieldBody {
				got[f.Name()] = string(f.Value())
			}
		})
		if got[FieldTitle] != want.Title || got[FieldBody] != want.Body {
			return false, nil
		}
	}
	return true, nil
}

// Delete removes the document with id, reporting whether it was there; like
// Write it returns once the deletion is persisted.
func (w *Writer) Delete(ctx context.Context, id string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, fmt.Errorf("delete %s: %w", id, err)
	}
	if err := w.live.refusal(); err != nil {
		return false, err
	}
	idx, gen, release, err := w.live.acquire()
	if err != nil {
		return false, err
	}
	d, err := idx.Document(id)
	if err != nil {
		release()
		return false, fmt.Errorf("delete %s: look up: %w", id, err)
	}
	if d == nil {
		release()
		return false, nil
	}
	dups, err := w.live.dups.lock(idx)
	if err != nil {
		release()
		return false, fmt.Errorf("delete %s: %w", id, err)
	}
	batch := idx.NewBatch()
	batch.Delete(id)
	err = idx.Batch(batch)
	if err == nil {
		dups.remove(id)
	}
	w.live.dups.unlock(err != nil)
	release()
	if err != nil {
		err = w.live.failed(gen, fmt.Errorf("delete %s: %w", id, err), func(idx bleve.Index) (bool, error) {
			d, err := idx.Document(id)
			return d == nil, err
		})
		if err != nil {
			return false, err
		}
	} else {
		w.live.succeeded()
	}
	w.committed()
	return true, nil
}
