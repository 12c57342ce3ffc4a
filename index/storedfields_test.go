package index

import (
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"
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
