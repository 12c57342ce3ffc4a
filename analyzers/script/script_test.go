package script

import (
	"testing"
	"unicode"
)

func TestOf(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Script
	}{
		{"", None},
		{"2019 !?", None},
		{"।", None},          // a danda belongs to no one script
		{"२०१९", Devanagari}, // Devanagari digits do
		{"इस्तीफा", Devanagari},
		{"resignation", Latin},
		{"Modi।", Latin}, // a danda does not make a query mixed
		{"naïve", Latin},
		{"राहुल gandhi", Mixed},
		{"gandhi राहुल", Mixed},
		{"Москва", None},       // other scripts count for neither
		{"\uA8F2", Devanagari}, // Devanagari Extended
	} {
		if got := Of(tc.in); got != tc.want {
			t.Errorf("Of(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// refOf is index.Script as it was before the script package: Of must answer as it did.
func refOf(q string) string {
	var deva, latin int
	for _, r := range q {
		switch {
		case unicode.Is(unicode.Devanagari, r):
			deva++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	switch {
	case deva > 0 && latin > 0:
		return "mixed"
	case deva > 0:
		return "devanagari"
	case latin > 0:
		return "latin"
	}
	return ""
}

func FuzzOf(f *testing.F) {
	f.Add("राहुल gandhi।")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Of(s), refOf(s); string(got) != want {
			t.Fatalf("Of(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestIsDevanagari(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want bool
	}{
		{'\u0900', true}, {'क', true}, {'्', true}, {'।', true}, {'॥', true}, {'०', true}, {'\u0951', true},
		{'\u097F', true}, {'\u08FF', false}, {'\u0980', false}, {'a', false}, {'\u200D', false}, {'\uA8F2', false},
	} {
		if got := IsDevanagari(tc.r); got != tc.want {
			t.Errorf("IsDevanagari(%U) = %v, want %v", tc.r, got, tc.want)
		}
	}
	if !HasDevanagari("Modi।") || HasDevanagari("Modi") || HasDevanagari("") {
		t.Errorf("HasDevanagari disagrees with IsDevanagari")
	}
}

// TestScriptAndBlock pins where the block and the script property differ, the reason both exist.
func TestScriptAndBlock(t *testing.T) {
	var differ []rune
	for r := rune(0x0900); r <= 0x097F; r++ {
		if !InDevanagariScript(r) {
			differ = append(differ, r)
		}
	}
	want := []rune{0x0951, 0x0952, 0x0953, 0x0954, 0x0964, 0x0965}
	if string(differ) != string(want) {
		t.Errorf("block runes outside the script: %U, want %U", differ, want)
	}
	if InDevanagariScript('a') || !InDevanagariScript('\uA8F2') {
		t.Errorf("InDevanagariScript is not \\p{Devanagari}")
	}
}
