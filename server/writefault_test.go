package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/newsearch/bilingual/index"
)

// TestWriteFailure maps each failed write to its status, its Retry-After and
// what it says of the write's outcome.
func TestWriteFailure(t *testing.T) {
	full := index.FaultOf(errors.New("write x.zap: no space left on device"))
	other := index.FaultOf(errors.New("open x.zap: too many open files"))
	for _, tc := range []struct {
		name    string
		err     error
		status  int
		retry   bool
		applied string // "false", or "" for unknown
		says    string
	}{
		{"disk full", fmt.Errorf("write: %w", &index.WriteError{Fault: full}), http.StatusInsufficientStorage, true, "false", "disk full"},
		{"file handles", &index.WriteError{Fault: other}, http.StatusServiceUnavailable, true, "false", "too many open files"},
		{"unknown outcome", &index.WriteError{Fault: full, MaybeApplied: true}, http.StatusInsufficientStorage, true, "", "may or may not"},
		{"index closed", index.ErrIndexUnavailable, http.StatusServiceUnavailable, true, "false", "unavailable"},
		{"other", errors.New("document 1 of 1: empty id"), http.StatusInternalServerError, false, "false", "nothing was written"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			status, msg, applied := writeFailure(rec, tc.err)
			if status != tc.status || !strings.Contains(msg, tc.says) {
				t.Errorf("= %d %q; want %d saying %q", status, msg, tc.status, tc.says)
			}
			if got := rec.Header().Get("Retry-After") != ""; got != tc.retry {
				t.Errorf("Retry-After set: %v; want %v", got, tc.retry)
			}
			got := ""
			if applied != nil {
				got = fmt.Sprint(*applied)
			}
			if got != tc.applied {
				t.Errorf("applied = %q; want %q", got, tc.applied)
			}
		})
	}
}
