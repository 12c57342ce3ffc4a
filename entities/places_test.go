package entities

import (
	"reflect"
	"strings"
	"testing"
)

func TestPlacesExtracted(t *testing.T) {
	x := newTestExtractor(t)
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"english", "Polls in Rajasthan and Madhya Pradesh were held.", []string{"IN-MP", "IN-RJ"}},
		{"hindi", "राजस्थान और मध्यप्रदेश में चुनाव", []string{"IN-MP", "IN-RJ"}},
		{"variants", "Orissa, Pondicherry and जम्मू-कश्मीर", []string{"IN-JK", "IN-OD", "IN-PY"}},
		{"longest name wins", "Jammu and Kashmir and Jammu & Kashmir", []string{"IN-JK"}},
		{"inside a party name", "the Jammu and Kashmir Peoples Democratic Party", []string{"IN-JK"}},
		{"not inside a word", "Assamese tea; असमंजस की स्थिति; Goan food", nil},
		{"new delhi is delhi", "नई दिल्ली: New Delhi", []string{"IN-DL"}},
		{"none", "Rahul Gandhi resigned.", nil},
	} {
		r := x.Extract(Article{Body: tc.text})
		if !sameSet(r.Places, tc.want) {
			t.Errorf("%s: places %v, want %v", tc.name, r.Places, tc.want)
		}
		for _, m := range r.PlaceMentions {
			if m.Kind != KindPlace || tc.text[m.Start:m.End] != m.Text {
				t.Errorf("%s: bad mention %+v", tc.name, m)
			}
		}
	}
}

func TestPlaceMentionsKeepPeopleAndParties(t *testing.T) {
	x := newTestExtractor(t)
	text := "नई दिल्ली: कॉन्ग्रेस अध्यक्ष राहुल गाँधी ने Congress के बारे में कहा"
	r := x.Extract(Article{Body: text})
	want := []Mention{{KindPlace, "IN-DL", strings.Index(text, "दिल्ली"), strings.Index(text, ":"), "दिल्ली"}}
	if !reflect.DeepEqual(r.PlaceMentions, want) {
		t.Errorf("place mentions\n got %+v\nwant %+v", r.PlaceMentions, want)
	}
	for _, m := range r.Mentions {
		if m.Kind == KindPlace {
			t.Errorf("a place among people and parties: %+v", m)
		}
	}
}

func TestResolvePlace(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"IN-RJ": "IN-RJ", "Rajasthan": "IN-RJ", "राजस्थान": "IN-RJ", "rajasthan": "IN-RJ",
		"Jammu and Kashmir": "IN-JK", "जम्मू कश्मीर": "IN-JK", "Orissa": "IN-OD", "उड़ीसा": "IN-OD",
		"Atlantis": "", "": "",
	} {
		got, ok := g.ResolvePlace(in)
		if got != want || ok != (want != "") {
			t.Errorf("ResolvePlace(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	ps := g.Places()
	if len(ps) != 37 {
		t.Errorf("%d places, want the source's 37", len(ps))
	}
	for _, p := range ps {
		if !strings.HasPrefix(p.ID, "IN-") || p.NameEn == "" || p.NameHi == "" {
			t.Errorf("place %+v lacks an id or a name", p)
		}
	}
	if p, _ := g.Place("IN-RJ"); p.NameHi != "राजस्थान" {
		t.Errorf("IN-RJ's Hindi name is %q", p.NameHi)
	}
}

func TestPlacesTSVErrors(t *testing.T) {
	head := "id\tname_en\tname_hi\taliases_en\taliases_hi\tsource_id\n"
	for name, data := range map[string]string{
		"duplicate id":    head + "IN-A\tA\tअ\t\t\t1\nIN-A\tB\tब\t\t\t2\n",
		"shared name":     head + "IN-A\tA\tअ\tBee\t\t1\nIN-B\tBee\tब\t\t\t2\n",
		"missing name":    head + "IN-A\t\tअ\t\t\t1\n",
		"too few columns": head + "IN-A\tA\tअ\n",
	} {
		var g Gazetteer
		if err := g.loadPlaces([]byte(data)); err == nil || !strings.Contains(err.Error(), "data/places.tsv:") {
			t.Errorf("%s: error %v, want one naming data/places.tsv and its line", name, err)
		}
	}
}
