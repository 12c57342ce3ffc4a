package entities

import (
	_ "embed"
	"fmt"
	"sort"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
)

//go:embed data/places.tsv
var placesTSV []byte

// Place is a state or union territory of India, which articles name in
// either script; ID is its ISO 3166-2:IN code (IN-RJ).
type Place struct {
	ID, NameEn, NameHi   string
	AliasesEn, AliasesHi []string
}

// names lists every form the place may be written in.
func (p Place) names() []string {
	return append(append([]string{p.NameEn, p.NameHi}, p.AliasesEn...), p.AliasesHi...)
}

// loadPlaces reads data/places.tsv into g.
func (g *Gazetteer) loadPlaces(data []byte) error {
	g.places, g.placeKey = map[string]Place{}, map[string]string{}
	err := readTSV(data, "data/places.tsv", 6, func(line int, f []string) error {
		p := Place{ID: f[0], NameEn: f[1], NameHi: f[2], AliasesEn: splitList(f[3]), AliasesHi: splitList(f[4])}
		if p.ID == "" || p.NameEn == "" || p.NameHi == "" {
			return fmt.Errorf("data/places.tsv:%d: empty id or names", line)
		}
		if _, dup := g.places[p.ID]; dup {
			return fmt.Errorf("data/places.tsv:%d: duplicate id %q", line, p.ID)
		}
		for _, n := range p.names() {
			k := normKey(n)
			if other, taken := g.placeKey[k]; taken && other != p.ID {
				return fmt.Errorf("data/places.tsv:%d: name %q is %s's too", line, n, other)
			}
			g.placeKey[k] = p.ID
		}
		g.places[p.ID] = p
		g.placeIDs = append(g.placeIDs, p.ID)
		return nil
	})
	sort.Strings(g.placeIDs)
	return err
}

// Place returns the place with the id.
func (g *Gazetteer) Place(id string) (Place, bool) {
	p, ok := g.places[id]
	return p, ok
}

// ResolvePlace maps a place id or any of its names in either script (normalized as matching does) to
// the id.
func (g *Gazetteer) ResolvePlace(s string) (string, bool) {
	if _, ok := g.places[s]; ok {
		return s, true
	}
	id, ok := g.placeKey[normKey(s)]
	return id, ok
}

// Places returns every place, sorted by id.
func (g *Gazetteer) Places() []Place {
	out := make([]Place, 0, len(g.placeIDs))
	for _, id := range g.placeIDs {
		out = append(out, g.places[id])
	}
	return out
}

// placeMatcher finds the places a text names. It is an automaton of its own,
// apart from people and parties, so a party named after a state ("Jammu and
// Kashmir Peoples Democratic Party") still names the state, and places never
// change which people and parties an article names.
type placeMatcher struct {
	ac  ahocorasick.AhoCorasick
	ids []string // by pattern
}

func newPlaceMatcher(g *Gazetteer) placeMatcher {
	var pats, ids []string
	for k, id := range g.placeKey {
		pats, ids = append(pats, k), append(ids, id)
	}
	return placeMatcher{ac: buildAutomaton(pats, true), ids: ids} // a few hundred patterns: built at once
}

// places returns the ids of the places norm names, distinct and sorted, and
// their mentions with offsets into text (off maps norm's offsets to text's).
func (x *Extractor) places(text, norm string, off []int) ([]string, []Mention) {
	var ms []Mention
	seen := map[string]bool{}
	for _, m := range scanWith(x.place.ac, norm) {
		id := x.place.ids[m.pat]
		s, e := off[m.start], off[m.end]
		ms = append(ms, Mention{Kind: KindPlace, ID: id, Start: s, End: e, Text: text[s:e]})
		seen[id] = true
	}
	return sortedKeys(seen), ms
}
