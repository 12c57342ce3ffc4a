package server

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsearch/bilingual/index"
)

// searchIDs pages through /api/search by cursors, newest first unless
// params say sort=date, and returns the ids.
func searchIDs(t *testing.T, srv string, params url.Values, size int) []string {
	t.Helper()
	p := url.Values{}
	for k, vs := range params {
		p[k] = slices.Clone(vs)
	}
	if p.Get("sort") != index.SortDate {
		p.Set("sort", index.SortDateDesc)
	}
	p.Set("size", strconv.Itoa(size))
	p.Set("collapse", "false") // every match, copies too, as an export lists them
	p.Del("offset")
	var ids []string
	for range 1000 {
		res, err := http.Get(srv + "/api/search?" + p.Encode())
		if err != nil {
			t.Fatal(err)
		}
		var r index.Response
		err = json.NewDecoder(res.Body).Decode(&r)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("search %v: %d, %v", p, res.StatusCode, err)
		}
		for _, h := range r.Hits {
			ids = append(ids, h.ID)
		}
		if r.Cursor == "" {
			return ids
		}
		p.Set("cursor", r.Cursor)
	}
	t.Fatal("cursors never end")
	return nil
}

func TestExport(t *testing.T) {
	ts := seedServer(t)
	for _, params := range []url.Values{
		{}, {"q": {"Congress"}, "sort": {"date"}, "size": {"1"}, "offset": {"2"}},
		{"party": {"INC"}}, {"q": {"nothingmatchesthis"}},
	} {
		total := search(t, ts, params).Total
		want := searchIDs(t, ts.URL, params, 2)
		if uint64(len(want)) != total {
			t.Fatalf("%v: cursor paging gave %d ids of %d", params, len(want), total)
		}
		for _, format := range []string{ExportJSONL, ExportCSV} {
			p := url.Values{"format": {format}}
			for k, vs := range params {
				p[k] = vs
			}
			res, err := http.Get(ts.URL + "/api/export?" + p.Encode())
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			switch format {
			case ExportJSONL:
				if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-ndjson") {
					t.Errorf("%v: Content-Type %q", p, ct)
				}
				sc := bufio.NewScanner(res.Body)
				sc.Buffer(nil, 1<<20)
				for sc.Scan() {
					var rec index.Record
					if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
						t.Fatalf("%v: line %q: %v", p, sc.Text(), err)
					}
					if rec.Title == "" || rec.Snippet == "" || rec.People == nil || rec.Parties == nil {
						t.Errorf("%v: a record lacks fields: %+v", p, rec)
					}
					ids = append(ids, rec.ID)
				}
			case ExportCSV:
				rows, err := csv.NewReader(res.Body).ReadAll()
				if err != nil {
					t.Fatalf("%v: CSV: %v", p, err)
				}
				if len(rows) == 0 || !slices.Equal(rows[0], csvHeader) {
					t.Fatalf("%v: CSV header %v, want %v", p, rows, csvHeader)
				}
				for _, row := range rows[1:] {
					ids = append(ids, row[0])
				}
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK || !slices.Equal(ids, want) {
				t.Errorf("%v: status %d, ids %v, want %v (total %d)", p, res.StatusCode, ids, want, total)
			}
		}
	}
	// Labels, not only ids, of the parties.
	_, body := get(t, ts, "/api/export?format=csv&party=INC")
	if !strings.Contains(string(body), "Indian National Congress") {
		t.Errorf("export of party=INC names no party:\n%s", body)
	}
}

func TestExportAndCursorBadParams(t *testing.T) {
	ts := seedServer(t)
	for path, param := range map[string]string{
		"/api/export":                                                  "format",
		"/api/export?format=xml":                                       "format",
		"/api/export?format=csv&format=jsonl":                          "format",
		"/api/export?format=csv&sort=x":                                "sort",
		"/api/export?format=csv&colour=red":                            "colour",
		"/api/search?sort=-date&cursor=%21%21":                         "cursor",
		"/api/search?sort=-date&cursor=bm90IGpzb24":                    "cursor",
		"/api/search?cursor=" + index.EncodeCursor([]string{"a", "b"}): "cursor",
		"/api/search?sort=date&offset=10&cursor=" + index.EncodeCursor([]string{"a", "b"}): "cursor",
		"/feed?sort=date&cursor=x": "cursor",
		"/feed?from=2020-13":       "from",
	} {
		code, body := get(t, ts, path)
		if code != http.StatusBadRequest || !strings.Contains(string(body), "parameter "+param) {
			t.Errorf("%s: %d %s, want 400 naming %s", path, code, body, param)
		}
	}
}

// atomRead is what a reader needs of an Atom feed.
type atomRead struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary string `xml:"summary"`
		Author  string `xml:"author>name"`
	} `xml:"entry"`
}

func TestFeed(t *testing.T) {
	ts := seedServer(t)
	for _, q := range []string{"", "Congress", "nothingmatchesthis"} {
		res, err := http.Get(ts.URL + "/feed?q=" + url.QueryEscape(q))
		if err != nil {
			t.Fatal(err)
		}
		var f atomRead
		err = xml.NewDecoder(res.Body).Decode(&f)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/atom+xml") {
			t.Fatalf("q=%s: %d %s, %v", q, res.StatusCode, res.Header.Get("Content-Type"), err)
		}
		dated := 0 // undated articles are left out
		for _, h := range search(t, ts, url.Values{"q": {q}, "sort": {"-date"}, "size": {"50"}}).Hits {
			if h.Date != "" {
				dated++
			}
		}
		if len(f.Entries) != dated || (q == "" && dated == 0) {
			t.Errorf("q=%s: %d entries, want %d", q, len(f.Entries), dated)
		}
		if f.ID == "" || f.Title == "" || len(f.Links) == 0 {
			t.Errorf("q=%s: feed lacks id, title or links: %+v", q, f)
		}
		if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
			t.Errorf("q=%s: feed updated %q: %v", q, f.Updated, err)
		}
		var prev time.Time
		for i, e := range f.Entries {
			d, err := time.Parse(time.RFC3339, e.Updated)
			if err != nil {
				t.Errorf("q=%s: entry %d updated %q: %v", q, i, e.Updated, err)
			}
			if i > 0 && d.After(prev) {
				t.Errorf("q=%s: entry %d (%s) is newer than the one before (%s)", q, i, d, prev)
			}
			prev = d
			u, err := url.Parse(e.Link.Href)
			if err != nil || !u.IsAbs() || u.Host != strings.TrimPrefix(ts.URL, "http://") || !strings.HasPrefix(u.Path, "/articles/") {
				t.Errorf("q=%s: entry link %q is not an absolute article URL", q, e.Link.Href)
			}
			if code, _ := get(t, ts, strings.TrimPrefix(e.Link.Href, ts.URL)); code != http.StatusOK {
				t.Errorf("q=%s: entry link %q: %d", q, e.Link.Href, code)
			}
			if e.ID == "" || e.Title == "" || e.Summary == "" || e.Author == "" || strings.Contains(e.Summary, "<mark>") {
				t.Errorf("q=%s: entry %d lacks id, title, author or a plain summary: %+v", q, i, e)
			}
		}
	}
}

func TestPageLinksExportAndFeed(t *testing.T) {
	ts := seedServer(t)
	_, body := get(t, ts, "/?q=Congress&party=INC&offset=0")
	for _, want := range []string{
		`<link rel="alternate" type="application/atom+xml"`,
		`href="/feed?party=INC&amp;q=Congress"`,
		`href="/api/export?format=csv&amp;party=INC&amp;q=Congress"`,
		`href="/api/export?format=jsonl&amp;party=INC&amp;q=Congress"`,
	} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("the page lacks %s", want)
		}
	}
}
