package server

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/newsearch/bilingual/index"
)

// Issue 14's seed acceptance, through the API: 004 is about Kashmir; 000
// names Rajasthan, 002 राजस्थान.
func TestPlaceFilterAPI(t *testing.T) {
	ts := seedServer(t)
	for _, tc := range []struct {
		place string
		want  []string
	}{
		{"Jammu and Kashmir", []string{seed004}},
		{"राजस्थान", []string{seed000, seed002}},
		{"IN-RJ", []string{seed000, seed002}},
	} {
		r := search(t, ts, url.Values{"place": {tc.place}})
		for _, id := range tc.want {
			if !slices.Contains(ids(r), id) {
				t.Errorf("place=%s: hits %v lack %s", tc.place, ids(r), id)
			}
		}
		for _, v := range r.Facets.Places {
			if v.Selected && v.Count != int(r.Total) {
				t.Errorf("place=%s: selected %+v counts %d, the search finds %d", tc.place, v, v.Count, r.Total)
			}
		}
	}
	r := search(t, ts, url.Values{"place": {"राजस्थान", "Jammu and Kashmir"}})
	if !slices.Contains(ids(r), seed004) || !slices.Contains(ids(r), seed000) {
		t.Errorf("two places are OR-ed: hits %v", ids(r))
	}
	if r := search(t, ts, url.Values{"source": {"Nowhere Times"}}); r.Total != 0 {
		t.Errorf("source=Nowhere Times finds %d of the seeds, which have no source", r.Total)
	}
	_, body := get(t, ts, "/api/search")
	var raw struct{ Facets map[string]json.RawMessage }
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Fatal(err)
	}
	if string(raw.Facets["sources"]) != "[]" || !strings.Contains(string(raw.Facets["places"]), `"label_hi":"राजस्थान"`) {
		t.Errorf("facets sources %s places %s: want [] and places with Hindi labels", raw.Facets["sources"], raw.Facets["places"])
	}
}

func TestCountOnlyAndFacetSizeAPI(t *testing.T) {
	ts := seedServer(t)
	full := search(t, ts, url.Values{"q": {"Congress"}})
	counts := search(t, ts, url.Values{"q": {"Congress"}, "size": {"0"}})
	if len(counts.Hits) != 0 || counts.Total != full.Total || len(counts.Facets.Parties) != len(full.Facets.Parties) {
		t.Errorf("size=0: %d hits, total %d, %d parties; want 0, %d, %d",
			len(counts.Hits), counts.Total, len(counts.Facets.Parties), full.Total, len(full.Facets.Parties))
	}
	if counts.Hits == nil {
		t.Error("size=0: hits is null, want []")
	}
	one := search(t, ts, url.Values{"facet_size": {"1"}})
	if len(one.Facets.People) != 1 || len(one.Facets.Parties) != 1 || len(one.Facets.Places) != 1 {
		t.Errorf("facet_size=1: people %d parties %d places %d", len(one.Facets.People), len(one.Facets.Parties), len(one.Facets.Places))
	}
	if all := search(t, ts, url.Values{"facet_size": {"500"}}); len(all.Facets.People) <= index.FacetSize {
		t.Errorf("facet_size=500 lists %d people, the default %d at most", len(all.Facets.People), index.FacetSize)
	}
}

func TestPeriodDates(t *testing.T) {
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	for _, tc := range []struct {
		from, to         string
		wantFrom, wantTo time.Time
	}{
		{"2019", "2019", day("2019-01-01"), day("2019-12-31")},
		{"2020-02", "2020-02", day("2020-02-01"), day("2020-02-29")},
		{"2019-12", "2020", day("2019-12-01"), day("2020-12-31")},
		{"2019-06-29", "2019-07", day("2019-06-29"), day("2019-07-31")},
	} {
		r, err := ParseSearch(url.Values{"from": {tc.from}, "to": {tc.to}})
		if err != nil || !r.From.Equal(tc.wantFrom) || !r.To.Equal(tc.wantTo) {
			t.Errorf("from=%s to=%s: %v..%v (%v), want %v..%v", tc.from, tc.to, r.From, r.To, err, tc.wantFrom, tc.wantTo)
		}
	}
	for _, bad := range []url.Values{{"from": {"2019-1"}}, {"to": {"19"}}, {"from": {"2019-13"}}, {"to": {"1600"}},
		{"from": {"2019-06"}, "to": {"2019-05"}}, {"facet_size": {"0"}}, {"facet_size": {"501"}}, {"size": {"-1"}}} {
		if _, err := ParseSearch(bad); err == nil {
			t.Errorf("%v accepted", bad)
		} else if pe, ok := err.(*ParamError); !ok || !strings.Contains(bad.Encode(), pe.Param+"=") {
			t.Errorf("%v: error %v does not name the parameter", bad, err)
		}
	}
	r, err := ParseSearch(url.Values{"size": {"0"}, "source": {"Amar Ujala", "Inshorts"}, "place": {"राजस्थान"}})
	if err != nil || !r.CountOnly || r.Size != 0 || len(r.Sources) != 2 || r.Places[0] != "राजस्थान" || r.FacetSize != index.FacetSize {
		t.Errorf("size=0 with sources and a place: %+v, %v", r, err)
	}
	if r, _ := ParseSearch(url.Values{}); r.CountOnly {
		t.Error("no size: counts only")
	}
}

// The page lists places as a facet, ticks the one filtered by (given by its
// Hindi name) under its id, and shows no sources facet for the seeds, which
// have none.
func TestPagePlacesFacet(t *testing.T) {
	ts := seedServer(t)
	_, doc := getPage(t, ts, "/?place="+url.QueryEscape("राजस्थान"))
	box := one(t, doc, "Rajasthan checkbox", func(n *html.Node) bool {
		return n.Data == "input" && attr(n, "name") == "place" && attr(n, "value") == "IN-RJ"
	})
	if !slices.ContainsFunc(box.Attr, func(a html.Attribute) bool { return a.Key == "checked" }) {
		t.Error("IN-RJ checkbox not checked")
	}
	facet := one(t, doc, "places facet", byID("facet-places"))
	if txt := textOf(facet); !strings.Contains(txt, "Rajasthan") || !strings.Contains(txt, "राजस्थान") {
		t.Errorf("places facet reads %q, want both labels", txt)
	}
	if got := findAll(doc, byID("facet-sources")); len(got) != 0 {
		t.Error("a sources facet without sources")
	}
	ids := hitIDs(doc)
	slices.Sort(ids)
	if !slices.Contains(ids, seed000) || !slices.Contains(ids, seed002) {
		t.Errorf("hits %v lack 000 or 002", ids)
	}
}
