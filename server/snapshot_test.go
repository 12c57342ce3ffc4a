package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/newsearch/bilingual/entities"
	"github.com/newsearch/bilingual/index"
)

// TestSnapshotDuringWrites takes a snapshot while another client writes
// batch after batch, then opens the copy as searchd would and checks that it
// holds every document acknowledged before the snapshot was asked for.
func TestSnapshotDuringWrites(t *testing.T) {
	snaps := filepath.Join(t.TempDir(), "snaps")
	ts := writableServer(t, func(s *Server) { s.SnapshotDir = snaps })

	var mu sync.Mutex
	var acked []string // ids of acknowledged writes, in order
	stop, done := make(chan struct{}), make(chan error, 1)
	firstAck := make(chan struct{})
	go func() {
		defer close(done)
		for b := 0; b < 200; b++ { // bounded whatever happens
			select {
			case <-stop:
				return
			default:
			}
			var body strings.Builder
			ids := make([]string, 0, 10)
			for i := 0; i < 10; i++ {
				id := fmt.Sprintf("snap-%03d-%02d", b, i)
				ids = append(ids, id)
				fmt.Fprintf(&body, `{"id":%q,"title":"Batch %d","text":"Nitish Kumar spoke in Patna, batch %d item %d."}`+"\n", id, b, b, i)
			}
			// Not do: t.Fatal must not be called off the test's goroutine.
			req, err := http.NewRequest("POST", ts.URL+"/api/docs", strings.NewReader(body.String()))
			if err != nil {
				done <- err
				return
			}
			req.Header.Set("Authorization", "Bearer "+testToken)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				done <- fmt.Errorf("batch %d: %w", b, err)
				return
			}
			msg, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				done <- fmt.Errorf("batch %d: %d %s", b, res.StatusCode, msg)
				return
			}
			mu.Lock()
			acked = append(acked, ids...)
			if len(acked) == 20 {
				close(firstAck)
			}
			mu.Unlock()
		}
	}()
	<-firstAck
	mu.Lock()
	before := append([]string(nil), acked...)
	mu.Unlock()
	status, body, _ := do(t, "POST", ts.URL+"/api/admin/snapshot", testToken, "")
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	t.Logf("%d documents acknowledged before the snapshot, %d in all", len(before), len(acked))
	if status != 200 {
		t.Fatalf("POST /api/admin/snapshot = %d %s", status, body)
	}
	var res SnapshotResult
	if err := json.Unmarshal(body, &res); err != nil || !strings.HasPrefix(res.Path, snaps+string(filepath.Separator)) {
		t.Fatalf("answer %s (err %v): want a path under %s", body, err, snaps)
	}

	// Opened the way searchd opens --index.
	idx, err := index.OpenWritable(res.Path, index.BuildOptions{})
	if err != nil {
		t.Fatalf("open the snapshot: %v", err)
	}
	t.Cleanup(func() { idx.Close() })
	gaz, err := entities.Load()
	if err != nil {
		t.Fatal(err)
	}
	s, err := index.NewSearcher(idx, gaz, entities.NewExtractor(gaz), index.SearchConfig{Freedict: index.NoFreedict,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("searcher over the snapshot: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	for _, id := range append(before, seed000, seed004) {
		if _, ok, err := s.Document(context.Background(), id); err != nil || !ok {
			t.Errorf("snapshot lacks %s, acknowledged before it was taken (err %v)", id, err)
		}
	}
	n, err := s.DocCount()
	if err != nil || n < uint64(5+len(before)) {
		t.Errorf("snapshot holds %d documents (err %v), want at least %d", n, err, 5+len(before))
	}
	resp, err := s.Search(context.Background(), index.Request{Q: "Patna", Size: 1})
	if err != nil || resp.Total == 0 {
		t.Errorf("search of the snapshot: %v, err %v", resp, err)
	}
}

func TestSnapshotNeedsToken(t *testing.T) {
	snaps := filepath.Join(t.TempDir(), "snaps")
	ts := writableServer(t, func(s *Server) { s.SnapshotDir = snaps })
	off := writableServer(t, func(s *Server) { s.SnapshotDir = snaps; s.AdminToken = "" })
	tests := []struct {
		name   string
		url    string
		token  string
		status int
	}{
		{"no token", ts.URL, "", 401},
		{"wrong token", ts.URL, "wrong-token-wrong", 401},
		{"writes off", off.URL, testToken, 403},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if status, body, _ := do(t, "POST", tc.url+"/api/admin/snapshot", tc.token, ""); status != tc.status {
				t.Errorf("POST /api/admin/snapshot = %d %s, want %d", status, body, tc.status)
			}
		})
	}
	if m, _ := filepath.Glob(filepath.Join(snaps, "*")); len(m) != 0 {
		t.Errorf("refused snapshots wrote %v", m)
	}
}

// TestQueriesStayOutOfLogs checks that what people search for reaches the
// log only with LogQueries.
func TestQueriesStayOutOfLogs(t *testing.T) {
	for _, logQueries := range []bool{false, true} {
		t.Run(fmt.Sprint("LogQueries=", logQueries), func(t *testing.T) {
			var logs syncLog
			srv := seedHandler(t)
			srv.log = slog.New(slog.NewTextHandler(&logs, nil))
			srv.LogQueries = logQueries
			ts := httptest.NewServer(srv.Handler())
			t.Cleanup(ts.Close)
			for _, path := range []string{"/api/search?q=whistleblower+secret", "/?q=whistleblower+secret"} {
				if status, _, _ := do(t, "GET", ts.URL+path, "", ""); status != 200 {
					t.Fatalf("GET %s = %d", path, status)
				}
			}
			got := logs.String()
			if !strings.Contains(got, "path=/api/search") {
				t.Fatalf("no access log line for the search:\n%s", got)
			}
			if strings.Contains(got, "whistleblower") != logQueries {
				t.Errorf("LogQueries=%v, log:\n%s", logQueries, got)
			}
		})
	}
}

// syncLog is a buffer the server's handlers and the test can share.
type syncLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
