package analyzers

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"github.com/newsearch/bilingual/internal/shared"
)

// showTokens renders a token stream with everything a token carries.
func showTokens(ts analysis.TokenStream) string {
	s := ""
	for _, t := range ts {
		s += fmt.Sprintf("[%q %d-%d @%d %v] ", t.Term, t.Start, t.End, t.Position, t.Type)
	}
	return s
}

// sameTokens fails the test unless wordTokenizer gives what Bleve's unicode
// tokenizer gives for s.
func sameTokens(t *testing.T, s string) {
	t.Helper()
	got := showTokens(wordTokenizer{}.Tokenize([]byte(s)))
	want := showTokens(unicode.NewUnicodeTokenizer().Tokenize([]byte(s)))
	if got != want {
		t.Fatalf("tokens of %q:\n got %s\nwant %s", s, got, want)
	}
}

// wordCases hold what makes words join or break: marks between letters and
// digits, signs after no letter, scripts and characters the fast path
// leaves to the segmenter.
var wordCases = []string{
	"", " ", "Rahul Gandhi resigned on Monday (3 July 2019).",
	"U.S. Rs 1,000 3.5 it's don't 10:30 a:b 1;2 a,b a'1 1'2 x. .5 'a a..b a1.b",
	"snake_case _ __ a_1 ऐ_ब",
	"राहुल गांधी ने इस्तीफा दिया। १२३ ३.५ क१ १क",
	" ा ्क (ा .ा a.ा क.ा \nा",
	"abcहिंदी ab१२ aा a\u0951",
	"ॐ ऽ ॲ ॱ ॰ ॥ \u0900\u0901 \u093a \u0955",
	"tab\there\r\nCRLF\vvt\fff",
	"naïve café 東京 カタカナ ひらがな 한국어 שלום \"quoted\" x\u200dy a\u00adb 🙂",
	"“smart” ‘quotes’ it’s U.S.A",
}

func TestWordTokenizerLikeUnicodeTokenizer(t *testing.T) {
	for _, c := range wordCases {
		sameTokens(t, c)
	}
}

// TestWordTokenizerTakesThePlainPath checks that ordinary text is
// tokenized without the segmenter, and what is not plain is left to it:
// otherwise the tests above would hold however seldom the fast path ran.
func TestWordTokenizerTakesThePlainPath(t *testing.T) {
	for _, c := range []struct {
		piece string
		plain bool
	}{
		{"Gandhi", true}, {"(2019).", true}, {"resigned,", true}, {"इस्तीफा", true}, {"दिया।", true},
		{"१२३", true}, {"ab१२", true}, {"\"quoted\"", true},
		{"U.S.", false}, {"1,000", false}, {"it's", false}, {"a_b", false}, {"ा", false}, {"café", false},
	} {
		w := wordWriter{input: []byte(c.piece), pos: 1}
		if got := w.plain(0, len(c.piece)); got != c.plain {
			t.Errorf("plain(%q) = %v, want %v", c.piece, got, c.plain)
		}
	}
}

// TestWordTokenizerOnCorpus holds the two tokenizers together on real news
// in both languages.
func TestWordTokenizerOnCorpus(t *testing.T) {
	for _, name := range []string{"corpus/en-inshorts-2020.jsonl", "corpus/hi-news-2020.jsonl"} {
		path := shared.Path(t, name)
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 1<<20), 1<<26)
		for line := 1; sc.Scan(); line++ {
			var d struct{ Title, Text, Body string }
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				t.Fatalf("%s:%d: %v", path, line, err)
			}
			for _, s := range []string{d.Title, d.Text, d.Body} {
				got := showTokens(wordTokenizer{}.Tokenize([]byte(s)))
				if want := showTokens(unicode.NewUnicodeTokenizer().Tokenize([]byte(s))); got != want {
					t.Fatalf("%s:%d: tokens differ:\n got %s\nwant %s", path, line, got, want)
				}
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
}

func FuzzWordTokenizerLikeUnicodeTokenizer(f *testing.F) {
	for _, c := range wordCases {
		f.Add(c)
	}
	f.Fuzz(sameTokens)
}
