package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsearch/bilingual/articles"
)

// copiesIndex writes stories, each with up to four near-identical copies,
// in two writes (so clusters span segments), and returns a Searcher over
// them.
func copiesIndex(t *testing.T) *Searcher {
	t.Helper()
	w, idx := newWriter(t)
	rng := rand.New(rand.NewPCG(17, 4))
	vocab := strings.Fields("police court farmers wheat harvest market trader district village river bridge road school " +
		"teacher student exam result hospital doctor nurse patient vaccine budget tax railway station train airport flight " +
		"minister party election vote campaign rally leader speech parliament assembly bill law judge verdict bail protest " +
		"strike union factory worker wage price onion tomato petrol diesel monsoon flood drought storm cyclone heat cold")
	var batches [2][]articles.Document
	day := time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC)
	for story := range 14 {
		words := make([]string, 60)
		for i := range words {
			words[i] = vocab[rng.IntN(len(vocab))]
		}
		for range 1 + story%3 + rng.IntN(2) { // some lockdown mentions, so scores differ
			words[rng.IntN(len(words))] = "lockdown"
		}
		body := strings.Join(words, " ") + "."
		for c := range 1 + story%5 {
			doc := articles.Document{
				ID: fmt.Sprintf("s%02dc%d", story, c), Body: body + strings.Repeat(" Officials said so.", c),
				Source: []string{"alpha", "beta"}[c%2], Date: day.AddDate(0, 0, (story*7+c*3)%20),
			}
			batches[(story+c)%2] = append(batches[(story+c)%2], doc)
		}
	}
	for _, b := range batches {
		if err := w.Write(context.Background(), b); err != nil {
			t.Fatal(err)
		}
	}
	return newSearcher(t, idx, SearchConfig{Freedict: NoFreedict})
}

// TestCollapseColumnsMatchBleve checks that the one-pass collapse over the
// columns (groupTop, copies from the matches' bitsets) shows the same page,
// total and copies as collapsing with Bleve alone (collecting several
// pages' matches and counting copies with a second search), across pages,
// sorts, cursors, filters and a search split in parts.
func TestCollapseColumnsMatchBleve(t *testing.T) {
	s := copiesIndex(t)
	ctx := context.Background()
	from := time.Date(2020, 4, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		r     Request
		sort  []string
		after bool // continue after the third hit of the page without a cursor
		split bool
	}{
		{name: "first page", r: Request{Q: "lockdown", Size: 5}},
		{name: "second page", r: Request{Q: "lockdown", Size: 5, Offset: 5}},
		{name: "past the last cluster", r: Request{Q: "lockdown", Size: 5, Offset: 12}},
		{name: "one a page", r: Request{Q: "lockdown", Size: 1, Offset: 3}},
		{name: "filtered", r: Request{Q: "lockdown", Size: 4, Sources: []string{"beta"}, From: from}},
		{name: "every document", r: Request{Size: 6, Offset: 2}},
		{name: "newest first", r: Request{Q: "lockdown", Size: 4}, sort: []string{"-" + FieldDate, "_id"}},
		{name: "oldest first after a cursor", r: Request{Q: "lockdown", Size: 4}, sort: []string{FieldDate, "_id"},
			after: true},
		{name: "split in parts", r: Request{Q: "lockdown", Size: 4, Offset: 1}, split: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r
			p, _ := planned(t, s, r.Q)
			var after []string
			newRequest := func() *bleve.SearchRequest {
				req := bleve.NewSearchRequestOptions(p.query(p.concepts()), r.Size, r.Offset, false)
				req.Fields = hitFields
				if tc.sort != nil {
					req.SortBy(tc.sort)
				}
				if after != nil {
					req.SetSearchAfter(after)
				}
				return req
			}
			if tc.split {
				m, n := s.splitMatches, s.splitParts
				s.splitMatches, s.splitParts = 1, 3
				defer func() { s.splitMatches, s.splitParts = m, n }()
			}
			if tc.after {
				first, err := s.bleveCollapsed(ctx, newRequest(), r, false)
				if err != nil || len(first.res.Hits) < 3 {
					t.Fatalf("page before the cursor: %v, %v", first, err)
				}
				after = first.res.Hits[2].Sort
			}
			v := columnsView(t, s)
			got, err := v.search(ctx, s, newRequest(), r, runOptions{collapse: true})
			v.close()
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.bleveCollapsed(ctx, newRequest(), r, false)
			if err != nil {
				t.Fatal(err)
			}
			show := func(f *found) string {
				var b strings.Builder
				fmt.Fprintf(&b, "total %d:", f.res.Total)
				for _, h := range f.res.Hits {
					fmt.Fprintf(&b, " %s(%s+%d)", h.ID, clusterOf(h), f.copies[clusterOf(h)])
				}
				return b.String()
			}
			if g, w := show(got), show(want); g != w {
				t.Errorf("columns: %s\nBleve:   %s", g, w)
			}
			t.Log(show(got))
			if len(want.res.Hits) == 0 && tc.r.Offset < 12 {
				t.Errorf("no hits: the case tests nothing")
			}
			copied := 0
			for _, h := range got.res.Hits {
				copied += got.copies[clusterOf(h)]
			}
			if tc.name == "first page" && copied == 0 {
				t.Errorf("no copies counted on the first page: %s", show(got))
			}
		})
	}
}
