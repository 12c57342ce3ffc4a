package index

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/entities"
)

// lavDocs name one official in three spellings and two scripts, none of
// them a gazetteer person.
var lavDocs = []articles.Document{
	{ID: "hi", Body: "स्वास्थ्य मंत्रालय के संयुक्त सचिव लव अग्रवाल ने कहा कि मामले बढ़े हैं।"},
	{ID: "en", Body: "Health ministry joint secretary Lav Agarwal said cases rose."},
	{ID: "en2", Body: "Joint Secretary Lav Aggarwal told reporters the curve was flat."},
}

// storedPerson reads the record the index keeps for a generated person.
func storedPerson(t *testing.T, s *Searcher, id string) entities.Person {
	t.Helper()
	raw, err := s.live.idx.GetInternal(personKey(id))
	if err != nil || raw == nil {
		t.Fatalf("no record for %s: %v", id, err)
	}
	var p entities.Person
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestUnknownPersonOneIDAndLabels: a person the gazetteer lacks has one id
// and English and Hindi labels whether the articles come one by one (Hindi
// first) or in one batch, and the labels a record holds do not change as
// more articles arrive.
func TestUnknownPersonOneIDAndLabels(t *testing.T) {
	want := entities.UnknownID(entities.NameKey("Lav Agarwal"))
	for _, oneByOne := range []bool{true, false} {
		w, idx := newWriter(t)
		if oneByOne {
			for _, d := range lavDocs {
				if err := w.Write(context.Background(), []articles.Document{d}); err != nil {
					t.Fatal(err)
				}
			}
		} else if err := w.Write(context.Background(), lavDocs); err != nil {
			t.Fatal(err)
		}
		s := newSearcher(t, idx, SearchConfig{Freedict: NoFreedict})
		res, err := s.Search(context.Background(), Request{Size: 10, FacetSize: 100})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, v := range res.Facets.People {
			ids = append(ids, v.Value)
		}
		if len(ids) != 1 || ids[0] != want || res.Facets.People[0].Count != 3 {
			t.Fatalf("one by one %v: people facet %+v, want %s in 3 articles", oneByOne, res.Facets.People, want)
		}
		v := res.Facets.People[0]
		if !strings.HasPrefix(v.Label, "Lav Ag") || v.LabelHi != "लव अग्रवाल" {
			t.Errorf("one by one %v: labels %q / %q, want English and Hindi", oneByOne, v.Label, v.LabelHi)
		}
		if oneByOne && v.Label != "Lav Agarwal" {
			t.Errorf("label %q: the first English spelling indexed should stay", v.Label)
		}
		if p := storedPerson(t, s, want); p.ID != want {
			t.Errorf("record %+v", p)
		}
	}
}

// TestPersonLabelsKeepStoredNames: a stored name is never replaced, a
// missing script is filled, and an unreadable record is rewritten.
func TestPersonLabelsKeepStoredNames(t *testing.T) {
	_, idx := newWriter(t)
	b := idx.NewBatch()
	b.SetInternal(personKey("x-a"), []byte(`{"ID":"x-a","NameEn":"Old Name"}`))
	b.SetInternal(personKey("x-bad"), []byte(`{not json`))
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	l := newPersonLabels(idx)
	for _, p := range []entities.Person{
		{ID: "x-a", NameEn: "New Name", NameHi: "नाम"},
		{ID: "x-bad", NameHi: "कोई"},
		{ID: "x-new", NameEn: "Fresh"},
		{ID: "x-new", NameHi: "ताज़ा"},
	} {
		if err := l.add(p); err != nil {
			t.Fatal(err)
		}
	}
	b = idx.NewBatch()
	if err := l.write(b); err != nil {
		t.Fatal(err)
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]entities.Person{
		"x-a":   {ID: "x-a", NameEn: "Old Name", NameHi: "नाम"},
		"x-bad": {ID: "x-bad", NameHi: "कोई"},
		"x-new": {ID: "x-new", NameEn: "Fresh", NameHi: "ताज़ा"},
	} {
		raw, err := idx.GetInternal(personKey(id))
		var got entities.Person
		if err != nil || json.Unmarshal(raw, &got) != nil || got.ID != want.ID || got.NameEn != want.NameEn || got.NameHi != want.NameHi {
			t.Errorf("%s: %s (%v), want %+v", id, raw, err, want)
		}
	}
}

// lavAgarwalHasOneID: on the real corpus, the health ministry's Lav Agarwal
// (संयुक्त सचिव लव अग्रवाल, Secretary Lav Aggarwal, लव अगरवाल) is one
// value of the people facet, labelled in both scripts.
func lavAgarwalHasOneID(t *testing.T, s *Searcher) {
	res, err := s.Search(context.Background(), Request{Q: "Lav Agarwal OR लव अग्रवाल OR Aggarwal OR अगरवाल", Size: 1, FacetSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	var lav []FacetValue
	for _, v := range res.Facets.People {
		if strings.HasPrefix(v.Label, "Lav A") || strings.HasPrefix(v.LabelHi, "लव अ") || strings.Contains(v.Value, "lv-") {
			lav = append(lav, v)
		}
	}
	if len(lav) != 1 {
		t.Fatalf("Lav Agarwal has %d ids in the people facet: %+v", len(lav), lav)
	}
	if v := lav[0]; v.Label == "" || v.LabelHi == "" || v.Count < 50 {
		t.Errorf("Lav Agarwal: %+v, want both labels and the 50+ articles that name him", v)
	}
	t.Logf("Lav Agarwal: %+v", lav[0])
}
