package index

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Open opens the index in dir, creating it with a mapping built from opt when
// dir does not exist yet.
func Open(dir string, opt BuildOptions) (bleve.Index, error) {
	if _, err := os.Stat(dir); err == nil {
		idx, err := bleve.Open(dir)
		if err != nil {
			return nil, fmt.Errorf("open index %s: %w", dir, err)
		}
		return idx, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	m, err := NewMapping(opt)
	if err != nil {
		return nil, err
	}
	idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	return idx, nil
}

// ErrIndexInUse reports that another process holds the index open for
// writing; Bleve allows one writer per index directory.
var ErrIndexInUse = errors.New("index is locked by another process")

// lockWait is how long OpenWritable waits for another process to let go of
// the index before giving up; long enough to ride over a restart, short
// enough that a second writer fails promptly instead of hanging.
const lockWait = 2 * time.Second

// OpenWritable opens the index in dir for writing like Open, creating it when
// absent, but fails with ErrIndexInUse instead of waiting forever when
// another process (a running searchd, another indexer) holds it.
func OpenWritable(dir string, opt BuildOptions) (bleve.Index, error) {
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return Open(dir, opt)
	}
	idx, err := bleve.OpenUsing(dir, map[string]any{"bolt_timeout": lockWait.String()})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("open index %s: %w", dir, ErrIndexInUse)
		}
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	return idx, nil
}
