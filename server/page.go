package server

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/newsearch/bilingual/index"
)

// webFiles holds the page template and the static files it links to, so the
// binary serves the page with no network and no build toolchain.
//
//go:embed web
var webFiles embed.FS

// contentSecurityPolicy allows only same-origin scripts, styles and fetches:
// the page has no inline script or style, so an injected one cannot run.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
}

// page renders the search page at / and serves its static files.
type page struct {
	s    *Server
	tmpl *template.Template
}

// newPage parses the embedded template; it panics only if the embedded
// template itself is broken, which every test run would show.
func (s *Server) newPage() *page {
	tmpl := template.Must(template.New("page.html").Funcs(template.FuncMap{
		"join": strings.Join,
		"facet": func(id, title, titleHi string, list facetList) facetBlock {
			return facetBlock{ID: id, Title: title, TitleHi: titleHi, List: list}
		},
	}).ParseFS(webFiles, "web/page.html"))
	return &page{s: s, tmpl: tmpl}
}

// static serves the embedded CSS and JS under /static/ without directory listings.
func (p *page) static() http.Handler {
	sub, err := fs.Sub(webFiles, "web/static")
	if err != nil {
		panic(fmt.Sprintf("embedded web/static: %v", err))
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w.Header())
		// A name fs.FS cannot hold (bad UTF-8, "..", a NUL) is simply not
		// there: http.FileServer would answer it 500.
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		if strings.HasSuffix(r.URL.Path, "/") || !fs.ValidPath(name) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=300")
		files.ServeHTTP(w, r)
	})
}

func (p *page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v, err := ParseQuery(r.URL.RawQuery)
	if err != nil {
		// Keep what can be read of the query in the search box.
		lenient, _ := url.ParseQuery(r.URL.RawQuery)
		p.render(w, r, &pageView{Status: http.StatusBadRequest, Q: validText(lenient.Get("q")), Error: err.Error()})
		return
	}
	req, err := ParseSearch(v)
	if err != nil {
		p.render(w, r, &pageView{Status: http.StatusBadRequest, Q: validText(v.Get("q")), Error: err.Error()})
		return
	}
	// With no query, relevance ranks nothing: show the newest first.
	if req.Q == "" && req.Sort == "" {
		req.Sort = index.SortDateDesc
	}
	ctx, cancel := p.s.deadline(r.Context())
	defer cancel()
	res, err := p.s.backend().Search(ctx, req)
	if err != nil {
		view := &pageView{Status: http.StatusServiceUnavailable, Q: req.Q,
			Error: "The search took too long and was cut off. Try fewer words or a narrower filter."}
		if !errors.Is(err, context.DeadlineExceeded) {
			p.s.log.Error("search failed", "path", r.URL.Path, "query", p.s.loggedQuery(r), "err", err)
			view.Status, view.Error = http.StatusInternalServerError, "Something went wrong on our side. Please try again."
		}
		p.render(w, r, view)
		return
	}
	// A bounded date range is drawn at its own scale, so bars drill down.
	if interval, dates, ok, err := zoomDates(ctx, p.s.search, req); err != nil {
		p.s.log.Warn("date histogram at the range's scale", "query", p.s.loggedQuery(r), "err", err)
	} else if ok && res.Facets != nil {
		f := *res.Facets // a copy: the index may share its facets with a cache
		f.Dates, res.FacetMeta.DateInterval = dates, interval
		res.Facets = &f
	}
	p.render(w, r, buildView(v, req, res))
}

// render executes the template into a buffer first so a template failure
// becomes a clean 500 rather than half a page.
func (p *page) render(w http.ResponseWriter, r *http.Request, view *pageView) {
	if view.Status == 0 {
		view.Status = http.StatusOK
	}
	var buf bytes.Buffer
	if err := p.tmpl.Execute(&buf, view); err != nil {
		p.s.log.Error("render page", "query", p.s.loggedQuery(r), "err", err)
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

// validText keeps a rejected query showable in the search box.
func validText(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
