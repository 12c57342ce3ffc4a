package names

import (
	"unicode"
	"unicode/utf8"
)

// Word scripts and shapes, used as features and to decide which rules apply.
const (
	shapeOther   = iota // digits, symbols
	shapeDeva           // Devanagari
	shapeLower          // Latin, all lower case
	shapeCap            // Latin, first letter capital, some lower case after it
	shapeUpper          // Latin, all capitals, more than one letter
	shapeInitial        // one Latin capital
)

// appendFold appends the folded form of w to dst: Latin lower-cased, Devanagari nukta letters reduced to
// their base letters, candrabindu to anusvara, joiners and the nukta dropped, so that spelling variants
// (ज़रदारी, जरदारी) share features and lexicon entries. It returns the extended buffer and the word's shape.
func appendFold(dst []byte, w string) ([]byte, int) {
	shape := shapeOther
	upper, lower, deva := 0, 0, 0
	first := true
	for _, r := range w {
		switch {
		case r >= 0x0958 && r <= 0x095F:
			r = [...]rune{'क', 'ख', 'ग', 'ज', 'ड', 'ढ', 'फ', 'य'}[r-0x0958]
		case r == 0x0929:
			r = 'न'
		case r == 0x0931:
			r = 'र'
		case r == 0x0934:
			r = 'ळ'
		case r == 0x0901:
			r = 0x0902
		case r == 0x093C || r == 0x200C || r == 0x200D || r == 0x00AD:
			continue
		}
		if r >= 0x0900 && r <= 0x097F {
			deva++
		} else if unicode.IsUpper(r) {
			if first {
				upper += 1 << 8 // the first letter is a capital
			}
			upper++
			r = unicode.ToLower(r)
		} else if unicode.IsLower(r) {
			lower++
		}
		first = false
		dst = utf8.AppendRune(dst, r)
	}
	switch {
	case deva > 0:
		shape = shapeDeva
	case upper>>8 == 1 && lower > 0:
		shape = shapeCap
	case upper&0xff == 1 && lower == 0 && upper>>8 == 1:
		shape = shapeInitial
	case upper&0xff > 1 && lower == 0:
		shape = shapeUpper
	case lower > 0:
		shape = shapeLower
	}
	return dst, shape
}

// foldString is appendFold for building lexicons and cue tables.
func foldString(w string) string {
	b, _ := appendFold(nil, w)
	return string(b)
}
