package index

import (
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/newsearch/bilingual/analyzers"
)

func testWordTerms(t *testing.T) *wordTerms {
	t.Helper()
	cache := registry.NewCache()
	var as []analysis.Analyzer
	for _, name := range []string{analyzers.EnglishAnalyzer, analyzers.HindiAnalyzer, analyzers.DevanagariAnalyzer} {
		a, err := cache.AnalyzerNamed(name)
		if err != nil {
			t.Fatal(err)
		}
		as = append(as, a)
	}
	return newWordTerms(as)
}

func TestSnippet(t *testing.T) {
	wt := testWordTerms(t)
	s := &Searcher{words: wt}
	filler := strings.Repeat("filler words here ", 200) // 3,600 bytes: past the first chunk
	for _, c := range []struct {
		name, text, q, want string
	}{
		{"inflected English forms", "The minister resigned on Friday. Resignations followed.", "resignation",
			"The minister <mark>resigned</mark> on Friday. <mark>Resignations</mark> followed."},
		{"inflected Hindi form", "गहलोत ने इस्तीफे की पेशकश की", "इस्तीफा",
			"गहलोत ने <mark>इस्तीफे</mark> की पेशकश की"},
		{"punctuation stays outside the mark", "Gandhi. Later, (Gandhi) spoke", "gandhi",
			"<mark>Gandhi</mark>. Later, (<mark>Gandhi</mark>) spoke"},
		{"a name reads as one mark", "Rahul Gandhi met Sonia", "rahul gandhi",
			"<mark>Rahul Gandhi</mark> met Sonia"},
		{"text is escaped around marks", "<b>Modi</b> & co", "modi",
			"&lt;b&gt;<mark>Modi</mark>&lt;/b&gt; &amp; co"},
		{"no match gives the start", "Nothing to see here", "scindia", "Nothing to see here"},
		{"a match past the first chunk", filler + "then Scindia left", "scindia",
			"… " + strings.TrimSpace(strings.Repeat("filler words here ", 9)) + " then <mark>Scindia</mark> left"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for round := range 2 { // the second round reads every word from memory
				got := snippet(c.text, wt, s.queryTerms(c.q), SnippetRunes)
				if c.name == "a match past the first chunk" {
					// The window's start depends on rune counting; check the part that matters.
					if !strings.HasPrefix(got, "… ") || !strings.HasSuffix(got, " then <mark>Scindia</mark> left") {
						t.Errorf("round %d: got %q", round, got)
					}
					continue
				}
				if got != c.want {
					t.Errorf("round %d:\n got %q\nwant %q", round, got, c.want)
				}
			}
		})
	}
}

func TestWordTermsCap(t *testing.T) {
	wt := testWordTerms(t)
	wt.each([]string{"alpha", "beta"}, func(int, [][]wordToken) {})
	if len(wt.m) != 2 {
		t.Fatalf("remembered %d words, want 2", len(wt.m))
	}
	// Fill to the cap: the next miss starts afresh instead of growing.
	for i := 0; len(wt.m) < wordTermsCap; i++ {
		wt.m[strconv.Itoa(i)] = nil
	}
	var got [][]wordToken
	wt.each([]string{"gamma"}, func(_ int, toks [][]wordToken) { got = toks })
	if len(wt.m) != 1 || len(got) == 0 || len(got[0]) != 1 || got[0][0].term != "gamma" {
		t.Errorf("after the cap: %d words remembered, tokens %v; want 1 and gamma", len(wt.m), got)
	}
}

func TestSnippetScanLimit(t *testing.T) {
	wt := testWordTerms(t)
	s := &Searcher{words: wt}
	text := strings.Repeat("filler ", snippetScanLimit/7+100) + "Scindia"
	got := snippet(text, wt, s.queryTerms("scindia"), SnippetRunes)
	if strings.Contains(got, "<mark>") || !strings.HasPrefix(got, "filler filler") {
		t.Errorf("a match past the scan limit: got %q…, want the article's start unmarked", got[:min(len(got), 60)])
	}
}
