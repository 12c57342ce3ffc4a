package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsearch/bilingual/articles"
)

const token = "cluster-test-token-0123456789"

// ledger is what the writers had acknowledged: the last acknowledged
// version of every id (nil: deleted), and when each acknowledgement came.
type ledger struct {
	mu    sync.Mutex
	docs  map[string]*articles.Document
	acked atomic.Int64 // acknowledged documents and deletions
	acks  []time.Time
}

func (l *ledger) put(d articles.Document, at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.docs[d.ID] = &d
	l.acks = append(l.acks, at)
	l.acked.Add(1)
}

func (l *ledger) del(id string, at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.docs[id] = nil
	l.acks = append(l.acks, at)
	l.acked.Add(1)
}

// longestStall is the longest time without an acknowledgement from t to
// within after it: how long a failure held writes up.
func (l *ledger) longestStall(t time.Time, within time.Duration) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	var in []time.Time
	for _, a := range l.acks {
		if a.After(t) && a.Before(t.Add(within)) {
			in = append(in, a)
		}
	}
	slices.SortFunc(in, func(a, b time.Time) int { return a.Compare(b) })
	longest, prev := time.Duration(0), t
	for _, a := range in {
		longest, prev = max(longest, a.Sub(prev)), a
	}
	return longest
}

// firstAckAfter is the first acknowledgement after t.
func (l *ledger) firstAckAfter(t time.Time) (time.Time, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var best time.Time
	for _, a := range l.acks {
		if a.After(t) && (best.IsZero() || a.Before(best)) {
			best = a
		}
	}
	return best, !best.IsZero()
}

// send posts docs (or, with del, deletes id) to the nodes in turn,
// starting at the k-th, until one acknowledges; a request that failed may
// have been applied, so sending it again elsewhere is what a client does.
func send(ctx context.Context, targets func() []string, k int, docs []articles.Document, del string) error {
	var body []byte
	for _, d := range docs {
		b, _ := json.Marshal(d)
		body = append(append(body, b...), '\n')
	}
	var last error
	for try := 0; ctx.Err() == nil; try++ {
		urls := targets()
		base := urls[(k+try)%len(urls)]
		var req *http.Request
		if del != "" {
			req, _ = http.NewRequestWithContext(ctx, http.MethodDelete, base+"/api/docs/"+del, nil)
		} else {
			req, _ = http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/docs", bytes.NewReader(body))
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			// A deletion re-sent after a failed try may find the document
			// gone already: it was applied.
			if resp.StatusCode == http.StatusOK || (del != "" && try > 0 && resp.StatusCode == http.StatusNotFound) {
				return nil
			}
			if del != "" && resp.StatusCode == http.StatusNotFound {
				// Deleting an acknowledged document, asked first: it must be there.
				return fmt.Errorf("DELETE %s: 404 for a document whose write was acknowledged", del)
			}
			err = fmt.Errorf("status %d: %s", resp.StatusCode, bytes.TrimSpace(b))
		}
		last = err
		time.Sleep(time.Duration(min(try+1, 10)) * 100 * time.Millisecond)
	}
	return fmt.Errorf("not acknowledged: %v", last)
}

// writer writes articles first+i*stride for i = 0, 1, ... in batches, and
// now and then updates or deletes one it wrote, until stop says so; pace
// is the pause between batches.
func writer(ctx context.Context, l *ledger, targets func() []string, w int, next *atomic.Int64,
	stop func() bool, pace time.Duration, errs *atomic.Int64) {
	var mine []int
	for batch := 0; !stop() && ctx.Err() == nil; batch++ {
		var docs []articles.Document
		for range 4 {
			n := int(next.Add(1))
			docs = append(docs, article(n, 0))
			mine = append(mine, n)
		}
		if batch%5 == 4 && len(mine) > 8 { // an update of an earlier article
			docs = append(docs, article(mine[len(mine)/2], batch))
		}
		if err := send(ctx, targets, w+batch, docs, ""); err != nil {
			errs.Add(1)
			return
		}
		now := time.Now()
		for _, d := range docs {
			l.put(d, now)
		}
		if batch%10 == 9 { // a deletion of an earlier article
			id := article(mine[len(mine)/3], 0).ID
			if err := send(ctx, targets, w+batch, nil, id); err != nil {
				errs.Add(1)
				return
			}
			l.del(id, time.Now())
			mine = append(mine[:len(mine)/3], mine[len(mine)/3+1:]...)
		}
		time.Sleep(pace)
	}
}

// burst writes docs new articles as fast as writers concurrent clients
// can, 10 per request, for the acknowledged-writes-per-second figure; it
// returns how long that took.
func burst(ctx context.Context, l *ledger, targets func() []string, writers, docs int, next *atomic.Int64) (time.Duration, error) {
	began := time.Now()
	var wg sync.WaitGroup
	var failed atomic.Int64
	var left atomic.Int64
	left.Store(int64(docs))
	for w := range writers {
		wg.Go(func() {
			for k := w; left.Add(-10) > -10; k += writers {
				var batch []articles.Document
				for range 10 {
					batch = append(batch, article(int(next.Add(1)), 0))
				}
				if err := send(ctx, targets, k, batch, ""); err != nil {
					failed.Add(1)
					return
				}
				now := time.Now()
				for _, d := range batch {
					l.put(d, now)
				}
			}
		})
	}
	wg.Wait()
	if failed.Load() > 0 {
		return 0, fmt.Errorf("burst: %d writers gave up", failed.Load())
	}
	return time.Since(began), nil
}
