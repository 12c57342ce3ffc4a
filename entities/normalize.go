package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const (
	virama   = '\u094D'
	nukta    = '\u093C'
	anusvara = '\u0902'
)

// nuktaBase maps precomposed nukta letters (which NFC keeps decomposed or composed depending on the
// letter) to their base letter, so क़ and क+़ both become क.
var nuktaBase = map[rune]rune{
	'\u0929': 'न', '\u0931': 'र', '\u0934': 'ळ', '\u0958': 'क', '\u0959': 'ख', '\u095A': 'ग',
	'\u095B': 'ज', '\u095C': 'ड', '\u095D': 'ढ', '\u095E': 'फ', '\u095F': 'य',
}

type srcRune struct {
	r     rune
	start int
}

func isConsonant(r rune) bool { return r >= 'क' && r <= 'ह' }

// mapRune folds spelling variants that Hindi and English news use interchangeably. It returns -1 for
// runes that are dropped.
func mapRune(r rune) rune {
	switch r {
	case '\u200C', '\u200D', '\u200E', '\u200F', '\uFEFF', '\u00AD', nukta:
		return -1
	case '\u0901': // candrabindu
		return anusvara
	case 'ऑ':
		return 'आ'
	case 'ॉ':
		return 'ा'
	case 'ऍ':
		return 'ए'
	case 'ॅ':
		return 'े'
	case '॰', '.':
		return ' ' // initials are written "J.P.", "J. P." and "JP": dots never distinguish names
	case '’', '‘', 'ʼ':
		return '\''
	case '–', '—', '‐':
		return '-'
	}
	if b, ok := nuktaBase[r]; ok {
		return b
	}
	if unicode.IsSpace(r) {
		return ' '
	}
	return unicode.ToLower(r)
}

// normalize folds s for matching and returns, for each byte of the result, the byte offset in s of the
// rune it came from; off has one extra entry, len(s), so that match ends map back too.
func normalize(s string) (string, []int) {
	rs := make([]srcRune, 0, len(s))
	// NFC segment by segment, so each output rune still knows where in s its segment began.
	var it norm.Iter
	it.InitString(norm.NFC, s)
	for !it.Done() {
		start := it.Pos()
		for _, r := range string(it.Next()) {
			if m := mapRune(r); m >= 0 {
				rs = append(rs, srcRune{m, start})
			}
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	off := make([]int, 0, len(s)+1)
	emit := func(r rune, start int) {
		n := utf8.RuneLen(r)
		if n < 0 {
			r, n = utf8.RuneError, 3
		}
		b.WriteRune(r)
		for k := 0; k < n; k++ {
			off = append(off, start)
		}
	}
	lastSpace := true
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r.r == ' ' {
			if !lastSpace {
				emit(' ', r.start)
			}
			lastSpace = true
			continue
		}
		lastSpace = false
		// A half nasal before a consonant is written as anusvara just as often: कॉन्ग्रेस = कांग्रेस.
		if (r.r == 'न' || r.r == 'म' || r.r == 'ण') && i+2 < len(rs) && rs[i+1].r == virama && isConsonant(rs[i+2].r) {
			emit(anusvara, r.start)
			i++
			continue
		}
		emit(r.r, r.start)
	}
	off = append(off, len(s))
	return b.String(), off
}

// normKey is the normalized, trimmed form used as a lookup key.
func normKey(s string) string {
	// Most words are plain ASCII letters: lowercasing is all normalize does to
	// them, and it is called for every word of every article.
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	n, _ := normalize(s)
	return strings.TrimSpace(n)
}

// isWordRune reports whether r can be part of a word, so that a match next to it would be inside a word.
// Devanagari vowel signs and the virama are marks and so count.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// atBoundary reports whether norm[start:end] neither starts nor ends inside a word.
func atBoundary(norm string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(norm[:start])
		if isWordRune(r) {
			return false
		}
	}
	if end < len(norm) {
		r, _ := utf8.DecodeRuneInString(norm[end:])
		if isWordRune(r) {
			return false
		}
	}
	return true
}
