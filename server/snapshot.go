package server

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/newsearch/bilingual/index"
)

// SnapshotResult is the answer to POST /api/admin/snapshot.
type SnapshotResult struct {
	// Path is the directory holding the copy, which searchd --index serves.
	Path string `json:"path"`
}

// handleSnapshot writes a copy of the live index under SnapshotDir while
// searches and writes go on. Snapshots are taken one at a time: a second
// one asked for meanwhile gets 409 rather than doubling the disk traffic.
func (s *Server) handleSnapshot(w http.ResponseWriter, r *http.Request) {
	if s.SnapshotDir == "" {
		writeError(w, http.StatusForbidden, errors.New("snapshots disabled: no snapshot directory configured"))
		return
	}
	if !s.snapshots.TryLock() {
		writeError(w, http.StatusConflict, errors.New("a snapshot is being taken: retry when it is done"))
		return
	}
	defer s.snapshots.Unlock()
	path, err := s.snapshotter().Snapshot(r.Context(), s.SnapshotDir)
	if err != nil {
		s.log.Error("snapshot failed", "dir", s.SnapshotDir, "err", err)
		status := http.StatusInternalServerError
		if index.FaultOf(err).DiskFull {
			status = http.StatusInsufficientStorage
		}
		writeError(w, status, fmt.Errorf("snapshot failed: %w", err))
		return
	}
	s.log.Info("snapshot written", "path", path)
	writeJSON(w, http.StatusOK, SnapshotResult{Path: path})
}
