package translit

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsearch/bilingual/analyzers/script"
)

func TestIsRomanizedHindi(t *testing.T) {
	d := NewDetector()
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{"rahul gandhi istifa", true},
		{"bjp ki jeet", true},
		{"modi sarkar", true},
		{"kisan andolan", true},
		{"modi", false}, // a bare name is not distinctively Hindi
		{"rahul gandhi", false},
		{"congress", false},
		{"BJP rally", false},
		{"farmers protest", false},
		{"", false},
		{"मोदी सरकार", false}, // Devanagari, not romanized
		{"chunav parinam", true},
		{"election result", false},
	} {
		if got := d.IsRomanizedHindi(tc.q); got != tc.want {
			t.Errorf("IsRomanizedHindi(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}

// TestDetectorAccuracy checks the detector on the labeled queries in
// testdata/queries.tsv.
func TestDetectorAccuracy(t *testing.T) {
	f, err := os.Open("testdata/queries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := NewDetector()
	var n, right, hi int
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		label, q, ok := strings.Cut(s, "\t")
		if !ok || (label != "hi" && label != "en") {
			t.Fatalf("testdata/queries.tsv:%d: want hi|en<TAB>query, got %q", line, s)
		}
		n++
		if label == "hi" {
			hi++
		}
		if d.IsRomanizedHindi(q) == (label == "hi") {
			right++
		} else {
			t.Logf("misclassified %s query %q", label, q)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 150 || hi < n/3 || n-hi < n/3 {
		t.Fatalf("want at least 150 queries, balanced; got %d (%d hi)", n, hi)
	}
	acc := float64(right) / float64(n)
	t.Logf("detector accuracy %.1f%% on %d queries (%d hi, %d en)", 100*acc, n, hi, n-hi)
	if acc < 0.95 {
		t.Errorf("accuracy %.1f%%, want at least 95%%", 100*acc)
	}
}

func TestWordListsParse(t *testing.T) {
	for name, src := range map[string]string{"hinglish": hinglishTxt, "english": englishTxt, "names": namesTxt, "particles": particlesTxt} {
		m, err := parseWordList(src)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if len(m) < 20 {
			t.Errorf("%s: %d words, want at least 20", name, len(m))
		}
	}
	if _, err := parseWordList("ok\nNot Lower\n"); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("parseWordList of a bad line: err = %v, want one naming line 2", err)
	}
}

func FuzzIsRomanizedHindi(f *testing.F) {
	for _, s := range []string{"modi ki rally", "farmers protest", "मोदी", "", "ki ki ki", "\xffki", "KI RALLY"} {
		f.Add(s)
	}
	d := NewDetector()
	f.Fuzz(func(t *testing.T, q string) {
		got := d.IsRomanizedHindi(q)
		// Case must not matter, and Devanagari is never romanized Hindi.
		if again := d.IsRomanizedHindi(strings.ToUpper(q)); utf8.ValidString(q) && !strings.ContainsFunc(q, func(r rune) bool { return r > unicode.MaxASCII }) && again != got {
			t.Errorf("IsRomanizedHindi(%q) = %v but %v in upper case", q, got, again)
		}
		if got && script.HasDevanagari(q) {
			t.Errorf("IsRomanizedHindi(%q) = true for Devanagari text", q)
		}
	})
}
