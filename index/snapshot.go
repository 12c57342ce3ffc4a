package index

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// snapshotTimeFormat names a snapshot by when it was taken (UTC), so the
// names sort by age.
const snapshotTimeFormat = "20060102T150405.000000000Z"

// Snapshot writes a consistent copy of the index, as of the moment it is
// called, into a new directory under parent and returns its path; the copy
// opens like any index (searchd --index PATH). Searches and writes go on
// meanwhile: Bleve's online copy pins the segments of the current snapshot
// (persisting the ones still in memory into the copy), so every write
// acknowledged before the call is in it. The copy is written beside its
// final name and renamed into place once complete and checked, so a
// directory under parent without the ".partial" suffix is always whole.
func (s *Searcher) Snapshot(parent string) (string, error) {
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("snapshot: create %s: %w", parent, err)
	}
	final := filepath.Join(parent, "snapshot-"+time.Now().UTC().Format(snapshotTimeFormat))
	partial := final + ".partial"
	if err := s.copyTo(partial); err != nil {
		os.RemoveAll(partial)
		return "", err
	}
	// Bleve's own check before it opens an index: a copy that lacks a
	// segment or the format record fails here, not when restored.
	if err := checkFormat(partial); err != nil {
		os.RemoveAll(partial)
		return "", fmt.Errorf("snapshot %s: the copy does not open: %w", partial, err)
	}
	if err := os.Rename(partial, final); err != nil {
		os.RemoveAll(partial)
		return "", fmt.Errorf("snapshot: %w", err)
	}
	if err := syncDir(parent); err != nil {
		return "", fmt.Errorf("snapshot %s: %w", final, err)
	}
	return final, nil
}

// copyTo copies the index open now into dir, holding it so that no failed
// write's reopen closes it mid-copy.
func (s *Searcher) copyTo(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("snapshot %s: %w", dir, os.ErrExist)
	}
	idx, _, release, err := s.live.acquire()
	if err != nil {
		return err
	}
	defer release()
	c, ok := idx.(bleve.IndexCopyable)
	if !ok {
		return errors.New("snapshot: this index does not support online copies")
	}
	if err := c.CopyTo(bleve.FileSystemDirectory(dir)); err != nil {
		return fmt.Errorf("snapshot %s: %w", dir, err)
	}
	return syncTree(dir)
}

// syncTree makes every file and directory under dir durable: Bleve's copy
// closes the files it writes without syncing them, and a backup that a
// power cut can empty is none.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := f.Sync(); err != nil {
			return fmt.Errorf("sync %s: %w", path, err)
		}
		return nil
	})
}

// syncDir makes the entries of dir durable.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
