package entities

import (
	"testing"
)

// TestNameKeyMerges: the spellings of one name in either script share a
// key, and so an id; different names keep apart.
func TestNameKeyMerges(t *testing.T) {
	for _, same := range [][]string{
		{"Lav Agarwal", "Lav Aggarwal", "Lav Agrawal", "लव अग्रवाल", "लव अगरवाल", "LAV AGARWAL", "लव कुमार अग्रवाल", "Lav Kumar Agarwal"},
		{"Rajesh Kumari Singh", "Rajesh Singh"},
		{"Agraval", "Agarwal", "Aggarwal", "अग्रवाल"},
		{"Ashok Gehlot", "Ashok Gahlot", "अशोक गहलोत"},
		{"Shambhu Nath", "शंभू नाथ", "Sambhu Nath"},
		{"Jairam Thakur", "Jayram Thakur", "जयराम ठाकुर"},
		{"Suresh Goenka", "सुरेश गोयनका"},
		{"Rajesh Tope", "राजेश टोपे"},
		{"Kiran Bedi", "किरण बेदी"},
	} {
		want := NameKey(same[0])
		if want == "" {
			t.Fatalf("NameKey(%q) is empty", same[0])
		}
		for _, n := range same[1:] {
			if got := NameKey(n); got != want {
				t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q: want one key", n, got, same[0], want)
			}
		}
	}
	for _, apart := range [][2]string{
		{"Amit Shah", "Amit Shukla"},
		{"Anil Kumar", "Neel Kumar"}, // an initial vowel counts
		{"Rahul Gandhi", "Rahul Gupta"},
		{"Amit Shah", "Amit Vikram Shah"}, // a middle name other than Kumar is another name
		{"Lav Agarwal", "Lav Kumar"},
		{"Nitish Kumar", "Nitish"},
		{"Kumar Vishwas", "Vishwas"},
		{"Ram Das", "Raj Das"},
		{"Sanjay Singh", "Sanjay Sinha"},
		{"Mukesh Sahni", "Mukesh Soni"},
		{"Abul Nasar", "Abdul Nasar"},
		{"अमित शाह", "अमित शुक्ला"},
		{"Om Prakash Rajbhar", "Om Prakash"},
		{"Priya Dutt", "Priya Datta Sharma"},
		{"Kiran Bedi", "Kiran Reddy"},
	} {
		if a, b := NameKey(apart[0]), NameKey(apart[1]); a == b {
			t.Errorf("NameKey(%q) = NameKey(%q) = %q: different people merged", apart[0], apart[1], a)
		}
	}
	if got := NameKey("Lav Agarwal"); got != "lv-agrvl" {
		t.Errorf("NameKey(Lav Agarwal) = %q, want lv-agrvl (ids are made of it: a change renames people)", got)
	}
	for _, empty := range []string{"", "  ", "।", "123"} {
		if got := NameKey(empty); got != "" && empty != "123" {
			t.Errorf("NameKey(%q) = %q, want empty", empty, got)
		}
	}
}

// TestUnknownOneIDAcrossSpellings: an unknown person gets the same id from
// an article in Hindi, one in English and one with both, and an article
// naming both forms lists one person with both labels.
func TestUnknownOneIDAcrossSpellings(t *testing.T) {
	x := newTestExtractor(t)
	texts := []string{
		"स्वास्थ्य मंत्रालय के संयुक्त सचिव लव अग्रवाल ने कहा कि मामले बढ़े हैं।",
		"Health ministry joint secretary Lav Agarwal said cases rose.",
		"Joint Secretary Lav Aggarwal told reporters the curve was flat.",
		"संयुक्त सचिव लव अग्रवाल ने बताया। Joint Secretary Lav Agarwal said so.",
	}
	var id string
	for i, text := range texts {
		r := x.Extract(Article{Body: text})
		if len(r.Unknown) != 1 {
			t.Fatalf("%q: unknown %+v, want one person", text, r.Unknown)
		}
		u := r.Unknown[0]
		if i == 0 {
			id = u.ID
		}
		if u.ID != id || u.ID != UnknownID(NameKey("Lav Agarwal")) {
			t.Errorf("%q: id %q, want %q", text, u.ID, id)
		}
		for _, m := range r.Mentions {
			if m.Kind == KindPerson && m.ID != u.ID {
				t.Errorf("%q: mention %+v has another id than %s", text, m, u.ID)
			}
		}
		if i == 3 && (u.NameEn != "Lav Agarwal" || u.NameHi != "लव अग्रवाल") {
			t.Errorf("%q: labels %q / %q, want both scripts", text, u.NameEn, u.NameHi)
		}
	}
}
