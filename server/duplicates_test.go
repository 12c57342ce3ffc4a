package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestCopies posts a copy of seed 003 through the write API and checks it
// joins 003's cluster: the search shows one of them with duplicates: 1 (both
// with collapse=false), the duplicates endpoint lists both, the page links
// "1 copy" to the article page's copies, which list the other.
func TestCopies(t *testing.T) {
	ts := writableServer(t, nil)
	body, err := json.Marshal(map[string]string{"id": "copy-003", "text": seedText(t, seed003)})
	if err != nil {
		t.Fatal(err)
	}
	if st, b, _ := do(t, "POST", ts.URL+"/api/docs", testToken, string(body)); st != http.StatusOK {
		t.Fatalf("post copy: %d %s", st, b)
	}
	search := func(query string) (out struct {
		Total int
		Hits  []struct {
			ID, Cluster string
			Duplicates  int
		}
		FacetMeta struct{ Collapsed bool } `json:"facet_meta"`
	}) {
		st, b, _ := do(t, "GET", ts.URL+"/api/search?"+query, "", "")
		if st != http.StatusOK {
			t.Fatalf("%s: %d %s", query, st, b)
		}
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	res := search("q=resigned")
	var shown, copies int
	for _, h := range res.Hits {
		if h.Cluster == seed003 {
			shown++
			copies = h.Duplicates
		}
	}
	if shown != 1 || copies != 1 || !res.FacetMeta.Collapsed {
		t.Errorf("collapsed: %d hits of 003's cluster, duplicates %d, collapsed %v; want 1, 1, true: %+v", shown, copies, res.FacetMeta.Collapsed, res)
	}
	all := search("q=resigned&collapse=false")
	if all.Total != res.Total || len(all.Hits) != len(res.Hits)+1 || all.FacetMeta.Collapsed {
		t.Errorf("collapse=false: total %d, %d hits; want total %d and one hit more than %d", all.Total, len(all.Hits), res.Total, len(res.Hits))
	}
	if st, b, _ := do(t, "GET", ts.URL+"/api/search?q=resigned&collapse=maybe", "", ""); st != http.StatusBadRequest || !strings.Contains(string(b), "collapse") {
		t.Errorf("collapse=maybe: %d %s; want a 400 naming collapse", st, b)
	}

	st, b, _ := do(t, "GET", ts.URL+"/api/docs/copy-003/duplicates", "", "")
	var dups struct {
		Duplicates []struct{ ID string }
	}
	if err := json.Unmarshal(b, &dups); st != http.StatusOK || err != nil || len(dups.Duplicates) != 2 {
		t.Errorf("duplicates: %d %s", st, b)
	}
	if st, _, _ := do(t, "GET", ts.URL+"/api/docs/nope/duplicates", "", ""); st != http.StatusNotFound {
		t.Errorf("duplicates of an unknown id: %d, want 404", st)
	}

	_, page := getPage(t, ts, "/?q=resigned")
	link := one(t, page, "copies link", byClass("a", "copies"))
	if got := textOf(link); got != "1 copy" || !strings.HasSuffix(attr(link, "href"), "#copies") {
		t.Errorf("copies link %q → %q", got, attr(link, "href"))
	}
	_, art := getPage(t, ts, "/articles/copy-003")
	sec := one(t, art, "copies section", byID("copies"))
	if got := textOf(sec); !strings.Contains(got, "Copies of this article (1)") {
		t.Errorf("copies section: %q", got)
	}
	links := findAll(sec, func(n *html.Node) bool { return n.Data == "a" })
	if len(links) != 1 || !strings.HasPrefix(attr(links[0], "href"), "/articles/"+seed003) {
		t.Errorf("copies section links: %d, want one to %s", len(links), seed003)
	}
}
