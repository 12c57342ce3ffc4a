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
// dir does not exist yet. An existing index must have this build's format
// (FormatVersion) and the analysis opt asks for (ours, or opt.Stock);
// otherwise the error wraps ErrOldFormat, ErrForeignIndex or ErrDamagedIndex
// and says what to do. opt.Scoring matters only for a new index.
func Open(dir string, opt BuildOptions) (bleve.Index, error) {
	return open(dir, opt, nil)
}

// open is Open, passing runtime to Bleve for an existing index.
func open(dir string, opt BuildOptions, runtime map[string]any) (bleve.Index, error) {
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return create(dir, opt)
	} else if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	if err := checkFormat(dir); err != nil {
		return nil, err
	}
	idx, err := bleve.OpenUsing(dir, runtime)
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("open index %s: %w", dir, ErrIndexInUse)
		}
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	if err := checkAnalysis(dir, idx.Mapping(), opt); err != nil {
		_ = idx.Close()
		return nil, err
	}
	return idx, nil
}

// create makes a new index in dir and records its format in it.
func create(dir string, opt BuildOptions) (bleve.Index, error) {
	m, err := NewMapping(opt)
	if err != nil {
		return nil, err
	}
	idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	if err := writeFormat(idx); err != nil {
		_ = idx.Close()
		return nil, fmt.Errorf("create index %s: record format: %w", dir, err)
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
	return open(dir, opt, map[string]any{"bolt_timeout": lockWait.String()})
}
