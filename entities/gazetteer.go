package entities

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
)

//go:embed data/people.tsv
var peopleTSV []byte

//go:embed data/parties.tsv
var partiesTSV []byte

//go:embed data/people_prs.tsv
var peoplePRSTSV []byte

//go:embed data/people_rs.tsv
var peopleRSTSV []byte

// Person is a gazetteer person.
type Person struct {
	ID, NameEn, NameHi string
	Aliases            []string
	Party, Wikidata    string
	// Source says where the row comes from (the data file's source column); empty for generated people.
	Source string `json:",omitempty"`
	bulk   bool   // from a bulk list (people_prs.tsv, people_rs.tsv)
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
	personKey map[string][]string    // normalized name or alias -> person ids
	nameKey   map[string][]string    // NameKey of a name or alias of two words or more -> person ids
	byLast    map[string][]keyedName // a name's last normalized word -> the names ending so
	partyKey  map[string]string      // normalized name or alias -> party code
	weak      map[string]bool        // normalized party aliases that need party context
	capsOnly  map[string]bool        // normalized party aliases that need party context unless written in capitals
	peopleIDs []string
	partyIDs  []string
	places    map[string]Place
	placeKey  map[string]string // normalized name or alias -> place id
	placeIDs  []string
}

// Load parses the embedded data files: the curated people.tsv, then the bulk lists (people_prs.tsv, the Lok
// Sabhas of 2009–2024; people_rs.tsv, the Rajya Sabha of 2015), whose rows for people an earlier file
// already names are skipped.
func Load() (*Gazetteer, error) {
	g, err := parseGazetteer(peopleTSV, partiesTSV)
	if err != nil {
		return nil, err
	}
	for _, f := range []struct {
		data []byte
		name string
	}{{peoplePRSTSV, "data/people_prs.tsv"}, {peopleRSTSV, "data/people_rs.tsv"}} {
		if err := g.readPeople(f.data, f.name, true); err != nil {
			return nil, err
		}
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
		nameKey:   map[string][]string{},
		byLast:    map[string][]keyedName{},
		partyKey:  map[string]string{},
		weak:      map[string]bool{},
		capsOnly:  map[string]bool{},
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
				if strings.HasPrefix(a, "^") {
					a = strings.TrimPrefix(a, "^")
					g.capsOnly[normKey(a)] = true
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
	if err := g.readPeople(people, "data/people.tsv", false); err != nil {
		return nil, err
	}
	sort.Strings(g.partyIDs)
	return g, nil
}

// readPeople adds the people of one file. With skipKnown, a row is left out when one of its names is
// already a known person's name, or has the phonetic key (NameKey) of one: a bulk list does not add a
// second id for someone the curated list has ("Ajay Misra Teni" beside Ajay Kumar Mishra's alias).
func (g *Gazetteer) readPeople(data []byte, name string, skipKnown bool) error {
	err := readTSV(data, name, 7, func(line int, f []string) error {
		p := Person{ID: f[0], NameEn: f[1], NameHi: f[2], Aliases: splitList(f[3]), Party: f[4], Wikidata: f[5], Source: f[6]}
		if p.ID == "" || (p.NameEn == "" && p.NameHi == "") {
			return fmt.Errorf("%s:%d: empty id or names", name, line)
		}
		if _, dup := g.people[p.ID]; dup {
			return fmt.Errorf("%s:%d: duplicate id %q", name, line, p.ID)
		}
		if p.Party != "" {
			if _, ok := g.parties[p.Party]; !ok {
				return fmt.Errorf("%s:%d: field party: unknown party code %q", name, line, p.Party)
			}
		}
		if skipKnown && !distinctive(p.NameEn) {
			return nil
		}
		if skipKnown {
			if id, known := g.knownAs(p); known {
				if id != "" {
					g.addAliases(id, p.names())
				}
				return nil
			}
		}
		p.bulk = skipKnown
		g.people[p.ID] = p
		g.peopleIDs = append(g.peopleIDs, p.ID)
		g.index(p.ID, p.names())
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(g.peopleIDs)
	return nil
}

// keyedName is a name's normalized words and whose name it is.
type keyedName struct {
	words []string
	id    string
}

// index makes names find the person id.
func (g *Gazetteer) index(id string, names []string) {
	for _, n := range names {
		k := normKey(n)
		if k != "" && !contains(g.personKey[k], id) {
			g.personKey[k] = append(g.personKey[k], id)
		}
		if nk := NameKey(n); strings.Contains(nk, "-") && !contains(g.nameKey[nk], id) {
			g.nameKey[nk] = append(g.nameKey[nk], id)
		}
		if ws := strings.Fields(k); len(ws) >= 2 {
			g.byLast[ws[len(ws)-1]] = append(g.byLast[ws[len(ws)-1]], keyedName{ws, id})
		}
	}
}

// addAliases gives the person id the names of a bulk list's row for them that they lack ("Anurag Singh
// Thakur" for Anurag Thakur), so text that writes the roster's form finds them too.
func (g *Gazetteer) addAliases(id string, names []string) {
	p := g.people[id]
	var add []string
	for _, n := range names {
		if len(strings.Fields(normKey(n))) >= 2 && distinctive(n) && len(g.personKey[normKey(n)]) == 0 {
			add = append(add, n)
		}
	}
	if len(add) == 0 {
		return
	}
	p.Aliases = append(slices.Clone(p.Aliases), add...)
	g.people[id] = p
	g.index(id, add)
}

// knownAs reports whether a name of p already names someone, as written or by its phonetic key, or is a
// known name with words added or left out (the roster's "Anurag Singh Thakur", "Feroze Varun Gandhi" for
// the curated Anurag Thakur and Varun Gandhi: the shorter name's words, two or more, appear as written in
// the longer in order, ending with the same surname; keys would be too loose here, Mamata Thakur's "nt"
// being Ram Nath Thakur's Nath), and whom when that is one person.
func (g *Gazetteer) knownAs(p Person) (id string, known bool) {
	ids := map[string]bool{}
	for _, n := range p.names() {
		nk := NameKey(n)
		for _, id := range append(slices.Clone(g.personKey[normKey(n)]), g.nameKey[nk]...) {
			ids[id] = true
		}
		ws := strings.Fields(normKey(n))
		if len(ws) == 0 {
			continue
		}
		for _, k := range g.byLast[ws[len(ws)-1]] {
			if subsequence(k.words, ws) || subsequence(ws, k.words) {
				ids[k.id] = true
			}
		}
	}
	if len(ids) == 1 {
		for id := range ids {
			return id, true
		}
	}
	return "", len(ids) > 0
}

// subsequence reports whether short, of two words or more, appears in long in order.
func subsequence(short, long []string) bool {
	if len(short) < 2 || len(short) > len(long) {
		return false
	}
	i := 0
	for _, w := range long {
		if i < len(short) && w == short[i] {
			i++
		}
	}
	return i == len(short)
}

// ResolvePersonKey maps a name of two words or more in either script to the one person whose name or
// alias has the same phonetic key (NameKey), so "सांसद अब्दुल खालिक" finds Abdul Khaleque, whom the
// gazetteer knows only in English. A key that several people share resolves to nothing.
func (g *Gazetteer) ResolvePersonKey(s string) (string, bool) {
	ids := g.nameKey[NameKey(s)]
	if len(ids) != 1 {
		return "", false
	}
	return ids[0], true
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
