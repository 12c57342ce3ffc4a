package articles

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

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
