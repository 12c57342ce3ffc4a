package translit

import (
	"strings"

	"github.com/newsearch/bilingual/analyzers/script"
)

const (
	zwnj    = '\u200C'
	zwj     = '\u200D'
	virama  = '\u094D'
	nukta   = '\u093C'
	anusv   = '\u0902'
	candra  = '\u0901'
	visarga = '\u0903'
)

// isDevanagariOrJoiner also accepts the zero-width joiners that appear
// inside Devanagari words.
func isDevanagariOrJoiner(r rune) bool { return script.IsDevanagari(r) || r == zwj || r == zwnj }

// consonant gives a consonant letter's Latin spelling without the inherent
// vowel, or "" if c is not a consonant.
func consonant(c rune) string {
	switch c {
	case 'क':
		return "k"
	case 'ख', '\u0959': // ख़
		return "kh"
	case 'ग', '\u095A': // ग़
		return "g"
	case 'घ':
		return "gh"
	case 'च':
		return "ch"
	case 'छ':
		return "chh"
	case 'ज':
		return "j"
	case 'झ':
		return "jh"
	case 'ट', 'त':
		return "t"
	case 'ठ', 'थ':
		return "th"
	case 'ड', 'द':
		return "d"
	case 'ढ', 'ध':
		return "dh"
	case 'ङ', 'ञ', 'ण', 'न', 'ऩ':
		return "n"
	case 'प':
		return "p"
	case 'फ':
		return "ph"
	case 'ब':
		return "b"
	case 'भ':
		return "bh"
	case 'म':
		return "m"
	case 'य', '\u095F': // य़
		return "y"
	case 'र', 'ऱ':
		return "r"
	case 'ल', 'ळ', 'ऴ':
		return "l"
	case 'व':
		return "v"
	case 'श', 'ष':
		return "sh"
	case 'स':
		return "s"
	case 'ह':
		return "h"
	case '\u0958': // क़
		return "q"
	case '\u095B': // ज़
		return "z"
	case '\u095C': // ड़ is "r": people type both "ladka" and "larka", and the key folds the two.
		return "r"
	case '\u095D': // ढ़
		return "rh"
	case '\u095E': // फ़
		return "f"
	}
	return ""
}

// withNukta spells consonant c followed by a combining nukta, or "" when
// the nukta changes nothing people would type.
func withNukta(c rune) string {
	switch c {
	case 'क':
		return "q"
	case 'ज':
		return "z"
	case 'ड':
		return "r"
	case 'ढ':
		return "rh"
	case 'फ':
		return "f"
	}
	return ""
}

// vowel spells an independent vowel, or returns "".
func vowel(c rune) string {
	switch c {
	case 'अ', 'आ':
		return "a"
	case 'इ', 'ई':
		return "i"
	case 'उ', 'ऊ':
		return "u"
	case 'ऋ', 'ॠ':
		return "ri"
	case 'ऌ':
		return "li"
	case 'ऍ', 'ऎ', 'ए':
		return "e"
	case 'ऐ':
		return "ai"
	case 'ऑ', 'ऒ', 'ओ':
		return "o"
	case 'औ':
		return "au"
	case 'ॐ':
		return "om"
	}
	return ""
}

// sign spells a dependent vowel sign (matra), or returns "".
func sign(c rune) string {
	switch c {
	case 'ा':
		return "a"
	case 'ि', 'ी':
		return "i"
	case 'ु', 'ू':
		return "u"
	case 'ृ', 'ॄ':
		return "ri"
	case 'ॅ', 'ॆ', 'े':
		return "e"
	case 'ै':
		return "ai"
	case 'ॉ', 'ॊ', 'ो':
		return "o"
	case 'ौ':
		return "au"
	}
	return ""
}

// phoneKind classifies the pieces a word is parsed into.
type phoneKind uint8

const (
	kCons   phoneKind = iota // consonant
	kVowel                   // written vowel
	kSchwa                   // inherent vowel of a consonant, maybe silent
	kNasal                   // anusvara or candrabindu
	kVisarg                  // visarga
)

type phone struct {
	kind phoneKind
	s    string
	dead bool // a deleted schwa
}

// parse splits a Devanagari word into consonants and vowels, giving every
// consonant not followed by a sign or virama its inherent schwa.
func parse(w string) []phone {
	rs := []rune(w)
	ps := make([]phone, 0, len(rs)+4)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		if s := consonant(c); s != "" {
			if i+1 < len(rs) && rs[i+1] == nukta {
				if n := withNukta(c); n != "" {
					s = n
				}
				i++
			}
			if c == 'ज' && i+2 < len(rs) && rs[i+1] == virama && rs[i+2] == 'ञ' {
				// ज्ञ is said and typed gy in Hindi (gyan, vigyan).
				s = "gy"
				i += 2
			}
			ps = append(ps, phone{kind: kCons, s: s})
			next := rune(0)
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			switch {
			case next == virama:
				i++
			case sign(next) != "":
				ps = append(ps, phone{kind: kVowel, s: sign(next)})
				i++
			default:
				ps = append(ps, phone{kind: kSchwa, s: "a"})
			}
			continue
		}
		switch {
		case vowel(c) != "":
			ps = append(ps, phone{kind: kVowel, s: vowel(c)})
		case sign(c) != "":
			// A sign with no consonant before it, as in broken text.
			ps = append(ps, phone{kind: kVowel, s: sign(c)})
		case c == anusv || c == candra:
			ps = append(ps, phone{kind: kNasal, s: "n"})
		case c == visarga:
			ps = append(ps, phone{kind: kVisarg, s: "h"})
		}
		// Anything else (avagraha, stray nukta or virama, Vedic marks) has no
		// sound people would type.
	}
	return ps
}

// isVowelish reports whether p is a pronounced vowel.
func isVowelish(p phone) bool {
	return p.kind == kVowel || (p.kind == kSchwa && !p.dead)
}

// deleteSchwas marks silent inherent vowels: first the word-final one
// (unless the word has a single vowel or ends in an r, y or v cluster, as in
// mitra) and then, left to right, medial ones in the context V C _ C V.
func deleteSchwas(ps []phone) {
	n := len(ps)
	if n >= 2 && ps[n-1].kind == kSchwa {
		vowelsBefore := 0
		for _, p := range ps[:n-1] {
			if isVowelish(p) {
				vowelsBefore++
			}
		}
		// People type the vowel after r, y, v clusters (mitra, satya) but
		// not after others (film, james).
		last := ps[n-2].s
		cluster := n >= 3 && ps[n-3].kind == kCons && (last == "r" || last == "y" || last == "v")
		if vowelsBefore > 0 && !cluster {
			ps[n-1].dead = true
		}
	}
	for i := 2; i+2 < n; i++ {
		if ps[i].kind != kSchwa {
			continue
		}
		if ps[i-1].kind == kCons && isVowelish(ps[i-2]) &&
			ps[i+1].kind == kCons && isVowelish(ps[i+2]) {
			ps[i].dead = true
		}
	}
}

// romanizeLetters romanizes a Devanagari word letter by letter.
func romanizeLetters(w string) string {
	ps := parse(w)
	deleteSchwas(ps)
	var b strings.Builder
	for i, p := range ps {
		switch {
		case p.dead:
		case p.kind == kNasal:
			// Before a labial stop the nasal is m (संबंध → sambandh);
			// elsewhere, and at the end of the word, n.
			if i+1 < len(ps) && ps[i+1].kind == kCons && strings.IndexByte("pbm", ps[i+1].s[0]) >= 0 {
				b.WriteByte('m')
			} else {
				b.WriteByte('n')
			}
		default:
			b.WriteString(p.s)
		}
	}
	return b.String()
}

// composeNukta spells consonant plus combining nukta as the precomposed
// letter, so that both encodings of ज़ find the same table entry.
func composeNukta(w string) string {
	if !strings.ContainsRune(w, nukta) {
		return w
	}
	rs := []rune(w)
	out := rs[:0]
	for i, c := range rs {
		if c == nukta && len(out) > 0 {
			if p := precomposed(out[len(out)-1]); p != 0 {
				out[len(out)-1] = p
				continue
			}
		}
		out = append(out, rs[i])
	}
	return string(out)
}

// precomposed returns the nukta letter made from base c, or 0.
func precomposed(c rune) rune {
	switch c {
	case 'क':
		return '\u0958'
	case 'ख':
		return '\u0959'
	case 'ग':
		return '\u095A'
	case 'ज':
		return '\u095B'
	case 'ड':
		return '\u095C'
	case 'ढ':
		return '\u095D'
	case 'फ':
		return '\u095E'
	case 'य':
		return '\u095F'
	}
	return 0
}
