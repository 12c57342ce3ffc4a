package index

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLead(t *testing.T) {
	long := strings.Repeat("word ", 40) + "end."
	for _, tc := range []struct{ name, body, want string }{
		{"first sentence", "Congress leader resigned. He said more.", "Congress leader resigned."},
		{"first line only", "A dateline headline\n\nThe body follows.", "A dateline headline"},
		{"leading space and dateline", "  New Delhi: Mr. Gandhi quit on Friday. Then more.", "New Delhi: Mr. Gandhi quit on Friday."},
		{"initials and decimals", "P. Chidambaram said growth was 2.5 per cent. Next.", "P. Chidambaram said growth was 2.5 per cent."},
		{"closing quote", `He said "I quit." Then left.`, `He said "I quit."`},
		{"question", "Will he quit? Nobody knows.", "Will he quit?"},
		{"Hindi danda", "राहुल गांधी ने इस्तीफा दिया। कांग्रेस में हलचल है।", "राहुल गांधी ने इस्तीफा दिया।"},
		{"Hindi full stop", "नई दिल्ली: कांग्रेस अध्यक्ष ने इस्तीफा दिया. लेकिन वे अड़े हैं.", "नई दिल्ली: कांग्रेस अध्यक्ष ने इस्तीफा दिया."},
		{"long cut at a word", long, strings.TrimSpace(strings.Repeat("word ", 24)) + "…"},
		{"comma before the cut", strings.Repeat("abcdefghi, ", 20), strings.Repeat("abcdefghi, ", 11)[:119] + "…"},
		{"one huge word", strings.Repeat("क", 200), strings.Repeat("क", LeadRunes) + "…"},
		{"empty", " \n ", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Lead(tc.body)
			if got != tc.want {
				t.Errorf("Lead(%q)\n = %q\nwant %q", tc.body, got, tc.want)
			}
			if n := utf8.RuneCountInString(got); n > LeadRunes+1 {
				t.Errorf("lead has %d characters, more than %d and the ellipsis", n, LeadRunes)
			}
		})
	}
}

// TestSeedTitleIsLead: seed 000 has no title; its title is its first
// sentence, cut at a word, whatever the query, and its matches are marked
// in title_html only.
func TestSeedTitleIsLead(t *testing.T) {
	s := seedSearcher(t)
	want := "New Delhi: Kisan Congress President Nana Patole on Saturday stepped down from his party post, a day after several…"
	for _, q := range []string{"resignation", "Rahul Gandhi", "", "Patole"} {
		res, err := s.Search(context.Background(), Request{Q: q, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, h := range res.Hits {
			if h.ID != "000_a40097178b98bcf5" {
				continue
			}
			found = true
			if h.Title != want {
				t.Errorf("q=%q: title %q, want %q", q, h.Title, want)
			}
			marked := strings.Contains(h.TitleHTML, "<mark>")
			if wantMark := q == "Patole"; marked != wantMark {
				t.Errorf("q=%q: title_html %q marked=%v, want %v", q, h.TitleHTML, marked, wantMark)
			}
			if plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.TitleHTML); plain != want {
				t.Errorf("q=%q: title_html without marks %q, want the title", q, plain)
			}
		}
		if !found {
			t.Errorf("q=%q does not find seed 000", q)
		}
	}
}
