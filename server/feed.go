package server

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"time"

	"github.com/newsearch/bilingual/index"
)

// FeedSize is how many of the newest matching articles a feed lists.
const FeedSize = 50

// atomFeed is an Atom feed (RFC 4287) as encoding/xml writes it.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomAuthor  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Link    atomLink   `xml:"link"`
	Summary atomText   `xml:"summary"`
	Author  atomAuthor `xml:"author"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// handleFeed answers the search parameters with an Atom feed of the newest
// FeedSize matches, newest first (dated ones only), so a reader subscribed to a search hears
// of each new article; size, offset and cursor do not apply. Links are
// absolute, built from the request's Host.
func (s *Server) handleFeed(w http.ResponseWriter, r *http.Request) {
	v, err := ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	req, err := ParseSearch(v)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	req.Sort, req.Size, req.Offset, req.After, req.CountOnly = index.SortDateDesc, FeedSize, 0, nil, false
	ctx, cancel := s.deadline(r.Context())
	defer cancel()
	res, err := s.backend().Search(ctx, req)
	if err != nil {
		s.searchFailed(w, r, err)
		return
	}
	base := "http://" + r.Host
	if r.TLS != nil {
		base = "https://" + r.Host
	}
	page := base + "/"
	if len(v) > 0 {
		page += "?" + v.Encode()
	}
	self := base + "/feed"
	if len(v) > 0 {
		self += "?" + v.Encode()
	}
	title := "News search: all articles"
	if req.Q != "" {
		title = "News search: " + req.Q
	}
	f := atomFeed{
		ID: self, Title: title, Author: atomAuthor{Name: "Bilingual news search"},
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: page}},
	}
	// An undated article has no place among the newest (and Atom needs
	// an updated date), so the feed leaves it out; the sort lists them last.
	var dated []index.Hit
	for _, h := range res.Hits {
		if _, err := time.Parse(time.DateOnly, h.Date); err == nil {
			dated = append(dated, h)
		}
	}
	f.Updated = time.Now().UTC().Truncate(time.Second).Format(time.RFC3339)
	for i, h := range dated {
		d, _ := time.Parse(time.DateOnly, h.Date)
		if i == 0 {
			f.Updated = d.Format(time.RFC3339)
		}
		author := h.Source
		if author == "" {
			author = f.Author.Name
		}
		f.Entries = append(f.Entries, atomEntry{
			ID:      base + "/articles/" + url.PathEscape(h.ID),
			Title:   h.Title,
			Updated: d.Format(time.RFC3339),
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: base + articleHref(h.ID, req.Q)},
			Summary: atomText{Type: "text", Text: index.PlainSnippet(h.Snippet)},
			Author:  atomAuthor{Name: author},
		})
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(f); err != nil {
		s.log.Warn("feed not delivered", "err", err)
	}
}
