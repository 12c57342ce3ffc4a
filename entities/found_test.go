package entities

import (
	"slices"
	"testing"
)

// TestTaggedPeople checks what the name tagger adds to extraction, and what it must not.
func TestTaggedPeople(t *testing.T) {
	x := newTestExtractor(t)
	for _, c := range []struct {
		text string
		want []string // ids in Result.People; "x-" ids are checked by their Hindi or English name below
		hi   string   // an unknown person's Hindi name that must be found, if any
	}{
		{"अमरीकी राष्ट्रपति बराक ओबामा ने कहा कि वे भारत आएंगे .", nil, "बराक ओबामा"},
		{"aaj modi ji ne kaha ki sab theek hai", []string{"narendra-modi"}, ""},
		{"Modiji ne kaha ki sab theek hai", []string{"narendra-modi"}, ""},
		{"Aaj #RahulGandhi ne rally ki", []string{"rahul-gandhi"}, ""},
		{"Though the party lost, Rebuilding starts now.", nil, ""},
		{"समाजवादी पार्टी ने आज उत्तर प्रदेश में रैली की .", nil, ""},
	} {
		r := x.Extract(Article{Body: c.text})
		var known []string
		for _, id := range r.People {
			if id[:2] != "x-" {
				known = append(known, id)
			}
		}
		if !slices.Equal(known, c.want) {
			t.Errorf("%q: gazetteer people %q, want %q", c.text, known, c.want)
		}
		found := c.hi == ""
		for _, u := range r.Unknown {
			found = found || u.NameHi == c.hi
		}
		if !found {
			t.Errorf("%q: no unknown person %q among %+v", c.text, c.hi, r.Unknown)
		}
		if c.hi == "" && len(r.Unknown) > 0 {
			t.Errorf("%q: unknown people %+v, want none", c.text, r.Unknown)
		}
	}
}
