package translit

import "unicode/utf8"

// Plain romanizes Devanagari letter by letter with the simple rules entities made its first generated
// person ids with ("x-anil-deshmukh"), which it must keep making: ids are stored in indexes and in
// links, so a better spelling would rename people. Romanize spells better and is what search uses.
//
// s is expected folded the way entities folds text (nukta letters to their base letters, ऑ/ॉ/ऍ/ॅ to
// आ/ा/ए/े, candrabindu to anusvara, joiners removed); anything else is spelled too, only less well.
// Each consonant carries "a" unless a vowel sign or virama follows, or it ends a word of more than one
// letter, or it sits between a vowel sign and a consonant with its own sign (देशमुख = deshmukh).
// The anusvara is "n" and the visarga silent; runes with no spelling here, the vowels and signs that
// came later to the table (ॐ, ॠ, ऌ, ऎ, ऒ, ॄ, ॆ, ॊ) among them, pass through unchanged.
func Plain(s string) string {
	return string(AppendPlain(make([]byte, 0, len(s)), s))
}

// AppendPlain appends Plain's spelling of s to dst; for words of up to 64 runes it allocates nothing but
// what dst's growth needs, so taggers can spell every word they read.
func AppendPlain(dst []byte, s string) []byte {
	var runes [64]rune
	rs := runes[:0]
	for _, r := range s {
		rs = append(rs, r)
	}
	for i, r := range rs {
		if c := consonant(r); c != "" {
			dst = append(dst, c...)
			next := rune(0)
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			endOfWord := next == 0 || !isWordRune(next) ||
				next == anusv && (i+2 >= len(rs) || !isWordRune(rs[i+2]))
			if plainSign(next) == "" && next != virama && !(endOfWord && i > 0 && isWordRune(rs[i-1])) && !plainMedialSchwa(rs, i) {
				dst = append(dst, 'a')
			}
			continue
		}
		if v := plainVowel(r); v != "" {
			dst = append(dst, v...)
			continue
		}
		if v := plainSign(r); v != "" {
			dst = append(dst, v...)
			continue
		}
		switch r {
		case anusv:
			dst = append(dst, 'n')
		case virama, visarga:
		default:
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// plainMedialSchwa reports whether the inherent vowel of the consonant rs[i] is silent inside a word
// for Plain: after a vowel sign and before a consonant that carries its own vowel sign.
func plainMedialSchwa(rs []rune, i int) bool {
	if i == 0 || i+2 >= len(rs) {
		return false
	}
	return plainSign(rs[i-1]) != "" && consonant(rs[i+1]) != "" && plainSign(rs[i+2]) != ""
}

// plainVowel is vowel for the independent vowels Plain knows.
func plainVowel(c rune) string {
	if !plainLetter(c) {
		return ""
	}
	return vowel(c)
}

// plainSign is sign for the vowel signs Plain knows.
func plainSign(c rune) string {
	if !plainLetter(c) {
		return ""
	}
	return sign(c)
}

// plainLetter reports whether Plain spells c, a vowel or vowel sign: the letters added to the tables
// after the first ids were made are left out, so that names holding them keep their ids.
func plainLetter(c rune) bool {
	switch c {
	case 'ॐ', 'ॠ', 'ऌ', 'ऎ', 'ऒ', 'ऍ', 'ऑ', 'ॄ', 'ॆ', 'ॊ', 'ॅ', 'ॉ':
		return false
	}
	return true
}
