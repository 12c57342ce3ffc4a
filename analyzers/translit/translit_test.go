package translit

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestRomanize(t *testing.T) {
	r := New()
	for _, tc := range []struct{ in, want string }{
		{"राहुल", "rahul"},
		{"सरकारी", "sarkari"},    // medial schwa after r deleted
		{"समाचार", "samachar"},   // final schwa deleted
		{"विधायक", "vidhayak"},   // final deleted first, so ya keeps its vowel
		{"कमला", "kamla"},        // V C _ C V
		{"मतदान", "matdan"},      // V C _ C V
		{"मित्र", "mitra"},       // final schwa kept after an r cluster
		{"सत्य", "satya"},        // and after a y cluster
		{"फ़िल्म", "film"},       // but not after other clusters; precomposed nukta
		{"ज़माना", "zamana"},     // decomposed nukta
		{"क़ानून", "qanun"},      // decomposed nukta
		{"लड़का", "larka"},       // ड़ is r
		{"संबंध", "sambandh"},    // anusvara before a labial is m
		{"अंत", "ant"},           // and n elsewhere
		{"हँसी", "hansi"},        // candrabindu
		{"दुःख", "duhkh"},        // visarga
		{"ज्ञान", "gyan"},        // conjunct ज्ञ
		{"कृपा", "kripa"},        // vowel sign ृ
		{"कौन", "kaun"},          // vowel sign ौ
		{"डॉक्टर", "doktar"},     // ॉ and a virama cluster
		{"न", "na"},              // a one-vowel word keeps its schwa
		{"१९४७", "1947"},         // digits
		{"कांग्रेस", "congress"}, // conventional spelling
		{"दिल्ली", "delhi"},      // conventional spelling
		{"बीजेपी", "bjp"},        // conventional spelling
		{"BJP और दिल्ली!", "bjp aur delhi!"},
		{"Hello", "hello"},
		{"", ""},
	} {
		if got := r.Romanize(tc.in); got != tc.want {
			t.Errorf("Romanize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestKeyMeets(t *testing.T) {
	r := New()
	for _, group := range [][]string{
		{"istifa", "isteefa", "istifaa", "इस्तीफा", "इस्तीफ़ा"},
		{"ladka", "larka", "लड़का"},
		{"rahul gandhi", "Rahul Gandhi", "राहुल गांधी", "राहुल गाँधी"},
		{"chunav", "chunaav", "चुनाव"},
		{"sarkar", "sarkaar", "सरकार"},
		{"kejriwal", "kejrival", "केजरीवाल"},
		{"zamana", "jamana", "ज़माना"},
		{"vishwas", "vishvas", "biswas", "विश्वास"},
		{"chhattisgarh", "chattisgarh", "छत्तीसगढ़"},
		{"loksabha", "lok sabha", "लोकसभा"},
	} {
		want := r.Key(group[0])
		if want == "" {
			t.Errorf("Key(%q) is empty", group[0])
		}
		for _, s := range group[1:] {
			// Spaces split words, so compare keys with them removed.
			if got := r.Key(s); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(want, " ", "") {
				t.Errorf("Key(%q) = %q, want %q as for %q", s, got, want, group[0])
			}
		}
	}
}

func TestKeyParts(t *testing.T) {
	r := New()
	for _, tc := range []struct{ in, want string }{
		{"istifa", "astf"},
		{"Rahul  Gandhi!", "tl gnt"},
		{"chunav", "cnb"}, // ch stays apart from k
		{"kisan", "ksn"},  // c/k/q meet: see qanun below
		{"qanun", "kn"},   // nn collapses once the vowel between goes
		{"phone", "fn"},   // ph is f
		{"2019", "2019"},
		{"", ""},
		{"...", ""},
	} {
		if got := r.Key(tc.in); got != tc.want {
			t.Errorf("Key(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestKeyKeepsWordsApart(t *testing.T) {
	r := New()
	for _, p := range [][2]string{{"kisan", "sarkar"}, {"ram", "shyam"}, {"chunav", "kanun"}, {"modi", "yogi"}, {"किसान", "सरकार"}} {
		if a, b := r.Key(p[0]), r.Key(p[1]); a == b {
			t.Errorf("Key(%q) = Key(%q) = %q, want different keys", p[0], p[1], a)
		}
	}
}

func TestWordKey(t *testing.T) {
	r := New()
	for _, w := range []string{"istifa", "इस्तीफा", "Kejriwal", "गांधी"} {
		if got, want := r.WordKey(w), r.Key(w); got != want {
			t.Errorf("WordKey(%q) = %q, Key = %q", w, got, want)
		}
	}
}

func TestParseConventional(t *testing.T) {
	m, err := parseConventional(conventionalTSV)
	if err != nil {
		t.Fatalf("embedded table: %v", err)
	}
	if len(m) < 100 {
		t.Errorf("embedded table has %d entries, want at least 100", len(m))
	}
	for _, tc := range []struct{ src, errPart string }{
		{"# c\nमोदी\tmodi\nखराब\n", "line 3"},
		{"abc\tabc\n", "not a Devanagari word"},
		{"मोदी\tModi\n", "not a lowercase ASCII word"},
		{"मोदी\tmodi\nमोदी\tmody\n", "listed twice"},
	} {
		if _, err := parseConventional(tc.src); err == nil || !strings.Contains(err.Error(), tc.errPart) {
			t.Errorf("parseConventional(%q) err = %v, want one containing %q", tc.src, err, tc.errPart)
		}
	}
}

func FuzzRomanize(f *testing.F) {
	for _, s := range []string{"राहुल गांधी", "इस्तीफ़ा", "ज़", "क्", "ंँः", "a्b", "१२३ abc", "\u200dक\u200c", "ि", "कांग्रेस", "\xff"} {
		f.Add(s)
	}
	r := New()
	f.Fuzz(func(t *testing.T, s string) {
		rom := r.Romanize(s)
		key := r.Key(s)
		if utf8.ValidString(s) && !utf8.ValidString(rom) {
			t.Errorf("Romanize(%q) = %q, not valid UTF-8", s, rom)
		}
		onlyOurs := utf8.ValidString(s) && !strings.ContainsFunc(s, func(c rune) bool {
			return c > unicode.MaxASCII && !isDevanagariOrJoiner(c)
		})
		if onlyOurs && strings.ContainsFunc(key, func(c rune) bool { return c > unicode.MaxASCII }) {
			t.Errorf("Key(%q) = %q, not ASCII", s, key)
		}
	})
}

func BenchmarkKey(b *testing.B) {
	r := New()
	qs := []string{"rahul gandhi istifa", "राहुल गांधी का इस्तीफ़ा", "kejriwal sarkar ki yojana", "लोकसभा चुनाव परिणाम"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		r.Key(qs[i%len(qs)])
	}
}
