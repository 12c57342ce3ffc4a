package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/newsearch/bilingual/index"
)

func facetCount(vals []index.FacetValue, value string) (index.FacetValue, bool) {
	for _, v := range vals {
		if v.Value == value {
			return v, true
		}
	}
	return index.FacetValue{}, false
}

func TestSeedFacets(t *testing.T) {
	ts := seedServer(t)
	r := search(t, ts, url.Values{})
	f := r.Facets
	// Counted by reading the seeds: all five name the Congress; 002 (बीजेपी),
	// 003 and 004 name the BJP; 000, 001, 002 and 004 name Rahul Gandhi.
	if v, ok := facetCount(f.Parties, "BJP"); !ok || v.Count != 3 {
		t.Errorf("BJP facet %+v, want count 3", v)
	}
	if v, ok := facetCount(f.Parties, "INC"); !ok || v.Count != 5 || v.Label != "Indian National Congress" || v.LabelHi == "" {
		t.Errorf("INC facet %+v, want count 5 with both labels", v)
	}
	rahul, ok := facetCount(f.People, "rahul-gandhi")
	if !ok || rahul.Count != 4 || rahul.Label != "Rahul Gandhi" || rahul.LabelHi != "राहुल गांधी" {
		t.Errorf("rahul-gandhi facet %+v, want 4 with both labels", rahul)
	}
	// 000 and 003 carry dates; 001 and 002 get theirs inferred from the text
	// (2019), 004 names no year and stays undated.
	if len(f.Dates) != 6 || f.Dates[0].Label != "2019" || f.Dates[5].Label != "2024" ||
		f.Dates[0].Count != 3 || f.Dates[5].Count != 1 || f.Dates[2].Count != 0 {
		t.Errorf("dates %+v, want 2019:3, 2020-2023:0, 2024:1", f.Dates)
	}
	if r.FacetMeta.DateInterval != "year" || r.FacetMeta.Undated != 1 || r.FacetMeta.Approximate {
		t.Errorf("facet meta %+v, want year buckets, 1 undated, exact", r.FacetMeta)
	}
	if v, ok := facetCount(f.Lang, "en"); !ok || v.Count != 4 {
		t.Errorf("lang en %+v, want 4", v)
	}
}

func TestPersonFilterAnyScript(t *testing.T) {
	ts := seedServer(t)
	want := []string{seed000, seed001, seed002, seed004}
	for _, name := range []string{"rahul-gandhi", "राहुल गांधी", "राहुल गाँधी", "Rahul Gandhi"} {
		r := search(t, ts, url.Values{"person": {name}, "sort": {"date"}})
		got := ids(r)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("person=%s: %v, want %v", name, got, want)
		}
		// The person facet is counted without its own filter, and shows the selection.
		v, ok := facetCount(r.Facets.People, "rahul-gandhi")
		if !ok || !v.Selected {
			t.Errorf("person=%s: facet value %+v not selected", name, v)
		}
	}
}

func TestPartyFilterDisjunctive(t *testing.T) {
	ts := seedServer(t)
	for _, name := range []string{"INC", "कांग्रेस", "Congress", "कॉन्ग्रेस"} {
		r := search(t, ts, url.Values{"party": {name}})
		if r.Total != 5 {
			t.Errorf("party=%s: %d hits, want 5", name, r.Total)
		}
	}
	// Ticking one party leaves the other parties' counts as they were without it.
	all := search(t, ts, url.Values{})
	one := search(t, ts, url.Values{"party": {"INC"}, "lang": {"hi"}})
	if one.Total != 1 {
		t.Errorf("party=INC&lang=hi: %d hits, want 1", one.Total)
	}
	for _, v := range all.Facets.Lang {
		w, _ := facetCount(one.Facets.Lang, v.Value)
		if w.Count != v.Count {
			t.Errorf("lang facet %s: %d with lang selected, want %d (counted without its own filter)", v.Value, w.Count, v.Count)
		}
	}
}

func TestEntityQueryAcrossScripts(t *testing.T) {
	ts := seedServer(t)
	r := search(t, ts, url.Values{"q": {"राहुल गांधी"}})
	got := ids(r)
	for _, id := range []string{seed000, seed001, seed002, seed004} {
		if !slices.Contains(got, id) {
			t.Errorf("राहुल गांधी: hits %v lack %s", got, id)
		}
	}
	r = search(t, ts, url.Values{"q": {"Ashok Gehlot"}})
	if len(r.Hits) == 0 || r.Hits[0].ID != seed002 {
		t.Errorf("Ashok Gehlot: hits %v, want %s first", ids(r), seed002)
	}
}

func TestFacetSuggest(t *testing.T) {
	ts := seedServer(t)
	for _, tc := range []struct{ facet, prefix, want string }{
		{"people", "rah", "rahul-gandhi"},
		{"people", "राहु", "rahul-gandhi"},
		{"people", "gand", "rahul-gandhi"},
		{"parties", "कांग्", "INC"},
		{"parties", "cong", "INC"},
	} {
		code, body := get(t, ts, "/api/facets/"+tc.facet+"?"+url.Values{"prefix": {tc.prefix}}.Encode())
		if code != http.StatusOK {
			t.Fatalf("%s %s: status %d", tc.facet, tc.prefix, code)
		}
		var res struct{ Values []index.FacetValue }
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		if _, ok := facetCount(res.Values, tc.want); !ok {
			t.Errorf("%s prefix %q: %s missing from %+v", tc.facet, tc.prefix, tc.want, res.Values)
		}
	}
	if code, _ := get(t, ts, "/api/facets/cities?prefix=a"); code != http.StatusNotFound {
		t.Errorf("unknown facet: status %d, want 404", code)
	}
}

// The type-ahead counts a value as the facet of a search filtered by it does.
func TestFacetSuggestCountsAgreeWithFilters(t *testing.T) {
	ts := seedServer(t)
	for _, tc := range []struct{ facet, param, prefix string }{
		{"people", "person", "rahul"}, {"people", "person", "gehlot"}, {"parties", "party", "bjp"}, {"parties", "party", "कांग्"},
	} {
		_, body := get(t, ts, "/api/facets/"+tc.facet+"?"+url.Values{"prefix": {tc.prefix}}.Encode())
		var res struct{ Values []index.FacetValue }
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		if len(res.Values) == 0 {
			t.Fatalf("%s %q: no values", tc.facet, tc.prefix)
		}
		for _, v := range res.Values {
			r := search(t, ts, url.Values{tc.param: {v.Value}})
			if r.Total != uint64(v.Count) {
				t.Errorf("%s %s: type-ahead counts %d, filtering by it finds %d", tc.facet, v.Value, v.Count, r.Total)
			}
		}
	}
}
