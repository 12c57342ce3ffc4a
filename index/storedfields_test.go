package index

import (
	"reflect"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/datetime/timestamp/microseconds"
	"github.com/blevesearch/bleve/v2/analysis/datetime/timestamp/milliseconds"
	"github.com/blevesearch/bleve/v2/analysis/datetime/timestamp/nanoseconds"
	"github.com/blevesearch/bleve/v2/analysis/datetime/timestamp/seconds"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// TestLoadHitIsBleves checks that every seed article's and every copy's
// shown fields (texts, lists of people and parties, the furniture flag, the
// date) read by loadHit equal those bleve.LoadAndHighlightFields reads.
func TestLoadHitIsBleves(t *testing.T) {
	kinds := map[string]bool{}
	for _, s := range []*Searcher{seedSearcher(t), copiesIndex(t)} {
		v := columnsView(t, s)
		req := bleve.NewSearchRequest(nil)
		req.Fields = hitFields
		for n := range v.docs() {
			id, err := v.reader.ExternalID(index.NewIndexInternalID(nil, n))
			if err != nil {
				t.Fatal(err)
			}
			ours := &search.DocumentMatch{ID: id, IndexInternalID: index.NewIndexInternalID(nil, n)}
			bleves := &search.DocumentMatch{ID: id, IndexInternalID: index.NewIndexInternalID(nil, n)}
			if err := v.loadHit(ours, req); err != nil {
				t.Fatal(err)
			}
			if err, _ := bleve.LoadAndHighlightFields(bleves, req, "", v.reader, nil); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ours.Fields, bleves.Fields) {
				t.Errorf("%s:\nloadHit %#v\nBleve   %#v", id, ours.Fields, bleves.Fields)
			}
			for f, val := range ours.Fields {
				kinds[f+":"+reflect.TypeOf(val).String()] = true
			}
		}
		v.close()
	}
	for _, want := range []string{"people:[]interface {}", "furniture:bool", "date:string", "body:string", "parties:string"} {
		if !kinds[want] {
			t.Errorf("no %s among the fields read, %v: the test reads too little", want, kinds)
		}
	}
}

// TestDateValue checks dates shown as Bleve's loader shows them, for the
// layouts a date can be stored with.
func TestDateValue(t *testing.T) {
	d := time.Date(2020, 4, 1, 9, 30, 5, 0, time.UTC)
	for _, tc := range []struct{ layout, want string }{
		{"", "2020-04-01T09:30:05Z"},
		{time.RFC3339, "2020-04-01T09:30:05Z"},
		{"2006-01-02", "2020-04-01"},
		{seconds.Name, "1585733405"},
		{milliseconds.Name, "1585733405000"},
		{microseconds.Name, "1585733405000000"},
		{nanoseconds.Name, "1585733405000000000"},
	} {
		if got := dateValue(d, tc.layout); got != tc.want {
			t.Errorf("layout %q: %q, want %q", tc.layout, got, tc.want)
		}
	}
}
