package server

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/newsearch/bilingual/index"
)

// Export formats accepted by GET /api/export's format parameter.
const (
	ExportJSONL = "jsonl"
	ExportCSV   = "csv"
)

// exportStall is how long an export may wait for a slow client to take one
// chunk before the connection is dropped; it replaces the server's write
// timeout, which a long export would otherwise outlive.
const exportStall = 2 * time.Minute

// csvHeader names the CSV columns; lists hold values joined by "; ".
var csvHeader = []string{"id", "title", "date", "source", "url", "lang",
	"people", "people_labels", "parties", "party_labels", "places", "place_labels", "snippet"}

// handleExport streams every match of the search parameters as JSON lines
// or CSV, a chunk at a time; the search's size, offset, cursor and
// facet_size do not apply. A failure once the stream has begun aborts the
// connection, so a client never takes a cut-short file for a whole one.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	v, err := ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	format := v.Get("format")
	if len(v["format"]) != 1 || (format != ExportJSONL && format != ExportCSV) {
		writeError(w, http.StatusBadRequest, paramErr("format", "want once, one of jsonl, csv"))
		return
	}
	delete(v, "format")
	req, err := ParseSearch(v)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	rc := http.NewResponseController(w)
	out := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(out)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	started := false
	// The status waits for the first record (or the end), so that a search
	// that fails at once still answers an error status.
	write := func(rec *index.Record) error {
		if !started {
			started = true
			h := w.Header()
			h.Set("Content-Type", "application/x-ndjson; charset=utf-8")
			if format == ExportCSV {
				h.Set("Content-Type", "text/csv; charset=utf-8")
			}
			h.Set("Content-Disposition", `attachment; filename="export.`+format+`"`)
			w.WriteHeader(http.StatusOK)
			if format == ExportCSV {
				if err := cw.Write(csvHeader); err != nil {
					return err
				}
			}
		}
		switch {
		case rec == nil:
			return nil
		case format == ExportCSV:
			return cw.Write(csvRow(*rec))
		default:
			return enc.Encode(rec)
		}
	}
	n := 0
	_, err = s.search.Each(r.Context(), req, func(rec index.Record) error {
		if err := write(&rec); err != nil {
			return err
		}
		if n++; n%index.ExportChunk == 0 {
			cw.Flush()
			return flush(rc, out)
		}
		return nil
	})
	if err == nil {
		err = write(nil) // no matches: the status, and CSV's header
	}
	if err != nil {
		if !started {
			s.searchFailed(w, r, err)
			return
		}
		s.log.Error("export cut off", "path", r.URL.Path, "query", r.URL.RawQuery, "records", n, "err", err)
		panic(http.ErrAbortHandler)
	}
	cw.Flush()
	if err := out.Flush(); err != nil {
		s.log.Warn("export not delivered", "records", n, "err", err)
	}
}

// flush sends what is buffered and gives the client another exportStall to
// take the next chunk.
func flush(rc *http.ResponseController, out *bufio.Writer) error {
	_ = rc.SetWriteDeadline(time.Now().Add(exportStall))
	if err := out.Flush(); err != nil {
		return err
	}
	if err := rc.Flush(); err != nil && err != http.ErrNotSupported {
		return err
	}
	return nil
}

func csvRow(rec index.Record) []string {
	ids := func(ns []index.Named) string {
		out := make([]string, len(ns))
		for i, n := range ns {
			out[i] = n.ID
		}
		return strings.Join(out, "; ")
	}
	labels := func(ns []index.Named) string {
		out := make([]string, len(ns))
		for i, n := range ns {
			out[i] = n.Label
		}
		return strings.Join(out, "; ")
	}
	return []string{rec.ID, rec.Title, rec.Date, rec.Source, rec.URL, rec.Lang,
		ids(rec.People), labels(rec.People), ids(rec.Parties), labels(rec.Parties),
		ids(rec.Places), labels(rec.Places), rec.Snippet}
}
