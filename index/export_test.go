package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsearch/bilingual/articles"
)

// exportAgrees checks that an export of r, read chunk at a time, lists
// exactly the search's total, each match once, in the order that paging
// through the search with cursors (size per page) gives.
func exportAgrees(t *testing.T, s *Searcher, r Request, chunk, size int) {
	t.Helper()
	ctx := context.Background()
	var exported []string
	total, err := s.each(ctx, r, chunk, func(rec Record) error {
		if rec.ID == "" || strings.Contains(rec.Snippet, "<mark>") {
			t.Errorf("%+v: record without id or with HTML in its snippet", rec)
		}
		exported = append(exported, rec.ID)
		return nil
	})
	if err != nil {
		t.Fatalf("export %+v: %v", r, err)
	}
	if uint64(len(exported)) != total {
		t.Errorf("export %+v: %d records, total %d", r, len(exported), total)
	}
	paged := cursorPages(t, s, r, size)
	if len(paged) != int(total) {
		t.Errorf("cursor paging %+v: %d hits, total %d", r, len(paged), total)
	}
	if !slices.Equal(exported, paged) {
		t.Errorf("export %+v and cursor paging differ:\n%v\n%v", r, head(exported), head(paged))
	}
	seen := map[string]bool{}
	for _, id := range exported {
		if seen[id] {
			t.Errorf("export %+v: %s twice", r, id)
		}
		seen[id] = true
	}
	if want := searchTotal(t, s, r); want != total {
		t.Errorf("export %+v: total %d, search says %d", r, total, want)
	}
}

func head(ids []string) []string { return ids[:min(len(ids), 20)] }

func searchTotal(t *testing.T, s *Searcher, r Request) uint64 {
	t.Helper()
	r.Size = 1
	res, err := s.Search(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

// cursorPages pages through r's search by cursors and returns the ids of
// every match: copies too, as an export lists them.
func cursorPages(t *testing.T, s *Searcher, r Request, size int) []string {
	t.Helper()
	r.NoCollapse = true
	if r.Sort != SortDate {
		r.Sort = SortDateDesc // as Each orders a relevance-sorted request
	}
	r.Size = size
	var ids []string
	for range 100000 {
		res, err := s.Search(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if res.Cursor == "" {
			if len(res.Hits) == size {
				t.Fatalf("%+v: a full page without a cursor", r)
			}
			return ids
		}
		if r.After, err = DecodeCursor(res.Cursor); err != nil {
			t.Fatalf("cursor %q: %v", res.Cursor, err)
		}
	}
	t.Fatalf("%+v: cursors never end", r)
	return nil
}

func TestExportSeeds(t *testing.T) {
	s := seedSearcher(t)
	for _, r := range []Request{
		{}, {Sort: SortDate}, {Q: "Congress"}, {Q: "party resign", Sort: SortDate},
		{Q: "Congress", Langs: []string{"en"}}, {Q: "nothingmatchesthis"},
		{To: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)}, {From: time.Date(2019, 6, 29, 0, 0, 0, 0, time.UTC), Sort: SortDate},
	} {
		for _, chunk := range []int{1, 2, 500} {
			exportAgrees(t, s, r, chunk, 2)
		}
	}
	var n int
	total, err := s.Each(context.Background(), Request{}, func(rec Record) error {
		n++
		for _, p := range rec.Parties {
			if p.ID == "" {
				t.Errorf("%s: party without id: %+v", rec.ID, rec.Parties)
			}
		}
		return nil
	})
	if err != nil || total != 5 || n != 5 {
		t.Errorf("export of the seeds: %d records of total %d (%v), want 5", n, total, err)
	}
}

func TestCursor(t *testing.T) {
	for _, c := range []string{"", "!!", "bm90IGpzb24", EncodeCursor([]string{"a"})} {
		if _, err := DecodeCursor(c); err == nil {
			t.Errorf("DecodeCursor(%q) accepted", c)
		}
	}
	want := []string{"\x00\x7f date", "id-1"}
	if got, err := DecodeCursor(EncodeCursor(want)); err != nil || !slices.Equal(got, want) {
		t.Errorf("round trip: %q, %v; want %q", got, err, want)
	}
	s := seedSearcher(t)
	if _, err := s.Search(context.Background(), Request{After: want}); err == nil {
		t.Error("a cursor on a relevance-sorted search was accepted")
	}
}

// exportOnCorpus exports every article of the real corpus, and a query's
// matches, and checks them against the search's total and cursor paging.
func exportOnCorpus(t *testing.T, s *Searcher) {
	exportAgrees(t, s, Request{}, ExportChunk, MaxSize)
	exportAgrees(t, s, Request{Q: "Modi lockdown", Sort: SortDate}, ExportChunk, 37)
	exportAgrees(t, s, Request{Q: "कोरोना", Parties: []string{"BJP"}}, 100, MaxSize)
}

// TestExportSharedDays exports, a few matches at a time, articles many of
// which share a day (and some in zones behind UTC, and some undated), so
// that a chunk's narrowing to its last hit's day must keep the rest of
// that day.
func TestExportSharedDays(t *testing.T) {
	w, idx := newWriter(t)
	behind := time.FixedZone("UTC-5", -5*3600)
	var docs []articles.Document
	for i := range 40 {
		d := articles.Document{ID: fmt.Sprintf("d%02d", i), Title: "Rain in Delhi", Body: "Rain in Delhi today, day " + fmt.Sprint(i%5)}
		switch i % 4 {
		case 0, 1:
			d.Date = time.Date(2020, 4, 1+i%3, 10, 0, 0, 0, time.UTC)
		case 2:
			d.Date = time.Date(2020, 4, 1+i%3, 22, 0, 0, 0, behind) // the next UTC day
		}
		docs = append(docs, d)
	}
	if err := w.Write(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	s := newSearcher(t, idx, SearchConfig{Freedict: NoFreedict})
	for _, r := range []Request{{}, {Sort: SortDate}, {Q: "rain"}, {Q: "rain", To: time.Date(2020, 4, 2, 0, 0, 0, 0, time.UTC)}} {
		for _, chunk := range []int{1, 3, 7} {
			exportAgrees(t, s, r, chunk, 4)
		}
	}
}
