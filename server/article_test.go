package server

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// seedText reads a seed's body as the .txt reader gives it: without its
// "date YYYY-MM-DD" line.
func seedText(t *testing.T, id string) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/seeds/" + id + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestArticlePage: seed 003's page shows its whole text, its title, date,
// language; with ?q= its matches are marked; its people and parties link to
// their filters; related articles link to article pages; an unknown id is a
// 404 page.
func TestArticlePage(t *testing.T) {
	ts := httptest.NewServer(seedHandler(t).Handler())
	defer ts.Close()

	res, doc := getPage(t, ts, "/articles/"+seed003+"?q=resigned")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type %q", ct)
	}
	story := one(t, doc, "article", byClass("article", "story"))
	if got := attr(story, "data-id"); got != seed003 {
		t.Errorf("data-id %q", got)
	}
	body := textOf(one(t, story, "body", byClass("div", "story-body")))
	// Every paragraph of the seed's text is on the page, in full.
	raw := seedText(t, seed003)
	var paras int
	for _, line := range strings.Split(raw, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "date ") {
			continue
		}
		paras++
		if !strings.Contains(body, line) {
			t.Errorf("the page lacks the paragraph %q", line)
		}
	}
	if paras < 3 || len(body) < len(raw)*9/10 {
		t.Errorf("%d paragraphs, %d bytes of body on the page for a %d-byte seed", paras, len(body), len(raw))
	}
	title := textOf(one(t, story, "title", byClass("h1", "story-title")))
	if !strings.HasPrefix(title, "Congress' national spokesperson Rohan Gupta on Friday resigned") {
		t.Errorf("title %q, want the lead", title)
	}
	meta := textOf(one(t, story, "meta", byClass("p", "story-meta")))
	if !strings.Contains(meta, "2024-03-22") || !strings.Contains(meta, "English") {
		t.Errorf("meta %q, want the date and the language", meta)
	}
	marks := findAll(story, func(n *html.Node) bool { return n.Data == "mark" })
	if len(marks) < 2 {
		t.Fatalf("%d marks for q=resigned", len(marks))
	}
	for _, m := range marks {
		if w := strings.ToLower(textOf(m)); !strings.HasPrefix(w, "resign") {
			t.Errorf("marked %q for q=resigned", w)
		}
	}
	// Mentions link to their filters.
	ents := findAll(story, func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "ent") })
	var rohan, inc bool
	for _, a := range ents {
		switch attr(a, "href") {
		case "/?person=rohan-gupta":
			rohan = rohan || textOf(a) == "Rohan Gupta"
		case "/?party=INC":
			inc = true
		}
	}
	if !rohan || !inc {
		t.Errorf("entity links: Rohan Gupta %v, Congress %v (of %d links)", rohan, inc, len(ents))
	}
	// The back link keeps the query; related articles are other articles' pages.
	if back := attr(one(t, doc, "back", byClass("p", "back")).FirstChild, "href"); back != "/?q=resigned" {
		t.Errorf("back link %q", back)
	}
	rel := findAll(doc, func(n *html.Node) bool {
		return n.Data == "a" && strings.HasPrefix(attr(n, "href"), "/articles/")
	})
	if len(rel) == 0 {
		t.Error("no related articles")
	}
	for _, a := range rel {
		if strings.Contains(attr(a, "href"), seed003) {
			t.Errorf("the article is related to itself: %s", attr(a, "href"))
		}
	}

	// Without a query nothing is marked.
	_, plain := getPage(t, ts, "/articles/"+seed003)
	if n := len(findAll(plain, func(n *html.Node) bool { return n.Data == "mark" })); n != 0 {
		t.Errorf("%d marks without a query", n)
	}

	for _, path := range []string{"/articles/no-such-article", "/articles/" + url.PathEscape(strings.Repeat("x", 2000)),
		"/articles/%ff%fe", "/articles/" + seed003 + "x"} {
		res, doc := getPage(t, ts, path)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, res.StatusCode)
			continue
		}
		if got := textOf(doc); !strings.Contains(got, "Article not found") {
			t.Errorf("%s: the 404 page says %q", path, got)
		}
	}
	if res, _ := getPage(t, ts, "/articles/"+seed003+"?q=%zz"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("bad q: status %d, want 400", res.StatusCode)
	}
}

// TestArticlePageEscapesText: markup in an article's text and title is shown
// as text, never run.
func TestArticlePageEscapesText(t *testing.T) {
	ts := writableServer(t, nil)
	body := `{"id":"evil","title":"<script>alert(1)</script> Rahul Gandhi","text":"<img src=x onerror=alert(1)> Rahul Gandhi met <b>Congress</b> leaders.\n\n</p><script>x()</script>"}`
	if status, b, _ := do(t, "POST", ts.URL+"/api/docs", testToken, body); status != 200 {
		t.Fatalf("post: %d %s", status, b)
	}
	res, err := http.Get(ts.URL + "/articles/evil?q=" + url.QueryEscape("<b>"))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	page, _ := io.ReadAll(res.Body)
	for _, bad := range []string{"<script>", "<img", "<b>"} {
		if strings.Contains(string(page), bad) {
			t.Errorf("the page holds raw %q", bad)
		}
	}
	if !strings.Contains(string(page), "&lt;img src=x onerror=alert(1)&gt;") {
		t.Error("the body's markup is not shown as text")
	}
}

// TestHitsLinkToArticlePages: a hit's title links to its article page with
// the query; the external URL stays as a secondary link.
func TestHitsLinkToArticlePages(t *testing.T) {
	ts := httptest.NewServer(seedHandler(t).Handler())
	defer ts.Close()
	_, doc := getPage(t, ts, "/?q="+url.QueryEscape("Rahul Gandhi"))
	for _, li := range findAll(doc, byClass("li", "hit")) {
		id := attr(li, "data-id")
		h2 := one(t, li, "title", byClass("h2", "title"))
		a := one(t, h2, "title link", func(n *html.Node) bool { return n.Data == "a" })
		if want := "/articles/" + id + "?q=Rahul+Gandhi"; attr(a, "href") != want {
			t.Errorf("hit %s links to %q, want %q", id, attr(a, "href"), want)
		}
		if id == seed000 {
			if got := textOf(a); !strings.HasPrefix(got, "New Delhi: Kisan Congress President Nana Patole") {
				t.Errorf("seed 000's title %q, want its lead", got)
			}
		}
	}
}

// TestDocEntities: /api/docs/{id} lists entities with code-point offsets
// into body, in a Hindi article too.
func TestDocEntities(t *testing.T) {
	ts := httptest.NewServer(seedHandler(t).Handler())
	defer ts.Close()
	for _, id := range []string{seed002, seed000, seed004} {
		res, err := http.Get(ts.URL + "/api/docs/" + id)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Body     string `json:"body"`
			Entities []struct {
				Kind, ID, Label, Text string
				LabelHi               string `json:"label_hi"`
				Start, End            int
			} `json:"entities"`
		}
		err = json.NewDecoder(res.Body).Decode(&doc)
		res.Body.Close()
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("%s: %d %v", id, res.StatusCode, err)
		}
		if len(doc.Entities) < 3 {
			t.Fatalf("%s: %d entities", id, len(doc.Entities))
		}
		body := []rune(doc.Body)
		var rahul bool
		for _, e := range doc.Entities {
			if e.Start < 0 || e.End > len(body) || e.Start >= e.End {
				t.Fatalf("%s: entity %+v outside the body", id, e)
			}
			if got := string(body[e.Start:e.End]); got != e.Text {
				t.Errorf("%s: []rune(body)[%d:%d] = %q, entity text %q", id, e.Start, e.End, got, e.Text)
			}
			if (e.Kind != "person" && e.Kind != "party" && e.Kind != "place") || e.ID == "" || e.Label == "" {
				t.Errorf("%s: entity %+v", id, e)
			}
			rahul = rahul || e.ID == "rahul-gandhi"
		}
		if id == seed002 && !rahul {
			t.Errorf("the Hindi seed's entities lack rahul-gandhi: %+v", doc.Entities)
		}
	}
}
