package index

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// FormatVersion is the index format this build writes and the only one it
// opens. An index keeps the analysis it was built with in its terms, so a
// binary whose analysis differs searches it wrongly (finds less, or fails on
// an analyzer that no longer exists). Bump it whenever what a document
// becomes in the index changes: an analyzer or its word lists
// (analyzers/, analyzers/data/), the mapping (mapping.go), or how prepare
// routes text to fields (builder.go). Older indexes are then refused with a
// message saying how to re-index.
//
// 2: an untitled article stores its lead as its title (title_lead).
// 3: the places field (and the sources and places facets read the source
// field's doc values).
// 4: the dup (duplicate cluster) and simhash (fingerprint) fields.
// 5: generated people's ids are x- plus entities.NameKey (x-lv-agrvl, not
// x-lav-agarwal), and extraction leaves page furniture out: an older index
// would list one person under two ids. No _all field (it was empty).
const FormatVersion = 5

// formatName marks an index as this project's, so a Bleve index that merely
// holds a key of the same name is not taken for one.
const formatName = "newsearch-bilingual"

// formatKey is the Bleve internal key holding an index's formatRecord.
var formatKey = []byte("newsearch.format")

// formatRecord is what formatKey holds, as JSON.
type formatRecord struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
}

// Errors of opening an index this build cannot serve; each arrives wrapped
// in a message naming the directory, the cause and what to do.
var (
	// ErrOldFormat: the index was built by an older (or newer) version of
	// this project, whose analysis differs.
	ErrOldFormat = errors.New("index format differs from this build's")
	// ErrForeignIndex: the directory holds something other than an index
	// built by this project's indexer.
	ErrForeignIndex = errors.New("not an index built by this project's indexer")
	// ErrDamagedIndex: files the index needs are missing or unreadable.
	ErrDamagedIndex = errors.New("index is damaged")
)

// The files Bleve keeps in an index directory (index_meta.json, and the
// scorch store: root.bolt naming the .zap segment files of each snapshot).
const (
	metaFile  = "index_meta.json"
	storeDir  = "store"
	rootBolt  = "root.bolt"
	scorchTyp = "scorch"
)

// reindexHint is how to migrate an index this build cannot open.
func reindexHint(dir string) string {
	return fmt.Sprintf("re-index from the source files: rm -rf %s && bin/indexer --index %s INPUT...", dir, dir)
}

// stored is what checkFormat read from an index's files.
type stored struct {
	format   *formatRecord // nil when the index has none
	mapping  []byte        // the mapping's JSON as Bleve stored it
	segments []string      // the segment files of the latest snapshot, relative to dir
}

// checkFormat looks at the index in dir before Bleve opens it, because Bleve
// cannot say what is wrong: an old index fails on an analyzer this build
// lacks, a missing segment file shows as "error parsing mapping JSON" (and
// opening it lets Bleve clean up files of the snapshots it skipped). It
// reads root.bolt read-only, names every missing segment file, and refuses
// old, newer and foreign indexes with the reason and the way out.
func checkFormat(dir string) error {
	if err := checkMeta(dir); err != nil {
		return err
	}
	st, err := readStore(dir)
	if err != nil {
		return err
	}
	var missing []string
	for _, seg := range st.segments {
		if _, err := os.Stat(filepath.Join(dir, seg)); err != nil {
			missing = append(missing, seg)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("index %s: %w: segment file %s missing (named by the latest snapshot in %s); "+
			"restore the directory from a backup, or %s", dir, ErrDamagedIndex, strings.Join(missing, ", "),
			filepath.Join(storeDir, rootBolt), reindexHint(dir))
	}
	if st.format == nil {
		if len(st.mapping) == 0 {
			return fmt.Errorf("index %s: %w: %s holds no mapping (the index was never completely created); %s",
				dir, ErrDamagedIndex, filepath.Join(storeDir, rootBolt), reindexHint(dir))
		}
		if bytes.Contains(st.mapping, []byte(`"`+FieldTitleEn+`"`)) {
			return fmt.Errorf("index %s: %w: it was built before index formats were versioned (this build reads format %d); %s",
				dir, ErrOldFormat, FormatVersion, reindexHint(dir))
		}
		return fmt.Errorf("index %s: %w: a Bleve index without this project's fields (%s) or format record; "+
			"searching it would find nothing; build one with: bin/indexer --index NEWDIR INPUT...",
			dir, ErrForeignIndex, FieldTitleEn)
	}
	switch f := st.format; {
	case f.Format != formatName:
		return fmt.Errorf("index %s: %w: its format record names %q", dir, ErrForeignIndex, f.Format)
	case f.Version < FormatVersion:
		return fmt.Errorf("index %s: %w: it has format %d, this build reads format %d (the analysis changed); %s",
			dir, ErrOldFormat, f.Version, FormatVersion, reindexHint(dir))
	case f.Version > FormatVersion:
		return fmt.Errorf("index %s: %w: it has format %d, newer than this build's %d: run the newer build, or %s",
			dir, ErrOldFormat, f.Version, FormatVersion, reindexHint(dir))
	}
	return nil
}

// checkMeta refuses a directory that is not a scorch index by its
// index_meta.json.
func checkMeta(dir string) error {
	b, err := os.ReadFile(filepath.Join(dir, metaFile))
	if errors.Is(err, os.ErrNotExist) {
		if _, serr := os.Stat(filepath.Join(dir, storeDir, rootBolt)); serr == nil {
			return fmt.Errorf("index %s: %w: %s is missing; restore the directory from a backup, or %s",
				dir, ErrDamagedIndex, metaFile, reindexHint(dir))
		}
		return fmt.Errorf("index %s: %w: it has no %s, so it is no Bleve index (give a directory that does not exist to create one)",
			dir, ErrForeignIndex, metaFile)
	}
	if err != nil {
		return fmt.Errorf("index %s: %w: %w", dir, ErrDamagedIndex, err)
	}
	var meta struct {
		IndexType string `json:"index_type"`
	}
	if err := json.Unmarshal(b, &meta); err != nil {
		return fmt.Errorf("index %s: %w: %s is unreadable: %v; %s", dir, ErrDamagedIndex, metaFile, err, reindexHint(dir))
	}
	if meta.IndexType != scorchTyp {
		return fmt.Errorf("index %s: %w: a Bleve index of type %q, where this project builds %q; %s",
			dir, ErrForeignIndex, meta.IndexType, scorchTyp, reindexHint(dir))
	}
	return nil
}

// readStore reads the latest snapshot of the scorch store in root.bolt:
// its internal values and the segment files it names. It
// opens root.bolt read-only and fails with ErrIndexInUse when a writer holds
// it, as OpenWritable does.
func readStore(dir string) (stored, error) {
	path := filepath.Join(dir, storeDir, rootBolt)
	rel := filepath.Join(storeDir, rootBolt)
	if _, err := os.Stat(path); err != nil {
		return stored{}, fmt.Errorf("index %s: %w: %s is missing; restore the directory from a backup, or %s",
			dir, ErrDamagedIndex, rel, reindexHint(dir))
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: lockWait})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return stored{}, fmt.Errorf("open index %s: %w", dir, ErrIndexInUse)
		}
		return stored{}, fmt.Errorf("index %s: %w: %s is unreadable: %v; %s", dir, ErrDamagedIndex, rel, err, reindexHint(dir))
	}
	defer db.Close()
	var st stored
	err = db.View(func(tx *bolt.Tx) error {
		snaps := tx.Bucket([]byte{'s'})
		if snaps == nil {
			return nil
		}
		c := snaps.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			snap := snaps.Bucket(k)
			// Epoch keys are buckets (v is nil); the trainer key 't' is not one of them.
			if v != nil || snap == nil || k[0] < 0x80 {
				continue
			}
			return snap.ForEach(func(k, v []byte) error {
				b := snap.Bucket(k)
				switch {
				case b == nil || k[0] == 'm':
				case k[0] == 'i':
					st.mapping = bytes.Clone(b.Get([]byte("_mapping")))
					if f := b.Get(formatKey); f != nil {
						st.format = new(formatRecord)
						if err := json.Unmarshal(f, st.format); err != nil {
							st.format.Format = "unreadable: " + err.Error()
						}
					}
				default:
					st.segments = append(st.segments, filepath.Join(storeDir, string(b.Get([]byte{'p'}))))
				}
				return nil
			})
		}
		return nil
	})
	if err != nil {
		return stored{}, fmt.Errorf("index %s: %w: %s is unreadable: %v; %s", dir, ErrDamagedIndex, rel, err, reindexHint(dir))
	}
	return st, nil
}

// writeFormat records in a new index the format this build writes.
func writeFormat(idx bleve.Index) error {
	b, err := json.Marshal(formatRecord{Format: formatName, Version: FormatVersion})
	if err != nil {
		return err
	}
	return idx.SetInternal(formatKey, b)
}
