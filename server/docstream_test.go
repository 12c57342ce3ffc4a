package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsearch/bilingual/articles"
)

// jsonLines is n small good records with ids prefix0..prefix(n-1).
func jsonLines(prefix string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id":"%s%d","text":"Lok Sabha %d"}`+"\n", prefix, i, i)
	}
	return b.String()
}

func TestStreamDocsBatches(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		lim      docLimits
		batches  []int // sizes of the batches flush gets
		rejected int
		err      error
	}{
		{"batches by count", jsonLines("a", 7), docLimits{batchDocs: 3}, []int{3, 3, 1}, 0, nil},
		{"batches by bytes", jsonLines("b", 4), docLimits{batchBytes: 1}, []int{1, 1, 1, 1}, 0, nil},
		{"one batch without limits", jsonLines("c", 5), docLimits{}, []int{5}, 0, nil},
		{"exactly the record limit", jsonLines("d", 4), docLimits{maxRecords: 4, batchDocs: 2}, []int{2, 2}, 0, nil},
		{"over the record limit", jsonLines("e", 9), docLimits{maxRecords: 4, batchDocs: 2}, []int{2, 2}, 0, errTooManyRecords},
		{"bad records count too", "{bad\n{bad\n" + jsonLines("f", 3), docLimits{maxRecords: 4, batchDocs: 10}, nil, 2, errTooManyRecords},
		{"a body of bad records stops at the limit", strings.Repeat("{bad\n", 1000), docLimits{maxRecords: 5}, nil, 5, errTooManyRecords},
		{"pretty document", "{\n\"id\": \"p\",\n\"text\": \"x\"\n}\n", docLimits{maxRecords: 1}, []int{1}, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []int
			st, err := streamDocs(context.Background(), strings.NewReader(tc.body), tc.lim, func(d []articles.Document) error {
				if tc.lim.batchDocs > 0 && len(d) > tc.lim.batchDocs {
					t.Errorf("batch of %d documents, limit %d", len(d), tc.lim.batchDocs)
				}
				got = append(got, len(d))
				return nil
			})
			if !errors.Is(err, tc.err) || (tc.err == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.batches) || len(st.rejected) != tc.rejected {
				t.Errorf("batches %v, %d rejected; want %v, %d", got, len(st.rejected), tc.batches, tc.rejected)
			}
		})
	}
}

// TestStreamDocsFlushError checks that a failed batch stops the stream and
// that the batches before it stay flushed.
func TestStreamDocsFlushError(t *testing.T) {
	boom := errors.New("disk full")
	calls := 0
	_, err := streamDocs(context.Background(), strings.NewReader(jsonLines("x", 10)), docLimits{batchDocs: 2},
		func([]articles.Document) error {
			calls++
			if calls == 2 {
				return boom
			}
			return nil
		})
	if !errors.Is(err, boom) || calls != 2 {
		t.Errorf("err %v after %d flushes; want %v after 2", err, calls, boom)
	}
}

// TestStreamDocsReadError checks that a body that breaks is reported as such,
// not as a bad record.
func TestStreamDocsReadError(t *testing.T) {
	broken := errors.New("connection reset")
	body := io.MultiReader(strings.NewReader(jsonLines("r", 2)), errReader{broken})
	st, err := streamDocs(context.Background(), body, docLimits{}, func([]articles.Document) error { return nil })
	if err != nil || !errors.Is(st.readErr, broken) || len(st.rejected) != 0 {
		t.Errorf("= %+v, %v; want readErr %v and no rejection", st, err, broken)
	}
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// hideLength makes a request body of unknown length, sent chunked, so that
// only reading it can find it too large.
type hideLength struct{ io.Reader }

func TestPostDocsLimits(t *testing.T) {
	ts := writableServer(t, func(s *Server) { s.MaxRecords = 1200; s.MaxBodyBytes = 1 << 20 })
	post := func(body io.Reader) (int, WriteResult) {
		t.Helper()
		req, err := http.NewRequest("POST", ts.URL+"/api/docs", body)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+testToken)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var ans WriteResult
		if err := json.NewDecoder(res.Body).Decode(&ans); err != nil {
			t.Fatalf("answer: %v", err)
		}
		return res.StatusCode, ans
	}
	visible := func(id string) bool {
		s, _, _ := do(t, "GET", ts.URL+"/api/docs/"+id, "", "")
		return s == 200
	}

	// Over the record cap after the first batch: that batch is durable and
	// the answer says so; nothing past the cap is.
	status, ans := post(strings.NewReader(jsonLines("m", 1500)))
	if status != http.StatusRequestEntityTooLarge || ans.Indexed != writeBatchDocs ||
		!strings.Contains(ans.Error, "more than 1200 records") || !strings.Contains(ans.Error, "first 1000 documents were indexed, through line 1000") {
		t.Errorf("1500 records with a cap of 1200 = %d %+v; want 413 naming the limit, 1000 indexed", status, ans)
	}
	if !visible("m0") || !visible("m999") || visible("m1000") || visible("m1499") {
		t.Error("want m0..m999 indexed and m1000.. not")
	}

	// Under the cap, several batches: all indexed, one answer.
	status, ans = post(strings.NewReader(jsonLines("n", 1100) + "{bad\n"))
	if status != 200 || ans.Indexed != 1100 || len(ans.Rejected) != 1 || ans.Rejected[0].Line != 1101 {
		t.Errorf("1100 good records and a bad one = %d indexed %d rejected %+v; want 200, 1100, line 1101", status, ans.Indexed, ans.Rejected)
	}
	if !visible("n0") || !visible("n1099") {
		t.Error("want n0 and n1099 indexed")
	}

	// A chunked body over the byte limit is found too large while reading.
	big := `{"id":"big","text":"` + strings.Repeat("x", 1<<20) + `"}`
	status, ans = post(hideLength{strings.NewReader(big)})
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(ans.Error, "limit of 1048576 bytes") ||
		!strings.Contains(ans.Error, "nothing was indexed") {
		t.Errorf("chunked body over the limit = %d %+v; want 413 naming the limit", status, ans)
	}
}

// TestStatusWriterUnwraps checks that a handler behind the access log can
// still move its connection's deadlines, as the write route does.
func TestStatusWriterUnwraps(t *testing.T) {
	errc := make(chan error, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		errc <- http.NewResponseController(w).SetWriteDeadline(time.Now().Add(time.Minute))
	})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&statusWriter{ResponseWriter: &statusWriter{ResponseWriter: w}}, r)
	}))
	defer ts.Close()
	res, err := http.Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if err := <-errc; err != nil {
		t.Errorf("SetWriteDeadline through statusWriter: %v", err)
	}
}
