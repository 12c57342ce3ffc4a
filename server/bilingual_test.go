package server

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestCrossLanguageQueries(t *testing.T) {
	ts := seedServer(t)
	englishResignations := []string{seed000, seed001, seed003, seed004}
	tests := []struct {
		q         string
		romanized bool
		top3      string   // must be among the first three hits
		contains  []string // must be among the hits
	}{
		{"rahul gandhi istifa", true, seed002, nil},
		{"gehlot ka istifa", true, seed002, nil},
		{"resignation", false, "", []string{seed002}},
		{"इस्तीफा", false, "", englishResignations},
		{"इस्तीफे", false, "", englishResignations},
		{"राहुल गांधी", false, "", []string{seed000, seed001, seed004}},
	}
	for _, tc := range tests {
		r := search(t, ts, url.Values{"q": {tc.q}})
		got := ids(r)
		if r.Query.RomanizedHindi != tc.romanized {
			t.Errorf("%s: romanized_hindi %v, want %v", tc.q, r.Query.RomanizedHindi, tc.romanized)
		}
		if tc.top3 != "" && !slices.Contains(got[:min(3, len(got))], tc.top3) {
			t.Errorf("%s: top 3 %v lack %s", tc.q, got, tc.top3)
		}
		for _, id := range tc.contains {
			if !slices.Contains(got, id) {
				t.Errorf("%s: hits %v lack %s", tc.q, got, id)
			}
		}
	}
}

func TestExpansionsShown(t *testing.T) {
	ts := seedServer(t)
	r := search(t, ts, url.Values{"q": {"resignation"}})
	var to []string
	for _, e := range r.Query.Expansions {
		to = append(to, e.To...)
	}
	if !slices.Contains(to, "इस्तीफा") {
		t.Errorf("expansions %+v lack इस्तीफा", r.Query.Expansions)
	}
	// The Hindi hit came through the translation: its snippet marks it.
	for _, h := range r.Hits {
		if h.ID == seed002 && !strings.Contains(h.Snippet, "<mark>इस्तीफ") {
			t.Errorf("snippet of %s does not mark the translation: %q", h.ID, h.Snippet)
		}
	}
	// A lang filter still narrows a translated query to one language.
	r = search(t, ts, url.Values{"q": {"resignation"}, "lang": {"hi"}})
	if got := ids(r); !slices.Equal(got, []string{seed002}) {
		t.Errorf("resignation lang=hi: %v, want only %s", got, seed002)
	}
}
