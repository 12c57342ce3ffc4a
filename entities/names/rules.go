package names

import (
	"unicode"

	"github.com/newsearch/bilingual/analyzers/translit"
)

// Rules that judge a span the model proposes, for text the model learned little about. The model was
// trained on Hindi news, written and romanized; Latin text at large (English news, tweets) capitalizes
// many words that name no one (sentence starts, hashtags, shouting), so a Latin name must have support
// beyond its capitals.

// plausible reports whether the Latin words from..to (inclusive) of s, which the model scored score, may
// be a person's name: sure is the score above which the model needs no other support.
func (s *sentence) plausible(l *Lexicon, from, to int, score, sure float32) bool {
	for i := from; i <= to; i++ {
		if s.shape[i] == shapeDeva || s.shape[i] == shapeOther || s.cue[i] != cueNone {
			return false
		}
		if s.toks[i].Mark != 0 {
			// a handle or hashtag is one token: it must be a known name or spell one ("rahulgandhi"),
			// or be one word capitalized as a name is that reads as one to the model as surely as
			// an unsupported Latin name must ("#Obama", "#Dhoni"; not "#BJP", "#RightToPrivacy")
			return from == to && (s.segments(l, i) || score >= sure && titleWord(s.text[s.toks[i].Start:s.toks[i].End]))
		}
	}
	if to > from+3 {
		return false // four or more words are a title, a slogan or an organisation
	}
	if from == to {
		// one capitalized word is as often a sentence's first word ("Though", "Amidst"): a surname
		// known as one, or a cue, must vouch for it
		c := at(s.cue, to+1)
		return s.lex[from]&lexLast != 0 || c == cueAfter || c == cueSay || at(s.cue, from-1) == cueTitle
	}
	if score >= sure {
		return true
	}
	for i := from; i <= to; i++ {
		if s.lex[i]&(lexFirst|lexLast) != 0 {
			return true
		}
	}
	// no word is a known name: a cue beside it must vouch for it
	c := at(s.cue, to+1)
	return c == cueAfter || c == cueSay || at(s.cue, from-1) == cueTitle
}

// segments reports whether word i is a known surname or two or three known name words run together,
// the first of them a first name ("narendramodi"; "msdhoni" is not: "ms" is too short to know).
func (s *sentence) segments(l *Lexicon, i int) bool {
	w := s.word(i)
	if l.flags(w)&lexLast != 0 && len(w) >= 4 {
		return true
	}
	var cuts [4]int
	return split(l, w, &cuts) >= 2
}

// split finds how w runs known name words together, the first a first name, each of three letters or
// more, at most three: it returns their number (0 when w does not split so) and their ends in cuts.
func split(l *Lexicon, w []byte, cuts *[4]int) int {
	const maxLen = 40
	if len(w) > maxLen {
		return 0
	}
	// reach[j]: w[:j] splits into parts[j] words, the last starting at from[j]
	var reach [maxLen + 1]bool
	var parts [maxLen + 1]uint8
	var from [maxLen + 1]uint8
	reach[0] = true
	for j := 3; j <= len(w); j++ {
		for k := 0; k+3 <= j; k++ {
			if !reach[k] || parts[k] >= 3 {
				continue
			}
			f := l.flags(w[k:j])
			if (k == 0 && f&lexFirst != 0) || (k > 0 && f&(lexLast|lexMid) != 0) {
				reach[j], parts[j], from[j] = true, parts[k]+1, uint8(k)
				break
			}
		}
	}
	if !reach[len(w)] {
		return 0
	}
	n := int(parts[len(w)])
	for j, k := len(w), n-1; k >= 0; j, k = int(from[j]), k-1 {
		cuts[k] = j
	}
	return n
}

// Spell returns a handle's or hashtag's run-together name as words ("narendramodi" → "Narendra Modi"),
// or "" when it does not split into known name words.
func (t *Tagger) Spell(word string) string {
	w, _ := appendFold(nil, word)
	var cuts [4]int
	n := split(t.lex, w, &cuts)
	if n < 2 {
		return ""
	}
	var b []byte
	start := 0
	for k := 0; k < n; k++ {
		if k > 0 {
			b = append(b, ' ')
		}
		part := w[start:cuts[k]]
		if part[0] >= 'a' && part[0] <= 'z' {
			b = append(b, part[0]-('a'-'A'))
			part = part[1:]
		}
		b = append(b, part...)
		start = cuts[k]
	}
	return string(b)
}

// firstNameOnly reports whether word i is known mostly as a first name, in either script: alone it names
// no one in particular ("Rahul said no", "राहुल ने कहा").
func (s *sentence) firstNameOnly(l *Lexicon, text string, i int) bool {
	if l.mostlyFirst(s.word(i)) {
		return true
	}
	if s.shape[i] != shapeDeva {
		return false
	}
	s.rom = translit.AppendPlain(s.rom[:0], text[s.toks[i].Start:s.toks[i].End])
	return l.mostlyFirst(s.rom)
}

// ruleName reports whether the Latin word i, which the model left outside, starts or ends a name by rule,
// and the words from..to the name spans: a handle or hashtag that spells a known name
// ("#ManmohanSingh"); a known name word, or a capitalized one, that an honorific follows ("modi ji",
// "Tiwari ji", "Arun Jaitley sahab"); two or three capitalized words, the first a known first name and the
// last a known surname ("Finance Minister Arun Jaitley said").
func (s *sentence) ruleName(l *Lexicon, i int) (from, to int, ok bool) {
	if s.shape[i] == shapeDeva || s.shape[i] == shapeOther || s.cue[i] != cueNone {
		return 0, 0, false
	}
	if s.toks[i].Mark != 0 {
		return i, i, s.segments(l, i)
	}
	if s.shape[i] == shapeCap && s.lex[i]&lexFirst != 0 {
		for j := i + 1; j < len(s.toks) && j <= i+2; j++ {
			if s.toks[j].Gap || s.toks[j].Mark != 0 || s.shape[j] != shapeCap || s.cue[j] != cueNone {
				break
			}
			if s.lex[j]&lexLast != 0 && (j+1 >= len(s.toks) || s.toks[j+1].Gap || s.shape[j+1] != shapeCap) {
				return i, j, true
			}
		}
	}
	if i+1 >= len(s.toks) || s.toks[i+1].Gap || s.cue[i+1] != cueAfter {
		return 0, 0, false
	}
	if s.lex[i]&(lexFirst|lexLast) == 0 && s.shape[i] != shapeCap {
		return 0, 0, false
	}
	from = i
	if i > 0 && !s.toks[i].Gap && s.toks[i-1].Mark == 0 && s.cue[i-1] == cueNone && s.lex[i-1]&lexFirst != 0 &&
		(s.shape[i-1] == s.shape[i] || s.shape[i-1] == shapeCap) {
		from = i - 1
	}
	return from, i, true
}

// plainWord reports whether word i is a Hindi function word, or Latin in lower case with no capital word
// or honorific beside it (most of English prose): it names no one, so the tagger does not score it
// (training skips it alike).
// Lower-case names ("modi ji") are left to ruleName.
func (s *sentence) plainWord(i int) bool {
	if s.cue[i] == cueFunc {
		return true
	}
	if s.shape[i] != shapeLower || s.toks[i].Mark != 0 {
		return false
	}
	capital := func(j int) bool {
		sh := at(s.shape, j)
		return sh == shapeCap || sh == shapeInitial || sh == shapeUpper
	}
	return !capital(i-1) && !capital(i+1) && at(s.cue, i+1) != cueAfter
}

// trailer reports whether word j, the last of a name the model begins at word from, is no part of it: a
// cue word, or a lower-case Latin word after a capitalized one.
func (s *sentence) trailer(from, j int) bool {
	return s.cue[j] != cueNone || s.shape[j] == shapeLower && s.shape[from] != shapeLower
}

// jiName reports whether the Latin word i is a known name word with "ji" written onto it ("Modiji",
// "modijee"), and where, in bytes of the text, the name ends.
func (s *sentence) jiName(l *Lexicon, i int) (end int, ok bool) {
	w := s.word(i)
	t := s.toks[i]
	if s.shape[i] != shapeLower && s.shape[i] != shapeCap || t.Mark != 0 || len(w) != t.End-t.Start {
		return 0, false // not plain ASCII-like Latin: byte offsets of w and the text would differ
	}
	for _, suf := range [...]string{"jee", "ji"} {
		n := len(w) - len(suf)
		if n >= 3 && string(w[n:]) == suf && l.flags(w[:n])&(lexFirst|lexLast) != 0 {
			return t.Start + n, true
		}
	}
	return 0, false
}

// titleWord reports whether w is one Latin word of three letters or more in title case: a capital, then
// only lower-case letters.
func titleWord(w string) bool {
	n := 0
	for _, r := range w {
		if n == 0 && !unicode.IsUpper(r) || n > 0 && !unicode.IsLower(r) || r >= 0x0900 && r <= 0x097F {
			return false
		}
		n++
	}
	return n >= 3
}
