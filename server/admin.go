package server

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/index"
)

// DefaultMaxBodyBytes bounds a POST /api/docs body when Server.MaxBodyBytes is 0.
const DefaultMaxBodyBytes = 64 << 20

// Rejection is one record of a POST /api/docs body that was not indexed.
type Rejection struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// WriteResult is the answer to POST /api/docs, and what the indexer's
// --server mode decodes, so both ends share one definition of the wire format.
// Error is the reason when nothing was indexed; the other error answers
// (401, 403, 413, 500, 503, 507) carry only it, and Applied when the write
// was tried and failed.
type WriteResult struct {
	Indexed  int         `json:"indexed"`
	Rejected []Rejection `json:"rejected"`
	Error    string      `json:"error,omitempty"`
	// Applied, on a failed write, says whether it is in the index after all:
	// false means certainly not; absent on a 503/507 means unknown.
	Applied *bool `json:"applied,omitempty"`
}

// adminRoutes adds the write API; it answers 403 when no token is set, so a
// client learns writes are off rather than that the route does not exist.
func (s *Server) adminRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/docs", s.authorized(s.handlePostDocs))
	mux.HandleFunc("DELETE /api/docs/{id}", s.authorized(s.handleDeleteDoc))
}

// authorized lets a request through only with the configured bearer token.
func (s *Server) authorized(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.AdminToken == "" || s.Writer == nil {
			writeError(w, http.StatusForbidden, errors.New("writes disabled: start searchd with --admin-token or SEARCHD_ADMIN_TOKEN"))
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		// ConstantTimeCompare keeps the comparison from leaking how much of a
		// guessed token was right.
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.AdminToken)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="searchd"`)
			writeError(w, http.StatusUnauthorized, errors.New("missing or wrong bearer token"))
			return
		}
		next(w, r)
	}
}

func (s *Server) handlePostDocs(w http.ResponseWriter, r *http.Request) {
	limit := s.MaxBodyBytes
	if limit <= 0 {
		limit = DefaultMaxBodyBytes
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			writeError(w, http.StatusRequestEntityTooLarge,
				fmt.Errorf("request body is larger than the limit of %d bytes: send fewer documents per request", mb.Limit))
			return
		}
		writeError(w, http.StatusBadRequest, fmt.Errorf("read request body: %w", err))
		return
	}
	docs, rejected, err := ParseDocsBody(r.Context(), body, s.MaxDocBytes)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	res := WriteResult{Rejected: rejected}
	if len(docs) == 0 {
		res.Error = "no document accepted"
		if len(rejected) == 0 {
			res.Error = "empty body: want one JSON document or JSON lines"
		}
		writeJSON(w, http.StatusBadRequest, res)
		return
	}
	if err := s.Writer.Write(r.Context(), docs); err != nil {
		s.log.Error("write failed", "documents", len(docs), "err", err)
		status, msg, applied := writeFailure(w, err)
		writeJSON(w, status, WriteResult{Rejected: rejected, Error: msg, Applied: applied})
		return
	}
	res.Indexed = len(docs)
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) handleDeleteDoc(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ok, err := s.Writer.Delete(r.Context(), id)
	if err != nil {
		s.log.Error("delete failed", "id", id, "err", err)
		status, msg, applied := writeFailure(w, err)
		writeJSON(w, status, map[string]any{"error": "delete " + id + ": " + msg, "applied": applied})
		return
	}
	if !ok {
		writeError(w, http.StatusNotFound, errors.New("no document with id "+id))
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"deleted": id})
}

// writeFailure maps a failed write or delete to its answer: 507 while the
// disk is full, 503 while another write error lasts (both with Retry-After),
// 500 otherwise; with a reason a client can act on and whether the write was
// applied (nil: unknown). A write that failed before it was tried was not.
func writeFailure(w http.ResponseWriter, err error) (status int, msg string, applied *bool) {
	notApplied := new(bool)
	retryAfter := strconv.Itoa(int(math.Ceil(index.WriteRetryInterval.Seconds())))
	var we *index.WriteError
	switch {
	case errors.As(err, &we):
		status = http.StatusServiceUnavailable
		if we.DiskFull {
			status = http.StatusInsufficientStorage
		}
		w.Header().Set("Retry-After", retryAfter)
		msg = "index is read-only: " + we.Reason + "; "
		if we.MaybeApplied {
			return status, msg + "the write may or may not have been applied: check before retrying", nil
		}
		return status, msg + "nothing was written; retry later", notApplied
	case errors.Is(err, index.ErrIndexUnavailable):
		w.Header().Set("Retry-After", retryAfter)
		return http.StatusServiceUnavailable, err.Error() + "; nothing was written", notApplied
	}
	return http.StatusInternalServerError, "write failed: nothing was written", notApplied
}

// ParseDocsBody reads a POST /api/docs body: one JSON document (which may
// span lines) or JSON lines, each validated as the indexer's reader does.
// Bad records come back as rejections and do not stop the good ones; maxDoc
// bounds a record (0 means articles.DefaultMaxDocBytes).
func ParseDocsBody(ctx context.Context, body []byte, maxDoc int) ([]articles.Document, []Rejection, error) {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\uFEFF")))
	if bytes.IndexByte(trimmed, '\n') >= 0 && trimmed[0] == '{' && json.Valid(trimmed) {
		// A single pretty-printed document: fold it onto one line so the
		// line-oriented reader takes it whole.
		var one bytes.Buffer
		if err := json.Compact(&one, trimmed); err == nil {
			body = one.Bytes()
		}
	}
	var docs []articles.Document
	rejected := []Rejection{}
	_, err := articles.Reader{MaxDocBytes: maxDoc}.ReadStream(ctx, "body", bytes.NewReader(body),
		func(rec articles.Record) error {
			docs = append(docs, rec.Doc)
			return nil
		},
		func(p articles.Problem) { rejected = append(rejected, Rejection{Line: p.Line, Reason: p.Reason}) })
	if err != nil {
		return nil, nil, fmt.Errorf("read body: %w", err)
	}
	return docs, rejected, nil
}

// cors answers cross-origin GET /api/* requests from the one configured
// origin; with none configured the API stays same-origin only.
func (s *Server) cors(next http.Handler) http.Handler {
	if s.CORSOrigin == "" {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method == http.MethodGet || r.Method == http.MethodHead) && strings.HasPrefix(r.URL.Path, "/api/") {
			w.Header().Add("Vary", "Origin")
			if r.Header.Get("Origin") == s.CORSOrigin {
				w.Header().Set("Access-Control-Allow-Origin", s.CORSOrigin)
			}
		}
		next.ServeHTTP(w, r)
	})
}
