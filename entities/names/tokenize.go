package names

import (
	"unicode"
	"unicode/utf8"
)

// Token is one word of a text: its byte span, whether anything but blanks separates it from the word
// before (Gap: a name never crosses punctuation), the punctuation mark (its first byte) that does, and the
// '@' or '#' that starts a handle or hashtag.
type Token struct {
	Start, End int
	Gap        bool
	Punct      byte // the first byte of the last mark between this word and the one before; 0 for none
	Mark       byte // '@', '#' or 0
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// Tokenize appends the words of text to toks: runs of letters, marks and digits, with apostrophes inside
// a word ("O'Brien"). Invalid UTF-8 is a separator.
func Tokenize(text string, toks []Token) []Token {
	lastEnd := -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if isWordRune(r2) {
				j += s2
				continue
			}
			if (r2 == '\'' || r2 == '’') && j+s2 < len(text) {
				if r3, _ := utf8.DecodeRuneInString(text[j+s2:]); unicode.IsLetter(r3) {
					j += s2
					continue
				}
			}
			break
		}
		t := Token{Start: i, End: j, Gap: lastEnd >= 0 && !blanks(text[lastEnd:i])}
		if t.Gap {
			t.Punct = lastMark(text[lastEnd:i])
		}
		if i > 0 && (text[i-1] == '@' || text[i-1] == '#') {
			t.Mark = text[i-1]
		}
		toks = append(toks, t)
		lastEnd, i = j, j
	}
	return toks
}

// blanks reports whether s holds only spaces and tabs.
func blanks(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}

// lastMark returns the first byte of the last rune in s that is not a blank.
func lastMark(s string) byte {
	for k := len(s) - 1; k >= 0; k-- {
		if c := s[k]; c != ' ' && c != '\t' && c != '\n' && c != '\r' && (c < 0x80 || c >= 0xC0) {
			return c
		}
	}
	return 0
}
