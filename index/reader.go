package index

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultMaxDocBytes is the largest record or article a zero Reader accepts.
const DefaultMaxDocBytes = 16 << 20

// Record is one document read from input, with where it came from.
type Record struct {
	Doc  Document
	File string // path of the input file as walked
	Line int    // line of the record in File; always 1 for .txt articles
}

// Problem is one rejected record or unreadable input; String gives
// "FILE:LINE: reason" ("FILE: reason" when Line is 0, i.e. the whole file).
type Problem struct {
	File   string
	Line   int
	Reason string
}

// String formats p the way compilers report errors, so editors can jump to it.
func (p Problem) String() string {
	if p.Line <= 0 {
		return p.File + ": " + p.Reason
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Reason)
}

// ReadStats counts what a Read saw: emitted records, problems reported, and
// files skipped in directories because of their extension.
type ReadStats struct {
	Records, Rejected, Skipped int
}

// Reader reads article files (.txt) and JSON-lines files (.jsonl, .ndjson),
// optionally gzipped; the zero value is usable with defaults.
type Reader struct {
	MaxDocBytes int // largest accepted record/article in bytes; 0 means DefaultMaxDocBytes (16 MiB)
}

// inputKind says how a file's content is laid out.
type inputKind int

const (
	kindNone  inputKind = iota // not an input file
	kindTxt                    // one article per file
	kindJSONL                  // one JSON object per line
)

// classify tells the kind of a file from its name, case-insensitively, and
// whether it is gzipped.
func classify(name string) (kind inputKind, gz bool) {
	lower := strings.ToLower(name)
	if s, ok := strings.CutSuffix(lower, ".gz"); ok {
		lower, gz = s, true
	}
	switch {
	case strings.HasSuffix(lower, ".txt"):
		return kindTxt, gz
	case strings.HasSuffix(lower, ".jsonl"), strings.HasSuffix(lower, ".ndjson"):
		return kindJSONL, gz
	}
	return kindNone, false
}

// readRun is the state of one Read call.
type readRun struct {
	ctx     context.Context
	max     int
	emit    func(Record) error
	reject  func(Problem)
	stats   ReadStats
	visited []os.FileInfo // directories already walked, to survive symlink loops
}

// Read walks inputs in order (directories recursively, entries sorted by
// name), calls emit for each good record and reject for each bad one. It
// returns early only when ctx is cancelled or emit returns an error.
func (r Reader) Read(ctx context.Context, inputs []string, emit func(Record) error, reject func(Problem)) (ReadStats, error) {
	run := &readRun{ctx: ctx, max: r.MaxDocBytes, emit: emit, reject: reject}
	if run.max <= 0 {
		run.max = DefaultMaxDocBytes
	}
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return run.stats, err
		}
		fi, err := os.Stat(in)
		if err != nil {
			run.problem(in, 0, osReason(err))
			continue
		}
		if fi.IsDir() {
			err = run.dir(in, fi)
		} else if kind, gz := classify(in); kind == kindNone {
			run.problem(in, 0, "unsupported input: want .txt, .jsonl or .ndjson, optionally gzipped (.gz)")
		} else {
			err = run.file(in, kind, gz)
		}
		if err != nil {
			return run.stats, err
		}
	}
	return run.stats, nil
}

// problem reports one rejected record or input.
func (run *readRun) problem(file string, line int, reason string) {
	run.stats.Rejected++
	if run.reject != nil {
		run.reject(Problem{File: file, Line: line, Reason: reason})
	}
}

// record hands one good document to emit.
func (run *readRun) record(file string, line int, doc Document) error {
	if run.emit != nil {
		if err := run.emit(Record{Doc: doc, File: file, Line: line}); err != nil {
			return fmt.Errorf("%s:%d: %w", file, line, err)
		}
	}
	run.stats.Records++
	return nil
}

// osReason describes a file-system error without repeating the path, which
// the Problem already carries.
func osReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

// dir walks one directory; fi is its (symlink-resolved) info.
func (run *readRun) dir(path string, fi os.FileInfo) error {
	for _, v := range run.visited {
		if os.SameFile(v, fi) {
			return nil // a symlink loop or a second link to a directory already read
		}
	}
	run.visited = append(run.visited, fi)
	entries, err := os.ReadDir(path)
	if err != nil {
		// ReadDir still returns what it read before failing; read those.
		run.problem(path, 0, osReason(err))
	}
	for _, e := range entries {
		if err := run.ctx.Err(); err != nil {
			return err
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(path, name)
		kind, gz := classify(name)
		if e.Type()&fs.ModeSymlink == 0 && !e.IsDir() {
			if kind == kindNone || !e.Type().IsRegular() {
				run.stats.Skipped++
				continue
			}
			if err := run.file(p, kind, gz); err != nil {
				return err
			}
			continue
		}
		target, err := os.Stat(p)
		if err != nil {
			run.problem(p, 0, osReason(err))
			continue
		}
		switch {
		case target.IsDir():
			err = run.dir(p, target)
		case kind == kindNone || !target.Mode().IsRegular():
			run.stats.Skipped++
		default:
			err = run.file(p, kind, gz)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// file reads one input file of a known kind.
func (run *readRun) file(path string, kind inputKind, gz bool) error {
	f, err := os.Open(path)
	if err != nil {
		run.problem(path, 0, osReason(err))
		return nil
	}
	defer f.Close()
	if kind == kindTxt && !gz {
		// Refuse oversized articles before reading them.
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > int64(run.max) {
			run.problem(path, 1, fmt.Sprintf("article is %d bytes, more than the limit of %d", st.Size(), run.max))
			return nil
		}
	}
	var src io.Reader = f
	if gz {
		zr, err := gzip.NewReader(bufio.NewReaderSize(f, 64<<10))
		if err != nil {
			run.problem(path, 1, "corrupt gzip stream: "+err.Error())
			return nil
		}
		defer zr.Close()
		src = zr
	}
	if kind == kindTxt {
		return run.txt(path, src, gz)
	}
	return run.jsonl(path, src, gz)
}

// readReason describes an error met while reading a file's content.
func readReason(err error, gz bool) string {
	if gz {
		return "corrupt gzip stream: " + err.Error()
	}
	return "read error: " + osReason(err)
}

// txt reads one article file.
func (run *readRun) txt(path string, src io.Reader, gz bool) error {
	data, err := io.ReadAll(io.LimitReader(src, int64(run.max)+1))
	if err != nil {
		run.problem(path, 1, readReason(err, gz))
		return nil
	}
	if len(data) > run.max {
		run.problem(path, 1, fmt.Sprintf("article is more than the limit of %d bytes", run.max))
		return nil
	}
	doc, reason := parseTxt(txtID(filepath.Base(path)), data)
	if reason != "" {
		run.problem(path, 1, reason)
		return nil
	}
	return run.record(path, 1, doc)
}

// txtID is the document id of an article file: its name without .txt or .txt.gz.
func txtID(name string) string {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".gz") {
		name, lower = name[:len(name)-3], lower[:len(lower)-3]
	}
	if strings.HasSuffix(lower, ".txt") {
		name = name[:len(name)-4]
	}
	return name
}

// parseTxt turns the content of an article file into a document, or says why
// it cannot.
func parseTxt(id string, data []byte) (Document, string) {
	if strings.TrimSpace(id) == "" {
		return Document{}, "empty id: the file name has nothing before .txt"
	}
	if !utf8.Valid(data) {
		return Document{}, fmt.Sprintf("invalid UTF-8 in text at byte %d", invalidAt(data))
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return Document{}, fmt.Sprintf("NUL byte in text at byte %d", i)
	}
	s := strings.TrimPrefix(string(data), "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	date, rest, reason := splitDateLine(s)
	if reason != "" {
		return Document{}, reason
	}
	body := strings.TrimSpace(rest)
	if body == "" {
		return Document{}, "no text"
	}
	return Document{ID: id, Body: body, Date: date}, ""
}

// invalidAt returns the offset of the first byte of b that is not valid UTF-8.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// splitDateLine takes a leading "date YYYY-MM-DD" off an article. The date
// may be followed on the same line by body text, which stays in rest. A
// first line that does not look like a date line is all body.
func splitDateLine(s string) (date time.Time, rest, reason string) {
	t := strings.TrimLeft(s, " \t")
	after, ok := strings.CutPrefix(t, "date")
	if !ok || after == "" || (after[0] != ' ' && after[0] != '\t') {
		return time.Time{}, s, ""
	}
	after = strings.TrimLeft(after, " \t")
	if len(after) < 10 || !dateShaped(after[:10]) || (len(after) > 10 && !strings.ContainsRune(" \t\r\n", rune(after[10]))) {
		return time.Time{}, s, ""
	}
	d, err := time.Parse(time.DateOnly, after[:10])
	if err != nil {
		return time.Time{}, "", fmt.Sprintf("unreadable date %q in date line", after[:10])
	}
	return d, after[10:], ""
}

// dateShaped reports whether s is laid out as NNNN-NN-NN, so that a date line
// with an impossible date is rejected rather than taken for body text.
func dateShaped(s string) bool {
	for i := range len(s) {
		c := s[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return len(s) == 10
}

// jsonl reads one JSON-lines file, one record per line.
func (run *readRun) jsonl(path string, src io.Reader, gz bool) error {
	lr := &lineReader{br: bufio.NewReaderSize(src, 64<<10), max: run.max}
	line := 0
	for {
		if err := run.ctx.Err(); err != nil {
			return err
		}
		b, tooLong, err := lr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			run.problem(path, line+1, readReason(err, gz))
			return nil
		}
		line++
		if tooLong {
			run.problem(path, line, fmt.Sprintf("line longer than the limit of %d bytes", run.max))
			continue
		}
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\uFEFF"))
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		doc, reason := parseJSONRecord(b)
		if reason != "" {
			run.problem(path, line, reason)
			continue
		}
		if err := run.record(path, line, doc); err != nil {
			return err
		}
	}
}

// lineReader splits a stream into lines without ever holding more than max
// bytes of one line, so an over-long line costs no more memory than a good one.
type lineReader struct {
	br  *bufio.Reader
	max int
	buf []byte
	err error // sticky: once the stream fails or ends, it stays so
}

// next returns the next line without its "\n" or "\r\n". tooLong reports a
// line longer than max, whose content was discarded. err is io.EOF at the
// end, or the error that broke the stream; the partial line is then dropped.
func (lr *lineReader) next() (line []byte, tooLong bool, err error) {
	if lr.err != nil {
		return nil, false, lr.err
	}
	lr.buf = lr.buf[:0]
	for {
		chunk, err := lr.br.ReadSlice('\n')
		if !tooLong {
			// +2 leaves room for the "\r\n" that is not part of the line.
			if len(lr.buf)+len(chunk) > lr.max+2 {
				tooLong = true
				lr.buf = lr.buf[:0]
			} else {
				lr.buf = append(lr.buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			lr.err = err
			if err != io.EOF {
				return nil, false, err
			}
			if len(lr.buf) == 0 && !tooLong {
				return nil, false, io.EOF
			}
		}
		break
	}
	b := bytes.TrimSuffix(lr.buf, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	if tooLong || len(b) > lr.max {
		return nil, true, nil
	}
	return b, false, nil
}

// jsonFields holds the raw values of the fields a JSON record may have, so
// that each can be checked and reported on by name.
type jsonFields struct {
	ID     json.RawMessage `json:"id"`
	Title  json.RawMessage `json:"title"`
	Text   json.RawMessage `json:"text"`
	Body   json.RawMessage `json:"body"`
	Date   json.RawMessage `json:"date"`
	URL    json.RawMessage `json:"url"`
	Source json.RawMessage `json:"source"`
}

// parseJSONRecord turns one JSON line into a document, or says why it cannot.
func parseJSONRecord(b []byte) (Document, string) {
	var f jsonFields
	if err := json.Unmarshal(b, &f); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return Document{}, fmt.Sprintf("invalid JSON at byte %d: %v", se.Offset, se)
		case errors.As(err, &te):
			return Document{}, fmt.Sprintf("record is a JSON %s, not an object", te.Value)
		}
		return Document{}, "invalid JSON: " + err.Error()
	}
	named := []struct {
		name string
		raw  json.RawMessage
	}{
		{"id", f.ID}, {"title", f.Title}, {"text", f.Text}, {"body", f.Body},
		{"date", f.Date}, {"url", f.URL}, {"source", f.Source},
	}
	if !utf8.Valid(b) {
		// encoding/json would quietly turn bad bytes into U+FFFD; refuse instead.
		for _, n := range named {
			if !utf8.Valid(n.raw) {
				return Document{}, "invalid UTF-8 in field " + n.name
			}
		}
		return Document{}, fmt.Sprintf("invalid UTF-8 in record at byte %d", invalidAt(b))
	}
	id, reason := jsonID(f.ID)
	if reason != "" {
		return Document{}, reason
	}
	var vals [6]string // title, text, body, date, url, source
	for i, n := range named[1:] {
		s, reason := jsonString(n.name, n.raw)
		if reason != "" {
			return Document{}, reason
		}
		vals[i] = s
	}
	for i, s := range append([]string{id}, vals[:]...) {
		if strings.IndexByte(s, 0) >= 0 {
			return Document{}, "NUL byte in field " + named[i].name
		}
	}
	title, text, body, dateStr, url, source := vals[0], vals[1], vals[2], vals[3], vals[4], vals[5]
	if strings.TrimSpace(text) != "" {
		body = text
	}
	body = strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
	// A headline with no body (as in headline archives) is still news worth finding.
	if body == "" && strings.TrimSpace(title) == "" {
		return Document{}, "no text: fields text, body and title are missing or empty"
	}
	date, err := parseDate(strings.TrimSpace(dateStr))
	if err != nil {
		return Document{}, fmt.Sprintf("unreadable date in field date: %q", truncateRunes(dateStr, 40))
	}
	return Document{
		ID:     strings.TrimSpace(id),
		Title:  strings.TrimSpace(title),
		Body:   body,
		URL:    strings.TrimSpace(url),
		Source: strings.TrimSpace(source),
		Date:   date,
	}, ""
}

// jsonKind names the JSON type of a raw value for error messages.
func jsonKind(raw []byte) string {
	switch raw[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// jsonID reads the id field, which may be a string or an integer.
func jsonID(raw json.RawMessage) (string, string) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", "missing field id"
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", "field id: " + err.Error()
		}
		if strings.TrimSpace(s) == "" {
			return "", "field id is empty"
		}
		return s, ""
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		digits := strings.TrimPrefix(string(raw), "-")
		if digits != "" && strings.Trim(digits, "0123456789") == "" {
			// JSON forbids leading zeros, so the literal is already canonical.
			return string(raw), ""
		}
		return "", fmt.Sprintf("field id must be a string or an integer, not %s", truncateRunes(string(raw), 40))
	}
	return "", "field id must be a string or an integer, not a " + jsonKind(raw)
}

// jsonString reads an optional string field; absent and null give "".
func jsonString(name string, raw json.RawMessage) (string, string) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", ""
	}
	if raw[0] != '"' {
		return "", fmt.Sprintf("field %s must be a string, not a %s", name, jsonKind(raw))
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Sprintf("field %s: %v", name, err)
	}
	return s, ""
}

// parseDate reads a date field; "" means no date. Forms without a zone are
// taken as UTC.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	var firstErr error
	for _, layout := range [...]string{time.DateOnly, time.RFC3339, time.DateTime, "2006-01-02T15:04:05"} {
		t, err := time.Parse(layout, s)
		if err == nil {
			return t.UTC(), nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return time.Time{}, fmt.Errorf("parse date %q: %w", s, firstErr)
}

// truncateRunes shortens s to at most n runes, marking the cut with "…".
func truncateRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

// ReadStream reads JSON lines from in, as from a .jsonl file called name, with
// the same validation and limits as Read; searchd uses it for request bodies.
// Problems name the line in the stream. It returns early only when ctx is
// cancelled or emit returns an error.
func (r Reader) ReadStream(ctx context.Context, name string, in io.Reader, emit func(Record) error, reject func(Problem)) (ReadStats, error) {
	run := &readRun{ctx: ctx, max: r.MaxDocBytes, emit: emit, reject: reject}
	if run.max <= 0 {
		run.max = DefaultMaxDocBytes
	}
	err := run.jsonl(name, in, false)
	return run.stats, err
}
