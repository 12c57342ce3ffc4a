package entities

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"
)

//go:embed data/people.tsv
var peopleTSV []byte

//go:embed data/parties.tsv
var partiesTSV []byte

// Person is a gazetteer person.
type Person struct {
	ID, NameEn, NameHi string
	Aliases            []string
	Party, Wikidata    string
}

// Party is a gazetteer party.
type Party struct {
	Code, NameEn, NameHi string
	AliasesEn, AliasesHi []string
	Wikidata             string
}

// Gazetteer is the loaded, indexed gazetteer (read-only, safe for concurrent use).
type Gazetteer struct {
	people    map[string]Person
	parties   map[string]Party
	personKey map[string][]string // normalized name or alias -> person ids
	partyKey  map[string]string   // normalized name or alias -> party code
	weak      map[string]bool     // normalized party aliases that need party context
	peopleIDs []string
	partyIDs  []string
	places    map[string]Place
	placeKey  map[string]string // normalized name or alias -> place id
	placeIDs  []string
}

// Load parses the embedded data files.
func Load() (*Gazetteer, error) {
	g, err := parseGazetteer(peopleTSV, partiesTSV)
	if err != nil {
		return nil, err
	}
	if err := g.loadPlaces(placesTSV); err != nil {
		return nil, err
	}
	return g, nil
}

func parseGazetteer(people, parties []byte) (*Gazetteer, error) {
	g := &Gazetteer{
		people:    map[string]Person{},
		parties:   map[string]Party{},
		personKey: map[string][]string{},
		partyKey:  map[string]string{},
		weak:      map[string]bool{},
	}
	err := readTSV(parties, "data/parties.tsv", 7, func(line int, f []string) error {
		p := Party{Code: f[0], NameEn: f[1], NameHi: f[2], Wikidata: f[5]}
		if p.Code == "" {
			return fmt.Errorf("data/parties.tsv:%d: empty code", line)
		}
		if _, dup := g.parties[p.Code]; dup {
			return fmt.Errorf("data/parties.tsv:%d: duplicate code %q", line, p.Code)
		}
		for i, list := range []*[]string{&p.AliasesEn, &p.AliasesHi} {
			for _, a := range splitList(f[3+i]) {
				if strings.HasPrefix(a, "~") {
					a = strings.TrimPrefix(a, "~")
					g.weak[normKey(a)] = true
				}
				*list = append(*list, a)
			}
		}
		g.parties[p.Code] = p
		g.partyIDs = append(g.partyIDs, p.Code)
		for _, n := range append([]string{p.Code, p.NameEn, p.NameHi}, append(p.AliasesEn, p.AliasesHi...)...) {
			if k := normKey(n); k != "" {
				if _, taken := g.partyKey[k]; !taken {
					g.partyKey[k] = p.Code
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV(people, "data/people.tsv", 7, func(line int, f []string) error {
		p := Person{ID: f[0], NameEn: f[1], NameHi: f[2], Aliases: splitList(f[3]), Party: f[4], Wikidata: f[5]}
		if p.ID == "" || (p.NameEn == "" && p.NameHi == "") {
			return fmt.Errorf("data/people.tsv:%d: empty id or names", line)
		}
		if _, dup := g.people[p.ID]; dup {
			return fmt.Errorf("data/people.tsv:%d: duplicate id %q", line, p.ID)
		}
		if p.Party != "" {
			if _, ok := g.parties[p.Party]; !ok {
				return fmt.Errorf("data/people.tsv:%d: field party: unknown party code %q", line, p.Party)
			}
		}
		g.people[p.ID] = p
		g.peopleIDs = append(g.peopleIDs, p.ID)
		for _, n := range p.names() {
			k := normKey(n)
			if k != "" && !contains(g.personKey[k], p.ID) {
				g.personKey[k] = append(g.personKey[k], p.ID)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(g.peopleIDs)
	sort.Strings(g.partyIDs)
	return g, nil
}

// names lists every form the person may be written in.
func (p Person) names() []string {
	out := make([]string, 0, 2+len(p.Aliases))
	for _, n := range append([]string{p.NameEn, p.NameHi}, p.Aliases...) {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}

// readTSV calls fn for each data row (comment lines and the header row skipped) of a tab-separated file
// with exactly n columns.
func readTSV(data []byte, name string, n int, fn func(line int, f []string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line, header := 0, false
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if !header {
			header = true
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != n {
			return fmt.Errorf("%s:%d: %d fields, want %d", name, line, len(f), n)
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if err := fn(line, f); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, a := range strings.Split(s, "|") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Person returns the person with the canonical id.
func (g *Gazetteer) Person(id string) (Person, bool) {
	p, ok := g.people[id]
	return p, ok
}

// Party returns the party with the code.
func (g *Gazetteer) Party(code string) (Party, bool) {
	p, ok := g.parties[code]
	return p, ok
}

// ResolvePerson maps a canonical id or any name/alias in either script (case-, space- and
// spelling-variant-insensitive via the same normalization as matching) to the canonical id. A name that
// several people share resolves to nothing.
func (g *Gazetteer) ResolvePerson(s string) (string, bool) {
	if _, ok := g.people[s]; ok {
		return s, true
	}
	ids := g.personKey[normKey(s)]
	if len(ids) != 1 {
		return "", false
	}
	return ids[0], true
}

// ResolveParty maps a party code or any name/alias in either script to the party code.
func (g *Gazetteer) ResolveParty(s string) (string, bool) {
	if _, ok := g.parties[s]; ok {
		return s, true
	}
	c, ok := g.partyKey[normKey(s)]
	return c, ok
}

// People returns every person, sorted by id.
func (g *Gazetteer) People() []Person {
	out := make([]Person, 0, len(g.peopleIDs))
	for _, id := range g.peopleIDs {
		out = append(out, g.people[id])
	}
	return out
}

// Parties returns every party, sorted by code.
func (g *Gazetteer) Parties() []Party {
	out := make([]Party, 0, len(g.partyIDs))
	for _, c := range g.partyIDs {
		out = append(out, g.parties[c])
	}
	return out
}
