package analyzers

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/newsearch/bilingual/analyzers/script"
)

func readSeed(t *testing.T, prefix string) string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "seeds", prefix+"_*.txt"))
	if err != nil || len(paths) != 1 {
		t.Fatalf("seed %s: %v (found %d files)", prefix, err, len(paths))
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// joined checks the runs partition text.
func joined(t *testing.T, text string, runs []Run) {
	t.Helper()
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	if b.String() != text {
		t.Errorf("runs do not concatenate to the input")
	}
}

func TestSplitEnglishSeeds(t *testing.T) {
	for _, seed := range []string{"000", "001", "003", "004"} {
		text := readSeed(t, seed)
		runs := Split(text)
		joined(t, text, runs)
		if got := DocumentLanguage(runs); got != "en" {
			t.Errorf("seed %s: DocumentLanguage = %q, want en", seed, got)
		}
		for _, r := range runs {
			if r.Lang != English {
				t.Errorf("seed %s: run %q is %s, want en", seed, r.Text, r.Lang)
			}
		}
	}
}

func TestSplitHindiSeedWithTweets(t *testing.T) {
	text := readSeed(t, "002")
	runs := Split(text)
	joined(t, text, runs)
	if got := DocumentLanguage(runs); got != "hi" {
		t.Errorf("DocumentLanguage = %q, want hi", got)
	}
	var english []string
	for _, r := range runs {
		switch r.Lang {
		case English:
			english = append(english, r.Text)
		case Hindi:
			// The inline glosses stay inside the Hindi sentences.
		default:
			t.Errorf("run %q is %s", r.Text, r.Lang)
		}
	}
	if len(english) != 2 {
		t.Fatalf("got %d English runs, want the 2 tweets: %q", len(english), english)
	}
	for i, want := range [][2]string{
		{"All Chief Ministers of Congress", "(@ashokgehlot51) July 1, 2019"},
		{"Jammu and Kashmir Congress leaders", "(@ANI) July 1, 2019"},
	} {
		if !strings.HasPrefix(english[i], want[0]) || !strings.Contains(english[i], want[1]) {
			t.Errorf("English run %d = %q, want the tweet starting %q with its %q line", i, english[i], want[0], want[1])
		}
		if script.HasDevanagari(english[i]) {
			t.Errorf("English run %d holds Devanagari: %q", i, english[i])
		}
	}
	for _, r := range runs {
		if r.Lang == Hindi && strings.Contains(r.Text, "(Rahul Gandhi)") {
			return
		}
	}
	t.Error("the gloss (Rahul Gandhi) is not inside a Hindi run")
}

// marathi is a paragraph written for this test (not taken from any source),
// over 200 letters.
const marathi = "महाराष्ट्रातील राजकारणात गेल्या काही दिवसांपासून मोठ्या घडामोडी सुरू आहेत. " +
	"मुख्यमंत्र्यांनी आज सकाळी मंत्रिमंडळाची बैठक घेतली आणि शेतकऱ्यांच्या कर्जमाफीबद्दल महत्त्वाचा निर्णय जाहीर केला. " +
	"विरोधी पक्षाच्या नेत्यांनी या निर्णयावर टीका केली असून सरकारने निवडणुकीपूर्वी लोकांना फसवण्याचा प्रयत्न केला आहे, असे त्यांनी म्हटले आहे. " +
	"पुढील आठवड्यात विधानसभेचे अधिवेशन सुरू होणार असल्याने हा मुद्दा गाजण्याची शक्यता आहे."

func TestSplitSmall(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Run
		lang     string
	}{
		{"empty", "", nil, "en"},
		{"letterless", "2019 — 52!", []Run{{"2019 — 52!", Other}}, "en"},
		{
			"gloss stays in Hindi sentence",
			"राहुल गांधी (Rahul Gandhi) ने इस्तीफा दिया।",
			[]Run{{"राहुल गांधी (Rahul Gandhi) ने इस्तीफा दिया।", Hindi}}, "hi",
		},
		{
			"sentence change inside a paragraph",
			"उन्होंने ट्वीट किया। We are with the party president. फिर बैठक हुई।",
			[]Run{
				{"उन्होंने ट्वीट किया। ", Hindi},
				{"We are with the party president. ", English},
				{"फिर बैठक हुई।", Hindi},
			}, "mixed",
		},
		{
			"abbreviations do not end sentences",
			"Mr. Modi met Dr. P. Singh. भाजपा ने कहा।",
			[]Run{{"Mr. Modi met Dr. P. Singh. ", English}, {"भाजपा ने कहा।", Hindi}}, "mixed",
		},
		{
			"leading letterless text joins the first run",
			"1.\nCongress wins\n",
			[]Run{{"1.\nCongress wins\n", English}}, "en",
		},
		{"other script", "தமிழ்நாடு அரசு", []Run{{"தமிழ்நாடு அரசு", Other}}, "en"},
		{"marathi", marathi, []Run{{marathi, Devanagari}}, "hi"},
		{
			"marathi paragraph then hindi",
			marathi + "\nकांग्रेस ने कहा।",
			[]Run{{marathi + "\n", Devanagari}, {"कांग्रेस ने कहा।", Hindi}}, "hi",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Split(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
			if l := DocumentLanguage(got); l != tt.lang {
				t.Errorf("DocumentLanguage = %q, want %q", l, tt.lang)
			}
		})
	}
}

func TestDocumentLanguage(t *testing.T) {
	en := Run{Text: strings.Repeat("a", 30), Lang: English}
	hi := Run{Text: strings.Repeat("क", 90), Lang: Hindi}
	tests := []struct {
		name string
		runs []Run
		want string
	}{
		{"none", nil, "en"},
		{"english", []Run{en}, "en"},
		{"hindi", []Run{hi}, "hi"},
		{"minor at 25%", []Run{en, hi}, "mixed"}, // 30 of 120
		{"minor under 25%", []Run{{Text: strings.Repeat("a", 29), Lang: English}, hi}, "hi"}, // 29 of 119
		{"devanagari counts as hindi", []Run{{Text: hi.Text, Lang: Devanagari}}, "hi"},
		{"other ignored", []Run{hi, {Text: strings.Repeat("a", 90), Lang: Other}}, "hi"},
	}
	for _, tt := range tests {
		if got := DocumentLanguage(tt.runs); got != tt.want {
			t.Errorf("%s: DocumentLanguage = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("राहुल गांधी (Rahul Gandhi) ने इस्तीफा दिया। We are with him. 2019")
	f.Add("Mr. Modi met Dr. P. Singh.\n\nभाजपा ने कहा॥")
	f.Add(marathi)
	f.Add("...\n?!। ")
	f.Add("\xff.\u0915")
	f.Fuzz(func(t *testing.T, s string) {
		runs := Split(s)
		var b strings.Builder
		for _, r := range runs {
			if r.Text == "" {
				t.Errorf("empty run in %q", s)
			}
			switch r.Lang {
			case English, Hindi, Devanagari, Other:
			default:
				t.Errorf("run %q has label %q", r.Text, r.Lang)
			}
			b.WriteString(r.Text)
		}
		letters := func(s string) []rune {
			var out []rune
			for _, r := range s {
				if unicode.IsLetter(r) {
					out = append(out, r)
				}
			}
			return out
		}
		if got, want := letters(b.String()), letters(s); !slices.Equal(got, want) {
			t.Errorf("letters of the runs %q differ from the input's %q", string(got), string(want))
		}
		_ = DocumentLanguage(runs)
	})
}
