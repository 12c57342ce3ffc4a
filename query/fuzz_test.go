package query

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzParse checks what Parse promises for any input: no panic, a
// simplified tree within the limits, a Format that re-parses to the same
// tree, and a String that reads back.
func FuzzParse(f *testing.F) {
	for _, tc := range parseGolden {
		f.Add(tc.in)
	}
	f.Add(strings.Repeat("(a OR -(", 20) + `"x`)
	f.Add("\xff\xfe -\xc0 OR")
	f.Fuzz(func(t *testing.T, in string) {
		n := Parse(in)
		words := 0
		for _, l := range Leaves(n) {
			switch l := l.(type) {
			case Word:
				words++
				if l.Text == "OR" || strings.ContainsAny(l.Text, `()"“”„|`) || strings.IndexAny(l.Text, "+-") == 0 ||
					strings.ContainsFunc(l.Text, unicode.IsSpace) {
					t.Fatalf("input %q: word %q breaks Word's invariants", in, l.Text)
				}
			case Phrase:
				words += len(l.Words)
				if len(l.Words) == 0 || strings.ContainsAny(l.Text, `"“”„`) {
					t.Fatalf("input %q: bad phrase %#v", in, l)
				}
			default:
				t.Fatalf("input %q: unexpected leaf %#v", in, l)
			}
		}
		if words > MaxWords {
			t.Fatalf("input %q: %d words, limit %d", in, words, MaxWords)
		}
		// Each kept group adds at most an And or Or and a Not or Must.
		if d := Depth(n); d > 3*(MaxDepth+1)+1 {
			t.Fatalf("input %q: depth %d", in, d)
		}
		if out := Format(n); len(out) > 4*len(in)+8 {
			t.Fatalf("input %q: Format grew to %d bytes: %q", in, len(out), out)
		}
		checkRoundTrip(t, in)
	})
}
