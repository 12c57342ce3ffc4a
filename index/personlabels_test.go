package index

import (
	"context"
	"fmt"
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
func storedPerson(t *testing.T, s *Searcher, id string) personRecord {
	t.Helper()
	p, ok := (&labelShards{}).person(s.live.idx, id)
	if !ok {
		t.Fatalf("no record for %s", id)
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
	for id, want := range map[string]personRecord{
		"x-a":   {ID: "x-a", NameEn: "Old Name", NameHi: "नाम"},
		"x-bad": {ID: "x-bad", NameHi: "कोई"},
		"x-new": {ID: "x-new", NameEn: "Fresh", NameHi: "ताज़ा"},
	} {
		if got, ok := (&labelShards{}).person(idx, id); !ok || got != want {
			t.Errorf("%s: %+v (found %v), want %+v", id, got, ok, want)
		}
	}
	if raw, err := idx.GetInternal(personKey("x-new")); err != nil || raw != nil {
		t.Errorf("x-new has a value of its own (%s, %v): records go in the shards", raw, err)
	}
}

// TestPersonLabelsInShards: the labels of many people, written in several
// batches, are kept in at most peopleShards values, each person's record
// found again with the names first given, and a shard that cannot be read
// is written anew.
func TestPersonLabelsInShards(t *testing.T) {
	_, idx := newWriter(t)
	b := idx.NewBatch()
	b.SetInternal(peopleKey(peopleShard("x-0")), []byte(`{not json`))
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	const people = 2000
	for start := 0; start < people; start += 500 {
		l := newPersonLabels(idx)
		for i := start; i < start+500; i++ {
			if err := l.add(entities.Person{ID: fmt.Sprintf("x-%d", i), NameEn: fmt.Sprintf("Name %d", i)}); err != nil {
				t.Fatal(err)
			}
		}
		b := idx.NewBatch()
		if err := l.write(b); err != nil {
			t.Fatal(err)
		}
		if n := b.Size(); n > peopleShards {
			t.Fatalf("a batch of 500 people sets %d internal values, want at most %d", n, peopleShards)
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
	}
	c := &labelShards{}
	for i := range people {
		id := fmt.Sprintf("x-%d", i)
		if p, ok := c.person(idx, id); !ok || p.NameEn != fmt.Sprintf("Name %d", i) {
			t.Fatalf("%s: %+v (found %v)", id, p, ok)
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
