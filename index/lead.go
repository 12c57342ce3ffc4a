package index

import (
	"github.com/newsearch/bilingual/articles"
	"strings"
	"unicode"
	"unicode/utf8"
)

// LeadRunes is about how long a lead title may be, in characters; a longer
// first sentence is cut at a word before it.
const LeadRunes = 120

// abbreviations end with a full stop that does not end a sentence
// ("Mr. Gandhi", "Dr. Singh"), lower-cased without the stop.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sh": true, "shri": true, "smt": true,
	"jr": true, "sr": true, "st": true, "no": true, "gen": true, "col": true, "lt": true, "capt": true,
	"hon": true, "vs": true, "rs": true, "govt": true, "dept": true, "inc": true, "ltd": true, "co": true,
}

// Lead is the title of an untitled article: the first sentence of its body,
// cut at a word to about LeadRunes characters with "…" when cut. It is
// computed once when the article is indexed, so the title is the same for
// every query (a title cut from the snippet changed with the query and
// started mid-sentence). A sentence ends at . ? ! । or ॥ followed by a space
// (not at the stop of "Mr." or of an initial), or at the end of the line.
func Lead(body string) string {
	text := strings.TrimSpace(articles.WithoutFurniture(body))
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = strings.TrimSpace(text[:i])
	}
	text = strings.Join(strings.Fields(text), " ")
	if end := sentenceEnd(text); end > 0 {
		text = text[:end]
	}
	if utf8.RuneCountInString(text) <= LeadRunes {
		return text
	}
	// The word ending at the LeadRunes-th character is kept whole.
	limit := byteOfRune(text, LeadRunes)
	cut := strings.LastIndexByte(text[:limit+1], ' ')
	if cut <= 0 { // one word longer than a title: cut inside it
		cut = limit
	}
	return strings.TrimRight(text[:cut], " ,;:-–—(") + "…"
}

// sentenceEnd returns the byte offset just after the first sentence's final
// mark, or 0 when text is one sentence.
func sentenceEnd(text string) int {
	for i, r := range text {
		switch r {
		case '.', '?', '!', '।', '॥':
		default:
			continue
		}
		end := i + utf8.RuneLen(r)
		// A closing quote or bracket belongs to the sentence it ends.
		for end < len(text) && strings.ContainsRune(`"'”’)`, rune(text[end])) {
			end++
		}
		for end < len(text) {
			q, sz := utf8.DecodeRuneInString(text[end:])
			if q != '”' && q != '’' {
				break
			}
			end += sz
		}
		if end < len(text) && text[end] != ' ' {
			continue // 2.5, U.S.A, a URL
		}
		if r == '.' && abbreviated(text[:i]) {
			continue
		}
		if end < len(text) {
			return end
		}
		return 0
	}
	return 0
}

// abbreviated reports whether the word before a full stop is an
// abbreviation or an initial ("Mr", "P" of "P. Chidambaram").
func abbreviated(before string) bool {
	start := strings.LastIndexAny(before, " (\"'“‘") + 1
	word := before[start:]
	if word == "" {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(word); utf8.RuneCountInString(word) == 1 && unicode.IsUpper(r) {
		return true
	}
	return abbreviations[strings.ToLower(word)]
}

// byteOfRune is the byte offset of the n-th character of s.
func byteOfRune(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
