package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// TestKilledIndexerLosesNothing kills the indexer with SIGKILL part-way
// through, runs it again on the same input, and checks that every document is
// in the index exactly once.
func TestKilledIndexerLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the indexer: not in -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "indexer")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	const docs = 8000
	input := filepath.Join(dir, "in.jsonl")
	writeCorpus(t, input, docs)

	partial := 0 // trials whose kill left some but not all documents indexed
	for trial := range 3 {
		idx := filepath.Join(dir, fmt.Sprint("idx", trial))
		cmd := exec.Command(bin, "--index", idx, "--batch-size", "50", "--workers", "2", input)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill at a different point each trial, once some batches are on
		// disk: waiting on the index's segment files, not on a clock, keeps
		// the kill mid-run however busy the machine is.
		waitSegments(t, idx, 1+trial)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		if n, ok := countDocs(idx); ok && n > 0 && n < docs {
			partial++
			t.Logf("trial %d: killed with %d of %d documents indexed", trial, n, docs)
		}

		if out, err := exec.Command(bin, "--index", idx, input).CombinedOutput(); err != nil {
			t.Fatalf("trial %d: re-run: %v\n%s", trial, err, out)
		}
		ix, err := bleve.Open(idx)
		if err != nil {
			t.Fatalf("trial %d: open after kill: %v", trial, err)
		}
		n, err := ix.DocCount()
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]string, docs)
		for i := range ids {
			ids[i] = fmt.Sprint("doc-", i)
		}
		res, err := ix.Search(bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), 0, 0, false))
		ix.Close()
		if err != nil {
			t.Fatal(err)
		}
		if n != docs || res.Total != docs {
			t.Errorf("trial %d: %d documents, %d of the input ids found; want %d of each", trial, n, res.Total, docs)
		}
	}
	if partial == 0 {
		t.Error("no kill landed mid-run: the test proved nothing")
	}
}

// waitSegments waits until dir holds at least n segment files, or 30 s.
func waitSegments(t *testing.T, dir string, n int) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if zaps, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap")); len(zaps) >= n {
			return
		}
	}
	t.Logf("index %s: fewer than %d segments after 30 s", dir, n)
}

// countDocs opens a (possibly killed) index and counts its documents.
func countDocs(dir string) (uint64, bool) {
	ix, err := bleve.Open(dir)
	if err != nil {
		return 0, false
	}
	defer ix.Close()
	n, err := ix.DocCount()
	return n, err == nil
}

func writeCorpus(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range n {
		fmt.Fprintf(w, `{"id":"doc-%d","title":"Report %d","text":"Congress leader %d resigned; भाजपा ने चुनाव %d में जीत का दावा किया। The party's defeat in the Lok Sabha election of 2019 was discussed at length by workers and leaders across the state."}`+"\n", i, i, i, i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
