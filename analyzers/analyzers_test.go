package analyzers

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
)

// terms analyzes s with the named analyzer and returns the token terms.
func terms(t testing.TB, name, s string) []string {
	t.Helper()
	a, err := registry.NewCache().AnalyzerNamed(name)
	if err != nil {
		t.Fatalf("analyzer %s: %v", name, err)
	}
	var out []string
	for _, tok := range a.Analyze([]byte(s)) {
		out = append(out, string(tok.Term))
	}
	return out
}

func TestAnalyzerTokens(t *testing.T) {
	tests := []struct {
		analyzer, in string
		want         []string
	}{
		{HindiAnalyzer, "२०१९", []string{"2019"}},
		{EnglishAnalyzer, "२०१९", []string{"2019"}},
		{DevanagariAnalyzer, "२०१९", []string{"2019"}},
		// ॰ removed inside the word, ी → ि (Bleve), final ि stemmed.
		{HindiAnalyzer, "बी॰जे॰पी॰", []string{"बिजेप"}},
		{HindiAnalyzer, "डॉ॰", []string{"डा"}},
		{EnglishAnalyzer, "बी॰जे॰पी॰", []string{"बीजेपी"}},
		// Virama dropped by Bleve; anusvara kept.
		{HindiAnalyzer, "कांग्रेस", []string{"कांगरेस"}},
		{HindiAnalyzer, "इस्तीफा", []string{"इसतिफ"}},
		{HindiAnalyzer, "गहलोत", []string{"गहलोत"}},
		{HindiAnalyzer, "नेता", []string{"नेता"}},
		{HindiAnalyzer, "नेताओं", []string{"नेता"}},
		{HindiAnalyzer, "मनाने", []string{"मना"}},
		{HindiAnalyzer, "मनाया", []string{"मना"}},
		{HindiAnalyzer, "मन", []string{"मन"}},
		{HindiAnalyzer, "सेना", []string{"सेना"}},
		{HindiAnalyzer, "योगी", []string{"योगि"}},
		// Unprotected neighbours are still stemmed.
		{HindiAnalyzer, "मनों", []string{"मन"}},
		{HindiAnalyzer, "रहने", []string{"रह"}},
		// The Devanagari analyzer normalizes but neither stems nor drops stop words.
		{DevanagariAnalyzer, "नेताओं ने", []string{"नेताओं", "ने"}},
		{HindiAnalyzer, "नेताओं ने", []string{"नेता"}},
		// Invisible characters inside words.
		{HindiAnalyzer, "अस्\u200dपताल", []string{"असपताल"}},
		{EnglishAnalyzer, "अस्\u200dपताल", []string{"अस्पताल"}},
		{EnglishAnalyzer, "soft\u00adhyphen", []string{"softhyphen"}},
		{EnglishAnalyzer, "\ufeffModi\u200e", []string{"modi"}},
		// Half nasals of the consonant's class, candrabindu, visarga.
		{HindiAnalyzer, "सम्बन्ध", []string{"संबंध"}},
		{HindiAnalyzer, "पण्डित", []string{"पंडित"}},
		{HindiAnalyzer, "दुःख", []string{"दुख"}},
		{HindiAnalyzer, "तुम्हें", []string{"तुमह"}},
		// Latin glosses inside Hindi runs are lowercased only.
		{HindiAnalyzer, "Rahul Gandhi", []string{"rahul", "gandhi"}},
		{EnglishAnalyzer, "resignation resigned resigning", []string{"resign", "resign", "resign"}},
	}
	for _, tt := range tests {
		if got := terms(t, tt.analyzer, tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("%s(%q) = %q, want %q", tt.analyzer, tt.in, got, tt.want)
		}
	}
}

// TestAnalyzerMeets checks which spellings and inflections reach the same
// single token.
func TestAnalyzerMeets(t *testing.T) {
	tests := []struct {
		analyzer string
		a, b     string
		meet     bool
	}{
		{HindiAnalyzer, "इस्तीफा", "इस्तीफे", true},
		{HindiAnalyzer, "इस्तीफा", "इस्तीफ़ा", true},
		{HindiAnalyzer, "कॉन्ग्रेस", "कांग्रेस", true},
		{HindiAnalyzer, "काँग्रेस", "कांग्रेस", true},
		{HindiAnalyzer, "कान्ग्रेस", "कांग्रेस", true},
		{HindiAnalyzer, "डॉक्टर", "डाक्टर", true},
		{HindiAnalyzer, "२०१९", "2019", true},
		{HindiAnalyzer, "अस्\u200cपताल", "अस्पताल", true},
		{HindiAnalyzer, "नेता", "ने", false}, // ने is a stop word: compare with the stem it would get
		{HindiAnalyzer, "नेता", "नेताओं", true},
		{HindiAnalyzer, "मनाने", "मन", false},
		{HindiAnalyzer, "मनाना", "मनों", false},
		{HindiAnalyzer, "मनाने", "मनाया", true},
		{HindiAnalyzer, "पति", "पता", false},
		{HindiAnalyzer, "योगी", "योग", false},
		{HindiAnalyzer, "गति", "गत", false},
		{HindiAnalyzer, "ममता", "मम", false},
		{HindiAnalyzer, "आगरा", "अगर", false},
		{HindiAnalyzer, "दौरे", "दौर", false},
		{HindiAnalyzer, "सूचना", "सूची", false},
		{DevanagariAnalyzer, "कॉन्ग्रेस", "काँग्रेस", true},
		{EnglishAnalyzer, "२०१९", "2019", true},
		{EnglishAnalyzer, "resigned", "resigning", true},
	}
	for _, tt := range tests {
		ta, tb := terms(t, tt.analyzer, tt.a), terms(t, tt.analyzer, tt.b)
		if tt.a == "नेता" && tt.b == "ने" {
			// ने vanishes as a stop word; नेता must not become it either.
			if slices.Equal(ta, []string{"ने"}) || len(ta) != 1 {
				t.Errorf("%s(%q) = %q, want one token other than ने", tt.analyzer, tt.a, ta)
			}
			continue
		}
		if len(ta) != 1 || len(tb) != 1 {
			t.Errorf("%s: %q → %q, %q → %q: want one token each", tt.analyzer, tt.a, ta, tt.b, tb)
			continue
		}
		if got := ta[0] == tb[0]; got != tt.meet {
			t.Errorf("%s: %q → %q, %q → %q: meet = %v, want %v", tt.analyzer, tt.a, ta[0], tt.b, tb[0], got, tt.meet)
		}
	}
}

// TestEnglishLikeBleve checks news_en adds nothing to Bleve's en chain on
// plain English text.
func TestEnglishLikeBleve(t *testing.T) {
	const s = "Congress's leaders resigned, owning responsibility for the party's defeats in 2019."
	if got, want := terms(t, EnglishAnalyzer, s), terms(t, en.AnalyzerName, s); !slices.Equal(got, want) {
		t.Errorf("news_en = %q, Bleve en = %q", got, want)
	}
}

// TestOffsets checks tokens point at their bytes in the original text even
// when invisible characters before them were removed.
func TestOffsets(t *testing.T) {
	const s = "\ufeffअस्\u200dपताल में बी॰जे॰पी॰ soft\u00adhyphen"
	a, err := registry.NewCache().AnalyzerNamed(DevanagariAnalyzer)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"अस्\u200dपताल", "में", "बी॰जे॰पी", "soft\u00adhyphen"}
	toks := a.Analyze([]byte(s))
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(toks), len(want))
	}
	for i, tok := range toks {
		if got := s[tok.Start:tok.End]; got != want[i] {
			t.Errorf("token %d (%s) spans %q, want %q", i, tok.Term, got, want[i])
		}
	}
}

func TestFoldDevanagari(t *testing.T) {
	tests := []struct{ in, want string }{
		{"बी॰जे॰पी॰", "बिजेपि"},
		{"कॉन्ग्रेस", "कांगरेस"},
		{"काँग्रेस", "कांगरेस"},
		{"२०१९ में", "2019 में"},
		{"Rahul Gandhi", "Rahul Gandhi"},
		{"अस्\u200dपताल", "असपताल"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FoldDevanagari(tt.in); got != tt.want {
			t.Errorf("FoldDevanagari(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripInvisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"अस्\u200dपताल", "अस्पताल"},
		{"a\u200cb\u00adc\ufeffd\u200ee\u200ff\u202ag\u2069", "abcdefg"},
		{"plain", "plain"},
		{"बी॰जे॰पी॰", "बी॰जे॰पी॰"}, // ॰ is visible: only the analyzers drop it
	}
	for _, tt := range tests {
		if got := StripInvisible(tt.in); got != tt.want {
			t.Errorf("StripInvisible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseProtected(t *testing.T) {
	good := "# comment\n\nनेता\nनेताओं\tनेता\n  \n"
	stems, err := parseProtected(good)
	if err != nil {
		t.Fatalf("parseProtected: %v", err)
	}
	if got, want := len(stems), 2; got != want {
		t.Errorf("got %d entries, want %d", got, want)
	}
	if s, ok := stems["नेता"]; !ok || s != "" {
		t.Errorf(`stems["नेता"] = %q, %v; want "", true`, s, ok)
	}
	bad := []struct{ in, wantErr string }{
		{"a\tb\tc", "line 1"},
		{"# x\nनेता\t", "line 2"},
		{"\t\tx", "line 1"},
		{"नेता\tने\nनेता\tनेता", "line 2"},
		{"two words", "line 1"},
	}
	for _, tt := range bad {
		_, err := parseProtected(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("parseProtected(%q) error = %v, want one mentioning %q", tt.in, err, tt.wantErr)
		}
	}
}

// TestProtectedListLoads checks the embedded list parses and carries the
// required entries.
func TestProtectedListLoads(t *testing.T) {
	stems, err := parseProtected(protectedData)
	if err != nil {
		t.Fatal(err)
	}
	if len(stems) < 30 {
		t.Errorf("only %d protected words", len(stems))
	}
	for _, w := range []string{"नेता", "मनाने"} {
		if _, ok := stems[normalizeProtected(w)]; !ok {
			t.Errorf("%s is not protected", w)
		}
	}
}

func FuzzParseProtected(f *testing.F) {
	f.Add(protectedData)
	f.Add("a\tb\tc")
	f.Add("# x\n\t\n")
	f.Fuzz(func(t *testing.T, s string) {
		stems, err := parseProtected(s)
		if err != nil {
			return
		}
		for w := range stems {
			if w == "" {
				t.Errorf("empty word accepted from %q", s)
			}
		}
	})
}

func FuzzHindiAnalyzer(f *testing.F) {
	f.Add("नई दिल्ली: कांग्रेस अध्यक्ष राहुल गांधी (Rahul Gandhi) को")
	f.Add("बी॰जे॰पी॰ डॉ॰ २०१९ अस्\u200dपताल")
	f.Add("\u200d॰\ufeff\u094d\u0901")
	f.Add("न्\u200cम्प")
	a, err := registry.NewCache().AnalyzerNamed(HindiAnalyzer)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range a.Analyze([]byte(s)) {
			if !utf8.Valid(tok.Term) {
				t.Errorf("token %q from %q is not valid UTF-8", tok.Term, s)
			}
			if tok.Start < 0 || tok.End > len(s) || tok.Start >= tok.End {
				t.Errorf("token %q from %q has span [%d:%d]", tok.Term, s, tok.Start, tok.End)
			}
		}
	})
}

func TestRomanAnalyzer(t *testing.T) {
	a, err := registry.NewCache().AnalyzerNamed(RomanAnalyzer)
	if err != nil {
		t.Fatal(err)
	}
	terms := func(s string) []string {
		var out []string
		for _, tok := range a.Analyze([]byte(s)) {
			out = append(out, string(tok.Term))
		}
		return out
	}
	// Checked by hand: each word gives its key then its light key at one
	// position; stop words (the, का) and numbers are dropped.
	for _, tc := range []struct{ in, key string }{
		{"istifa", "k:astf"}, {"isteefa", "k:astf"}, {"इस्तीफा", "k:astf"},
	} {
		got := terms(tc.in)
		if len(got) != 2 || got[0] != tc.key || !strings.HasPrefix(got[1], LightPrefix) {
			t.Errorf("%s: %v, want [%s l:…]", tc.in, got, tc.key)
		}
	}
	if got := terms("the 2019 का"); len(got) != 0 {
		t.Errorf("stop words and numbers gave %v", got)
	}
	if a, b := terms("istifa"), terms("इस्तीफा"); a[1] != b[1] {
		t.Errorf("light keys differ: %s %s", a[1], b[1])
	}
}
