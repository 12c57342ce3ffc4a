package analyzers

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refSplit is Split as first written, string by string and with the Unicode
// tables for every rune. The faster Split must return the same runs.
func refSplit(text string) []Run {
	var runs []Run
	pending := ""
	add := func(s string, l Lang) {
		if l == "" {
			if len(runs) == 0 {
				pending += s
			} else {
				runs[len(runs)-1].Text += s
			}
			return
		}
		if len(runs) > 0 && runs[len(runs)-1].Lang == l {
			runs[len(runs)-1].Text += s
			return
		}
		runs = append(runs, Run{Text: pending + s, Lang: l})
		pending = ""
	}
	for para := range strings.Lines(text) {
		for _, r := range refSplitParagraph(para) {
			if r.Lang == Hindi {
				r.Lang = devanagariLang(r.Text)
			}
			add(r.Text, r.Lang)
		}
	}
	if len(runs) == 0 && pending != "" {
		return []Run{{Text: pending, Lang: Other}}
	}
	return runs
}

func refSplitParagraph(para string) []Run {
	var runs []Run
	pending := ""
	for _, s := range refSentences(para) {
		l := refCountLetters(s).label()
		switch {
		case l == "" && len(runs) == 0:
			pending += s
		case l == "":
			runs[len(runs)-1].Text += s
		case len(runs) > 0 && runs[len(runs)-1].Lang == l:
			runs[len(runs)-1].Text += s
		default:
			runs = append(runs, Run{Text: pending + s, Lang: l})
			pending = ""
		}
	}
	if pending != "" {
		runs = append(runs, Run{Text: pending})
	}
	return runs
}

func refCountLetters(s string) letterCounts {
	var c letterCounts
	for _, r := range s {
		switch {
		case r >= '\u0900' && r <= '\u097F': // the Devanagari block
			if unicode.IsLetter(r) || unicode.IsMark(r) {
				c.deva++
			}
		case unicode.IsLetter(r):
			if unicode.Is(unicode.Latin, r) {
				c.latin++
			} else {
				c.other++
			}
		}
	}
	return c
}

func refIsLetterOrMark(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

func refSentences(para string) []string {
	var out []string
	start := 0
	wordStart := 0
	for i := 0; i < len(para); {
		r, n := utf8.DecodeRuneInString(para[i:])
		end := i + n
		isEnd := sentenceEnd(r)
		if r == '.' {
			next, _ := utf8.DecodeRuneInString(para[end:])
			word := para[wordStart:i]
			atBreak := end == len(para) || unicode.IsSpace(next) || closer(next)
			isEnd = atBreak && utf8.RuneCountInString(word) != 1 && !isAbbreviation(word)
		}
		if refIsLetterOrMark(r) {
			if i > 0 {
				if p, _ := utf8.DecodeLastRuneInString(para[:i]); !refIsLetterOrMark(p) {
					wordStart = i
				}
			}
		} else {
			wordStart = end
		}
		if !isEnd {
			i = end
			continue
		}
		for end < len(para) {
			r2, n2 := utf8.DecodeRuneInString(para[end:])
			if !(sentenceEnd(r2) || r2 == '.' || closer(r2) || unicode.IsSpace(r2)) {
				break
			}
			end += n2
		}
		out = append(out, para[start:end])
		start, wordStart, i = end, end, end
	}
	if start < len(para) {
		out = append(out, para[start:])
	}
	return out
}

// TestDevanagariLetterOrMark holds the shortcut for the Devanagari block to
// the Unicode tables.
func TestDevanagariLetterOrMark(t *testing.T) {
	for r := rune(0x0900); r <= 0x097F; r++ {
		if got, want := isDevanagariLetterOrMark(r), refIsLetterOrMark(r); got != want {
			t.Errorf("isDevanagariLetterOrMark(%U) = %v, want %v", r, got, want)
		}
	}
	for r := rune(0); r < 0x3000; r++ {
		if got, want := isLetterOrMark(r), refIsLetterOrMark(r); got != want {
			t.Errorf("isLetterOrMark(%U) = %v, want %v", r, got, want)
		}
	}
}

func TestSplitLikeReference(t *testing.T) {
	tests := []string{
		"",
		"...",
		"\n\n",
		"2019 में।\n",
		"राहुल गांधी (Rahul Gandhi) ने इस्तीफा दिया। We are with him. 2019",
		"Mr. Modi met Dr. P. Singh.\n\nभाजपा ने कहा॥",
		"— 2019 —\nबीजेपी ने कहा। “Fine,” he said. फिर? हाँ!\n12\n",
		"e.g. U.S. policy. आप.\tठीक है... OK",
		"\xff.\u0915 \xe0\xa4. a\xe0\xa4\x95. b",
		marathi,
	}
	for _, seed := range []string{"000", "001", "002", "003", "004"} {
		tests = append(tests, readSeed(t, seed))
	}
	for _, s := range tests {
		if got, want := Split(s), refSplit(s); !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Errorf("Split(%.60q) = %q, want %q", s, got, want)
		}
		if got, want := countLetters(s), refCountLetters(s); got != want {
			t.Errorf("countLetters(%.60q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzSplitLikeReference(f *testing.F) {
	f.Add("राहुल गांधी (Rahul Gandhi) ने इस्तीफा दिया। We are with him. 2019")
	f.Add("Mr. Modi met Dr. P. Singh.\n\nभाजपा ने कहा॥")
	f.Add(marathi)
	f.Add("...\n?!। ")
	f.Add("\xff.\u0915 \xe0\xa4. a\xe0\xa4\x95. b")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Split(s), refSplit(s); !slices.Equal(got, want) {
			t.Errorf("Split(%q) = %q, want %q", s, got, want)
		}
	})
}
