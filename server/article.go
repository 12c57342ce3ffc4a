package server

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsearch/bilingual/index"
)

// maxIDBytes bounds an article id in a URL; no indexed id is longer, and a
// longer one is answered 404 without a search.
const maxIDBytes = 1024

// relatedShown is how many related articles the article page lists.
const relatedShown = 5

// relatedDays is how far before and after an article a related one is
// looked for first; when too few are found there, any date will do.
const relatedDays = 45

// articleView is everything the article page shows; article.html only lays it out.
type articleView struct {
	Status                int
	Error                 string
	Q                     string
	Back                  string // the search the reader came from, or the search page
	ID, URL, Source       string
	Title                 []textPart
	TitleIsLead           bool
	Lang, LangLabel, Date string
	DateInferred          bool
	Paragraphs            [][]textChunk
	Marks                 int // how many of the query's matches the body has
	People, Parties       []chipView
	Related               []relatedView
	// Copies are the other articles of its duplicate cluster, oldest first.
	Copies []relatedView
}

// textChunk is a run of text that is either plain or one entity mention,
// linked to its filter; Parts split it where the query's marks begin and end.
type textChunk struct {
	Kind, Href, Title string
	Parts             []textPart
}

// textPart is text shown escaped, marked when it matches the query.
type textPart struct {
	Text string
	Mark bool
}

type relatedView struct {
	Href, Title, Date, Lang, LangLabel, Source string
}

// articleHref is the article page of id, carrying the query q so the page
// marks its matches.
func articleHref(id, q string) string {
	h := "/articles/" + url.PathEscape(id)
	if q != "" {
		h += "?q=" + url.QueryEscape(q)
	}
	return h
}

// articlePage renders /articles/{id}: the whole article, its people and
// parties linked to their filters, and related articles.
type articlePage struct {
	s    *Server
	tmpl *template.Template
}

func (s *Server) newArticlePage() *articlePage {
	return &articlePage{s: s, tmpl: template.Must(template.New("article.html").ParseFS(webFiles, "web/article.html"))}
}

func (p *articlePage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	v, err := ParseQuery(r.URL.RawQuery)
	if err == nil && (!utf8.ValidString(v.Get("q")) || len(v.Get("q")) > MaxQueryBytes) {
		err = paramErr("q", "not valid UTF-8 or longer than the limit")
	}
	if err != nil {
		p.render(w, r, &articleView{Status: http.StatusBadRequest, Back: "/", Error: err.Error()})
		return
	}
	q := strings.TrimSpace(v.Get("q"))
	back := "/"
	if q != "" {
		back = "/?q=" + url.QueryEscape(q)
	}
	notFound := &articleView{Status: http.StatusNotFound, Q: q, Back: back,
		Error: "There is no article with this id. It may have been removed, or the link is mistyped."}
	if id == "" || len(id) > maxIDBytes || !utf8.ValidString(id) {
		p.render(w, r, notFound)
		return
	}
	ctx, cancel := p.s.deadline(r.Context())
	defer cancel()
	a, ok, err := p.s.search.Article(ctx, id)
	if err != nil {
		p.failed(w, r, q, err)
		return
	}
	if !ok {
		p.render(w, r, notFound)
		return
	}
	view, err := p.view(ctx, a, q)
	if err != nil {
		p.failed(w, r, q, err)
		return
	}
	view.Back = back
	p.render(w, r, view)
}

// failed answers an index error as the search page does: a deadline is 503.
func (p *articlePage) failed(w http.ResponseWriter, r *http.Request, q string, err error) {
	view := &articleView{Status: http.StatusServiceUnavailable, Q: q, Back: "/",
		Error: "Loading the article took too long and was cut off. Please try again."}
	if !errors.Is(err, context.DeadlineExceeded) {
		p.s.log.Error("article failed", "path", r.URL.Path, "query", p.s.loggedQuery(r), "err", err)
		view.Status, view.Error = http.StatusInternalServerError, "Something went wrong on our side. Please try again."
	}
	p.render(w, r, view)
}

// view lays out a: the query's marks in the title and body, the entities
// linked, and the related articles.
func (p *articlePage) view(ctx context.Context, a *index.Article, q string) (*articleView, error) {
	v := &articleView{Q: q, ID: a.ID, URL: webURL(a.URL), Source: a.Source, TitleIsLead: a.TitleIsLead,
		Lang: htmlLang(a.Lang), LangLabel: langName(a.Lang), Date: a.Date, DateInferred: a.DateInferred}
	bodyMarks, err := p.s.search.Marks(ctx, q, a.Body)
	if err != nil {
		return nil, err
	}
	titleMarks, err := p.s.search.Marks(ctx, q, a.Title)
	if err != nil {
		return nil, err
	}
	v.Marks = len(bodyMarks)
	title := a.Title
	if strings.TrimSpace(title) == "" {
		title = "Untitled article"
	}
	for _, c := range chunks(title, titleMarks, nil, "") {
		v.Title = append(v.Title, c.Parts...)
	}
	v.Paragraphs = paragraphs(a.Body, bodyMarks, a.Entities, q)
	l := links{url.Values{}}
	label := map[string][2]string{}
	for _, e := range a.Entities {
		label[e.Kind+":"+e.ID] = [2]string{e.Label, e.LabelHi}
	}
	chip := func(param, kind, id string) chipView {
		c := chipView{Label: PrettyID(id), Href: l.toggle(param, id)}
		if n := label[kind+":"+id]; n[0] != "" {
			c.Label, c.Title = n[0], n[1]
		}
		return c
	}
	for _, id := range a.Parties {
		v.Parties = append(v.Parties, chip("party", "party", id))
	}
	for _, id := range a.People {
		v.People = append(v.People, chip("person", "person", id))
	}
	copies, _, err := p.s.search.Duplicates(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{a.ID: true}
	for _, c := range copies {
		if !seen[c.ID] {
			seen[c.ID] = true
			v.Copies = append(v.Copies, relatedView{Href: articleHref(c.ID, q), Title: c.Title, Date: c.Date, Source: c.Source})
		}
	}
	if v.Related, err = p.related(ctx, a, q, seen); err != nil {
		return nil, err
	}
	return v, nil
}

// related finds a few articles about the same people and parties from about
// the same days: searches filtered by the article's most mentioned people,
// then by its most mentioned party, each within relatedDays of its date and
// then at any date, newest first, until relatedShown other articles are found.
// It skips those in seen: the article and its copies.
func (p *articlePage) related(ctx context.Context, a *index.Article, q string, seen map[string]bool) ([]relatedView, error) {
	people, parties := topEntities(a.Entities, "person", 2), topEntities(a.Entities, "party", 1)
	day, err := time.Parse(time.DateOnly, a.Date)
	dated := err == nil
	var tries []index.Request
	for _, f := range []index.Request{{People: people}, {Parties: parties}} {
		if len(f.People)+len(f.Parties) == 0 {
			continue
		}
		f.Sort, f.Size = index.SortDateDesc, relatedShown+1
		if dated {
			near := f
			near.From, near.To = day.AddDate(0, 0, -relatedDays), day.AddDate(0, 0, relatedDays)
			tries = append(tries, near)
		}
		tries = append(tries, f)
	}
	var out []relatedView
	for _, r := range tries {
		if len(out) == relatedShown {
			break
		}
		res, err := p.s.search.Search(ctx, r)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			if seen[h.ID] || len(out) == relatedShown {
				continue
			}
			seen[h.ID] = true
			out = append(out, relatedView{Href: articleHref(h.ID, q), Title: hitTitle(h), Date: h.Date,
				Lang: htmlLang(h.Lang), LangLabel: langName(h.Lang), Source: h.Source})
		}
	}
	return out, nil
}

// topEntities returns the ids of kind mentioned most, most first, at most n.
func topEntities(es []index.Entity, kind string, n int) []string {
	count := map[string]int{}
	var ids []string
	for _, e := range es {
		if e.Kind != kind {
			continue
		}
		if count[e.ID] == 0 {
			ids = append(ids, e.ID)
		}
		count[e.ID]++
	}
	slices.SortStableFunc(ids, func(a, b string) int { return count[b] - count[a] })
	return ids[:min(n, len(ids))]
}

// render executes the template into a buffer first so a template failure
// becomes a clean 500 rather than half a page.
func (p *articlePage) render(w http.ResponseWriter, r *http.Request, view *articleView) {
	if view.Status == 0 {
		view.Status = http.StatusOK
	}
	var buf bytes.Buffer
	if err := p.tmpl.Execute(&buf, view); err != nil {
		p.s.log.Error("render article", "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	setSecurityHeaders(h)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(view.Status)
	_, _ = w.Write(buf.Bytes())
}
