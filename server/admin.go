package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

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
// Error is the reason when the request failed, in whole or, after some
// batches were indexed, in part (Indexed says how many); the answers refused
// before any record is read (401, 403, 413 by Content-Length) carry only it;
// a failed write (500, 503, 507) says in Applied whether it was applied.
type WriteResult struct {
	Indexed  int         `json:"indexed"`
	Rejected []Rejection `json:"rejected"`
	Error    string      `json:"error,omitempty"`
	// Applied, on a failed write, says whether its failed batch is in the
	// index after all: false means certainly not; absent on a 503/507
	// means unknown.
	Applied *bool `json:"applied,omitempty"`
}

// adminRoutes adds the write API; it answers 403 when no token is set, so a
// client learns writes are off rather than that the route does not exist.
func (s *Server) adminRoutes(mux *routeMux) {
	mux.HandleFunc("POST /api/docs", s.authorized(s.handlePostDocs))
	mux.HandleFunc("DELETE /api/docs/{id}", s.authorized(s.handleDeleteDoc))
	mux.HandleFunc("POST /api/admin/snapshot", s.authorized(s.handleSnapshot))
}

// authorized lets a request through only with the configured bearer token.
// Failed attempts are slowed per client address (authlimit.go), never for
// everyone.
func (s *Server) authorized(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.AdminToken == "" || s.Writer == nil {
			writeError(w, http.StatusForbidden, errors.New("writes disabled: start searchd with --admin-token or SEARCHD_ADMIN_TOKEN"))
			return
		}
		addr := clientAddr(r)
		if ok, wait := s.auth.allow(addr, time.Now()); !ok {
			secs := int((wait + time.Second - 1) / time.Second) // rounded up
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			writeError(w, http.StatusTooManyRequests,
				fmt.Errorf("too many failed token attempts from %s: retry in %d s", addr, secs))
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		// ConstantTimeCompare keeps the comparison from leaking how much of a
		// guessed token was right.
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.AdminToken)) != 1 {
			s.auth.failed(addr, time.Now())
			pause(r.Context(), failedAuthDelay)
			w.Header().Set("WWW-Authenticate", `Bearer realm="searchd"`)
			writeError(w, http.StatusUnauthorized, errors.New("missing or wrong bearer token"))
			return
		}
		next(w, r)
	}
}

// handlePostDocs indexes a body's documents batch by batch as it reads them,
// so a request costs the memory of one batch whatever its size. Each batch is
// acknowledged only once persisted, and every answer, error or not, says how
// many documents were indexed.
func (s *Server) handlePostDocs(w http.ResponseWriter, r *http.Request) {
	limit := s.MaxBodyBytes
	if limit <= 0 {
		limit = DefaultMaxBodyBytes
	}
	if r.ContentLength > limit {
		// Refused before a byte is read or indexed.
		w.Header().Set("Connection", "close")
		writeError(w, http.StatusRequestEntityTooLarge, bodyTooLarge(limit))
		return
	}
	maxRecords := s.MaxRecords
	if maxRecords <= 0 {
		maxRecords = DefaultMaxRecords
	}
	rc := http.NewResponseController(w)
	res := WriteResult{}
	var failed error // the write that failed, if one did
	st, err := streamDocs(r.Context(), http.MaxBytesReader(w, r.Body, limit),
		docLimits{maxDoc: s.MaxDocBytes, maxRecords: maxRecords, batchDocs: writeBatchDocs, batchBytes: writeBatchBytes},
		func(docs []articles.Document) error {
			if err := s.writeDocs(r.Context(), docs); err != nil {
				failed = err
				return err
			}
			res.Indexed += len(docs)
			extendDeadlines(rc)
			return nil
		})
	res.Rejected = st.rejected
	extendDeadlines(rc) // the answer must get out however long the batches took
	var mb *http.MaxBytesError
	switch {
	case failed != nil:
		s.writeFailed(w, res, st.flushed, failed)
	case errors.As(st.readErr, &mb):
		res.Error = bodyTooLarge(mb.Limit).Error() + indexedSoFar(res.Indexed, st.flushed)
		w.Header().Set("Connection", "close") // the rest of the body is not read
		writeJSON(w, http.StatusRequestEntityTooLarge, res)
	case errors.Is(err, errTooManyRecords):
		res.Error = fmt.Sprintf("more than %d records in one request (the limit, --max-records)%s; send the rest in another request",
			maxRecords, indexedSoFar(res.Indexed, st.flushed))
		w.Header().Set("Connection", "close")
		writeJSON(w, http.StatusRequestEntityTooLarge, res)
	case st.readErr != nil || err != nil:
		res.Error = fmt.Sprintf("read request body: %v%s", errors.Join(st.readErr, err), indexedSoFar(res.Indexed, st.flushed))
		writeJSON(w, http.StatusBadRequest, res)
	case res.Indexed == 0:
		res.Error = "no document accepted"
		if len(res.Rejected) == 0 {
			res.Error = "empty body: want one JSON document or JSON lines"
		}
		writeJSON(w, http.StatusBadRequest, res)
	default:
		writeJSON(w, http.StatusOK, res)
	}
}

// writeDocs is where the write route persists a batch: the one call of the
// index writer, so that how a failed write is handled lives in one place.
func (s *Server) writeDocs(ctx context.Context, docs []articles.Document) error {
	return s.Writer.Write(ctx, docs)
}

// writeFailed answers a request whose batch could not be written; res says
// how many documents earlier batches of it indexed, through body line line.
func (s *Server) writeFailed(w http.ResponseWriter, res WriteResult, line int, err error) {
	s.log.Error("write failed", "indexed", res.Indexed, "err", err)
	status, msg, applied := writeFailure(w, err)
	res.Error, res.Applied = msg, applied
	if res.Indexed > 0 {
		res.Error = msg + indexedSoFar(res.Indexed, line) + "; the rest is not acknowledged"
	}
	writeJSON(w, status, res)
}

// bodyTooLarge is the 413 reason for a body over limit bytes.
func bodyTooLarge(limit int64) error {
	return fmt.Errorf("request body is larger than the limit of %d bytes: send fewer documents per request", limit)
}

// indexedSoFar tells a client whose request stopped part way how much of it
// is durable, so that it knows what to send again.
// line is the body line of the last indexed document.
func indexedSoFar(n, line int) string {
	if n == 0 {
		return "; nothing was indexed"
	}
	return fmt.Sprintf("; the first %d documents were indexed, through line %d, and none after it", n, line)
}

// writeProgressTimeout is the time a write request gets, after each persisted
// batch, to send more of its body and to hear its answer: a large request is
// cut off for stalling, never for being large.
const writeProgressTimeout = 2 * time.Minute

// extendDeadlines moves the connection's deadlines writeProgressTimeout on.
// A writer that cannot set them (a test recorder) keeps its own.
func extendDeadlines(rc *http.ResponseController) {
	t := time.Now().Add(writeProgressTimeout)
	_ = rc.SetReadDeadline(t)
	_ = rc.SetWriteDeadline(t)
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
