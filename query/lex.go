package query

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is what a token of the query text is.
type tokKind int

const (
	tEOF tokKind = iota
	tWord
	tPhrase
	tOpen  // (
	tClose // )
	tOr    // OR or |
)

// sign is the prefix operator in front of a word, phrase or group.
type sign int

const (
	signNone sign = iota
	signMust      // +
	signNot       // -
)

// token is one lexical item. text is a word's text or a phrase's inner text.
type token struct {
	kind tokKind
	text string
	sign sign
}

// lexer cuts query text into tokens. Only ASCII characters are operators, so
// Devanagari and romanized text are read the same way: a word is a run of
// anything but whitespace and the delimiters ( ) " | (and curly quotes), which split words
// wherever they stand. + and - are operators only at a word's start, so
// covid-19 and C++ stay whole.
type lexer struct {
	s   string
	pos int
}

func isDelim(r rune) bool {
	return r == '(' || r == ')' || r == '|' || isQuote(r)
}

// isQuote accepts the curly quotes phones and word processors substitute
// for ", so a pasted or autocorrected “phrase” is still a phrase.
func isQuote(r rune) bool {
	return r == '"' || r == '“' || r == '”' || r == '„'
}

// next returns the next token, or tEOF at the end of the text.
func (l *lexer) next() token {
	for {
		l.skipSpace()
		if l.pos >= len(l.s) {
			return token{kind: tEOF}
		}
		sg := l.signs()
		if l.pos >= len(l.s) {
			return token{kind: tEOF} // trailing lone sign: punctuation
		}
		r, size := utf8.DecodeRuneInString(l.s[l.pos:])
		switch {
		case unicode.IsSpace(r):
			continue // a lone - or + is a dash or a stray key, not an operator
		case r == ')':
			l.pos += size // a sign right before ) has nothing to act on
			return token{kind: tClose}
		case r == '|':
			l.pos += size // as before OR, a sign before | is dropped
			return token{kind: tOr}
		case r == '(':
			l.pos += size
			return token{kind: tOpen, sign: sg}
		case isQuote(r):
			l.pos += size
			end := strings.IndexFunc(l.s[l.pos:], isQuote)
			var text string
			if end < 0 { // an unbalanced quote runs to the end of the input
				text, l.pos = l.s[l.pos:], len(l.s)
			} else {
				_, q := utf8.DecodeRuneInString(l.s[l.pos+end:])
				text, l.pos = l.s[l.pos:l.pos+end], l.pos+end+q
			}
			return token{kind: tPhrase, text: text, sign: sg}
		default:
			w := l.word()
			if w == "OR" {
				// Signs before OR have nothing to act on; dropping them keeps
				// "OR" out of every word's text, so Format never needs quotes.
				return token{kind: tOr}
			}
			return token{kind: tWord, text: w, sign: sg}
		}
	}
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.s) {
		r, size := utf8.DecodeRuneInString(l.s[l.pos:])
		if !unicode.IsSpace(r) {
			return
		}
		l.pos += size
	}
}

// signs consumes a run of + and - and reads it as one sign: a - anywhere
// makes it an exclusion. Nobody types --delhi to mean delhi; a doubled dash
// is a typing slip, and reading it as "exclude" is what the user meant.
func (l *lexer) signs() sign {
	sg := signNone
	for l.pos < len(l.s) {
		switch l.s[l.pos] {
		case '-':
			sg = signNot
		case '+':
			if sg == signNone {
				sg = signMust
			}
		default:
			return sg
		}
		l.pos++
	}
	return sg
}

// word consumes a word: everything up to whitespace or a delimiter.
func (l *lexer) word() string {
	start := l.pos
	for l.pos < len(l.s) {
		r, size := utf8.DecodeRuneInString(l.s[l.pos:])
		if unicode.IsSpace(r) || isDelim(r) {
			break
		}
		l.pos += size
	}
	return l.s[start:l.pos]
}
