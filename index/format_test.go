package index

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/upsidedown"
	"github.com/blevesearch/bleve/v2/index/upsidedown/store/boltdb"

	"github.com/newsearch/bilingual/analyzers"
)

// ourIndex builds an index in a new directory with this build's Open, puts
// a few documents in it in separate batches (so it has several segment
// files), lets edit change it while open, and closes it.
func ourIndex(t *testing.T, opt BuildOptions, edit func(idx bleve.Index)) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		b := idx.NewBatch()
		if err := b.Index(fmt.Sprint("doc", i), map[string]any{FieldTitleEn: "congress leader resigned"}); err != nil {
			t.Fatal(err)
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
	}
	if edit != nil {
		edit(idx)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func setInternal(t *testing.T, key string, val []byte) func(bleve.Index) {
	return func(idx bleve.Index) {
		if err := idx.SetInternal([]byte(key), val); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenRecordsAndChecksFormat(t *testing.T) {
	dir := ourIndex(t, BuildOptions{}, nil)
	idx, err := OpenWritable(dir, BuildOptions{})
	if err != nil {
		t.Fatalf("reopening a new index: %v", err)
	}
	defer idx.Close()
	b, err := idx.GetInternal(formatKey)
	if err != nil {
		t.Fatal(err)
	}
	var f formatRecord
	if err := json.Unmarshal(b, &f); err != nil || f != (formatRecord{formatName, FormatVersion}) {
		t.Errorf("format record %s (%v), want %s version %d", b, err, formatName, FormatVersion)
	}
	if n, err := idx.DocCount(); err != nil || n != 3 {
		t.Errorf("doc count %d, %v; want 3", n, err)
	}
}

// Each index this build cannot serve is refused before Bleve opens it, with
// the kind of problem, the cause, and what to do.
func TestOpenRefusesIndexesItCannotServe(t *testing.T) {
	record := func(name string, version int) []byte {
		b, _ := json.Marshal(formatRecord{name, version})
		return b
	}
	tests := []struct {
		name string
		dir  func(t *testing.T) string
		opt  BuildOptions
		kind error
		want []string // in the message
	}{
		{"unversioned (built before format versions)", func(t *testing.T) string {
			return ourIndex(t, BuildOptions{}, func(idx bleve.Index) { _ = idx.DeleteInternal(formatKey) })
		}, BuildOptions{}, ErrOldFormat, []string{"before index formats were versioned", "rm -rf", "bin/indexer --index"}},
		{"unversioned with an analyzer this build lacks", func(t *testing.T) string {
			return ourIndex(t, BuildOptions{}, func(idx bleve.Index) {
				m, err := idx.GetInternal([]byte("_mapping"))
				if err != nil {
					t.Fatal(err)
				}
				old := bytes.ReplaceAll(m, []byte(`"`+analyzers.RomanAnalyzer+`"`), []byte(`"news_roman_light"`))
				if bytes.Equal(old, m) {
					t.Fatalf("mapping %s does not name %s", m, analyzers.RomanAnalyzer)
				}
				setInternal(t, "_mapping", old)(idx)
				_ = idx.DeleteInternal(formatKey)
			})
		}, BuildOptions{}, ErrOldFormat, []string{"before index formats were versioned", "rm -rf"}},
		{"older format", func(t *testing.T) string {
			return ourIndex(t, BuildOptions{}, setInternal(t, string(formatKey), record(formatName, FormatVersion-1)))
		}, BuildOptions{}, ErrOldFormat, []string{fmt.Sprintf("format %d, this build reads format %d", FormatVersion-1, FormatVersion), "rm -rf"}},
		{"newer format", func(t *testing.T) string {
			return ourIndex(t, BuildOptions{}, setInternal(t, string(formatKey), record(formatName, FormatVersion+1)))
		}, BuildOptions{}, ErrOldFormat, []string{"newer than this build's"}},
		{"someone else's format record", func(t *testing.T) string {
			return ourIndex(t, BuildOptions{}, setInternal(t, string(formatKey), record("other", FormatVersion)))
		}, BuildOptions{}, ErrForeignIndex, []string{`names "other"`}},
		{"stock analyzers where ours are wanted", func(t *testing.T) string {
			return ourIndex(t, BuildOptions{Stock: true}, nil)
		}, BuildOptions{}, ErrForeignIndex, []string{"stock analyzers", "rm -rf"}},
		{"ours where stock is wanted", func(t *testing.T) string {
			return ourIndex(t, BuildOptions{}, nil)
		}, BuildOptions{Stock: true}, ErrForeignIndex, []string{"not the stock ones"}},
		{"plain Bleve index", func(t *testing.T) string {
			dir := filepath.Join(t.TempDir(), "plain")
			idx, err := bleve.New(dir, bleve.NewIndexMapping())
			if err != nil {
				t.Fatal(err)
			}
			_ = idx.Index("x", map[string]any{"text": "congress"})
			_ = idx.Close()
			return dir
		}, BuildOptions{}, ErrForeignIndex, []string{"a Bleve index without this project's fields"}},
		{"upside_down Bleve index", func(t *testing.T) string {
			dir := filepath.Join(t.TempDir(), "ud")
			idx, err := bleve.NewUsing(dir, bleve.NewIndexMapping(), upsidedown.Name, boltdb.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			_ = idx.Close()
			return dir
		}, BuildOptions{}, ErrForeignIndex, []string{`type "upside_down"`}},
		{"a directory of other things", func(t *testing.T) string {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("hello"), 0o644); err != nil {
				t.Fatal(err)
			}
			return dir
		}, BuildOptions{}, ErrForeignIndex, []string{"no index_meta.json"}},
		{"index_meta.json removed", func(t *testing.T) string {
			dir := ourIndex(t, BuildOptions{}, nil)
			remove(t, filepath.Join(dir, metaFile))
			return dir
		}, BuildOptions{}, ErrDamagedIndex, []string{"index_meta.json is missing"}},
		{"index_meta.json garbled", func(t *testing.T) string {
			dir := ourIndex(t, BuildOptions{}, nil)
			if err := os.WriteFile(filepath.Join(dir, metaFile), []byte("{"), 0o644); err != nil {
				t.Fatal(err)
			}
			return dir
		}, BuildOptions{}, ErrDamagedIndex, []string{"index_meta.json is unreadable"}},
		{"root.bolt removed", func(t *testing.T) string {
			dir := ourIndex(t, BuildOptions{}, nil)
			remove(t, filepath.Join(dir, storeDir, rootBolt))
			return dir
		}, BuildOptions{}, ErrDamagedIndex, []string{filepath.Join("store", "root.bolt") + " is missing"}},
		{"root.bolt garbled", func(t *testing.T) string {
			dir := ourIndex(t, BuildOptions{}, nil)
			if err := os.WriteFile(filepath.Join(dir, storeDir, rootBolt), bytes.Repeat([]byte("x"), 8192), 0o644); err != nil {
				t.Fatal(err)
			}
			return dir
		}, BuildOptions{}, ErrDamagedIndex, []string{"root.bolt is unreadable"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.dir(t)
			for _, open := range []func(string, BuildOptions) (bleve.Index, error){Open, OpenWritable} {
				idx, err := open(dir, tc.opt)
				if err == nil {
					idx.Close()
					t.Fatal("the index was opened")
				}
				if !errors.Is(err, tc.kind) {
					t.Errorf("error %q is not %v", err, tc.kind)
				}
				for _, w := range append(tc.want, dir) {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
			}
		})
	}
}

// A missing segment file is named, and refusing the index deletes nothing:
// Bleve, had it opened the index, could have cleaned up the files of the
// snapshot it could not load.
func TestOpenNamesMissingSegmentFileAndKeepsTheRest(t *testing.T) {
	dir := ourIndex(t, BuildOptions{}, nil)
	st, err := readStore(dir)
	if err != nil || len(st.segments) == 0 {
		t.Fatalf("no segment files: %v", err)
	}
	remove(t, filepath.Join(dir, st.segments[0]))
	before := listDir(t, filepath.Join(dir, storeDir))
	for _, open := range []func(string, BuildOptions) (bleve.Index, error){Open, OpenWritable} {
		idx, err := open(dir, BuildOptions{})
		if err == nil {
			idx.Close()
			t.Fatal("an index missing a segment file was opened")
		}
		want := "segment file " + st.segments[0] + " missing"
		if !errors.Is(err, ErrDamagedIndex) || !strings.Contains(err.Error(), want) {
			t.Errorf("error %q, want ErrDamagedIndex naming %q", err, want)
		}
	}
	if after := listDir(t, filepath.Join(dir, storeDir)); after != before {
		t.Errorf("refusing the index changed its files: %s, then %s", before, after)
	}
}

func remove(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

func listDir(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}
