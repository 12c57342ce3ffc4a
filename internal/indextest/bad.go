// Package indextest builds, for the commands' tests, the indexes they must
// refuse to open: old, foreign and damaged ones.
package indextest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsearch/bilingual/index"
)

// Bad is an index a command must refuse, and what its refusal must say.
type Bad struct {
	Name string // what is wrong with it
	Dir  string
	Want string // in the error message
}

// BadIndexes builds in t's temporary directories an index of an older
// format, a plain Bleve index and one whose segment files are gone.
func BadIndexes(t testing.TB) []Bad {
	t.Helper()
	old := ours(t, func(idx bleve.Index) {
		// The record index/format.go writes, with a version before any this build reads.
		if err := idx.SetInternal([]byte("newsearch.format"), []byte(`{"format":"newsearch-bilingual","version":0}`)); err != nil {
			t.Fatal(err)
		}
	})
	damaged := ours(t, func(bleve.Index) {})
	zaps, err := filepath.Glob(filepath.Join(damaged, "store", "*.zap"))
	if err != nil || len(zaps) == 0 {
		t.Fatalf("no segment files: %v", err)
	}
	for _, z := range zaps {
		if err := os.Remove(z); err != nil {
			t.Fatal(err)
		}
	}
	plain := filepath.Join(t.TempDir(), "plain")
	p, err := bleve.New(plain, bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Index("x", map[string]any{"text": "congress"}); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return []Bad{
		{"old format", old, "has format 0, this build reads format"},
		{"plain Bleve index", plain, "not an index built by this project's indexer"},
		{"missing segment file", damaged, "index is damaged: segment file " + filepath.Join("store", "")},
	}
}

// ours builds an index with one document, lets edit change it, and closes it.
func ours(t testing.TB, edit func(bleve.Index)) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := index.Open(dir, index.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.Index("a", map[string]any{index.FieldTitleEn: "congress"}); err != nil {
		t.Fatal(err)
	}
	edit(idx)
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}
