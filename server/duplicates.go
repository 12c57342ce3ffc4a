package server

import (
	"errors"
	"net/http"

	"github.com/newsearch/bilingual/index"
)

// duplicatesResponse is what GET /api/docs/{id}/duplicates answers: the
// members of the article's duplicate cluster, the article included, oldest first.
type duplicatesResponse struct {
	ID         string       `json:"id"`
	Duplicates []index.Copy `json:"duplicates"`
}

func (s *Server) handleDuplicates(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := s.deadline(r.Context())
	defer cancel()
	id := r.PathValue("id")
	copies, ok, err := s.search.Duplicates(ctx, id)
	if err != nil {
		s.searchFailed(w, r, err)
		return
	}
	if !ok {
		writeError(w, http.StatusNotFound, errors.New("no document with id "+id))
		return
	}
	writeJSON(w, http.StatusOK, duplicatesResponse{ID: id, Duplicates: copies})
}
