package query

import (
	"fmt"
	"strings"
	"testing"
)

// parseGolden pins the tree of each input, written by hand from the grammar
// in Parse's doc comment.
var parseGolden = []struct{ in, want string }{
	// English, precedence
	{`modi`, `modi`},
	{`modi lockdown`, `(and modi lockdown)`},
	{`modi lockdown OR curfew`, `(and modi (or lockdown curfew))`},
	{`modi lockdown OR curfew -delhi`, `(and modi (or lockdown curfew) (not delhi))`},
	{`a b OR c d`, `(and a (or b c) d)`},
	{`a OR b OR c`, `(or a b c)`},
	{`(a b) OR c`, `(or (and a b) c)`},
	{`a (b OR (c d))`, `(and a (or b (and c d)))`},
	{`a (b c)`, `(and a b c)`},
	{`lockdown or curfew`, `(and lockdown or curfew)`},
	{`a|b`, `(or a b)`},
	{`-a OR b`, `(or (not a) b)`},
	// stray OR
	{`a OR`, `a`},
	{`OR a`, `a`},
	{`a OR OR b`, `(or a b)`},
	{`a || b`, `(or a b)`},
	{`OR`, `(and)`},
	{`(OR a) OR b`, `(or a b)`},
	{`a -OR b`, `(or a b)`},
	{`"OR"`, `"OR"`},
	// phrases
	{`"abc`, `"abc"`},
	{`"rahul   gandhi  `, `"rahul gandhi"`},
	{`""`, `(and)`},
	{`-"`, `(and)`},
	{`a "" b`, `(and a b)`},
	{`a OR "" b`, `(or a b)`},
	{`a -"b c" d`, `(and a (not "b c") d)`},
	{`x"y z"w`, `(and x "y z" w)`},
	{`“rahul gandhi” -„bjp"`, `(and "rahul gandhi" (not "bjp"))`},
	{`"मोदी” OR ”amit shah`, `(or "मोदी" "amit shah")`},
	// groups
	{`((a`, `a`},
	{`((a b`, `(and a b)`},
	{`a)`, `a`},
	{`a) b (c`, `(and a b c)`},
	{`()`, `(and)`},
	{`-()`, `(and)`},
	{`a OR () OR b`, `(or a b)`},
	{`-(a OR b) c`, `(and (not (or a b)) c)`},
	{`-(-a)`, `a`},
	// signs
	{`--a`, `(not a)`},
	{`+-a`, `(not a)`},
	{`-+a`, `(not a)`},
	{`-`, `(and)`},
	{`+`, `(and)`},
	{`a - b + c`, `(and a b c)`},
	{`a -) b`, `(and a b)`},
	{`-delhi`, `(not delhi)`},
	{`-delhi -mumbai`, `(and (not delhi) (not mumbai))`},
	{`+modi rahul`, `(and (must modi) rahul)`},
	{`++modi`, `(must modi)`},
	{`+"rahul gandhi" istifa`, `(and (must "rahul gandhi") istifa)`},
	{`+(a OR b) c`, `(and (must (or a b)) c)`},
	{`a OR +b`, `(or a b)`},
	{`-(+a)`, `(not a)`},
	{`covid-19`, `covid-19`},
	{`jammu-kashmir -covid-19`, `(and jammu-kashmir (not covid-19))`},
	{`C++ a-`, `(and C++ a-)`},
	// Hindi, romanized, mixed
	{`मोदी -भाजपा`, `(and मोदी (not भाजपा))`},
	{`"राहुल गांधी" OR सोनिया`, `(or "राहुल गांधी" सोनिया)`},
	{`rahul gandhi istifa`, `(and rahul gandhi istifa)`},
	{`rahul गांधी istifa`, `(and rahul गांधी istifa)`},
	{`modi इस्तीफा OR resignation`, `(and modi (or इस्तीफा resignation))`},
	{`(भाजपा|bjp) -"कांग्रेस पार्टी"`, `(and (or भाजपा bjp) (not "कांग्रेस पार्टी"))`},
	{`लोकसभा चुनाव।`, `(and लोकसभा चुनाव।)`},
	// whitespace, URLs, emoji, repeats
	{"  ", `(and)`},
	{"a\u00a0b\tc\nd", `(and a b c d)`},
	{`https://example.com/a-b?x=1&y=2`, `https://example.com/a-b?x=1&y=2`},
	{`https://en.wikipedia.org/wiki/Modi_(film)`, `(and https://en.wikipedia.org/wiki/Modi_ film)`},
	{`🇮🇳 modi 🙏`, `(and 🇮🇳 modi 🙏)`},
	{`modi modi`, `modi`},
	{`a OR a`, `a`},
}

func TestParseGolden(t *testing.T) {
	for _, tc := range parseGolden {
		if got := Parse(tc.in).String(); got != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestParseWordLimit checks MaxWords on words built here, not read back
// from the parser: w0..w99 keeps w0..w63.
func TestParseWordLimit(t *testing.T) {
	var in, want []string
	for i := range 100 {
		in = append(in, fmt.Sprintf("w%d", i))
		if i < MaxWords {
			want = append(want, fmt.Sprintf("w%d", i))
		}
	}
	got := Parse(strings.Join(in, " ")).String()
	if w := "(and " + strings.Join(want, " ") + ")"; got != w {
		t.Errorf("100 words: got %s, want %s", got, w)
	}

	// A phrase crossing the limit is cut to the words that fit.
	in = append(in[:MaxWords-2], `"x y z"`, "after")
	want = append(want[:MaxWords-2], `"x y"`)
	got = Parse(strings.Join(in, " ")).String()
	if w := "(and " + strings.Join(want, " ") + ")"; got != w {
		t.Errorf("phrase at the limit: got %s, want %s", got, w)
	}
}

// TestParseDepthLimit checks that a ( past MaxDepth is ignored: its
// contents join the enclosing group, which changes how OR reads them.
func TestParseDepthLimit(t *testing.T) {
	inner := `x OR (y z)`
	for _, tc := range []struct {
		outer int
		want  string
	}{
		{MaxDepth - 1, `(or x (and y z))`}, // the ( around y z is the 16th: kept
		{MaxDepth, `(and (or x y) z)`},     // the 17th: ignored, so x OR y z
		{1000, `(and (or x y) z)`},
	} {
		in := strings.Repeat("(", tc.outer) + inner + strings.Repeat(")", tc.outer+1)
		if got := Parse(in).String(); got != tc.want {
			t.Errorf("%d outer groups: got %s, want %s", tc.outer, got, tc.want)
		}
	}
	// The ) of an ignored ( must not close a kept group: here c stays in
	// the group OR-ed with d.
	in := strings.Repeat("(", MaxDepth) + "a (b) c) OR d" + strings.Repeat(")", MaxDepth)
	if got, want := Parse(in).String(), `(or (and a b c) d)`; got != want {
		t.Errorf("ignored ( and its ): got %s, want %s", got, want)
	}
}

func TestParseLongInput(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"a repeated word", strings.Repeat("मोदी-modi ", 100000), "मोदी-modi"},
		{"deep groups", strings.Repeat("(", 100000) + "a", "a"},
		{"deep exclusions", strings.Repeat("-(", 100000) + "a", "a"}, // 16 kept, an even count: they cancel out
		{"odd exclusions", strings.Repeat("-(", 15) + "a", "(not a)"},
		{"stray closers", strings.Repeat(")", 100000) + "a", "a"},
		{"a long phrase", `"` + strings.Repeat("x ", 1000), `"` + strings.TrimSpace(strings.Repeat("x ", MaxWords)) + `"`},
		{"a long word", strings.Repeat("क", 10000), strings.Repeat("क", 10000)},
	} {
		if got := Parse(tc.in).String(); got != tc.want {
			t.Errorf("%s: got %.80s, want %.80s", tc.name, got, tc.want)
		}
	}
}
