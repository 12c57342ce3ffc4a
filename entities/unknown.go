package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsearch/bilingual/analyzers/script"
)

// token is one word of the original text with its byte span.
type token struct {
	s, e int
	w    string
}

// tokens splits text into words of letters, marks, digits and inner apostrophes; joined records, for each
// word, whether only blanks separate it from the previous one. Both are appended to the slices given,
// which callers may reuse.
func tokens(text string, toks []token, joined []bool) ([]token, []bool) {
	i := 0
	lastEnd := -1
	for i < len(text) {
		r, size := decodeRune(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r2, s2 := decodeRune(text[j:])
			if isWordRune(r2) || ((r2 == '\'' || r2 == '’') && j+s2 < len(text) && nextIsLetter(text[j+s2:]) && !strings.HasPrefix(text[j+s2:], "s ")) {
				j += s2
				continue
			}
			break
		}
		toks = append(toks, token{i, j, text[i:j]})
		joined = append(joined, lastEnd >= 0 && onlyBlanks(text[lastEnd:i]))
		lastEnd = j
		i = j
	}
	return toks, joined
}

// onlyBlanks reports whether s is made of spaces and tabs only.
func onlyBlanks(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}

// isInitials reports whether w is one or two capital letters written together ("VS", "KC").
func isInitials(w string) bool {
	if len(w) < 1 || len(w) > 2 {
		return false
	}
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func nextIsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

func isCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.Is(unicode.Latin, r) || !unicode.IsUpper(r) {
		return false
	}
	// All-caps words longer than one letter are abbreviations (BJP, AICC), not names.
	rest := w[utf8.RuneLen(r):]
	return rest == "" || strings.ToUpper(rest) != rest
}

// candidate is one person name found by a title, a gloss or a role pattern.
type candidate struct {
	en, hi string
	s, e   int
}

// gloss is a Devanagari name of one to three words glossed in Latin: "राहुल गांधी (Rahul Gandhi)".
type gloss struct {
	hiStart, hiEnd int // the Devanagari words
	enStart, enEnd int // the Latin name inside the parentheses
}

// glosses finds the glosses in text as the regexp
//
//	((?:\p{Devanagari}+ ){0,2}\p{Devanagari}+) \(([A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\)
//
// would, but only looks around " (", where running the regexp over a whole article is slow.
func glosses(text string) []gloss {
	var out []gloss
	for q := range allIndex(text, " (") {
		// Two or three capitalized words, then ")"
		i, words := q+2, 0
		for words < 3 {
			j := i
			if words > 0 {
				if j >= len(text) || text[j] != ' ' {
					break
				}
				j++
			}
			if j >= len(text) || text[j] < 'A' || text[j] > 'Z' {
				break
			}
			k := j + 1
			for k < len(text) && text[k] >= 'a' && text[k] <= 'z' {
				k++
			}
			if k == j+1 {
				break
			}
			i, words = k, words+1
		}
		if words < 2 || i >= len(text) || text[i] != ')' {
			continue
		}
		// Up to three Devanagari words, single spaces between, ending at q; the leftmost match starts at
		// the beginning of the first word.
		start := q
		for w := 0; w < 3; w++ {
			e := start
			if w > 0 {
				if e == 0 || text[e-1] != ' ' {
					break
				}
				e--
			}
			b := e
			for b > 0 {
				r, size := utf8.DecodeLastRuneInString(text[:b])
				if !script.InDevanagariScript(r) {
					break
				}
				b -= size
			}
			if b == e {
				break
			}
			start = b
		}
		if start == q {
			continue
		}
		out = append(out, gloss{start, q, q + 2, i})
	}
	return out
}

// wordBuf holds the tokens of one article, pooled because findCandidates runs for every article.
type wordBuf struct {
	toks   []token
	joined []bool
}

// findCandidates returns names introduced by a title or role word, Devanagari names glossed in Latin, and
// the names the statistical tagger finds (found.go).
func (x *Extractor) findCandidates(text string) []candidate {
	var out []candidate
	sc := x.words.Get().(*wordBuf)
	defer func() {
		clear(sc.toks) // let the article go
		x.words.Put(sc)
	}()
	sc.toks, sc.joined = tokens(text, sc.toks[:0], sc.joined[:0])
	toks, joined := sc.toks, sc.joined
	var key []byte // the key of each word, built in place: this runs for every word of every article
	for i := 0; i < len(toks); i++ {
		if i+1 >= len(toks) || !joined[i+1] {
			continue
		}
		w := toks[i].w
		key = appendKey(key[:0], w)
		if !x.titles[string(key)] {
			continue
		}
		if script.HasDevanagari(w) {
			var name []string
			j := i + 1
			for ; j < len(toks) && len(name) < 3 && joined[j]; j++ {
				k := normKey(toks[j].w)
				if !script.HasDevanagari(toks[j].w) || x.stopHi[k] || x.titles[k] || x.partyWords[k] {
					break
				}
				name = append(name, toks[j].w)
			}
			// Hindi has no capitals: only accept a name that starts with a known first name or ends in a
			// known surname.
			if len(name) >= 2 && (x.hiSurnames[normKey(name[len(name)-1])] || x.hiFirst[normKey(name[0])]) {
				out = append(out, candidate{hi: strings.Join(name, " "), s: toks[i+1].s, e: toks[j-1].e})
			}
			continue
		}
		var name []string
		j := i + 1
		orgWord := false
		for ; j < len(toks) && len(name) < 4 && joined[j]; j++ {
			t := toks[j].w
			k := normKey(t)
			initials := len(name) == 0 && isInitials(t) && !x.partyWords[k] && j+1 < len(toks) && joined[j+1] && isCapitalized(toks[j+1].w)
			if !initials && (!isCapitalized(t) || x.stopEn[k] || x.partyWords[k] || x.titles[k] || (len(name) >= 2 && x.stopTail[k])) {
				// "Doon International School": a capitalized institution word ends an organisation's name.
				orgWord = len(name) > 0 && isCapitalized(t) && x.orgWords[k]
				break
			}
			name = append(name, t)
		}
		if len(name) >= 2 && len(name) <= 3 && !orgWord { // four capitalized words are an organisation or a headline
			out = append(out, candidate{en: strings.Join(name, " "), s: toks[i+1].s, e: toks[j-1].e})
		}
	}
	var gs []gloss
	if strings.Contains(text, " (") && script.HasDevanagari(text) {
		gs = glosses(text)
	}
	for _, g := range gs {
		hi := text[g.hiStart:g.hiEnd]
		// drop leading function words and titles: "कांग्रेस अध्यक्ष राहुल गांधी" -> "राहुल गांधी"
		ws := strings.Fields(hi)
		k := 0
		for i, w := range ws {
			n := normKey(w)
			if x.stopHi[n] || x.titles[n] || x.partyWords[n] {
				k = i + 1
			}
		}
		ws = ws[k:]
		if len(ws) == 0 {
			continue
		}
		out = append(out, candidate{en: text[g.enStart:g.enEnd], hi: strings.Join(ws, " "), s: g.hiStart, e: g.enEnd})
	}
	return append(out, x.taggedCandidates(text)...) // last: title-led names win where they overlap
}
