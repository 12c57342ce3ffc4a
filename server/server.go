// Package server holds the HTTP handlers of searchd: the JSON search API, the
// search page and the operators' endpoints.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/newsearch/bilingual/index"
)

// Server answers searchd's HTTP requests over one open index.
type Server struct {
	search *index.Searcher
	log    *slog.Logger
	auth   authLimiter // failed token attempts per client address
	// Timeout cuts off a search that runs longer; 0 means DefaultTimeout.
	Timeout time.Duration
	// IndexDir, when set, is the index directory whose size /metrics reports.
	IndexDir string
	// Writer, with AdminToken, enables POST /api/docs and DELETE /api/docs/{id};
	// without both they answer 403.
	Writer DocWriter
	// Backend, when set, answers searches and document look-ups instead of
	// the local index (cluster mode); nil means the local index.
	Backend Backend
	// Snapshots, when set, is what POST /api/admin/snapshot copies instead
	// of the local index (cluster mode: a shard); nil means the local index.
	Snapshots Snapshotter
	// AdminToken is the bearer token the write routes require.
	AdminToken string
	// MaxBodyBytes bounds a write request body; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// MaxDocBytes bounds one written record; 0 means articles.DefaultMaxDocBytes.
	MaxDocBytes int
	// MaxRecords bounds the records, good or bad, of one write request; 0
	// means DefaultMaxRecords.
	MaxRecords int
	// CORSOrigin, when set, is the one origin allowed to read GET /api/* from
	// a browser; empty means no CORS headers at all.
	CORSOrigin string
	// LogQueries puts query strings (what people searched for, which can
	// be sensitive) in the access and error logs; off, only paths are logged.
	LogQueries bool
	// SnapshotDir is where POST /api/admin/snapshot writes copies of the
	// index; empty refuses snapshots.
	SnapshotDir string
	snapshots   sync.Mutex // held by the snapshot being taken: one at a time
}

// DefaultTimeout is the per-request search deadline.
const DefaultTimeout = 10 * time.Second

// New returns a server over s that logs to log.
func New(s *index.Searcher, log *slog.Logger) *Server {
	return &Server{search: s, log: log}
}

// Handler returns the routes, /metrics among them, wrapped in panic recovery
// and access logging.
func (s *Server) Handler() http.Handler {
	h, _ := s.handlers(true)
	return h
}

// SplitHandlers returns the routes without /metrics and, apart, a handler of
// /metrics alone, for keeping the operators' numbers off the public address
// (searchd --metrics-addr); the metrics count the routes' requests all the
// same.
func (s *Server) SplitHandlers() (routes, metrics http.Handler) {
	return s.handlers(false)
}

func (s *Server) handlers(withMetrics bool) (routes, metrics http.Handler) {
	mux, m := s.routes(withMetrics)
	alone := http.NewServeMux()
	alone.Handle("GET /metrics", m.handler())
	return m.instrument(s.recoverer(s.logged(s.cors(mux)))), s.recoverer(alone)
}

// routes registers every route, and /metrics when withMetrics is set.
func (s *Server) routes(withMetrics bool) (*routeMux, *metrics) {
	mux := &routeMux{ServeMux: http.NewServeMux()}
	mux.HandleFunc("GET /api/openapi.json", handleOpenAPI)
	mux.HandleFunc("GET /api/search", s.handleSearch)
	mux.HandleFunc("GET /api/docs/{id}", s.handleDoc)
	mux.HandleFunc("GET /api/docs/{id}/duplicates", s.handleDuplicates)
	mux.HandleFunc("GET /api/facets/{facet}", s.handleFacet)
	mux.HandleFunc("GET /api/export", s.handleExport)
	mux.HandleFunc("GET /feed", s.handleFeed)
	mux.HandleFunc("GET /healthz", s.handleHealth)
	s.adminRoutes(mux)
	page := s.newPage()
	mux.Handle("GET /{$}", page)
	mux.Handle("GET /articles/{id}", s.newArticlePage())
	mux.Handle("GET /static/", page.static())
	m := s.newMetrics()
	if withMetrics {
		mux.Handle("GET /metrics", m.handler())
	}
	return mux, m
}

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	v, err := ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	req, err := ParseSearch(v)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	ctx, cancel := s.deadline(r.Context())
	defer cancel()
	res, err := s.backend().Search(ctx, req)
	if err != nil {
		s.searchFailed(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) handleDoc(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := s.deadline(r.Context())
	defer cancel()
	doc, ok, err := s.backend().Document(ctx, r.PathValue("id"))
	if err != nil {
		s.searchFailed(w, r, err)
		return
	}
	if !ok {
		writeError(w, http.StatusNotFound, errors.New("no document with id "+r.PathValue("id")))
		return
	}
	writeJSON(w, http.StatusOK, doc)
}

func (s *Server) handleFacet(w http.ResponseWriter, r *http.Request) {
	facet := r.PathValue("facet")
	if facet != index.FacetPeople && facet != index.FacetParties {
		writeError(w, http.StatusNotFound, errors.New("no facet "+facet+": want people or parties"))
		return
	}
	v, err := ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	for k := range v {
		if k != "prefix" {
			writeError(w, http.StatusBadRequest, paramErr(k, "unknown parameter"))
			return
		}
	}
	prefix := v.Get("prefix")
	if !utf8.ValidString(prefix) || len(prefix) > MaxQueryBytes {
		writeError(w, http.StatusBadRequest, paramErr("prefix", "not valid UTF-8 or too long"))
		return
	}
	ctx, cancel := s.deadline(r.Context())
	defer cancel()
	vals, err := s.search.Suggest(ctx, facet, prefix)
	if err != nil {
		s.searchFailed(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"facet": facet, "prefix": prefix, "values": vals})
}

// handleHealth answers 200 while searches are served: status "ok", or
// "read-only" with the reason while writes are refused after a failed one
// (searches still work); and 503 "unavailable" when the index is closed.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	h := s.search.Health()
	n, err := s.search.DocCount()
	if err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "error": err.Error()})
		return
	}
	ans := map[string]any{"status": "ok", "documents": n}
	if f := h.Fault; f != nil {
		ans["status"], ans["reason"], ans["since"] = "read-only", f.Reason, f.Since.UTC().Format(time.RFC3339)
	}
	writeJSON(w, http.StatusOK, ans)
}

func (s *Server) deadline(ctx context.Context) (context.Context, context.CancelFunc) {
	d := s.Timeout
	if d <= 0 {
		d = DefaultTimeout
	}
	return context.WithTimeout(ctx, d)
}

// searchFailed answers an index error: a deadline is the client's 503, not a
// server fault worth a 500.
func (s *Server) searchFailed(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.DeadlineExceeded) {
		writeError(w, http.StatusServiceUnavailable, errors.New("search took too long and was cut off"))
		return
	}
	if errors.Is(err, index.ErrIndexUnavailable) {
		writeError(w, http.StatusServiceUnavailable, index.ErrIndexUnavailable)
		return
	}
	s.log.Error("search failed", "path", r.URL.Path, "query", s.loggedQuery(r), "err", err)
	writeError(w, http.StatusInternalServerError, errors.New("internal error"))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, map[string]string{"error": err.Error()})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection, as the write
// route does to extend its deadlines.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// loggedQuery is the query string as logs may show it: only with
// LogQueries, since a journalist's searches are sensitive.
func (s *Server) loggedQuery(r *http.Request) string {
	if !s.LogQueries {
		return ""
	}
	return r.URL.RawQuery
}

func (s *Server) logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		began := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "query", s.loggedQuery(r),
			"status", sw.status, "ms", float64(time.Since(began).Microseconds())/1000)
	})
}

// recoverer turns a handler panic into a logged 500 so one bad request cannot
// take the service down.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic in handler", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				writeError(w, http.StatusInternalServerError, errors.New("internal error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}
