package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// getPage fetches a page and parses it, failing on anything but HTML.
func getPage(t *testing.T, ts *httptest.Server, path string) (*http.Response, *html.Node) {
	t.Helper()
	res, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("GET %s: Content-Type %q, want text/html", path, ct)
	}
	doc, err := html.Parse(res.Body)
	if err != nil {
		t.Fatalf("GET %s: parse HTML: %v", path, err)
	}
	return res, doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

// findAll returns the elements under n for which match is true, in document order.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && match(c) {
			out = append(out, c)
		}
	}
	return out
}

func byClass(tag, class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag && hasClass(n, class) }
}

func byID(id string) func(*html.Node) bool {
	return func(n *html.Node) bool { return attr(n, "id") == id }
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func one(t *testing.T, n *html.Node, what string, match func(*html.Node) bool) *html.Node {
	t.Helper()
	found := findAll(n, match)
	if len(found) != 1 {
		t.Fatalf("%s: found %d elements, want 1", what, len(found))
	}
	return found[0]
}

func hitIDs(doc *html.Node) []string {
	var ids []string
	for _, li := range findAll(doc, byClass("li", "hit")) {
		ids = append(ids, attr(li, "data-id"))
	}
	return ids
}

func TestPageFirstPaint(t *testing.T) {
	ts := httptest.NewServer(seedHandler(t).Handler())
	defer ts.Close()
	res, doc := getPage(t, ts, "/?q="+url.QueryEscape("राहुल गांधी"))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", res.StatusCode)
	}
	for h, want := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
		"Referrer-Policy":        "same-origin",
	} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("Content-Security-Policy = %q, want default-src 'self' and no unsafe-inline", csp)
	}

	// The four articles naming Rahul Gandhi, English and Hindi, are rendered in the HTML.
	ids := hitIDs(doc)
	slices.Sort(ids)
	if want := []string{seed000, seed001, seed002, seed004}; !slices.Equal(ids, want) {
		t.Errorf("hits %v, want %v", ids, want)
	}
	for _, li := range findAll(doc, byClass("li", "hit")) {
		snip := one(t, li, "snippet of "+attr(li, "data-id"), byClass("p", "snippet"))
		if len(findAll(snip, func(n *html.Node) bool { return n.Data == "mark" })) == 0 {
			t.Errorf("hit %s: snippet has no <mark>: %q", attr(li, "data-id"), textOf(snip))
		}
		if title := textOf(one(t, li, "title", byClass("h2", "title"))); strings.TrimSpace(title) == "" {
			t.Errorf("hit %s: empty title", attr(li, "data-id"))
		}
	}
	hindi := one(t, doc, "Hindi hit", byID("hit-"+seed002))
	if got := attr(one(t, hindi, "Hindi snippet", byClass("p", "snippet")), "lang"); got != "hi" {
		t.Errorf("Hindi snippet lang=%q, want hi", got)
	}

	// The people facet names both people in both scripts, with counts.
	people := textOf(one(t, doc, "people facet", byID("facet-people")))
	for _, want := range []string{"Rahul Gandhi", "राहुल गांधी", "Ashok Gehlot", "अशोक गहलोत"} {
		if !strings.Contains(people, want) {
			t.Errorf("people facet lacks %q", want)
		}
	}
	boxes := findAll(doc, func(n *html.Node) bool {
		return n.Data == "input" && attr(n, "name") == "person" && attr(n, "value") == "rahul-gandhi"
	})
	if len(boxes) != 1 || attr(boxes[0], "form") != "search" {
		t.Errorf("want one rahul-gandhi checkbox tied to the search form, got %d", len(boxes))
	}

	// The histogram is inline SVG whose bars link to a date range.
	svg := one(t, doc, "histogram", func(n *html.Node) bool { return n.Data == "svg" })
	bars := findAll(svg, func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "bar") })
	if len(bars) == 0 {
		t.Fatal("histogram has no clickable bars")
	}
	var hrefs []string
	for _, b := range bars {
		hrefs = append(hrefs, attr(b, "href"))
	}
	// By hand: 000 and 001 are dated 2019-06-29, 002 2019-07-01 and 004 is
	// undated, so the histogram has day bars and 2019-06-30 is empty.
	q := "q=%E0%A4%B0%E0%A4%BE%E0%A4%B9%E0%A5%81%E0%A4%B2+%E0%A4%97%E0%A4%BE%E0%A4%82%E0%A4%A7%E0%A5%80"
	if want := []string{"/?from=2019-06-29&" + q + "&to=2019-06-29", "/?from=2019-07-01&" + q + "&to=2019-07-01"}; !slices.Equal(hrefs, want) {
		t.Errorf("bars link to %q, want %q", hrefs, want)
	}
	if got := textOf(one(t, doc, "undated", byClass("span", "undated-count"))); got != "1 undated" {
		t.Errorf("undated count %q, want %q", got, "1 undated")
	}
	if got := attr(one(t, doc, "search box", byID("q")), "value"); got != "राहुल गांधी" {
		t.Errorf("search box value %q, want the query", got)
	}
	// Only external scripts: the CSP forbids inline ones.
	for _, s := range findAll(doc, func(n *html.Node) bool { return n.Data == "script" || n.Data == "style" }) {
		if attr(s, "src") == "" {
			t.Errorf("inline <%s> element; the CSP would block it", s.Data)
		}
	}
}

func TestPageFilters(t *testing.T) {
	ts := httptest.NewServer(seedHandler(t).Handler())
	defer ts.Close()
	_, doc := getPage(t, ts, "/?q="+url.QueryEscape("इस्तीफा")+"&party=BJP")
	// By hand: of the five seeds, 002, 003 and 004 name the BJP.
	ids := hitIDs(doc)
	slices.Sort(ids)
	if want := []string{seed002, seed003, seed004}; !slices.Equal(ids, want) {
		t.Errorf("hits %v, want %v", ids, want)
	}
	box := one(t, doc, "BJP checkbox", func(n *html.Node) bool {
		return n.Data == "input" && attr(n, "name") == "party" && attr(n, "value") == "BJP"
	})
	if !slices.ContainsFunc(box.Attr, func(a html.Attribute) bool { return a.Key == "checked" }) {
		t.Error("BJP checkbox not checked")
	}
	// A chip toggles its filter off when active and keeps the rest of the state.
	for _, chip := range findAll(doc, byClass("a", "chip")) {
		if textOf(chip) != "Bharatiya Janata Party" {
			continue
		}
		if !hasClass(chip, "active") {
			t.Error("BJP chip not marked active")
		}
		if got, want := attr(chip, "href"), "/?q="+url.QueryEscape("इस्तीफा"); got != want {
			t.Errorf("active BJP chip links to %q, want %q", got, want)
		}
	}
	if got := textOf(one(t, doc, "summary", byID("summary"))); !strings.HasPrefix(got, "Showing 1–3 of 3 articles") {
		t.Errorf("summary %q", got)
	}
}

// A person filtered by a Hindi name, in a spelling variant, marks the
// facet value and the hits' chips of the id it resolves to, and is not listed
// a second time under the name.
func TestPageFilterByHindiName(t *testing.T) {
	ts := httptest.NewServer(seedHandler(t).Handler())
	defer ts.Close()
	_, doc := getPage(t, ts, "/?person="+url.QueryEscape("राहुल गाँधी"))
	boxes := findAll(doc, func(n *html.Node) bool { return n.Data == "input" && attr(n, "name") == "person" })
	var checked []string
	for _, b := range boxes {
		if slices.ContainsFunc(b.Attr, func(a html.Attribute) bool { return a.Key == "checked" }) {
			checked = append(checked, attr(b, "value"))
		}
	}
	if want := []string{"rahul-gandhi"}; !slices.Equal(checked, want) {
		t.Errorf("checked person boxes %q, want %q", checked, want)
	}
	active := 0
	for _, chip := range findAll(doc, byClass("a", "chip")) {
		if textOf(chip) == "Rahul Gandhi" {
			if !hasClass(chip, "active") {
				t.Error("Rahul Gandhi chip not marked active")
			}
			active++
		}
	}
	if active == 0 {
		t.Error("no Rahul Gandhi chip on the hits")
	}
}

func TestPageStates(t *testing.T) {
	ts := httptest.NewServer(seedHandler(t).Handler())
	defer ts.Close()
	tests := []struct {
		name, path string
		status     int
		check      func(t *testing.T, doc *html.Node)
	}{
		{"empty query shows all newest first", "/", 200, func(t *testing.T, doc *html.Node) {
			// By hand: 003 is dated 2024-03-22, the newest seed.
			if ids := hitIDs(doc); len(ids) != 5 || ids[0] != seed003 {
				t.Errorf("hits %v, want 5 with %s first", ids, seed003)
			}
			// Newest first is the implicit order here, so it submits as "".
			sel := one(t, doc, "newest option", func(n *html.Node) bool { return n.Data == "option" && textOf(n) == "Newest first" })
			if v := attr(sel, "value"); v != "" {
				t.Errorf("implicit order submits %q, want empty", v)
			}
			if !slices.ContainsFunc(sel.Attr, func(a html.Attribute) bool { return a.Key == "selected" }) {
				t.Error("newest first not selected")
			}
			one(t, doc, "intro", byClass("p", "intro"))
		}},
		{"no results", "/?q=qqxqzzv", 200, func(t *testing.T, doc *html.Node) {
			if ids := hitIDs(doc); len(ids) != 0 {
				t.Errorf("hits %v, want none", ids)
			}
			one(t, doc, "empty notice", byClass("div", "empty"))
		}},
		{"bad size", "/?size=abc", 400, func(t *testing.T, doc *html.Node) {
			msg := textOf(one(t, doc, "error", byClass("p", "error-msg")))
			if !strings.Contains(msg, "size") {
				t.Errorf("error %q does not name size", msg)
			}
		}},
		{"unknown parameter", "/?q=x&colour=red", 400, func(t *testing.T, doc *html.Node) {
			if msg := textOf(one(t, doc, "error", byClass("p", "error-msg"))); !strings.Contains(msg, "colour") {
				t.Errorf("error %q does not name colour", msg)
			}
		}},
		{"date the index cannot hold", "/?from=1677-01-01", 400, func(t *testing.T, doc *html.Node) {
			if msg := textOf(one(t, doc, "error", byClass("p", "error-msg"))); !strings.Contains(msg, "from") {
				t.Errorf("error %q does not name from", msg)
			}
		}},
		{"paging", "/?size=2&offset=2&sort=date", 200, func(t *testing.T, doc *html.Node) {
			if got := textOf(one(t, doc, "summary", byID("summary"))); !strings.HasPrefix(got, "Showing 3–4 of 5") {
				t.Errorf("summary %q", got)
			}
			prev := one(t, doc, "prev", byClass("a", "prev"))
			if got := attr(prev, "href"); got != "/?size=2&sort=date" {
				t.Errorf("previous links to %q", got)
			}
			if got := attr(one(t, doc, "next", byClass("a", "next")), "href"); got != "/?offset=4&size=2&sort=date" {
				t.Errorf("next links to %q", got)
			}
			// size is kept by the form even though it has no input of its own.
			one(t, doc, "hidden size", func(n *html.Node) bool {
				return n.Data == "input" && attr(n, "type") == "hidden" && attr(n, "name") == "size" && attr(n, "value") == "2"
			})
		}},
		{"date range", "/?from=2019-01-01&to=2019-12-31", 200, func(t *testing.T, doc *html.Node) {
			if ids := hitIDs(doc); len(ids) != 3 {
				t.Errorf("hits %v, want the three 2019 seeds", ids)
			}
			if got := attr(one(t, doc, "clear dates", byClass("a", "clear-dates")), "href"); got != "/" {
				t.Errorf("clear dates links to %q, want /", got)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, doc := getPage(t, ts, tt.path)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			tt.check(t, doc)
		})
	}
}

func TestStatic(t *testing.T) {
	ts := httptest.NewServer(seedHandler(t).Handler())
	defer ts.Close()
	for _, tt := range []struct {
		path, ctype string
		status      int
	}{
		{"/static/app.js", "text/javascript", 200},
		{"/static/app.css", "text/css", 200},
		{"/static/", "", 404},
		{"/static/missing.js", "", 404},
		{"/static/../page.go", "", 404},
	} {
		res, err := http.Get(ts.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tt.status {
			t.Errorf("GET %s: status %d, want %d", tt.path, res.StatusCode, tt.status)
		}
		if tt.ctype != "" && !strings.HasPrefix(res.Header.Get("Content-Type"), tt.ctype) {
			t.Errorf("GET %s: Content-Type %q, want %s", tt.path, res.Header.Get("Content-Type"), tt.ctype)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff header", tt.path)
		}
	}
}

// FuzzPage sends arbitrary query strings to the page: every answer is a page
// (200 or a 400 naming the problem), never a panic or a 500.
func FuzzPage(f *testing.F) {
	for _, s := range []string{"", "q=x", "size=abc", "q=%E0%A4%B0&party=BJP&from=2019-01-01&to=2019-12-31",
		"offset=99999", "sort=-date&lang=hi", "person=&q=", "q=%ff", "from=2020-13-01", "q=<script>", "a=%zz"} {
		f.Add(s)
	}
	h := seedHandler(f).Handler()
	f.Fuzz(func(t *testing.T, raw string) {
		req := httptest.NewRequest("GET", "/", nil)
		req.URL.RawQuery = raw
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest {
			t.Fatalf("query %q: status %d: %s", raw, rec.Code, rec.Body.String())
		}
		if !strings.Contains(rec.Body.String(), `<div id="app"`) {
			t.Fatalf("query %q: not the page", raw)
		}
	})
}

// The page explains the query language behind "?", and says when no article
// had every word and the hits are those with most of them.
func TestPageQueryLanguage(t *testing.T) {
	ts := httptest.NewServer(seedHandler(t).Handler())
	defer ts.Close()
	_, doc := getPage(t, ts, "/?q="+url.QueryEscape("Gehlot Nadda"))
	help := one(t, doc, "help", byClass("details", "help"))
	for _, op := range []string{`"phrase"`, "-word", "OR", "+word", "( )"} {
		if !strings.Contains(textOf(help), op) {
			t.Errorf("help text lacks %s", op)
		}
	}
	relaxed := one(t, doc, "relaxed notice", byClass("p", "relaxed"))
	if !strings.Contains(textOf(relaxed), "No article has all 2") {
		t.Errorf("relaxed notice %q", textOf(relaxed))
	}
	if got := hitIDs(doc); len(got) == 0 {
		t.Error("relaxed search shows no hits")
	}
	_, doc = getPage(t, ts, "/?q="+url.QueryEscape("Gehlot Nadda")+"&op=and")
	if n := len(findAll(doc, byClass("p", "relaxed"))); n != 0 || len(hitIDs(doc)) != 0 {
		t.Errorf("op=and: %d relaxed notices, hits %v; want none", n, hitIDs(doc))
	}
}

// TestPagePhoneAndDates checks, in the HTML alone, what the phone layout and
// the date range need without JavaScript: the Filters switch before the
// facets, date inputs holding the filter as days and no second from/to in the
// form, a zoomed histogram for a bounded range, and Show all for a cut facet.
func TestPagePhoneAndDates(t *testing.T) {
	ts := httptest.NewServer(seedHandler(t).Handler())
	defer ts.Close()

	// A month filter shows as its first and last day; the note names it.
	_, doc := getPage(t, ts, "/?from=2019-06&to=2019-06&party=INC")
	for name, want := range map[string]string{"from": "2019-06-01", "to": "2019-06-30"} {
		in := findAll(doc, func(n *html.Node) bool { return n.Data == "input" && attr(n, "name") == name })
		if len(in) != 1 || attr(in[0], "type") != "date" || attr(in[0], "value") != want || attr(in[0], "form") != "search" {
			t.Errorf("want one date input %s=%s tied to the search form, got %d", name, want, len(in))
		}
	}
	// By hand: 000 and 001 are dated 2019-06-29, both name the INC; June's
	// range is drawn by day, one bar linking to that day.
	svg := one(t, doc, "histogram", func(n *html.Node) bool { return n.Data == "svg" })
	if got := attr(svg, "aria-label"); !strings.Contains(got, "by day") {
		t.Errorf("June is drawn %q, want by day", got)
	}
	bars := findAll(svg, func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "bar") })
	if len(bars) != 1 || attr(bars[0], "href") != "/?from=2019-06-29&party=INC&to=2019-06-29" {
		t.Errorf("June's bars %d, want one linking to 2019-06-29", len(bars))
	}
	if n := len(findAll(svg, func(n *html.Node) bool { return n.Data == "rect" && hasClass(n, "fill") })); n != 30 {
		t.Errorf("June is drawn with %d days, want 30", n)
	}
	// The Filters switch: a checkbox outside the form, its label counting two filters.
	sw := one(t, doc, "filters switch", byID("filters-open"))
	if attr(sw, "type") != "checkbox" || attr(sw, "form") != "" || attr(sw, "name") != "" {
		t.Errorf("the Filters switch must be a nameless checkbox outside the search form")
	}
	if got := textOf(one(t, doc, "filters count", byClass("span", "filters-count"))); got != "2" {
		t.Errorf("Filters count %q, want 2 (a party and a date range)", got)
	}

	// A year given as a year: the inputs hold its days.
	_, doc = getPage(t, ts, "/?from=2019&to=2019")
	if got := textOf(one(t, doc, "date note", byClass("span", "date-filter"))); got != "2019" {
		t.Errorf("date note %q", got)
	}
	svg = one(t, doc, "histogram", func(n *html.Node) bool { return n.Data == "svg" })
	if got := attr(svg, "aria-label"); !strings.Contains(got, "by month") {
		t.Errorf("2019 is drawn %q, want by month", got)
	}

	// Show all appears when a facet came back full, and not once it asks for 100.
	_, doc = getPage(t, ts, "/?facet_size=2")
	links := findAll(one(t, doc, "people facet", byID("facet-people")), byClass("a", "show-all"))
	if len(links) != 1 || attr(links[0], "href") != "/?facet_size=100" {
		t.Errorf("facet_size=2: want one Show all link to facet_size=100, got %d", len(links))
	}
	_, doc = getPage(t, ts, "/?facet_size=100")
	if n := len(findAll(doc, byClass("a", "show-all"))); n != 0 {
		t.Errorf("facet_size=100 still offers %d Show all links", n)
	}
	// Hidden inputs never repeat the dates, which have inputs of their own.
	_, doc = getPage(t, ts, "/?from=2019-06-29&size=5")
	for _, in := range findAll(doc, func(n *html.Node) bool { return n.Data == "input" && attr(n, "type") == "hidden" }) {
		if name := attr(in, "name"); name == "from" || name == "to" {
			t.Errorf("a hidden %s input duplicates the date input", name)
		}
	}
}
