package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/newsearch/bilingual/articles"
)

// Batch bounds of the write path: a request's documents are indexed in
// batches of at most this many documents and text bytes, so what one request
// holds in memory is bounded by a batch, not by its body. They match the
// indexer's --batch-size and --batch-mb defaults, so that one chunk sent by
// indexer --server is one batch here.
const (
	writeBatchDocs  = 1000
	writeBatchBytes = 8 << 20
)

// DefaultMaxRecords bounds the records (good or bad) of one POST /api/docs
// request when Server.MaxRecords is 0.
const DefaultMaxRecords = 10_000

// errTooManyRecords stops reading a body that holds more records than allowed.
var errTooManyRecords = errors.New("too many records")

// docLimits bound the reading of one write request body.
type docLimits struct {
	maxDoc     int // bytes of one record; 0 means articles.DefaultMaxDocBytes
	maxRecords int // records, good or bad, in one body; 0 means no limit
	batchDocs  int // documents handed to flush at once; 0 means no limit
	batchBytes int // text bytes handed to flush at once; 0 means no limit
}

// streamStats is what streamDocs read.
type streamStats struct {
	records  int         // records seen, good or bad
	rejected []Rejection // the bad ones, by line
	flushed  int         // line of the last document flush accepted; 0 before any
	readErr  error       // what broke the body, if anything did
}

// streamDocs reads a write request body, one JSON document (which may span
// lines) or JSON lines, each validated as the indexer's reader does, and
// hands the good documents to flush in batches within lim; bad records come
// back as rejections and do not stop the good ones. It stops with
// errTooManyRecords past lim.maxRecords, or with flush's error, wrapped;
// what flush accepted before stays accepted. A read error of body ends the
// stream and is returned in streamStats.readErr, not as a rejection: it is
// the request's fault, not a record's.
func streamDocs(ctx context.Context, body io.Reader, lim docLimits, flush func([]articles.Document) error) (streamStats, error) {
	maxDoc := lim.maxDoc
	if maxDoc <= 0 {
		maxDoc = articles.DefaultMaxDocBytes
	}
	src := &stoppable{r: body}
	in := foldPretty(src, maxDoc)
	st := streamStats{rejected: []Rejection{}}
	var batch []articles.Document
	batchBytes, batchLine := 0, 0
	over := func() bool { return lim.maxRecords > 0 && st.records > lim.maxRecords }
	send := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := flush(batch)
		if err == nil {
			st.flushed = batchLine
		}
		batch, batchBytes = nil, 0
		return err
	}
	_, err := articles.Reader{MaxDocBytes: maxDoc}.ReadStream(ctx, "body", in,
		func(rec articles.Record) error {
			st.records++
			if over() {
				return errTooManyRecords
			}
			batch, batchLine = append(batch, rec.Doc), rec.Line
			batchBytes += docBytes(rec.Doc)
			if (lim.batchDocs > 0 && len(batch) >= lim.batchDocs) || (lim.batchBytes > 0 && batchBytes >= lim.batchBytes) {
				return send()
			}
			return nil
		},
		func(p articles.Problem) {
			if src.failed() && strings.HasPrefix(p.Reason, "read error: ") {
				return // the body broke or was stopped: not a record's fault
			}
			st.records++
			if over() {
				src.stop() // a body of bad lines is stopped too, not read to its end
				return
			}
			st.rejected = append(st.rejected, Rejection{Line: p.Line, Reason: p.Reason})
		})
	st.readErr = src.err
	if err == nil && over() {
		err = errTooManyRecords
	}
	if err != nil {
		return st, err
	}
	return st, send()
}

// docBytes is the text a document adds to a batch.
func docBytes(d articles.Document) int {
	return len(d.ID) + len(d.Title) + len(d.Body) + len(d.URL) + len(d.Source)
}

// foldPretty lets a single pretty-printed document through the line-oriented
// reader by folding it onto one line. Only a body whose first line opens an
// object it does not close can be one, and only one within maxDoc bytes is
// read ahead; anything else streams through untouched.
func foldPretty(in io.Reader, maxDoc int) io.Reader {
	br := bufio.NewReaderSize(in, 64<<10)
	peek, _ := br.Peek(64 << 10) // fewer bytes at the end of the body or on an error
	first := bytes.TrimLeft(bytes.TrimPrefix(peek, []byte("\uFEFF")), " \t\r\n")
	if len(first) == 0 || first[0] != '{' {
		return br
	}
	if nl := bytes.IndexByte(first, '\n'); nl >= 0 && json.Valid(first[:nl]) {
		return br // JSON lines
	}
	head, err := io.ReadAll(io.LimitReader(br, int64(maxDoc)+1))
	rest := io.MultiReader(bytes.NewReader(head), br)
	if err != nil || len(head) > maxDoc {
		return rest
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\uFEFF")))
	if bytes.IndexByte(trimmed, '\n') < 0 || !json.Valid(trimmed) {
		return rest
	}
	var one bytes.Buffer
	if err := json.Compact(&one, trimmed); err != nil {
		return rest
	}
	return &one
}

// stoppable passes a body through until stopped, and remembers its first
// error, so that the end of a body cut short is not taken for a bad record.
// The reader runs on the request's goroutine only.
type stoppable struct {
	r       io.Reader
	err     error
	stopped bool
}

// errStopped ends a body that is not to be read further.
var errStopped = errors.New("stopped reading the request body")

func (s *stoppable) Read(p []byte) (int, error) {
	if s.stopped {
		return 0, errStopped
	}
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF && s.err == nil {
		s.err = err
	}
	return n, err
}

// stop makes every later Read fail.
func (s *stoppable) stop() { s.stopped = true }

// failed says whether the body broke or was stopped.
func (s *stoppable) failed() bool { return s.stopped || s.err != nil }

// ParseDocsBody reads a whole POST /api/docs body, as the write route does
// but without limits on records or batches; maxDoc bounds a record (0 means
// articles.DefaultMaxDocBytes).
func ParseDocsBody(ctx context.Context, body []byte, maxDoc int) ([]articles.Document, []Rejection, error) {
	var docs []articles.Document
	st, err := streamDocs(ctx, bytes.NewReader(body), docLimits{maxDoc: maxDoc},
		func(b []articles.Document) error {
			docs = append(docs, b...)
			return nil
		})
	if err != nil {
		return nil, nil, err
	}
	return docs, st.rejected, nil
}
