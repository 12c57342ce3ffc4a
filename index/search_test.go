package index

import (
	"context"
	"slices"
	"testing"
)

// Search resolves names to ids in its own copy: the caller's Request stays
// as it was, and the Response says what the filters became.
func TestSearchLeavesRequestUnchanged(t *testing.T) {
	s := seedSearcher(t)
	people := []string{"राहुल गांधी", "Ashok Gehlot"}
	parties := []string{"भाजपा"}
	r := Request{People: people, Parties: parties}
	res, err := s.Search(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"राहुल गांधी", "Ashok Gehlot"}; !slices.Equal(people, want) || !slices.Equal(r.People, want) {
		t.Errorf("caller's people became %q, want %q", people, want)
	}
	if want := []string{"भाजपा"}; !slices.Equal(parties, want) || !slices.Equal(r.Parties, want) {
		t.Errorf("caller's parties became %q, want %q", parties, want)
	}
	if want := []string{"rahul-gandhi", "ashok-gehlot"}; !slices.Equal(res.Filters.People, want) {
		t.Errorf("resolved people %q, want %q", res.Filters.People, want)
	}
	if want := []string{"BJP"}; !slices.Equal(res.Filters.Parties, want) {
		t.Errorf("resolved parties %q, want %q", res.Filters.Parties, want)
	}
}
