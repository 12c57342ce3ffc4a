package index

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// ExportChunk is how many matches Each reads from the index at a time: an
// export holds one chunk in memory whatever the number of matches.
const ExportChunk = 500

// Record is one match as an export lists it: a hit's fields with the names
// of its people, parties and places, and a plain-text snippet.
type Record struct {
	ID      string  `json:"id"`
	Title   string  `json:"title"`
	Date    string  `json:"date"`
	Source  string  `json:"source"`
	URL     string  `json:"url"`
	Lang    string  `json:"lang"`
	People  []Named `json:"people"`
	Parties []Named `json:"parties"`
	Places  []Named `json:"places"`
	Snippet string  `json:"snippet"`
}

// Named is a person, party or place of a record: its id (or party code) and
// its English and Hindi names where the index knows them.
type Named struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	LabelHi string `json:"label_hi,omitempty"`
}

// Each calls fn with every match of r, however many, in a stable order: r's
// date sort (ties by id) or, for a relevance-sorted request, newest first.
// It matches exactly as Search does (the same plan, relaxing and filters),
// ignoring r's Size, Offset and After, and pages through the index with
// search_after a chunk at a time, holding the live index only while it
// reads a chunk, so fn may write to a slow client. It returns how many
// matches the first chunk counted.
func (s *Searcher) Each(ctx context.Context, r Request, fn func(Record) error) (uint64, error) {
	return s.each(ctx, r, ExportChunk, fn)
}

// each is Each reading chunk matches at a time.
func (s *Searcher) each(ctx context.Context, r Request, chunk int, fn func(Record) error) (uint64, error) {
	sortBy := []string{"-" + FieldDate, "_id"}
	if r.Sort == SortDate {
		sortBy = []string{FieldDate, "_id"}
	}
	s.resolve(&r)
	r.Size, r.Offset, r.After, r.CountOnly = chunk, 0, nil, false
	release, err := s.hold()
	if err != nil {
		return 0, err
	}
	qi := QueryInfo{Q: r.Q}
	p, err := s.plan(ctx, r.Q, &qi)
	if err != nil {
		release()
		return 0, fmt.Errorf("export %q: %w", r.Q, err)
	}
	newRequest := func(after []string) *bleve.SearchRequest {
		req := bleve.NewSearchRequestOptions(p.query(qi.Matching.Required), chunk, 0, false)
		req.Fields = []string{FieldTitle, FieldBody, FieldURL, FieldSource, FieldLang, FieldDate, FieldPeople, FieldParties, FieldPlaces}
		req.SortBy(sortBy)
		if after != nil {
			req.SetSearchAfter(after)
		}
		return req
	}
	var total uint64
	err = s.relax(p, r, &qi, func(k int) (uint64, error) {
		req := bleve.NewSearchRequestOptions(p.query(k), 0, 0, false)
		got, err := s.run(ctx, req, r, runOptions{})
		if err != nil {
			return 0, err
		}
		total = got.res.Total
		return total, nil
	})
	release()
	if err != nil {
		return 0, fmt.Errorf("export %q: %w", r.Q, err)
	}
	terms := s.queryTerms(strings.Join(s.marked(p), " "))
	// Each chunk narrows the date filter to the last hit's day, so that it
	// reads only the matches from there on rather than every match again
	// (search_after alone skips them one by one: quadratic in an export).
	// Undated matches, which sort after the dated ones, are then read
	// without the narrowing.
	var after []string
	cur, narrowed := r, false
	for {
		recs, last, lastDate, err := s.exportChunk(ctx, newRequest(after), cur, terms)
		if err != nil {
			return total, fmt.Errorf("export %q after %q: %w", r.Q, after, err)
		}
		for _, rec := range recs {
			if err := fn(rec); err != nil {
				return total, err
			}
		}
		if len(recs) > 0 {
			after = last
		}
		switch {
		case len(recs) == chunk && !lastDate.IsZero():
			cur, narrowed = narrow(r, lastDate), true
		case len(recs) == chunk:
			cur, narrowed = r, false
		case narrowed:
			cur, narrowed = r, false // the dated matches are done: the undated ones
		default:
			return total, nil
		}
	}
}

// narrow limits r's date filter to the matches at or after day in r's
// export order: up to day newest first, from day oldest first.
func narrow(r Request, day time.Time) Request {
	day = day.UTC() // the date filter's days are UTC days
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	if r.Sort == SortDate {
		if r.From.IsZero() || day.After(r.From) {
			r.From = day
		}
		return r
	}
	if r.To.IsZero() || day.Before(r.To) {
		r.To = day
	}
	return r
}

// exportChunk reads one chunk under a hold of the live index and returns its
// records and the sort values and date (zero if undated) of its last hit.
func (s *Searcher) exportChunk(ctx context.Context, req *bleve.SearchRequest, r Request, terms []map[string]bool) ([]Record, []string, time.Time, error) {
	release, err := s.hold()
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	defer release()
	got, err := s.run(ctx, req, r, runOptions{})
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	res := got.res
	out := make([]Record, 0, len(res.Hits))
	for _, h := range res.Hits {
		hit := s.hit(h, terms)
		out = append(out, Record{
			ID: hit.ID, Title: hit.Title, Date: hit.Date, Source: hit.Source, URL: hit.URL, Lang: hit.Lang,
			People:  s.named(FacetPeople, hit.People),
			Parties: s.named(FacetParties, hit.Parties),
			Places:  s.named(FacetPlaces, strs(h.Fields[FieldPlaces])),
			Snippet: PlainSnippet(hit.Snippet),
		})
	}
	var last []string
	var date time.Time
	if n := len(res.Hits); n > 0 {
		last = res.Hits[n-1].Sort
		if d, ok := res.Hits[n-1].Fields[FieldDate].(string); ok {
			date, _ = time.Parse(time.RFC3339, d)
		}
	}
	return out, last, date, nil
}

func (s *Searcher) named(facet string, ids []string) []Named {
	out := make([]Named, 0, len(ids))
	for _, id := range ids {
		en, hi := s.label(facet, id)
		out = append(out, Named{ID: id, Label: en, LabelHi: hi})
	}
	return out
}

// PlainSnippet turns a hit's snippet, HTML-escaped with <mark>s, into plain
// text, for outputs that are not HTML (CSV, feeds).
func PlainSnippet(snippetHTML string) string {
	return html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(snippetHTML))
}

// EncodeCursor makes an opaque cursor of a hit's sort values (raw bytes,
// prefix-coded dates among them, so each is base64-coded inside).
func EncodeCursor(sortValues []string) string {
	raw := make([][]byte, len(sortValues))
	for i, v := range sortValues {
		raw[i] = []byte(v)
	}
	b, _ := json.Marshal(raw) // [][]byte always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads a cursor made by EncodeCursor into Request.After.
func DecodeCursor(c string) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return nil, fmt.Errorf("not base64url: %w", err)
	}
	var raw [][]byte
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("not a cursor: %w", err)
	}
	if len(raw) != 2 { // date, then id
		return nil, errors.New("not a cursor of a date-sorted search")
	}
	out := make([]string, len(raw))
	for i, v := range raw {
		out[i] = string(v)
	}
	return out, nil
}
