package index

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsearch/bilingual/articles"
)

// Apply writes docs (prepared as Write prepares them), deletes the ids dels
// and stores each value of internal under its key, all in one Bleve batch,
// returning once it is persisted. It is for replicas that build their index
// from a replicated log (cluster mode): the log position stored with what it
// applied can never run ahead of, or lag behind, the documents, so a replica
// that restarts resumes exactly after the last batch it persisted. An id in
// both docs and dels is the caller's mistake and refused.
func (w *Writer) Apply(ctx context.Context, docs []articles.Document, dels []string, internal map[string][]byte) error {
	seen := make(map[string]bool, len(docs))
	for i, d := range docs {
		if strings.TrimSpace(d.ID) == "" {
			return fmt.Errorf("document %d of %d: empty id", i+1, len(docs))
		}
		seen[d.ID] = true
	}
	for _, id := range dels {
		if seen[id] {
			return fmt.Errorf("apply: id %s is both written and deleted in one batch", id)
		}
	}
	if len(docs) == 0 && len(dels) == 0 && len(internal) == 0 {
		return nil
	}
	return w.write(ctx, docs, dels, internal)
}

// Internal returns the value Apply stored under key in the index open now,
// or nil when there is none.
func (w *Writer) Internal(key string) ([]byte, error) {
	idx, _, release, err := w.live.acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	v, err := idx.GetInternal([]byte(key))
	if err != nil {
		return nil, fmt.Errorf("read internal key %s: %w", key, err)
	}
	return v, nil
}

// holdsBatch reports whether a reopened idx holds a whole batch of write:
// its documents as written, none of its deleted ids and its internal
// values. A batch is persisted whole or not at all, so the internal values
// alone decide when there are any.
func holdsBatch(idx bleve.Index, docs []articles.Document, dels []string, internal map[string][]byte) (bool, error) {
	for k, want := range internal {
		got, err := idx.GetInternal([]byte(k))
		if err != nil {
			return false, fmt.Errorf("read internal key %s: %w", k, err)
		}
		return bytes.Equal(got, want), nil
	}
	for _, id := range dels {
		d, err := idx.Document(id)
		if err != nil || d != nil {
			return false, err
		}
	}
	return holds(idx, docs)
}
