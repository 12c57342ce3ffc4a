package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/newsearch/bilingual/articles"
)

// TestFurnitureNamesNoOne: seed 004's footer of other stories' headlines
// ("Trinamool Congress Leader Abul Nasar Found Dead…", "PM Modi Meets Yoga
// Practitioner…") gives the article neither the facets nor the entities of
// those stories, the words stay searchable, and the snippet does not show
// them; what the article itself names stays.
func TestFurnitureNamesNoOne(t *testing.T) {
	s := seedSearcher(t)
	ctx := context.Background()
	const id = "004_96cd61e10502fc97"
	a, ok, err := s.Article(ctx, id)
	if err != nil || !ok {
		t.Fatalf("article %s: %v %v", id, ok, err)
	}
	for _, bad := range []string{"AITC", "narendra-modi"} {
		if slices.Contains(a.People, bad) || slices.Contains(a.Parties, bad) {
			t.Errorf("seed 004 names %s (people %v, parties %v)", bad, a.People, a.Parties)
		}
	}
	for _, p := range a.People {
		if strings.Contains(p, "nasar") {
			t.Errorf("seed 004 names %s", p)
		}
	}
	for _, e := range a.Entities {
		if e.ID == "AITC" || e.ID == "narendra-modi" || strings.Contains(strings.ToLower(e.Text), "nasar") {
			t.Errorf("entity from the footer: %+v", e)
		}
	}
	for _, want := range []string{"ghulam-nabi-azad", "rahul-gandhi"} {
		if !slices.Contains(a.People, want) {
			t.Errorf("seed 004 lost %s: people %v", want, a.People)
		}
	}
	if !slices.Contains(a.Parties, "INC") || !slices.Contains(a.Parties, "BJP") {
		t.Errorf("seed 004 lost INC or BJP: %v", a.Parties)
	}
	res, err := s.Search(ctx, Request{Q: "Abul Nasar", Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range res.Hits {
		if h.ID == id {
			found = true
			if strings.Contains(h.Snippet, "Nasar") {
				t.Errorf("snippet shows the footer: %s", h.Snippet)
			}
		}
	}
	if !found {
		t.Errorf("the footer's words are no longer searchable: hits %+v", res.Hits)
	}
	if sp := articles.Furniture(a.Body); len(sp) == 0 {
		t.Error("no furniture found in seed 004")
	}
}
