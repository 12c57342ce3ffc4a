package entities

import (
	"unicode"
	"unicode/utf8"

	"github.com/newsearch/bilingual/analyzers/script"
	"golang.org/x/text/unicode/norm"
)

const (
	virama   = '\u094D'
	nukta    = '\u093C'
	anusvara = '\u0902'
)

type srcRune struct {
	r     rune
	start int
}

func isConsonant(r rune) bool { return r >= 'क' && r <= 'ह' }

// mapRune folds spelling variants that Hindi and English news use interchangeably. It returns -1 for
// runes that are dropped.
func mapRune(r rune) rune {
	if r < utf8.RuneSelf {
		switch {
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		case r == '.':
			return ' ' // initials are written "J.P.", "J. P." and "JP": dots never distinguish names
		case r == ' ' || r >= '\t' && r <= '\r':
			return ' '
		}
		return r
	}
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
	case '॰':
		return ' '
	case '’', '‘', 'ʼ':
		return '\''
	case '–', '—', '‐':
		return '-'
	// Precomposed nukta letters (which NFC keeps decomposed or composed depending on the letter) become
	// their base letter, so क़ and क+़ both become क.
	case '\u0929':
		return 'न'
	case '\u0931':
		return 'र'
	case '\u0934':
		return 'ळ'
	case '\u0958':
		return 'क'
	case '\u0959':
		return 'ख'
	case '\u095A':
		return 'ग'
	case '\u095B':
		return 'ज'
	case '\u095C':
		return 'ड'
	case '\u095D':
		return 'ढ'
	case '\u095E':
		return 'फ'
	case '\u095F':
		return 'य'
	}
	if script.IsDevanagari(r) {
		return r // Devanagari has no case and no spaces
	}
	if unicode.IsSpace(r) {
		return ' '
	}
	return unicode.ToLower(r)
}

// plainCCC returns the canonical combining class of r when r is a rune that NFC leaves alone next to any
// other such rune (ASCII, Latin-1, Devanagari and the punctuation news uses); ok is false for any other
// rune. Text made only of these runes needs no NFC pass: see foldRunes.
func plainCCC(r rune) (ccc uint8, ok bool) {
	switch {
	case r < 0x80 || r >= 0xA0 && r <= 0xFF && r != 0xA8 && r != 0xAF && r != 0xB4 && r != 0xB8:
		// (the spacing accents are left out only so that no one need wonder whether they compose)
		return 0, true
	case script.IsDevanagari(r):
		switch r {
		case nukta:
			return 7, true
		case virama:
			return 9, true
		case '\u0951', '\u0953', '\u0954':
			return 230, true
		case '\u0952':
			return 220, true
		}
		return 0, true
	case r >= 0x2008 && r <= 0x2015, r >= 0x2018 && r <= 0x201F, r == 0x2026, r >= 0x2066 && r <= 0x2069,
		r == 0x20B9, r == 0xFEFF:
		return 0, true
	}
	return 0, false
}

// foldRunes appends the mapped runes of NFC(s) to rs, each with the offset in s of the NFC segment it
// came from (a starter and the marks after it).
func foldRunes(rs []srcRune, s string) []srcRune {
	// Nearly all text is made of plain runes (see plainCCC), for which NFC would change nothing but
	// compose or decompose nukta letters, which mapRune folds to the base letter either way. Marks other
	// than the nukta must be in canonical order within a letter, and marks few (NFC splits long runs).
	n0 := len(rs)
	seg := 0
	var last uint8 // class of the last non-nukta mark since the last starter
	marks := 0
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r < utf8.RuneSelf {
			seg, last, marks = i, 0, 0
		} else {
			r, size = decodeRune(s[i:])
			ccc, ok := plainCCC(r)
			switch {
			case !ok || r == utf8.RuneError:
				return foldRunesNFC(rs[:n0], s)
			case ccc == 0:
				seg, last, marks = i, 0, 0
			case marks >= 8:
				return foldRunesNFC(rs[:n0], s)
			case r == nukta:
				marks++
			default:
				if ccc < last {
					return foldRunesNFC(rs[:n0], s)
				}
				last = ccc
				marks++
			}
		}
		if m := mapRune(r); m >= 0 {
			rs = append(rs, srcRune{m, seg})
		}
		i += size
	}
	return rs
}

// foldRunesNFC is foldRunes for any text.
func foldRunesNFC(rs []srcRune, s string) []srcRune {
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
	return rs
}

// appendFolded appends to buf the text of rs, the folded runes of a string of n bytes, with spaces
// collapsed and half nasals written as anusvara; when off is not nil it appends, for each byte, the
// offset its rune came from, and then n.
func appendFolded(buf []byte, off *[]int, rs []srcRune, n int) []byte {
	var o []int
	if off != nil {
		o = *off
	}
	lastSpace := true
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r.r == ' ' {
			if lastSpace {
				continue
			}
			lastSpace = true
		} else {
			lastSpace = false
			// A half nasal before a consonant is written as anusvara just as often: कॉन्ग्रेस = कांग्रेस.
			if (r.r == 'न' || r.r == 'म' || r.r == 'ण') && i+2 < len(rs) && rs[i+1].r == virama && isConsonant(rs[i+2].r) {
				r.r = anusvara
				i++
			}
		}
		k := len(buf)
		buf = utf8.AppendRune(buf, r.r)
		if off != nil {
			for ; k < len(buf); k++ {
				o = append(o, r.start)
			}
		}
	}
	if off != nil {
		*off = append(o, n)
	}
	return buf
}

// folder holds the scratch buffers of normalize, pooled because the buffers of a long article are large.
type folder struct {
	rs  []srcRune
	buf []byte
}

// normalize folds s for matching and returns, for each byte of the result, the byte offset in s of the
// rune it came from; off has one extra entry, len(s), so that match ends map back too.
func normalize(s string) (string, []int) {
	return normalizeWith(new(folder), make([]int, 0, len(s)+1), s)
}

// normalizeTo is normalize appending the offset map to off, for callers that
// reuse it, with pooled scratch buffers.
func (x *Extractor) normalizeTo(off []int, s string) (string, []int) {
	f := x.folders.Get().(*folder)
	defer x.folders.Put(f)
	return normalizeWith(f, off, s)
}

func normalizeWith(f *folder, off []int, s string) (string, []int) {
	f.rs = foldRunes(f.rs[:0], s)
	f.buf = appendFolded(f.buf[:0], &off, f.rs, len(s))
	return string(f.buf), off
}

// appendKey appends normKey(s) to dst.
func appendKey(dst []byte, s string) []byte {
	// Most words are plain ASCII letters: lowercasing is all normalize does to
	// them, and it is called for every word of every article.
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	var rs [32]srcRune // enough for a word, without allocating
	dst = appendFolded(dst, nil, foldRunes(rs[:0], s), len(s))
	// the folded text has no leading space and at most one trailing one
	if n := len(dst); n > 0 && dst[n-1] == ' ' {
		dst = dst[:n-1]
	}
	return dst
}

// normKey is the normalized, trimmed form used as a lookup key.
func normKey(s string) string {
	var buf [64]byte
	return string(appendKey(buf[:0], s))
}

// isWordRune reports whether r can be part of a word, so that a match next to it would be inside a word.
// Devanagari vowel signs and the virama are marks and so count.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	if script.IsDevanagari(r) {
		return r != '।' && r != '॥' && r != '॰' // the rest of the block are letters, marks and digits
	}
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

// decodeRune is utf8.DecodeRuneInString, quicker for Devanagari, which is most of the text in Hindi.
func decodeRune(s string) (rune, int) {
	// U+0900–U+097F is E0 A4 80 – E0 A5 BF.
	if len(s) >= 3 && s[0] == 0xE0 && (s[1] == 0xA4 || s[1] == 0xA5) && s[2] >= 0x80 && s[2] <= 0xBF {
		return 0x0900 | rune(s[1]&1)<<6 | rune(s[2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s)
}
