package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsearch/bilingual/analyzers/script"
)

// This file holds the rules that judge a match by the words around it (doc.go states them): a weak
// party alias needs party context, "Congress" may be a foreign legislature, and a one-word name may sit
// inside a longer one. They live apart from the matcher so that each rule is found in one place.

// word helpers on normalized text: the word right before start / after end, with only spaces between.
func prevWord(norm string, start int) string {
	i := start
	for i > 0 && norm[i-1] == ' ' {
		i--
	}
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(norm[:j])
		if !isWordRune(r) {
			break
		}
		j -= size
	}
	return norm[j:i]
}

func nextWord(norm string, end int) string {
	i := end
	for i < len(norm) && norm[i] == ' ' {
		i++
	}
	j := i
	for j < len(norm) {
		r, size := utf8.DecodeRuneInString(norm[j:])
		if !isWordRune(r) {
			break
		}
		j += size
	}
	return norm[i:j]
}

var foreignCongress = map[string]bool{
	"us": true, "u s": true, "american": true, "america's": true, "people's": true, "peoples": true,
	"world": true, "science": true, "अमेरिकी": true, "अमेरिका": true,
}

// isForeignCongress reports whether a bare "Congress" at norm[s:e] is a legislature or a conference.
func isForeignCongress(norm string, s, e int) bool {
	before := strings.TrimRight(norm[:s], " ")
	for w := range foreignCongress {
		if strings.HasSuffix(before, w) && (len(before) == len(w) || !isWordRuneBefore(before, len(before)-len(w))) {
			return true
		}
	}
	return nextWord(norm, e) == "of"
}

func isWordRuneBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r)
}

type partyHit struct {
	rawMatch
	code string
	weak bool
}

// weakOK applies the party-context rule to a weak alias at norm[s:e].
func (x *Extractor) weakOK(norm string, h partyHit, strong []partyHit) bool {
	if x.partyCtx[nextWord(norm, h.end)] {
		return true
	}
	// quoted: 'आप' or "AAP"
	if h.start > 0 && h.end < len(norm) && strings.ContainsAny(norm[h.start-1:h.start], `'"`) && strings.ContainsAny(norm[h.end:h.end+1], `'"`) {
		return true
	}
	for _, o := range strong {
		var gap string
		switch {
		case o.end <= h.start:
			gap = norm[o.end:h.start]
		case o.start >= h.end:
			gap = norm[h.end:o.start]
		default:
			continue
		}
		if len(gap) > 12 {
			continue
		}
		g := strings.TrimSpace(strings.Trim(gap, " ,-/&"))
		if g == "" || g == "and" || g == "or" || g == "और" || g == "या" || g == "व" {
			return true
		}
	}
	return false
}

var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "shri": true, "sh": true, "smt": true, "sri": true,
	"minister": true, "president": true, "chief": true, "secretary": true, "leader": true, "speaker": true,
	"governor": true, "mp": true, "mla": true, "justice": true, "captain": true, "capt": true, "cm": true, "pm": true,
}

// insideLongerName reports whether the one-word match at original text[s:e] is part of a longer name
// that the gazetteer lacks ("Rajkumar Gupta", "Feroze Gandhi", "Gandhi Jayanti"); ns is where the match
// starts in norm, the normalized text.
func (x *Extractor) insideLongerName(text, norm string, s, e, ns int) bool {
	r, _ := utf8.DecodeRuneInString(text[s:])
	if unicode.Is(unicode.Latin, r) {
		if !unicode.IsUpper(r) {
			return true // "gandhian", lower-case words are not names
		}
		// previous word
		i := s
		for i > 0 && text[i-1] == ' ' {
			i--
		}
		j := i
		for j > 0 {
			pr, size := utf8.DecodeLastRuneInString(text[:j])
			if !unicode.IsLetter(pr) {
				break
			}
			j -= size
		}
		if j < i && i < s {
			w := text[j:i]
			fr, _ := utf8.DecodeRuneInString(w)
			if unicode.IsUpper(fr) && !honorifics[strings.ToLower(w)] && !sentenceStart(text, j) {
				return true
			}
		}
		// next word directly after a single space
		if e+1 < len(text) && text[e] == ' ' {
			nr, _ := utf8.DecodeRuneInString(text[e+1:])
			if unicode.IsUpper(nr) && unicode.Is(unicode.Latin, nr) {
				return true
			}
		}
		return false
	}
	if script.HasDevanagari(text[s:e]) {
		// The match starts after a non-word rune, so norm[:ns] is normalize(text[:s]).
		w := prevWord(norm, ns)
		if w != "" && script.HasDevanagari(w) && !x.stopHi[w] && !x.titles[w] && !x.partyWords[w] {
			return true
		}
	}
	return false
}

// sentenceStart reports whether the word at text[i:] opens a sentence, line or quotation.
func sentenceStart(text string, i int) bool {
	for i > 0 && text[i-1] == ' ' {
		i--
	}
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return strings.ContainsRune(".!?:;\n\"“‘'(।", r)
}
