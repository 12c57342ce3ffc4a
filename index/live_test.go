package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/internal/diskfault"
)

// faultDocs returns n documents with ids prefix-0.. that all mention Modi.
func faultDocs(prefix string, n int) []articles.Document {
	docs := make([]articles.Document, n)
	for i := range docs {
		docs[i] = articles.Document{ID: fmt.Sprintf("%s-%d", prefix, i), Title: fmt.Sprintf("Modi report %s %d", prefix, i),
			Body: strings.Repeat(fmt.Sprintf("Prime Minister Modi spoke in Varanasi about %s %d. ", prefix, i), 40)}
	}
	return docs
}

// TestWriteFailureKeepsServing makes the index's disk refuse writes, by a
// full tmpfs (as root) or by a file size limit (anywhere), and checks what a failed write leaves: searches answer with
// the documents the index had, the write says truthfully it was not
// applied, later writes are refused while the fault is fresh, and writes
// work again once the cause is gone.
func TestWriteFailureKeepsServing(t *testing.T) {
	for _, fault := range []struct {
		name     string
		diskFull bool
		make     func(t *testing.T, dir string) (index string, cause, cure func())
	}{
		{"disk full", true, diskfault.Tmpfs},
		{"file size limit", false, diskfault.SizeLimit(64)},
	} {
		t.Run(fault.name, func(t *testing.T) {
			ctx := context.Background()
			dir, cause, cure := fault.make(t, t.TempDir())
			idx, err := OpenWritable(dir, BuildOptions{})
			if err != nil {
				t.Fatal(err)
			}
			s := newSearcher(t, idx, SearchConfig{Freedict: NoFreedict})
			t.Cleanup(func() { s.Close(); s.CloseIndex() })
			w := s.Writer()
			if err := w.Write(ctx, faultDocs("kept", 20)); err != nil {
				t.Fatal(err)
			}
			cause()

			var werr *WriteError
			for i := 0; ; i++ {
				err := w.Write(ctx, faultDocs(fmt.Sprint("lost", i), 20))
				if errors.As(err, &werr) {
					if !werr.MaybeApplied {
						if ok, _ := holds(s.Index(), faultDocs(fmt.Sprint("lost", i), 20)); ok {
							t.Fatalf("write %d answered not applied, but the index holds it", i)
						}
					}
					break
				}
				if err != nil {
					t.Fatalf("write %d: %v; want a *WriteError", i, err)
				}
				if i == 50 {
					t.Fatal("50 writes succeeded on a disk that refuses them")
				}
			}
			if werr.DiskFull != fault.diskFull {
				t.Errorf("DiskFull = %v, want %v (reason %q)", werr.DiskFull, fault.diskFull, werr.Reason)
			}
			h := s.Health()
			if !h.Open || h.Fault == nil || h.WriteFailures == 0 {
				t.Errorf("Health = %+v; want open, a fault, failures counted", h)
			}
			// The index serves what it had, by search and by id.
			res, err := s.Search(ctx, Request{Q: "modi", Size: 5})
			if err != nil || res.Total < 20 {
				t.Fatalf("search after the failure: %v, %+v; want the 20 documents kept", err, res)
			}
			if _, ok, err := s.Document(ctx, "kept-3"); err != nil || !ok {
				t.Errorf("Document(kept-3) after the failure = %v, %v", ok, err)
			}
			// While the fault is fresh, a write is refused without trying.
			if err := w.Write(ctx, faultDocs("refused", 1)); !errors.As(err, &werr) || werr.MaybeApplied {
				t.Errorf("write during the fault: %v; want a *WriteError, not applied", err)
			}
			if _, ok, _ := s.Document(ctx, "refused-0"); ok {
				t.Error("a refused write is in the index")
			}

			cure()
			var last error
			for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(WriteRetryInterval / 4) {
				if last = w.Write(ctx, faultDocs("after", 2)); last == nil {
					break
				}
			}
			if last != nil {
				t.Fatalf("writes did not come back once the cause was gone: %v", last)
			}
			if _, ok, err := s.Document(ctx, "after-1"); err != nil || !ok {
				t.Errorf("Document(after-1) = %v, %v; want the write after recovery", ok, err)
			}
			if ok, err := w.Delete(ctx, "after-0"); err != nil || !ok {
				t.Errorf("Delete after recovery = %v, %v", ok, err)
			}
			if h := s.Health(); h.Fault != nil {
				t.Errorf("Health after recovery = %+v; want no fault", h)
			}
		})
	}
}

// TestFaultOf names the causes operators act on.
func TestFaultOf(t *testing.T) {
	for _, tc := range []struct {
		err      error
		diskFull bool
		reason   string
	}{
		{fmt.Errorf("segment: x.zap persist err: write x.zap: no space left on device"), true, "disk full"},
		{&os.PathError{Op: "open", Path: "x", Err: errors.New("disk quota exceeded")}, true, "disk full"},
		{fmt.Errorf("open x.zap: too many open files"), false, "too many open files"},
		{errors.New("odd"), false, "odd"},
	} {
		f := FaultOf(tc.err)
		if f.DiskFull != tc.diskFull || f.Reason != tc.reason {
			t.Errorf("FaultOf(%v) = %v %q; want %v %q", tc.err, f.DiskFull, f.Reason, tc.diskFull, tc.reason)
		}
	}
}
