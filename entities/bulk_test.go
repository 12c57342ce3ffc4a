package entities

import (
	"strings"
	"testing"
)

// isBulk reports whether p comes from a bulk list (people_prs.tsv, people_rs.tsv), by its source column.
func isBulk(p Person) bool {
	return strings.HasPrefix(p.Source, "PRS India") || strings.HasPrefix(p.Source, "Rajya Sabha roster")
}

// TestBulkPeople holds the rules for the people of the bulk lists (people_prs.tsv): each is new to the
// curated list or folded into it, named by two words or more, never by a filler name, and a Hindi mention
// meets them by phonetic key.
func TestBulkPeople(t *testing.T) {
	x := newTestExtractor(t)
	g := x.g
	for _, p := range g.People() {
		if !isBulk(p) {
			continue
		}
		for _, n := range p.names() {
			if len(strings.Fields(normKey(n))) < 2 {
				t.Errorf("%s: one-word name %q from a bulk list", p.ID, n)
			}
		}
		if !distinctive(p.NameEn) {
			t.Errorf("%s: filler name %q", p.ID, p.NameEn)
		}
	}
	// Roster forms of curated people are their aliases, not second ids.
	for name, want := range map[string]string{
		"Anurag Singh Thakur": "anurag-thakur",
		"Feroze Varun Gandhi": "varun-gandhi",
		"Kirron Anupam Kher":  "kirron-kher",
	} {
		if id, ok := g.ResolvePerson(name); !ok || id != want {
			t.Errorf("ResolvePerson(%q) = %q %v, want %s", name, id, ok, want)
		}
	}
	for _, c := range []struct {
		text string
		want []string
	}{
		// Bulk people in English and, by phonetic key, in Hindi.
		{"BJP MP Ajay Bhatt said the state needs help.", []string{"ajay-bhatt"}},
		{"भाजपा सांसद अजय भट्ट ने कहा कि राज्य को मदद चाहिए।", []string{"ajay-bhatt"}},
		{"Congress MP Abdul Khaleque spoke.", []string{"abdul-khaleque"}},
		{"सपा सांसद नरेश अग्रवाल ने कहा।", []string{"naresh-agrawal"}}, // Rajya Sabha 2015, English only
		// Common words and filler names are nobody.
		{"Ram and Prakash met Singh and Kumar at the Devi temple.", nil},
		{"राम और प्रकाश ने सिंह और कुमार से बात की।", nil},
		{"Kerala minister VS Sunil Kumar said five tested positive.", []string{"x-vs-snl-knr"}},
		// A bulk name inside a longer capitalized name is not that person.
		{"Patients at Lok Nayak Jai Prakash Narayan Hospital recovered.", nil},
		{"Punjab Education Minister Vijay Inder Singla said so.", []string{"vijay-inder-singla"}},
		// A roster name is folded into a curated one only by its written words: Ram Nath Thakur is not
		// Mamata Thakur, whose key "nt" Nath shares.
		{"JD(U)'s Ram Nath Thakur was elected.", []string{"ram-nath-thakur"}},
		// An English name must be written as listed: the key route is for Hindi.
		{"said Ashwani Kumar, Secretary to the CM. Secretary Ashwani Kumar added.", []string{"x-asvn-knr"}},
	} {
		r := x.Extract(Article{Body: c.text})
		if strings.Join(r.People, ",") != strings.Join(c.want, ",") {
			t.Errorf("%q: people %v, want %v", c.text, r.People, c.want)
		}
	}
	if id, ok := g.Person("ajay-bhatt"); !ok || id.NameHi != "" {
		t.Errorf("ajay-bhatt: %+v %v: the test wants a bulk person with no Hindi name", id, ok)
	}
}
