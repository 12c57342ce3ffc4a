package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

const testToken = "s3cret-token"

// writableServer indexes testdata/seeds through an index.Writer and serves
// them with the write API enabled; configure may adjust the server first.
func writableServer(t testing.TB, configure func(*Server)) *httptest.Server {
	t.Helper()
	srv := seedHandler(t)
	srv.Writer, srv.AdminToken = srv.search.Writer(), testToken
	if configure != nil {
		configure(srv)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// do sends one request and returns the status, body and headers.
func do(t testing.TB, method, url, token, body string, hdr ...string) (int, []byte, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, b, res.Header
}

func TestWriteAuth(t *testing.T) {
	ts := writableServer(t, nil)
	off := writableServer(t, func(s *Server) { s.AdminToken = "" })
	doc := `{"id":"w1","text":"Nitish Kumar met Lalu Prasad in Patna."}`
	tests := []struct {
		name   string
		ts     *httptest.Server
		method string
		path   string
		token  string
		status int
		msg    string
	}{
		{"no token configured", off, "POST", "/api/docs", testToken, 403, "writes disabled"},
		{"no token configured, delete", off, "DELETE", "/api/docs/x", testToken, 403, "writes disabled"},
		{"missing token", ts, "POST", "/api/docs", "", 401, "bearer token"},
		{"wrong token", ts, "POST", "/api/docs", "s3cret-tokem", 401, "bearer token"},
		{"token prefix", ts, "POST", "/api/docs", "s3cret", 401, "bearer token"},
		{"wrong token, delete", ts, "DELETE", "/api/docs/" + seed000, "nope", 401, "bearer token"},
		{"right token", ts, "POST", "/api/docs", testToken, 200, `"indexed":1`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body, hdr := do(t, tc.method, tc.ts.URL+tc.path, tc.token, doc)
			if status != tc.status || !strings.Contains(string(body), tc.msg) {
				t.Errorf("%s %s = %d %s; want %d containing %q", tc.method, tc.path, status, body, tc.status, tc.msg)
			}
			if status == 401 && hdr.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
	// A refused write must have changed nothing.
	if status, _, _ := do(t, "GET", off.URL+"/api/docs/w1", "", ""); status != 404 {
		t.Errorf("w1 on the write-disabled server: %d, want 404", status)
	}
	if status, _, _ := do(t, "GET", ts.URL+"/api/docs/"+seed000, "", ""); status != 200 {
		t.Errorf("%s after an unauthorized delete: %d, want 200", seed000, status)
	}
}

func TestPostDocs(t *testing.T) {
	ts := writableServer(t, func(s *Server) { s.MaxBodyBytes = 4096; s.MaxDocBytes = 1024 })
	tests := []struct {
		name     string
		body     string
		status   int
		indexed  int
		rejected []Rejection
		visible  []string // ids a search must then find
	}{
		{"one document", `{"id":"one","title":"Kejriwal","text":"Arvind Kejriwal spoke in Delhi.","date":"2020-02-11"}`,
			200, 1, nil, []string{"one"}},
		{"pretty-printed document", "{\n  \"id\": \"pretty\",\n  \"text\": \"Mamata Banerjee in Kolkata\"\n}\n",
			200, 1, nil, []string{"pretty"}},
		{"JSON lines with bad ones", `{"id":"l1","text":"Yogi Adityanath in Lucknow"}` + "\n{nope\n" +
			`{"id":"l3","text":"No date","date":"yesterday"}` + "\n" + `{"id":"l4","text":"शिवसेना ने मुंबई में रैली की"}` + "\n",
			200, 2, []Rejection{{2, "invalid JSON at byte 2"}, {3, `unreadable date in field date: "yesterday"`}}, []string{"l1", "l4"}},
		{"all rejected", "{nope\n" + `{"id":7.5,"text":"x"}`, 400, 0,
			[]Rejection{{1, "invalid JSON"}, {2, "field id must be a string or an integer"}}, nil},
		{"empty body", "\n\n", 400, 0, nil, nil},
		{"record over the document limit", `{"id":"big","text":"` + strings.Repeat("x", 1100) + `"}` + "\n" + `{"id":"small","text":"Sharad Pawar"}`,
			200, 1, []Rejection{{1, "line longer than the limit of 1024 bytes"}}, []string{"small"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body, _ := do(t, "POST", ts.URL+"/api/docs", testToken, tc.body)
			var res WriteResult
			if err := json.Unmarshal(body, &res); err != nil {
				t.Fatalf("answer %s: %v", body, err)
			}
			if status != tc.status || res.Indexed != tc.indexed || len(res.Rejected) != len(tc.rejected) {
				t.Fatalf("= %d %s; want %d indexed %d rejected %d", status, body, tc.status, tc.indexed, len(tc.rejected))
			}
			for i, want := range tc.rejected {
				if got := res.Rejected[i]; got.Line != want.Line || !strings.Contains(got.Reason, want.Reason) {
					t.Errorf("rejected[%d] = %+v; want line %d containing %q", i, got, want.Line, want.Reason)
				}
			}
			if status == 400 && res.Error == "" {
				t.Errorf("400 without an error message: %s", body)
			}
			// Acknowledged means searchable, at once.
			for _, id := range tc.visible {
				if s, b, _ := do(t, "GET", ts.URL+"/api/docs/"+id, "", ""); s != 200 {
					t.Errorf("GET %s right after the ack: %d %s", id, s, b)
				}
			}
		})
	}
	status, body, _ := do(t, "POST", ts.URL+"/api/docs", testToken, strings.Repeat(`{"id":"g","text":"Lok Sabha"}`+"\n", 200))
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), "limit of 4096 bytes") {
		t.Errorf("oversized body = %d %s; want 413 naming the limit", status, body)
	}
	// A search, not just a lookup, must see a write at once.
	if s, b, _ := do(t, "GET", ts.URL+"/api/search?q=Kejriwal", "", ""); s != 200 || !strings.Contains(string(b), `"id":"one"`) {
		t.Errorf("search after write = %d %s; want hit one", s, b)
	}
}

func TestDeleteDoc(t *testing.T) {
	ts := writableServer(t, nil)
	tests := []struct {
		id     string
		status int
		body   string
	}{
		{seed001, 200, `{"deleted":"` + seed001 + `"}`},
		{seed001, 404, "no document with id " + seed001},
		{"never-was", 404, "no document with id never-was"},
	}
	for _, tc := range tests {
		status, body, _ := do(t, "DELETE", ts.URL+"/api/docs/"+tc.id, testToken, "")
		if status != tc.status || !strings.Contains(string(body), tc.body) {
			t.Errorf("DELETE %s = %d %s; want %d containing %s", tc.id, status, body, tc.status, tc.body)
		}
	}
	if status, _, _ := do(t, "GET", ts.URL+"/api/docs/"+seed001, "", ""); status != 404 {
		t.Errorf("GET deleted doc = %d, want 404", status)
	}
	_, b, _ := do(t, "GET", ts.URL+"/healthz", "", "")
	if !strings.Contains(string(b), `"documents":4`) {
		t.Errorf("healthz after delete = %s; want 4 documents", b)
	}
}

func TestDeadlineIs503(t *testing.T) {
	ts := writableServer(t, func(s *Server) { s.Timeout = time.Nanosecond })
	for _, path := range []string{"/api/search?q=modi", "/api/search?q=%E0%A4%AE%E0%A5%8B%E0%A4%A6%E0%A5%80&party=BJP", "/api/search"} {
		status, body, _ := do(t, "GET", ts.URL+path, "", "")
		if status != http.StatusServiceUnavailable || !strings.Contains(string(body), "took too long") {
			t.Errorf("GET %s with a 1ns deadline = %d %s; want 503 with a message", path, status, body)
		}
	}
}

func TestCORS(t *testing.T) {
	const origin = "https://news.example.org"
	with := writableServer(t, func(s *Server) { s.CORSOrigin = origin })
	without := writableServer(t, nil)
	tests := []struct {
		name   string
		ts     *httptest.Server
		method string
		path   string
		origin string
		want   string
	}{
		{"configured, API GET from the origin", with, "GET", "/api/search?q=modi", origin, origin},
		{"configured, doc GET from the origin", with, "GET", "/api/docs/" + seed000, origin, origin},
		{"configured, other origin", with, "GET", "/api/search?q=modi", "https://evil.example", ""},
		{"configured, page", with, "GET", "/", origin, ""},
		{"configured, write", with, "POST", "/api/docs", origin, ""},
		{"not configured", without, "GET", "/api/search?q=modi", origin, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, hdr := do(t, tc.method, tc.ts.URL+tc.path, testToken, `{"id":"c","text":"x"}`, "Origin", tc.origin)
			if got := hdr.Get("Access-Control-Allow-Origin"); got != tc.want {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseDocsBody(t *testing.T) {
	ctx := context.Background()
	docs, rej, err := ParseDocsBody(ctx, []byte("\uFEFF{\n\"id\": 12,\n\"text\": \"a\"\n}"), 0)
	if err != nil || len(docs) != 1 || docs[0].ID != "12" || len(rej) != 0 {
		t.Errorf("pretty document with BOM = %+v %v %v; want one doc id 12", docs, rej, err)
	}
	// Two pretty documents are neither one document nor JSON lines.
	_, rej, err = ParseDocsBody(ctx, []byte("{\"id\":\"a\",\n\"text\":\"x\"}\n{\"id\":\"b\",\n\"text\":\"y\"}"), 0)
	if err != nil || len(rej) != 4 {
		t.Errorf("two pretty documents: %d rejections, %v; want 4 (each line)", len(rej), err)
	}
}

// FuzzWriteBody checks that no POST /api/docs body can crash the parser, and
// that what it accepts is fit to index.
func FuzzWriteBody(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"Modi"}`))
	f.Add([]byte("{\n \"id\": 1,\n \"title\": \"t\"\n}"))
	f.Add([]byte("\uFEFF{\"id\":\"x\",\"body\":\"y\",\"date\":\"2019-01-02\"}\r\n{bad\n"))
	f.Add([]byte(`{"id":"z","text":"a\u0000b"}` + "\n" + `[1,2]` + "\n" + `{"id":true}`))
	f.Add([]byte("{\"id\":\"r\",\"text\":\"\xff\"}\n\n"))
	f.Add([]byte(strings.Repeat("[", 300)))
	f.Fuzz(func(t *testing.T, body []byte) {
		docs, rej, err := ParseDocsBody(context.Background(), body, 512)
		if err != nil {
			t.Fatalf("ParseDocsBody: %v", err)
		}
		lines := bytes.Count(body, []byte("\n")) + 1
		if len(docs)+len(rej) > lines {
			t.Errorf("%d docs + %d rejections from %d lines", len(docs), len(rej), lines)
		}
		for _, r := range rej {
			if r.Line < 1 || r.Line > lines || r.Reason == "" {
				t.Errorf("rejection %+v: bad line or no reason", r)
			}
		}
		for _, d := range docs {
			if strings.TrimSpace(d.ID) == "" || d.ID != strings.TrimSpace(d.ID) {
				t.Errorf("accepted id %q", d.ID)
			}
			for _, s := range []string{d.ID, d.Title, d.Body, d.URL, d.Source} {
				if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
					t.Errorf("accepted field %q: invalid UTF-8 or NUL", s)
				}
			}
		}
	})
}

// TestWriteUpdatesFacets checks that counts a search cached before a write
// are not served after it.
func TestWriteUpdatesFacets(t *testing.T) {
	ts := writableServer(t, nil)
	counts := func() (total, bjp int) {
		t.Helper()
		status, body, _ := do(t, "GET", ts.URL+"/api/search?lang=hi&lang=en&lang=mixed", "", "")
		if status != 200 {
			t.Fatalf("search: %d %s", status, body)
		}
		var res struct {
			Total  int `json:"total"`
			Facets struct {
				Parties []struct {
					Value string `json:"value"`
					Count int    `json:"count"`
				} `json:"parties"`
			} `json:"facets"`
		}
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		for _, p := range res.Facets.Parties {
			if p.Value == "BJP" {
				bjp = p.Count
			}
		}
		return res.Total, bjp
	}
	total0, bjp0 := counts()
	if again, _ := counts(); again != total0 { // the second call may come from the cache
		t.Fatalf("total changed without a write: %d then %d", total0, again)
	}
	for _, step := range []struct {
		method, path, body string
		total, bjp         int
	}{
		{"POST", "/api/docs", `{"id":"f1","text":"भाजपा ने लखनऊ में रैली की।"}`, total0 + 1, bjp0 + 1},
		{"DELETE", "/api/docs/f1", "", total0, bjp0},
	} {
		if status, body, _ := do(t, step.method, ts.URL+step.path, testToken, step.body); status != 200 {
			t.Fatalf("%s %s: %d %s", step.method, step.path, status, body)
		}
		if total, bjp := counts(); total != step.total || bjp != step.bjp {
			t.Errorf("after %s %s: total %d, BJP %d; want %d, %d", step.method, step.path, total, bjp, step.total, step.bjp)
		}
	}
}
