package server

import (
	"errors"
	"io/fs"
	"math"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the operators' counters, kept in a registry owned by one
// handler so that tests and several servers in one process never share them.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func (s *Server) newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "searchd",
			Name:      "http_requests_total",
			Help:      "HTTP requests answered, by route pattern and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "searchd",
			Name:      "http_request_duration_seconds",
			Help:      "Time to answer an HTTP request, by route pattern.",
			Buckets:   []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
	}
	m.reg.MustRegister(
		m.requests,
		m.latency,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Namespace: "searchd",
			Name:      "index_documents",
			Help:      "Documents in the open index.",
		}, func() float64 {
			n, err := s.search.DocCount()
			if err != nil {
				return math.NaN()
			}
			return float64(n)
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Namespace: "searchd",
			Name:      "write_failures_total",
			Help:      "Writes and deletions the index failed to persist (disk full, no file handles, ...).",
		}, func() float64 { return float64(s.search.Health().WriteFailures) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Namespace: "searchd",
			Name:      "index_read_only",
			Help:      "1 while writes are refused after a failed one, else 0.",
		}, func() float64 {
			if s.search.Health().Fault != nil {
				return 1
			}
			return 0
		}),
		counter("facet_cache_hits_total", "Searches whose facet counts came from the cache.",
			func() uint64 { hits, _ := s.search.FacetCacheStats(); return hits }),
		counter("facet_cache_misses_total", "Searches that counted their facets.",
			func() uint64 { _, misses := s.search.FacetCacheStats(); return misses }),
		counter("kept_pages_total", "Searches answered with a page kept from the same search before.",
			func() uint64 { kept, _ := s.search.ReuseStats(); return kept }),
		counter("narrowed_searches_total", "Filtered searches counted from the cached matches of the same search without filters.",
			func() uint64 { _, narrowed := s.search.ReuseStats(); return narrowed }),
	)
	if dir := s.IndexDir; dir != "" {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Namespace: "searchd",
			Name:      "index_size_bytes",
			Help:      "Bytes the index takes on disk.",
		}, func() float64 {
			n, err := dirSize(dir)
			if err != nil {
				s.log.Warn("index size", "dir", dir, "err", err)
				return math.NaN()
			}
			return float64(n)
		}))
	}
	return m
}

// handler serves the registry in the Prometheus text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// instrument counts every request by the route pattern that served it; the
// pattern, not the path, keeps the label set small whatever clients send.
func (m *metrics) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		began := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		route := routeLabel(r.Pattern)
		m.requests.WithLabelValues(route, strconv.Itoa(sw.status)).Inc()
		m.latency.WithLabelValues(route).Observe(time.Since(began).Seconds())
	})
}

// routeLabel turns a ServeMux pattern such as "GET /api/docs/{id}" into the
// route label "/api/docs/{id}"; requests no route matched share one label.
func routeLabel(pattern string) string {
	if pattern == "" {
		return "unmatched"
	}
	if i := strings.IndexByte(pattern, ' '); i >= 0 {
		pattern = pattern[i+1:]
	}
	if p := strings.TrimSuffix(pattern, "{$}"); p != "" {
		return p
	}
	return pattern
}

// dirSize sums the regular files under dir. Files that vanish while it walks
// (the index merges segments in the background) are not an error.
func dirSize(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path != dir {
				return nil
			}
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		total += info.Size()
		return nil
	})
	return total, err
}

// counter is a searchd counter that read reports.
func counter(name, help string, read func() uint64) prometheus.CounterFunc {
	return prometheus.NewCounterFunc(prometheus.CounterOpts{Namespace: "searchd", Name: name, Help: help},
		func() float64 { return float64(read()) })
}
