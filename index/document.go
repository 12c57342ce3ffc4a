// Package index holds the document model, the Bleve index mapping, the input
// readers, batch indexing, and the search API in Go.
package index

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
