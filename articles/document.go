// Package articles reads news articles from files and streams into
// Documents, naming each bad record by file, line and reason. It is the
// document model that the readers produce and the index consumes, and it
// needs no Bleve.
package articles

import "time"

// Document is one news article as read from input, before analysis.
type Document struct {
	ID     string    `json:"id"`
	Title  string    `json:"title,omitempty"`
	Body   string    `json:"body"`
	URL    string    `json:"url,omitempty"`
	Source string    `json:"source,omitempty"`
	Date   time.Time `json:"date,omitzero"` // published date; zero when the input gave none
}
