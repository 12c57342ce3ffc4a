package index

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/newsearch/bilingual/articles"
)

// seedSearcher indexes testdata/seeds with extraction.
func seedSearcher(t *testing.T) *Searcher {
	t.Helper()
	w, idx := newWriter(t)
	var docs []articles.Document
	if _, err := (articles.Reader{}).Read(context.Background(), []string{"../testdata/seeds"}, func(r articles.Record) error {
		docs = append(docs, r.Doc)
		return nil
	}, nil); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return newSearcher(t, idx, SearchConfig{Freedict: NoFreedict})
}

// bothWays searches r through the facet columns and through Bleve and shows
// each result's total, top hits with scores, and facets.
func bothWays(t *testing.T, s *Searcher, r Request) (fromColumns, fromBleve string) {
	t.Helper()
	ctx := context.Background()
	c := columnsView(t, s)
	s.resolve(&r)
	p, _ := planned(t, s, r.Q)
	text := p.query(s.match.required(p.concepts(), r.Op, p.question))
	f, err := c.search(ctx, s, bleve.NewSearchRequestOptions(text, 10, 0, false), r, runOptions{count: true})
	c.close()
	if err != nil {
		t.Fatal(err)
	}
	res, got := f.res, f.facets
	groups := filters(r)
	req := bleve.NewSearchRequestOptions(groups.without(text, ""), 10, 0, false)
	s.mainFacets(req, groups, r)
	bres, err := s.live.idx.SearchInContext(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.computeFacets(ctx, text, groups, bres, r)
	if err != nil {
		t.Fatal(err)
	}
	show := func(res *bleve.SearchResult, f *Facets) string {
		var hits []string
		for _, h := range res.Hits {
			hits = append(hits, fmt.Sprintf("%s:%.6f", h.ID, h.Score))
		}
		return fmt.Sprintf("total %d hits %v facets %+v %s %d", res.Total, hits, *f, f.interval, f.undated)
	}
	return show(res, got), show(bres, want)
}

// TestSplitSearchAsOnePass checks that a search split into parts over
// ranges of document numbers finds, ranks and counts as one pass does.
func TestSplitSearchAsOnePass(t *testing.T) {
	s := seedSearcher(t)
	ctx := context.Background()
	for _, r := range []Request{
		{Q: "Congress"},
		{Q: "resignation", Size: 2},
		{Q: "Congress", Size: 2, Offset: 1},
		{Q: "राहुल गांधी", Parties: []string{"INC"}},
		{},
	} {
		var got [4]string
		for i, parts := range []int{1, 2, 3, 5} {
			s.splitMatches, s.splitParts = 0, parts
			s.facets.purge()
			res, err := s.Search(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			var hits []string
			for _, h := range res.Hits {
				hits = append(hits, fmt.Sprintf("%s:%.6f", h.ID, h.Score))
			}
			got[i] = fmt.Sprintf("total %d hits %v facets %+v", res.Total, hits, *res.Facets)
		}
		for i, parts := range []int{2, 3, 5} {
			if got[i+1] != got[0] {
				t.Errorf("%+v in %d parts:\n%s\none pass:\n%s", r, parts, got[i+1], got[0])
			}
		}
	}
}

func TestColumnsCountAsBleveDoes(t *testing.T) {
	s := seedSearcher(t)
	day := func(d string) time.Time { t, _ := time.Parse(time.DateOnly, d); return t }
	for _, r := range []Request{
		{},
		{Q: "resignation"},
		{Q: "राहुल गांधी"},
		{Q: "इस्तीफा", Langs: []string{"en"}},
		{Parties: []string{"BJP"}},
		{People: []string{"rahul-gandhi", "ashok-gehlot"}, Langs: []string{"hi", "en"}},
		{Q: "Congress", From: day("2019-06-01"), To: day("2019-06-30")},
		{Q: "Congress", Parties: []string{"BJP"}, From: day("2019-01-01")},
		{People: []string{"nobody-at-all"}},
	} {
		got, want := bothWays(t, s, r)
		if got != want {
			t.Errorf("%+v:\ncolumns %s\nbleve   %s", r, got, want)
		}
	}
}

func TestColumnsHistogram(t *testing.T) {
	s := datedSearcher(t, "2004-05-01", "2006-01-01", "2006-12-31", "", "2019-06-29", "2019-07-01")
	for _, r := range []Request{{}, {From: day0("2006-01-01")}, {To: day0("2005-01-01")}, {From: day0("2019-06-01")},
		{From: day0("2006-01-01"), To: day0("2006-12-31"), DatesWithin: true}, {From: day0("2019-06-01"), DatesWithin: true}} {
		got, want := bothWays(t, s, r)
		if got != want {
			t.Errorf("%+v:\ncolumns %s\nbleve   %s", r, got, want)
		}
	}
}

func day0(d string) time.Time { t, _ := time.Parse(time.DateOnly, d); return t }

func TestColumnsFollowWrites(t *testing.T) {
	s := seedSearcher(t)
	ctx := context.Background()
	w := s.Writer()
	bjp := func() int {
		res, err := s.Search(ctx, Request{})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range res.Facets.Parties {
			if v.Value == "BJP" {
				return v.Count
			}
		}
		return 0
	}
	columnsView(t, s).close()
	before := bjp()
	if err := w.Write(ctx, []articles.Document{{ID: "new", Body: "BJP leaders met in Lucknow on Monday."}}); err != nil {
		t.Fatal(err)
	}
	// The write's small segment is read by the search itself: the columns
	// serve it at once.
	v, err := s.cols.view(context.Background(), s.live)
	if err != nil || v == nil {
		t.Fatalf("no facet columns right after a write (%v)", err)
	}
	v.close()
	if got := bjp(); got != before+1 {
		t.Errorf("right after the write: BJP %d, want %d", got, before+1)
	}
}

// columnsView waits for the facet columns of s's index to be read and returns
// a view of them.
func columnsView(tb testing.TB, s *Searcher) *view {
	tb.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		v, err := s.cols.view(context.Background(), s.live)
		if err != nil {
			tb.Fatal(err)
		}
		if v != nil {
			return v
		}
	}
	tb.Fatal("facet columns not read within 30 s")
	return nil
}

// DatesWithin draws the histogram inside the date filter, at the filter's
// own scale: a year of two dated articles by month, not the years around it.
func TestDatesWithinDrillsIn(t *testing.T) {
	s := datedSearcher(t, "2004-05-01", "2006-01-01", "2006-12-31", "", "2019-06-29", "2019-07-01")
	ctx := context.Background()
	r := Request{From: day0("2006-01-01"), To: day0("2006-12-31")}
	out, err := s.Search(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if out.FacetMeta.DateInterval != "year" || out.Total != 2 {
		t.Fatalf("without DatesWithin: interval %s, total %d; want the years around, 2 matches", out.FacetMeta.DateInterval, out.Total)
	}
	r.DatesWithin = true
	in, err := s.Search(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, b := range in.Facets.Dates {
		sum += b.Count
		if b.From < "2006-01-01" || b.To > "2006-12-31" {
			t.Errorf("bucket %+v outside 2006", b)
		}
	}
	if in.FacetMeta.DateInterval != "month" || sum != 2 || in.Total != 2 {
		t.Errorf("DatesWithin: interval %s, %d counted, total %d; want months of 2006 holding the 2 matches", in.FacetMeta.DateInterval, sum, in.Total)
	}
}
