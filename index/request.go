package index

import (
	"time"
)

// Limits on a search request; the HTTP layer rejects requests beyond them.
const (
	DefaultSize = 10
	MaxSize     = 100
	MaxOffset   = 10000
)

// Sort orders accepted by Request.Sort.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
	SortDateDesc  = "-date"
)

// Request is a search in Go terms: the HTTP API's parameters after parsing.
type Request struct {
	Q       string
	Op      string    // one of the Op* constants: how many of the query's concepts a match needs
	People  []string  // people, OR-ed: canonical ids or any name in either script
	Parties []string  // parties, OR-ed: codes or any name or abbreviation in either script
	Sources []string  // outlets as records name them, OR-ed
	Places  []string  // states and union territories, OR-ed: ids (IN-RJ) or any name in either script
	Langs   []string  // document languages, OR-ed
	From    time.Time // inclusive; zero means open
	To      time.Time // inclusive calendar day; zero means open
	Sort    string    // one of the Sort* constants; "" means relevance
	Size    int
	Offset  int
	// CountOnly asks for the total and facets without hits (the API's size=0).
	CountOnly bool
	// DatesWithin counts the dates histogram within the date filter, to
	// drill into the range, instead of without it (disjunctive, the default).
	DatesWithin bool
	// FacetSize is how many values each terms facet lists; 0 means FacetSize.
	FacetSize int
	// NoCollapse lists every copy of an article as a hit (the API's
	// collapse=false) instead of the best-ranked one of each duplicate cluster.
	NoCollapse bool
	// After, from DecodeCursor, continues a date-sorted search after the hit
	// it was taken from (Bleve's search_after), past MaxOffset.
	After []string
	// Need, when positive, is how many of the query's concepts every match
	// needs, with no relaxing: a cluster asks its shards for the level the
	// union of their documents relaxes to (cluster.Querier).
	Need int
}

// Response is the result of a search, shaped as the HTTP API returns it.
type Response struct {
	Total     uint64    `json:"total"`
	TookMS    float64   `json:"took_ms"`
	Query     QueryInfo `json:"query"`
	Hits      []Hit     `json:"hits"`
	Facets    *Facets   `json:"facets"`
	FacetMeta FacetMeta `json:"facet_meta"`
	// Cursor, in a date-sorted answer with a full page, continues after its
	// last hit (Request.After, by DecodeCursor).
	Cursor string `json:"cursor,omitempty"`
	// Filters are the request's filters as the search applied them, for
	// callers that mark the selected values (the page); the API's answer
	// leaves them out, as API.md fixes its fields.
	Filters Filters `json:"-"`
}

// Filters are a request's people, parties and places filters as a search
// applied them: names given in either script resolved to canonical ids and codes.
type Filters struct {
	People, Parties, Places []string
}

// FacetMeta says how the facets were counted, beside the lists API.md fixes.
type FacetMeta struct {
	Undated      int    `json:"undated"`       // matching documents without a published date
	DateInterval string `json:"date_interval"` // "year", "month" or "day": the histogram's bucket size
	Approximate  bool   `json:"approximate"`   // false: every count is exact
	// Collapsed: the hits are one per duplicate cluster, each saying how
	// many of its copies match too; the total and facets count every article.
	Collapsed bool `json:"collapsed"`
}

// QueryInfo tells the user how the query was read.
type QueryInfo struct {
	Q              string   `json:"q"`
	Script         string   `json:"script"`
	RomanizedHindi bool     `json:"romanized_hindi"`
	People         []string `json:"people,omitempty"`  // people the query names, matched by id too
	Parties        []string `json:"parties,omitempty"` // parties the query names, matched by code too
	// Expansions are the translations and romanized forms searched besides the query's own words.
	Expansions []Expansion `json:"expansions"`
	// Parsed is the query tree as searched: the operators, and the words
	// that read as one name or dictionary phrase, as (name "...").
	Parsed string `json:"parsed"`
	// Matching says how many of the query's concepts every match has.
	Matching Matching `json:"matching"`
	// Corrections are close spellings searched for words the index lacks.
	Corrections []Correction `json:"corrections,omitempty"`
}

// Hit is one matching document.
type Hit struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
	Title string  `json:"title"` // plain text; an untitled article's lead (see Lead)
	// TitleHTML is Title HTML-escaped with the query's matches in <mark>, as in Snippet.
	TitleHTML string   `json:"title_html"`
	Date      string   `json:"date"`
	Lang      string   `json:"lang"`
	Snippet   string   `json:"snippet"`
	URL       string   `json:"url"`
	Source    string   `json:"source"`
	People    []string `json:"people"`
	Parties   []string `json:"parties"`
	// Cluster is the article's duplicate cluster: the id of its first-indexed copy.
	Cluster string `json:"cluster"`
	// Duplicates is how many other copies of the article match the search
	// (0 when collapse=false), listed by /api/docs/{id}/duplicates.
	Duplicates int `json:"duplicates"`
}
