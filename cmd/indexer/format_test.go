package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsearch/bilingual/internal/indextest"
)

// An old, foreign or damaged index stops the indexer with status 2 and a
// message naming the directory and the problem, before it writes anything.
func TestRefusesIndexesItCannotServe(t *testing.T) {
	input := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(input, []byte(`{"id":"b","text":"Congress leader resigned"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range indextest.BadIndexes(t) {
		t.Run(tc.Name, func(t *testing.T) {
			checkRun(t, []string{"--index", tc.Dir, "--quiet", input}, 2, "", tc.Want, tc.Dir)
		})
	}
}
