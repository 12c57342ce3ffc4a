package entities

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLoad(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(g.People()); n < 700 {
		t.Errorf("%d people, want at least 700 (536 MPs with Hindi names + hand-added leaders)", n)
	}
	if n := len(g.Parties()); n < 40 {
		t.Errorf("%d parties, want at least 40", n)
	}
	ps := g.People()
	for i := 1; i < len(ps); i++ {
		if ps[i-1].ID >= ps[i].ID {
			t.Fatalf("People not sorted: %q before %q", ps[i-1].ID, ps[i].ID)
		}
	}
	bulk := 0
	for _, p := range ps {
		switch {
		case p.Source == "":
			t.Errorf("%s has no source", p.ID)
		case isBulk(p):
			// the bulk lists are English only: Hindi text meets them by phonetic key
			bulk++
			if id, ok := g.ResolvePersonKey(p.NameEn); ok && id != p.ID {
				t.Errorf("%s: its own name's key resolves to %s", p.ID, id)
			}
		case p.NameHi == "":
			t.Errorf("%s has no Hindi name", p.ID)
		}
	}
	if bulk < 900 {
		t.Errorf("%d people from the bulk Lok Sabha and Rajya Sabha lists, want over 900", bulk)
	}
	p, ok := g.Person("ashok-gehlot")
	if !ok || p.NameHi != "अशोक गहलोत" || p.Party != "INC" {
		t.Errorf("Person(ashok-gehlot) = %+v, %v", p, ok)
	}
	if c, ok := g.Party("AITC"); !ok || c.NameEn != "All India Trinamool Congress" {
		t.Errorf("Party(AITC) = %+v, %v", c, ok)
	}
}

func TestParseGazetteerErrors(t *testing.T) {
	const hdr = "code\tname_en\tname_hi\taliases_en\taliases_hi\twikidata\tsource\n"
	const phdr = "id\tname_en\tname_hi\taliases\tparty\twikidata\tsource\n"
	tests := []struct {
		name            string
		people, parties string
		want            string
	}{
		{"short row", phdr, hdr + "BJP\tx\n", "data/parties.tsv:2: 2 fields, want 7"},
		{"unknown party", phdr + "a\tA B\tए बी\t\tXYZ\t\t\n", hdr, "data/people.tsv:2: field party: unknown party code \"XYZ\""},
		{"duplicate id", phdr + "a\tA B\t\t\t\t\t\na\tC D\t\t\t\t\t\n", hdr, "data/people.tsv:3: duplicate id \"a\""},
	}
	for _, tc := range tests {
		_, err := parseGazetteer([]byte(tc.people), []byte(tc.parties))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"कॉन्ग्रेस", "कांग्रेस"},
		{"काँग्रेस", "कांग्रेस"},
		{"कांग्रेस", "कांग्रेस"},
		{"आज़ाद", "आजाद"},
		{"आज\u093Cाद", "आजाद"}, // decomposed nukta
		{"ऑल इण्डिया", "आल इंडिया"},
		{"J.P.  Nadda", "j p nadda"},
		{"राहुल\u200d गांधी", "राहुल गांधी"},
		{"Rahul   GANDHI", "rahul gandhi"},
		{"José", "josé"}, // NFC composes the accent
	}
	for _, tc := range tests {
		got, off := normalize(tc.in)
		if got != tc.want {
			t.Errorf("normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if len(off) != len(got)+1 || off[len(got)] != len(tc.in) {
			t.Errorf("normalize(%q): offset map has %d entries ending %d, want %d ending %d", tc.in, len(off), off[len(off)-1], len(got)+1, len(tc.in))
		}
	}
}

func TestResolve(t *testing.T) {
	g := newTestExtractor(t).g
	people := []struct{ in, want string }{
		{"rahul-gandhi", "rahul-gandhi"},
		{"Rahul Gandhi", "rahul-gandhi"},
		{"राहुल गाँधी", "rahul-gandhi"},
		{"राहुल  गांधी", "rahul-gandhi"},
		{"Nana Patole", "nanabhau-patole"},
		{"JP Nadda", "jp-nadda"},
		{"J. P. Nadda", "jp-nadda"},
		{"गुलाम नबी आज़ाद", "ghulam-nabi-azad"},
		{"Nobody Atall", ""},
	}
	for _, tc := range people {
		got, ok := g.ResolvePerson(tc.in)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("ResolvePerson(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	parties := []struct{ in, want string }{
		{"भाजपा", "BJP"}, {"बीजेपी", "BJP"}, {"congress", "INC"}, {"कॉन्ग्रेस", "INC"}, {"TMC", "AITC"},
		{"राकांपा", "NCP"}, {"CPI(M)", "CPIM"}, {"माकपा", "CPIM"}, {"जदयू", "JDU"}, {"TRS", "BRS"},
		{"Kerala Congress (M)", "KCM"}, {"INC", "INC"}, {"Lok Sabha", ""},
	}
	for _, tc := range parties {
		got, ok := g.ResolveParty(tc.in)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("ResolveParty(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

func TestExtractTraps(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name            string
		text            string
		people, parties []string
	}{
		{"US Congress", "The US Congress passed the bill.", nil, nil},
		{"U.S. Congress", "The U.S. Congress passed the bill.", nil, nil},
		{"American Congress", "The American Congress met.", nil, nil},
		{"Congress of", "He addressed the Congress of South African Trade Unions.", nil, nil},
		{"Trinamool Congress", "The Trinamool Congress won.", nil, []string{"AITC"}},
		{"All India Trinamool Congress", "All India Trinamool Congress leaders met.", nil, []string{"AITC"}},
		{"Nationalist Congress Party", "The Nationalist Congress Party split.", nil, []string{"NCP"}},
		{"Kerala Congress", "Kerala Congress (M) joined the LDF.", nil, []string{"KCM"}},
		{"INC", "The Congress lost.", nil, []string{"INC"}},
		{"Congressman", "A Congressman from Ohio spoke.", nil, nil},
		{"गैरकांग्रेस", "गैरकांग्रेसवाद की राजनीति", nil, nil},
		{"कांग्रेस spelled कॉन्ग्रेस", "कॉन्ग्रेस की बैठक", nil, []string{"INC"}},
		{"तृणमूल", "तृणमूल कांग्रेस की नेता", nil, []string{"AITC"}},
		{"राष्ट्रवादी कांग्रेस", "राष्ट्रवादी कांग्रेस पार्टी के नेता", nil, []string{"NCP"}},
		{"आप as you", "आप कैसे हैं", nil, nil},
		{"आप के as your", "आप के घर पर", nil, nil},
		{"आप विधायक", "आप विधायक ने कहा", nil, []string{"AAP"}},
		{"आप सरकार", "दिल्ली की आप सरकार", nil, []string{"AAP"}},
		{"quoted आप", "'आप' ने घोषणा की", nil, []string{"AAP"}},
		{"romanized aap as you", "aap kaise ho, Aap ka din achha ho", nil, nil},
		{"AAP in capitals", "AAP ne chunav jeeta", nil, []string{"AAP"}},
		{"aap before a party word", "aap party ke neta", nil, []string{"AAP"}},
		{"sad as an English word", "A sad day for the Congress", nil, []string{"INC"}},
		{"Inc as a company", "Apple Inc. and Google Inc reported profits", nil, nil},
		{"SAD in capitals", "SAD and BJP contest together", nil, []string{"BJP", "SAD"}},
		{"आप next to a party", "भाजपा और आप के बीच टक्कर", nil, []string{"AAP", "BJP"}},
		{"SP police", "The SP said the accused was arrested.", nil, nil},
		{"SP party", "SP chief spoke to reporters.", nil, []string{"SP"}},
		{"SP-BSP", "The SP-BSP alliance", nil, []string{"BSP", "SP"}},
		{"CPI index", "CPI inflation rose.", nil, nil},
		{"भाजपा बीजेपी", "भाजपा नेता और बीजेपी", nil, []string{"BJP"}},
		{"surname after full name", "Rahul Gandhi resigned. Later Gandhi said no.", []string{"rahul-gandhi"}, []string{}},
		{"surname, two Gandhis", "Sonia Gandhi and Rahul Gandhi met. Gandhi said no.", []string{"rahul-gandhi", "sonia-gandhi"}, nil},
		{"surname alone", "Gandhi said no.", nil, nil},
		{"Mr surname", "Ghulam Nabi Azad quit. Mr Azad said so.", []string{"ghulam-nabi-azad"}, nil},
		{"Hindi surname", "अशोक गहलोत ने कहा। बाद में गहलोत ने ट्वीट किया।", []string{"ashok-gehlot"}, nil},
		{"surname inside another name", "Rohan Gupta quit. His father Rajkumar Gupta was ill.", []string{"rohan-gupta", "x-rjknr-gpt"}, nil},
		{"first name alone", "Rahul said no.", nil, nil},
		{"distinctive alias", "Kejriwal said so.", []string{"arvind-kejriwal"}, nil},
		{"distinctive alias, other Modi named", "Sushil Kumar Modi spoke. Modi said so.", []string{"sushil-kumar-modi"}, nil},
		{"gloss", "नेता राहुल गांधी (Rahul Gandhi) ने कहा", []string{"rahul-gandhi"}, nil},
		{"unknown by title", "Congress leader Ramesh Kumarswamy Reddiar said so.", []string{"x-rns-knrsvn-rdr"}, []string{"INC"}},
		{"unknown Hindi by title", "विधायक राजेश टोपे ने कहा", []string{"x-rjs-tp"}, nil},
		{"unknown gloss, one person", "मंत्री सुरेश गोयनका (Suresh Goenka) ने कहा। Minister Suresh Goenka said.", []string{"x-srs-gnk"}, nil},
		{"organisation is not a person", "Minister Vijay Singla said Doon International School was fined.", []string{"x-vj-sngl"}, nil},
	}
	for _, tc := range tests {
		r := x.Extract(Article{Body: tc.text})
		if !sameSet(r.People, tc.people) || !sameSet(r.Parties, tc.parties) {
			t.Errorf("%s: %q\n got people %q parties %q\nwant people %q parties %q", tc.name, tc.text, r.People, r.Parties, tc.people, tc.parties)
		}
		for _, m := range r.Mentions {
			if m.Start < 0 || m.End > len(tc.text) || m.Start >= m.End || tc.text[m.Start:m.End] != m.Text {
				t.Errorf("%s: bad mention %+v", tc.name, m)
			}
		}
	}
}

func sameSet(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

func TestMentionOffsets(t *testing.T) {
	x := newTestExtractor(t)
	text := "नई दिल्ली: कॉन्ग्रेस अध्यक्ष राहुल गाँधी ने Congress के बारे में कहा"
	r := x.Extract(Article{Body: text})
	want := []Mention{
		{KindParty, "INC", strings.Index(text, "कॉन्ग्रेस"), strings.Index(text, "कॉन्ग्रेस") + len("कॉन्ग्रेस"), "कॉन्ग्रेस"},
		{KindPerson, "rahul-gandhi", strings.Index(text, "राहुल"), strings.Index(text, " ने"), "राहुल गाँधी"},
		{KindParty, "INC", strings.Index(text, "Congress"), strings.Index(text, "Congress") + len("Congress"), "Congress"},
	}
	if !reflect.DeepEqual(r.Mentions, want) {
		t.Errorf("mentions\n got %+v\nwant %+v", r.Mentions, want)
	}
	title := Article{Title: "Gehlot speaks", Body: "Ashok Gehlot said."}
	r = x.Extract(title)
	for _, m := range r.Mentions {
		if title.Text()[m.Start:m.End] != m.Text {
			t.Errorf("mention %+v does not point into Article.Text()", m)
		}
	}
}

func TestMatchQuery(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		q               string
		people, parties []string
	}{
		{"rahul gandhi resignation", []string{"rahul-gandhi"}, nil},
		{"राहुल गाँधी इस्तीफा", []string{"rahul-gandhi"}, nil},
		{"भाजपा कांग्रेस", nil, []string{"BJP", "INC"}},
		{"आप", nil, nil},
		{"आप पार्टी", nil, []string{"AAP"}},
		{"gandhi", nil, nil},
		{"kejriwal", []string{"arvind-kejriwal"}, nil},
		{"us congress", nil, nil},
	}
	for _, tc := range tests {
		p, c := x.MatchQuery(tc.q)
		if !sameSet(p, tc.people) || !sameSet(c, tc.parties) {
			t.Errorf("MatchQuery(%q) = %q, %q; want %q, %q", tc.q, p, c, tc.people, tc.parties)
		}
	}
}

func TestRomanizeAndKeys(t *testing.T) {
	tests := []struct{ in, want string }{
		{"राजेश टोपे", "rajesh tope"},
		{"कमल", "kamal"},
		{"गांधी", "gandhi"},
		{"प्रदीप", "pradip"},
		{"अनिल देशमुख", "anil deshmukh"},
		{"राजकुमार", "rajkumar"},
	}
	for _, tc := range tests {
		if got := romanize(tc.in); got != tc.want {
			t.Errorf("romanize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	same := [][2]string{{"Gehlot", romanize("गहलोत")}, {"Rajkumar Gupta", romanize("राजकुमार गुप्ता")}, {"Vikas", "Wikas"}, {"Sheela", "Shila"}}
	for _, p := range same {
		if NameKey(p[0]) != NameKey(p[1]) {
			t.Errorf("NameKey(%q) = %q != NameKey(%q) = %q", p[0], NameKey(p[0]), p[1], NameKey(p[1]))
		}
	}
	if NameKey("Rahul") == NameKey("Rohan") {
		t.Errorf("Rahul and Rohan share a key")
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("Congress leader Rahul Gandhi (राहुल गांधी) met Mr Azad on Friday, July 1, 2019.")
	f.Add("आप विधायक ने कहा कि कॉन्ग्रेस और भाजपा 29/06/2019 को")
	f.Add("न्\u200dग ँ ़ .. Gandhi Gandhi")
	f.Add("\xff\xfe Congress")
	x := newTestExtractor(f)
	f.Fuzz(func(t *testing.T, s string) {
		r := x.Extract(Article{Body: s})
		// rune boundaries as range decodes them (an invalid byte is a rune of its own)
		starts := map[int]bool{len(s): true}
		for i := range s {
			starts[i] = true
		}
		for _, m := range r.Mentions {
			if m.Start < 0 || m.End > len(s) || m.Start > m.End {
				t.Fatalf("mention %+v outside text of %d bytes", m, len(s))
			}
			if !starts[m.Start] || !starts[m.End] {
				t.Fatalf("mention %+v not on rune boundaries", m)
			}
			if !utf8.ValidString(s) {
				continue
			}
			if s[m.Start:m.End] != m.Text {
				t.Fatalf("mention %+v text differs from the text it spans", m)
			}
		}
		x.MatchQuery(s)
	})
}
