package entities

import "strings"

// Literal scanners that stand in for regexps: the regexps they replace were slow on whole articles.

// allIndex yields the start of every occurrence of sub in s, overlapping ones included.
func allIndex(s, sub string) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < len(s); {
			j := strings.Index(s[i:], sub)
			if j < 0 || !yield(i+j) {
				return
			}
			i += j + 1
		}
	}
}

// eachLiteral calls fn for the leftmost-first, non-overlapping occurrences in s of the alternatives of
// re, a regexp group of up to eight literals, the way FindAll of that regexp would find them. When fn
// returns false the occurrence is not a match (a context check failed) and the search goes on after its
// first byte; when it returns true the search goes on after its end.
func eachLiteral(s, re string, fn func(name string, at int) bool) {
	var names [8]string
	var next [8]int // next occurrence of each name at or after pos; -1 when there is none
	n := 0
	for a := range strings.SplitSeq(re[strings.IndexByte(re, '(')+1:strings.IndexByte(re, ')')], "|") {
		names[n], next[n] = a, strings.Index(s, a)
		n++
	}
	for pos := 0; ; {
		best := -1
		for k := range n {
			if next[k] >= 0 && next[k] < pos {
				if j := strings.Index(s[pos:], names[k]); j >= 0 {
					next[k] = pos + j
				} else {
					next[k] = -1
				}
			}
			// ties go to the earlier alternative, as in the regexp
			if next[k] >= 0 && (best < 0 || next[k] < next[best]) {
				best = k
			}
		}
		if best < 0 {
			return
		}
		at := next[best]
		if fn(names[best], at) {
			pos = at + len(names[best])
		} else {
			pos = at + 1
		}
	}
}

// isREWord reports whether c is a word character to \b in a regexp.
func isREWord(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// isRESpace reports whether c is in \s of a regexp.
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// asciiWordAt reports whether the word s[i:j] stands between \b boundaries; a byte of a multi-byte rune
// is never a word character, just as the rune is not.
func asciiWordAt(s string, i, j int) bool {
	return (i == 0 || !isREWord(s[i-1])) && (j == len(s) || !isREWord(s[j]))
}
