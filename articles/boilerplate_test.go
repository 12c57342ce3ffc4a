package articles

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsearch/bilingual/internal/shared"
)

// furnitureText returns the furniture of body, one span a line.
func furnitureText(body string) []string {
	var out []string
	for _, sp := range Furniture(body) {
		out = append(out, body[sp.Start:sp.End])
	}
	return out
}

func TestFurniture(t *testing.T) {
	headlines := `"Frontal Attack On Constitution": Congress Chief Slams Poll Rules Tweak Trinamool Congress Leader Abul Nasar Found Dead At Hotel In West Bengal US Congress Passes Bill To Avert Government Shutdown Track Latest News Live on NDTV.com and get news updates from India and around the world.`
	for _, c := range []struct {
		name, body string
		want       []string
	}{
		{"hindi read cue after a sentence", "हम जिम्मेदारी लेते हैं. यह भी पढ़े: कांग्रेस में मान-मनौव्वल जारी: राहुल गांधी को मनाने में जुटे\nअगली पंक्ति।",
			[]string{"यह भी पढ़े: कांग्रेस में मान-मनौव्वल जारी: राहुल गांधी को मनाने में जुटे"}},
		{"hindi read cue line", "पहला वाक्य ।\nयह भी पढ़ें- हरियाणा: 6 जिलों में 36 नए मामले\nअगला वाक्य ।",
			[]string{"यह भी पढ़ें- हरियाणा: 6 जिलों में 36 नए मामले"}},
		{"cue alone takes the next line", "पहला वाक्य ।\nये भी पढ़ें\nघबराएं नहीं, 94% मरीज हो चुके हैं ठीक\nअगला वाक्य ।",
			[]string{"ये भी पढ़ें\nघबराएं नहीं, 94% मरीज हो चुके हैं ठीक"}},
		{"english also read", "The minister spoke.\nALSO READ | Rahul Gandhi meets farmers\nHe added more.",
			[]string{"ALSO READ | Rahul Gandhi meets farmers"}},
		{"cue at the very end", "संख्या 82 हुई \nAlso Read", []string{"Also Read"}},
		{"full story cue", "वाक्य ।\nपढ़ें पूरी खबर\u00a0 मुंबई में 53 पत्रकार कोरोना से संक्रमित\nमुंबई में", []string{"पढ़ें पूरी खबर\u00a0 मुंबई में 53 पत्रकार कोरोना से संक्रमित"}},
		{"share bar", "Edited By Naina Gupta | नवभारतटाइम्स.कॉम | Updated: 01 Mar 2020\nfacebooktwitteremail\nकोरोना वायरस",
			[]string{"facebooktwitteremail"}},
		{"share bar camel case", "FacebooktwitterwpEmailaffiliates\nख़बर", []string{"FacebooktwitterwpEmailaffiliates"}},
		{"promo line", "The court ruled.\nFollow us on Twitter for more updates", []string{"Follow us on Twitter for more updates"}},
		{"headline list", "Mr Azad said so.\n" + headlines, []string{headlines}},

		// content that must stay
		{"cue word inside a sentence", "आप यह भी पढ़ें कि सरकार ने क्या कहा ।", nil},
		{"read more in prose", "He urged people to read more books during the lockdown.", nil},
		{"facebook in prose", "A Facebook user claimed that PM Narendra Modi has given contract to a firm.", nil},
		{"share in prose", "Share prices fell.", nil},
		{"title case list of names is content", "Present were Rahul Gandhi, Sonia Gandhi, Priyanka Gandhi Vadra, Mallikarjun Kharge, Ashok Gehlot, Sachin Pilot, Kamal Nath, Digvijaya Singh and Bhupesh Baghel.", nil},
		{"ordinary english paragraph", "Congress leader Rahul Gandhi on Tuesday said the Centre must help migrant workers who walked home during the lockdown, and asked Prime Minister Narendra Modi to act.", nil},
		{"long line after a cue is content", "यह भी पढ़ें: " + strings.Repeat("सरकार ने कहा कि काम जारी रहेगा और लोग घर पर रहें । ", 10), nil},
		{"subscribe prose long", "Subscribe" + strings.Repeat(" and the court heard the case at length", 10) + ".", nil},
		{"empty", "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := furnitureText(c.body)
			if strings.Join(got, "¦") != strings.Join(c.want, "¦") {
				t.Errorf("Furniture(%q)\n got %q\nwant %q", c.body, got, c.want)
			}
		})
	}
}

// TestFurnitureSeeds: seed 004's footer of headlines and seed 002's
// "यह भी पढ़े:" headline are furniture, and little else in the seeds is.
func TestFurnitureSeeds(t *testing.T) {
	for _, c := range []struct {
		file     string
		contains []string // furniture must hold each
	}{
		{"002_884ef39863f3952b.txt", []string{"यह भी पढ़े: कांग्रेस में मान-मनौव्वल जारी"}},
		{"004_96cd61e10502fc97.txt", []string{"Trinamool Congress Leader Abul Nasar", "PM Modi Meets Yoga Practitioner"}},
	} {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", "seeds", c.file))
		if err != nil {
			t.Fatal(err)
		}
		body := string(raw)
		got := strings.Join(furnitureText(body), "\n")
		for _, s := range c.contains {
			if !strings.Contains(got, s) {
				t.Errorf("%s: furniture %q lacks %q", c.file, got, s)
			}
		}
		if strings.Contains(got, "Ashok Gehlot (@ashokgehlot51)") || strings.Contains(got, "Mr Azad said") {
			t.Errorf("%s: furniture took content: %q", c.file, got)
		}
	}
}

// TestFurnitureShareOfCorpus: on the real corpus the detector marks a small
// share of the text, so it does not eat real paragraphs (the log line says
// how much; FURNITURE_SHOW=1 with -v lists every span).
func TestFurnitureShareOfCorpus(t *testing.T) {
	inputs := []string{shared.Path(t, "corpus/en-inshorts-2020.jsonl"), shared.Path(t, "corpus/hi-news-2020.jsonl")}
	var total, marked, docs, withAny int
	_, err := Reader{}.Read(context.Background(), inputs, func(r Record) error {
		docs++
		total += utf8.RuneCountInString(r.Doc.Body)
		spans := Furniture(r.Doc.Body)
		if len(spans) > 0 {
			withAny++
		}
		for _, sp := range spans {
			marked += utf8.RuneCountInString(r.Doc.Body[sp.Start:sp.End])
			if testing.Verbose() && os.Getenv("FURNITURE_SHOW") != "" {
				t.Logf("%s: %q", r.Doc.ID, r.Doc.Body[sp.Start:sp.End])
			}
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	share := float64(marked) / float64(total)
	t.Logf("furniture: %d of %d characters (%.4f%%) in %d of %d articles", marked, total, 100*share, withAny, docs)
	if share > maxCorpusFurnitureShare {
		t.Errorf("furniture is %.4f%% of the corpus text, above %.4f%%: the detector eats content", 100*share, 100*maxCorpusFurnitureShare)
	}
	if marked == 0 {
		t.Error("no furniture found in the corpus, which has 'यह भी पढ़ें:' lines")
	}
}

// FuzzFurniture: spans are sorted, disjoint, inside the body, on rune
// boundaries, and Blank keeps the length and the newlines.
func FuzzFurniture(f *testing.F) {
	for _, s := range []string{"", "यह भी पढ़े: x\ny", "a. Also Read\nb", "FacebookTwitter", "ये भी पढ़ें\n\nशीर्षक",
		strings.Repeat("Big Words Here ", 8), "\xff\xfeयह भी पढ़ें:\xff", "x।  यह भी पढ़ें"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		spans := Furniture(body)
		if want := refFurniture(body); !reflect.DeepEqual(spans, want) {
			t.Fatalf("Furniture(%q) = %v, the reference %v", body, spans, want)
		}
		prev := -1
		for _, sp := range spans {
			if sp.Start < 0 || sp.End > len(body) || sp.Start >= sp.End || sp.Start <= prev {
				t.Fatalf("bad span %v (previous end %d) in %q", sp, prev, body)
			}
			if utf8.ValidString(body) && (!utf8.RuneStart(body[sp.Start]) || sp.End < len(body) && !utf8.RuneStart(body[sp.End])) {
				t.Fatalf("span %v splits a rune in %q", sp, body)
			}
			prev = sp.End
		}
		b := Blank(body, spans)
		if len(b) != len(body) || strings.Count(b, "\n") != strings.Count(body, "\n") {
			t.Fatalf("Blank changed the length or the lines of %q: %q", body, b)
		}
		if w := WithoutFurniture(body); len(w) > len(body) {
			t.Fatalf("WithoutFurniture grew %q to %q", body, w)
		}
	})
}

// maxCorpusFurnitureShare bounds the share of corpus text marked as
// furniture: measured 0.018% (713 of 4,006,479 characters, in 17 of 9,426
// articles, every one a read-also line or a share bar by hand check), so
// about five times that fails when a change starts taking content.
const maxCorpusFurnitureShare = 0.001
