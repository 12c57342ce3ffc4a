package server

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

func scrape(t *testing.T, ts *httptest.Server) map[string]*dto.MetricFamily {
	t.Helper()
	res, err := http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: status %d", res.StatusCode)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(res.Body)
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	return fams
}

// labeled returns the metric of fam whose labels include all of want.
func labeled(fam *dto.MetricFamily, want map[string]string) *dto.Metric {
	if fam == nil {
		return nil
	}
	for _, m := range fam.GetMetric() {
		n := 0
		for _, l := range m.GetLabel() {
			if v, ok := want[l.GetName()]; ok && v == l.GetValue() {
				n++
			}
		}
		if n == len(want) {
			return m
		}
	}
	return nil
}

func TestMetrics(t *testing.T) {
	srv := seedHandler(t)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	const searches = 3
	for range searches {
		if code, _ := get(t, ts, "/api/search?q=resignation"); code != http.StatusOK {
			t.Fatalf("search status %d", code)
		}
	}
	if code, _ := get(t, ts, "/api/search?size=abc"); code != http.StatusBadRequest {
		t.Fatalf("bad search status %d", code)
	}
	if code, _ := get(t, ts, "/no/such/page"); code != http.StatusNotFound {
		t.Fatalf("unknown path status %d", code)
	}
	get(t, ts, "/?q=x")
	if code, _ := get(t, ts, "/api/search?q=resignation&lang=en"); code != http.StatusOK {
		t.Fatalf("filtered search status %d", code)
	}
	fams := scrape(t, ts)

	reqs := fams["searchd_http_requests_total"]
	for _, tt := range []struct {
		route, code string
		min         float64
	}{
		{"/api/search", "200", searches},
		{"/api/search", "400", 1},
		{"unmatched", "404", 1},
		{"/", "200", 1},
	} {
		m := labeled(reqs, map[string]string{"route": tt.route, "code": tt.code})
		if m == nil {
			t.Errorf("no request counter for route %s code %s", tt.route, tt.code)
			continue
		}
		if got := m.GetCounter().GetValue(); got < tt.min {
			t.Errorf("requests{route=%s,code=%s} = %v, want ≥ %v", tt.route, tt.code, got, tt.min)
		}
	}
	lat := labeled(fams["searchd_http_request_duration_seconds"], map[string]string{"route": "/api/search"})
	if lat == nil || lat.GetHistogram().GetSampleCount() < searches+1 {
		t.Errorf("latency histogram for /api/search: %v, want ≥ %d samples", lat, searches+1)
	}
	docs := fams["searchd_index_documents"]
	if docs == nil || len(docs.GetMetric()) != 1 || docs.GetMetric()[0].GetGauge().GetValue() != 5 {
		t.Errorf("searchd_index_documents = %v, want 5", docs)
	}
	// The same search three times: counted once, then twice from the cache.
	if h := fams["searchd_facet_cache_hits_total"]; h == nil || h.GetMetric()[0].GetCounter().GetValue() < searches-1 {
		t.Errorf("searchd_facet_cache_hits_total = %v, want ≥ %d", h, searches-1)
	}
	// The repeats read the first search's page; the filtered search narrowed its matches.
	for name, want := range map[string]float64{"searchd_kept_pages_total": searches - 1, "searchd_narrowed_searches_total": 1} {
		if c := fams[name]; c == nil || c.GetMetric()[0].GetCounter().GetValue() != want {
			t.Errorf("%s = %v, want %v", name, c, want)
		}
	}
	size := fams["searchd_index_size_bytes"]
	if size == nil || size.GetMetric()[0].GetGauge().GetValue() <= 0 {
		t.Errorf("searchd_index_size_bytes = %v, want > 0", size)
	}
}

func TestRouteLabel(t *testing.T) {
	for in, want := range map[string]string{
		"GET /api/search":    "/api/search",
		"GET /api/docs/{id}": "/api/docs/{id}",
		"GET /{$}":           "/",
		"GET /static/":       "/static/",
		"":                   "unmatched",
	} {
		if got := routeLabel(in); got != want {
			t.Errorf("routeLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDirSize(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, n := range map[string]int{"a": 10, "sub/b": 32} {
		if err := os.WriteFile(filepath.Join(dir, name), make([]byte, n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := dirSize(dir)
	if err != nil || got != 42 {
		t.Errorf("dirSize = %d, %v; want 42", got, err)
	}
	if _, err := dirSize(filepath.Join(dir, "missing")); err == nil {
		t.Error("dirSize of a missing directory: no error")
	}
}
