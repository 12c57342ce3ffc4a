package server

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/entities"
	"github.com/newsearch/bilingual/index"
)

// Seed ids, from testdata/seeds.
const (
	seed000 = "000_a40097178b98bcf5"
	seed001 = "001_86d224ccf8681ea8"
	seed002 = "002_884ef39863f3952b"
	seed003 = "003_14abfe42ffc44221"
	seed004 = "004_96cd61e10502fc97"
)

// seedHandler indexes testdata/seeds into a temporary index and returns a
// Server over it with writes off; tests may set its options.
func seedHandler(tb testing.TB) *Server {
	tb.Helper()
	ctx := context.Background()
	dir := filepath.Join(tb.TempDir(), "idx")
	idx, err := index.OpenWritable(dir, index.BuildOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { idx.Close() })
	gaz, err := entities.Load()
	if err != nil {
		tb.Fatal(err)
	}
	var docs []articles.Document
	st, err := articles.Reader{}.Read(ctx, []string{"../testdata/seeds"}, func(r articles.Record) error {
		docs = append(docs, r.Doc)
		return nil
	}, func(p articles.Problem) { tb.Errorf("seed problem: %s", p) })
	if err != nil || st.Records != 5 {
		tb.Fatalf("read seeds: %d records, err %v", st.Records, err)
	}
	ext := entities.NewExtractor(gaz)
	if err := index.NewWriter(idx, ext, nil).Write(ctx, docs); err != nil {
		tb.Fatal(err)
	}
	// Only the embedded lexicon: results must not depend on whether Debian's
	// FreeDict happens to be installed.
	s, err := index.NewSearcher(idx, gaz, ext, index.SearchConfig{Freedict: index.NoFreedict})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	srv := New(s, slog.New(slog.NewTextHandler(io.Discard, nil)))
	srv.IndexDir = dir
	return srv
}

// seedServer serves seedHandler's server on a loopback port.
func seedServer(t *testing.T) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(seedHandler(t).Handler())
	t.Cleanup(ts.Close)
	return ts
}

func get(t *testing.T, ts *httptest.Server, path string) (int, []byte) {
	t.Helper()
	res, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, body
}

func search(t *testing.T, ts *httptest.Server, params url.Values) index.Response {
	t.Helper()
	code, body := get(t, ts, "/api/search?"+params.Encode())
	if code != http.StatusOK {
		t.Fatalf("search %v: status %d: %s", params, code, body)
	}
	var r index.Response
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("search %v: %v", params, err)
	}
	return r
}

func ids(r index.Response) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

func TestSearchSeeds(t *testing.T) {
	ts := seedServer(t)
	tests := []struct {
		name     string
		params   url.Values
		first    string   // expected first hit, if set
		contains []string // hits that must be present
		exactly  []string // the whole hit list, if set
	}{
		// All four English seeds say "resignation" (checked with grep); 004 in "joint resignation letter".
		{"english term", url.Values{"q": {"resignation"}}, "", []string{seed000, seed001, seed003, seed004}, nil},
		{"hindi oblique form", url.Values{"q": {"इस्तीफे"}}, seed002, nil, nil},
		{"hindi nukta spelling", url.Values{"q": {"इस्तीफ़ा"}}, seed002, nil, nil},
		{"hindi direct form", url.Values{"q": {"इस्तीफा"}}, seed002, nil, nil},
		{"hindi name", url.Values{"q": {"गहलोत"}}, seed002, nil, nil},
		{"english name", url.Values{"q": {"Scindia"}}, seed001, nil, nil},
		{"english tweet inside hindi article", url.Values{"q": {"Gehlot"}}, seed002, nil, nil},
		{"date range 2024", url.Values{"from": {"2024-01-01"}, "to": {"2024-12-31"}}, "", nil, []string{seed003}},
		// 001's and 002's dates are inferred from their text (2019); 002 says
		// इस्तीफा, the translation of resignation.
		{"date range 2019 with query", url.Values{"q": {"resignation"}, "from": {"2019-01-01"}, "to": {"2019-12-31"}, "sort": {"date"}}, "", nil, []string{seed000, seed001, seed002}},
		{"lang filter", url.Values{"lang": {"hi"}}, "", nil, []string{seed002}},
		{"empty query matches all", url.Values{}, "", []string{seed000, seed001, seed002, seed003, seed004}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := search(t, ts, tc.params)
			got := ids(r)
			if tc.first != "" && (len(got) == 0 || got[0] != tc.first) {
				t.Errorf("first hit = %v, want %s", got, tc.first)
			}
			for _, id := range tc.contains {
				if !slices.Contains(got, id) {
					t.Errorf("hits %v lack %s", got, id)
				}
			}
			if tc.exactly != nil && !slices.Equal(got, tc.exactly) {
				t.Errorf("hits = %v, want %v", got, tc.exactly)
			}
			if int(r.Total) != len(got) {
				t.Errorf("total %d, but %d hits on one page", r.Total, len(got))
			}
		})
	}
}

func TestSnippetsMarkMatches(t *testing.T) {
	ts := seedServer(t)
	for _, q := range []string{"resignation", "इस्तीफे", "Scindia"} {
		r := search(t, ts, url.Values{"q": {q}})
		if len(r.Hits) == 0 {
			t.Fatalf("%s: no hits", q)
		}
		for _, h := range r.Hits {
			if !strings.Contains(h.Snippet, "<mark>") {
				t.Errorf("%s: hit %s snippet has no <mark>: %q", q, h.ID, h.Snippet)
			}
		}
	}
	// The Hindi article's snippet marks the inflected form the text uses.
	r := search(t, ts, url.Values{"q": {"इस्तीफा"}})
	if !strings.Contains(r.Hits[0].Snippet, "<mark>इस्तीफ") {
		t.Errorf("snippet %q does not mark इस्तीफा", r.Hits[0].Snippet)
	}
}

func TestHitFields(t *testing.T) {
	ts := seedServer(t)
	r := search(t, ts, url.Values{"q": {"Patole"}})
	if len(r.Hits) == 0 || r.Hits[0].ID != seed000 {
		t.Fatalf("hits %v, want %s first", ids(r), seed000)
	}
	h := r.Hits[0]
	if h.Date != "2019-06-29" || h.Lang != "en" {
		t.Errorf("date %q lang %q, want 2019-06-29 en", h.Date, h.Lang)
	}
	if r.Query.Script != "latin" {
		t.Errorf("script %q, want latin", r.Query.Script)
	}
	if r.Facets == nil {
		t.Error("facets is null, want an object")
	}
	r = search(t, ts, url.Values{"q": {"राहुल"}})
	if r.Query.Script != "devanagari" {
		t.Errorf("script %q, want devanagari", r.Query.Script)
	}
}

func TestSortAndPaging(t *testing.T) {
	ts := seedServer(t)
	// Dates: 003 2024-03-22, 002 2019-07-01 (inferred), 000 and 001 2019-06-29
	// (001 inferred; ties go by id), 004 undated and so last either way.
	r := search(t, ts, url.Values{"sort": {"-date"}})
	if got, want := ids(r), []string{seed003, seed002, seed000, seed001, seed004}; !slices.Equal(got, want) {
		t.Errorf("-date order %v, want %v", got, want)
	}
	r = search(t, ts, url.Values{"sort": {"date"}})
	if got, want := ids(r), []string{seed000, seed001, seed002, seed003, seed004}; !slices.Equal(got, want) {
		t.Errorf("date order %v, want %v", got, want)
	}
	all := ids(search(t, ts, url.Values{"q": {"resignation"}}))
	page := ids(search(t, ts, url.Values{"q": {"resignation"}, "size": {"2"}, "offset": {"1"}}))
	if !slices.Equal(page, all[1:3]) {
		t.Errorf("size=2 offset=1 gave %v, want %v", page, all[1:3])
	}
}

func TestBadParameters(t *testing.T) {
	ts := seedServer(t)
	tests := []struct{ query, param string }{
		{"size=abc", "size"},
		{"size=-1", "size"}, // size=0 asks for counts only (issue 14)
		{"facet_size=501", "facet_size"},
		{"from=2019-1", "from"},
		{"source=", "source"},
		{"place=+", "place"},
		{"size=101", "size"},
		{"offset=-1", "offset"},
		{"offset=10001", "offset"},
		{"lang=fr", "lang"},
		{"from=2019-13-01", "from"},
		{"from=1677-01-01", "from"},
		{"to=9999-12-31", "to"},
		{"to=yesterday", "to"},
		{"from=2020-01-02&to=2020-01-01", "to"},
		{"sort=score", "sort"},
		{"colour=red", "colour"},
		{"q=a&q=b", "q"},
		{"q=" + strings.Repeat("x", MaxQueryBytes+1), "q"},
		{"q=%ff", "q"},
	}
	for _, tc := range tests {
		code, body := get(t, ts, "/api/search?"+tc.query)
		if code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", tc.query[:min(len(tc.query), 30)], code)
			continue
		}
		var e struct{ Error string }
		if err := json.Unmarshal(body, &e); err != nil || !strings.Contains(e.Error, tc.param) {
			t.Errorf("%s: error %q does not name %s", tc.query[:min(len(tc.query), 30)], body, tc.param)
		}
	}
}

func TestDocsAndHealth(t *testing.T) {
	ts := seedServer(t)
	code, body := get(t, ts, "/api/docs/"+seed002)
	if code != http.StatusOK || !strings.Contains(string(body), "गहलोत") {
		t.Errorf("doc %s: status %d body %.80s", seed002, code, body)
	}
	if code, _ := get(t, ts, "/api/docs/nope"); code != http.StatusNotFound {
		t.Errorf("unknown doc: status %d, want 404", code)
	}
	if code, _ := get(t, ts, "/healthz"); code != http.StatusOK {
		t.Errorf("healthz: status %d", code)
	}
}

func TestPanicBecomes500(t *testing.T) {
	s := &Server{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	h := s.recoverer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != http.StatusInternalServerError || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("status %d body %q: want a 500 that does not leak the panic", rec.Code, rec.Body.String())
	}
}
