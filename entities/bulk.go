package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The rules for the people of the bulk lists (people_prs.tsv, people_rs.tsv), who are many, English only
// and not checked by hand: they must not turn namesakes and common words into members of parliament.

// fillerSurnames end the names that thousands share ("Sunil Kumar", "Ajay Singh", "Rekha Devi"): a bulk
// list's member named so would be found in every article about a namesake ("Minister VS Sunil Kumar" of
// Kerala is not the Bihar MP Sunil Kumar), so such a two-word name is left to the curated list.
var fillerSurnames = map[string]bool{
	"kumar": true, "kumari": true, "singh": true, "devi": true, "lal": true, "prasad": true, "ram": true,
	"das": true, "bai": true, "ben": true, "bhai": true, "nath": true, "chand": true,
}

// distinctive reports whether a bulk list's name may stand for one person: it is not two words ending in
// a filler surname.
func distinctive(name string) bool {
	ws := strings.Fields(normKey(name))
	return !(len(ws) == 2 && fillerSurnames[ws[1]])
}

// inLongerName reports whether a bulk person's name at text[s:e] is part of a longer capitalized name: a
// capitalized Latin word right before it, joined by a space, that is no title or honorific and does not
// start a sentence, or one right after it ("Lok Nayak Jai Prakash Narayan Hospital" does not name the MP
// Jai Parkash; "Minister Vijay Inder Singla" names Vijay Inder Singla).
func (x *Extractor) inLongerName(text string, s, e int) bool {
	if r, _ := utf8.DecodeRuneInString(text[s:]); !unicode.Is(unicode.Latin, r) {
		return false // Devanagari has no capitals to tell by
	}
	if s > 1 && text[s-1] == ' ' {
		j := s - 1
		for j > 0 {
			pr, size := utf8.DecodeLastRuneInString(text[:j])
			if !unicode.IsLetter(pr) {
				break
			}
			j -= size
		}
		if w := text[j : s-1]; w != "" {
			fr, _ := utf8.DecodeRuneInString(w)
			k := normKey(w)
			if unicode.Is(unicode.Latin, fr) && unicode.IsUpper(fr) && !x.titles[k] && !honorifics[k] && !x.partyWords[k] &&
				!sentenceStart(text, j) {
				return true
			}
		}
	}
	if e+1 < len(text) && text[e] == ' ' {
		nr, _ := utf8.DecodeRuneInString(text[e+1:])
		return unicode.Is(unicode.Latin, nr) && unicode.IsUpper(nr)
	}
	return false
}
