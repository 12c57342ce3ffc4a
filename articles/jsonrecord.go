package articles

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

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
	if why := CheckYear(date); strings.TrimSpace(dateStr) != "" && why != "" {
		return Document{}, fmt.Sprintf("date %q in field date: %s", truncateRunes(dateStr, 40), why)
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
