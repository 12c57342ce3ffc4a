package translit

import (
	"strings"

	"github.com/newsearch/bilingual/analyzers/script"
)

// latinKey folds a Latin word to its phonetic key: a consonant skeleton in
// which the letters typists swap for one another share one symbol.
func latinKey(w string) string {
	return skeleton(consonantFold(lowerAlnum(w)))
}

// lowerAlnum keeps the ASCII letters and digits of w, lowercased.
func lowerAlnum(w string) []byte {
	in := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			in = append(in, c)
		}
	}
	return in
}

// consonantFold spells each consonant sound with one letter: aspirates lose
// their h, soft c and g become s and j, and q, z, x, w become k, j, ks, v.
// Soft g is a guess that serves typists of romanized Hindi (girna for गिरना
// meets a soft-g reading of गि); hardG spells g before e, i, y hard instead,
// for the other reading (गी in तबलीगी, the gh of Tablighi).
func consonantFold(in []byte) []byte { return fold(in, false) }

func fold(in []byte, hardG bool) []byte {
	out := make([]byte, 0, len(in)+2)
	at := func(i int) byte {
		if i >= 0 && i < len(in) {
			return in[i]
		}
		return 0
	}
	for i := 0; i < len(in); i++ {
		c, next := in[i], at(i+1)
		switch c {
		case 'c':
			switch {
			case i == 0 && next == 'h' && (at(i+2) == 'r' || at(i+2) == 'l'):
				// English initial chr, chl (christ, chloride).
				c = 'k'
				i++
			case next == 'h':
				// ch and chh are one sound, distinct from k.
				c = 'c'
				i++
				if at(i+1) == 'h' {
					i++
				}
			case next == 'k' || next == 'q':
				c = 'k'
				i++
			case next == 'e' || next == 'i' || next == 'y':
				c = 's'
			default:
				c = 'k'
			}
		case 't':
			switch {
			case next == 'i' && at(i+2) == 'o' && at(i+3) == 'n':
				// English -tion is typed as heard, -shan.
				c = 's'
			case next == 'u' && at(i+2) == 'r' && (at(i+3) == 'e' || at(i+3) == 'i' || at(i+3) == 'y'):
				// English -ture, -tury (century, literature).
				c = 'c'
			case next == 'h':
				i++
			}
		case 'k', 'j', 'd', 'b', 'r', 's':
			if next == 'h' {
				i++
			}
		case 'g':
			switch {
			case next == 'h' && ((at(i-1) == 'i' && !isVowelByte(at(i+2))) || (at(i-1) == 'u' && (at(i+2) == 0 || at(i+2) == 't'))):
				// English silent gh (high, night, though, naughty).
				i++
				continue
			case next == 'h':
				i++
			case !hardG && (next == 'e' || next == 'i' || next == 'y'):
				c = 'j'
			}
		case 'p':
			if next == 'h' {
				c = 'f'
				i++
			}
		case 'w':
			if next == 'h' {
				i++
			}
			// After a vowel and before none, w belongs to the vowel (snow,
			// bawli).
			if isVowelByte(at(i-1)) && !isVowelByte(at(i+1)) {
				continue
			}
			c = 'v'
		case 'q':
			c = 'k'
			if next == 'u' && (at(i+2) == 'a' || at(i+2) == 'e' || (at(i+2) == 'i' && i+3 < len(in))) {
				// qu before a vowel is kv (quest, kvest).
				out = append(out, c)
				c = 'v'
				i++
			}
		case 'z':
			c = 'j'
		case 'x':
			out = append(out, 'k')
			c = 's'
		}
		out = append(out, c)
	}
	return out
}

// skeleton drops vowels, glides and stray h, which typists spell every way
// (istifa, isteefa), keeps an initial vowel as a marker, merges the nasals
// and collapses doubled letters.
func skeleton(in []byte) string {
	out := make([]byte, 0, len(in))
	for i, c := range in {
		switch {
		case isVowelByte(c) || c == 'y' || c == 'h':
			if i == 0 {
				out = append(out, 'a')
			}
			continue
		case c == 'm':
			c = 'n'
		case c == 'v':
			// Eastern names swap v and b (Vishwas, Biswas).
			c = 'b'
		case c == 'd' || c == 'r':
			// ड़ is typed r or d (larka, ladka), and typists hear retroflex
			// and borrowed t and d either way (the measured gain is 2%).
			c = 't'
		case c == 'j':
			// j already stands for z; English s is often z (museum, is),
			// and the merge gains 1% at 0.05% more collisions.
			c = 's'
		}
		if len(out) > 0 && out[len(out)-1] == c {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

// isVowelByte reports whether c is a Latin vowel letter.
func isVowelByte(c byte) bool { return c != 0 && strings.IndexByte("aeiou", c) >= 0 }

// lightKey folds a Latin word only where typists of one word disagree most
// (aspirates, c/k/q, z/j, ph/f, w/v, vowel length, doubled letters) and keeps
// its vowels, so unlike latinKey it seldom joins two different words. Search
// pairs it with edit distance to reach spellings it leaves apart.
func lightKey(w string) string { return light(consonantFold(lowerAlnum(w))) }

// light is lightKey of a folded word.
func light(folded []byte) string {
	out := make([]byte, 0, len(folded))
	for i := 0; i < len(folded); i++ {
		c := folded[i]
		switch {
		case c == 'e' && i+1 < len(folded) && folded[i+1] == 'e':
			c = 'i' // ee = ii
			i++
		case c == 'o' && i+1 < len(folded) && folded[i+1] == 'o':
			c = 'u' // oo = uu
			i++
		case c == 'w':
			c = 'v'
		case c == 'h' && i > 0 && !isVowelByte(folded[i-1]):
			continue // a stray aspirate h the fold left
		}
		if len(out) > 0 && out[len(out)-1] == c {
			continue
		}
		out = append(out, c)
	}
	// A final a or h is the schwa typists write or drop at will (istifa, istifaa, istifah).
	for len(out) > 2 && (out[len(out)-1] == 'a' || out[len(out)-1] == 'h') {
		out = out[:len(out)-1]
	}
	return string(out)
}

// AltGKeys returns the key and light key of w under the other reading of g
// before e, i and y, and whether it differs from WordKey's: for a Latin word,
// gh before a front vowel (Tablighi) written as Hindi writes it (तबलीगी:
// tabligi, soft under the usual reading); for a Devanagari word, its
// romanization's g kept hard. A query searches both readings, so that each
// direction finds what the other does.
func (r *Romanizer) AltGKeys(w string) (key, lightKey string, differs bool) {
	var in []byte
	if script.HasDevanagari(w) {
		in = fold(lowerAlnum(r.Romanize(w)), true)
	} else {
		lw := strings.ToLower(w)
		soft := strings.NewReplacer("ghe", "ge", "ghi", "gi", "ghy", "gy").Replace(lw)
		if soft == lw {
			return "", "", false
		}
		in = consonantFold(lowerAlnum(soft))
	}
	key, lightKey = skeleton(in), light(in)
	return key, lightKey, key != r.WordKey(w) || lightKey != r.WordLightKey(w)
}
