package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// BaselineStats counts what BaselineIndex indexed.
type BaselineStats struct {
	Indexed int
	Bytes   int64 // input bytes read
}

// BaselineIndex indexes a JSONL corpus into a new index in dir with Bleve's
// default mapping: the reference our indexer is measured against. It mirrors
// the indexer's structure, workers goroutines decoding records and one
// writing batches of batchSize documents.
func BaselineIndex(ctx context.Context, dir, input string, workers, batchSize int) (BaselineStats, error) {
	idx, err := bleve.New(dir, bleve.NewIndexMapping())
	if err != nil {
		return BaselineStats{}, fmt.Errorf("baseline: create index %s: %w", dir, err)
	}
	defer idx.Close()
	f, err := os.Open(input)
	if err != nil {
		return BaselineStats{}, fmt.Errorf("baseline: %w", err)
	}
	defer f.Close()

	type line struct {
		n int
		b []byte
	}
	type doc struct {
		id  string
		m   map[string]any
		err error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	lines := make(chan line, workers*4)
	docs := make(chan doc, workers*4)
	var st BaselineStats
	var readBytes int64 // the reader's; read only after readErr
	readErr := make(chan error, 1)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for n := 1; sc.Scan(); n++ {
			readBytes += int64(len(sc.Bytes())) + 1
			select {
			case lines <- line{n, append([]byte(nil), sc.Bytes()...)}:
			case <-ctx.Done():
				readErr <- ctx.Err()
				return
			}
		}
		readErr <- sc.Err()
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for l := range lines {
				var d doc
				if err := json.Unmarshal(l.b, &d.m); err != nil {
					d.err = fmt.Errorf("%s:%d: %w", input, l.n, err)
				} else {
					d.id, _ = d.m["id"].(string)
				}
				select {
				case docs <- d:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(docs) }()

	batch := idx.NewBatch()
	flush := func() error {
		if batch.Size() == 0 {
			return nil
		}
		n := batch.Size()
		if err := idx.Batch(batch); err != nil {
			return fmt.Errorf("baseline: write batch: %w", err)
		}
		st.Indexed += n
		batch.Reset()
		return nil
	}
	for d := range docs {
		if d.err != nil {
			return st, fmt.Errorf("baseline: %w", d.err)
		}
		if err := batch.Index(d.id, d.m); err != nil {
			return st, fmt.Errorf("baseline: document %s: %w", d.id, err)
		}
		if batch.Size() >= batchSize {
			if err := flush(); err != nil {
				return st, err
			}
		}
	}
	if err := flush(); err != nil {
		return st, err
	}
	if err := <-readErr; err != nil {
		return st, fmt.Errorf("baseline: read %s: %w", input, err)
	}
	st.Bytes = readBytes
	return st, nil
}
