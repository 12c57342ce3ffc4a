package analyzers

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/segment"
)

// wordTokenizer makes the tokens Bleve's unicode tokenizer makes (Unicode
// word boundaries, UAX #29, as github.com/blevesearch/segment finds them),
// finding the words of plain English and Hindi text itself. That
// segmenter, a generated state machine over every script, was 8% of
// indexing's time on the synthesized corpus and tokenizing its largest
// part. Between two spaces the boundaries of letters, digits, Devanagari
// signs and punctuation that joins nothing are plain: a run of letters,
// digits and the signs after them is one word (a number when it has no
// letter), and the rest is not a word. A piece holding anything else
// (another script, an underscore, a sign after no letter, or a full stop,
// comma, colon, semicolon or apostrophe between two letters or digits,
// which may join them, as in U.S, 3.5 and it's) goes to the segmenter.
// Tests hold the two tokenizers to the same tokens on the corpora and on
// fuzzed text.
type wordTokenizer struct{}

// wordClass is a rune's part in a word of the fast path.
type wordClass uint8

const (
	classBreak  wordClass = iota // joins nothing: spaces, most punctuation, dandas
	classLetter                  // ASCII and Devanagari letters
	classDigit                   // ASCII and Devanagari digits
	classSign                    // Devanagari vowel signs, virama, nukta, nasal signs: extend the letter before
	classMid                     // . , ; : ' — may join the letters or digits on either side
	classOther                   // anything else: the segmenter decides
)

// wordClasses is the class of each ASCII character and of each code point
// of the Devanagari block (U+0900–U+097F), at 0x80 + its offset in the block.
// Within the block (complete since Unicode 7) the general categories Go
// knows match the word-break properties of the segmenter's Unicode 8
// tables: letters (Lo, Lm) are ALetter, Mn and Mc are Extend, Nd is
// Numeric, and the dandas and the abbreviation sign are none of these.
// Computed once and only read.
var wordClasses = func() (t [0x100]wordClass) {
	for r := rune(0); r < 0x80; r++ {
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			t[r] = classLetter
		case '0' <= r && r <= '9':
			t[r] = classDigit
		case r == '.' || r == ',' || r == ';' || r == ':' || r == '\'':
			t[r] = classMid
		case r == '_':
			t[r] = classOther // ExtendNumLet: joins words, and is a word alone
		default:
			t[r] = classBreak
		}
	}
	for r := rune(0x0900); r < 0x0980; r++ {
		c := classBreak
		switch {
		case unicode.In(r, unicode.Mn, unicode.Mc):
			c = classSign
		case unicode.Is(unicode.Nd, r):
			c = classDigit
		case unicode.IsLetter(r):
			c = classLetter
		}
		t[0x80+r-0x0900] = c
	}
	return t
}()

// classAt returns the class of the character at b[i] and its length in
// bytes; anything neither ASCII nor Devanagari is classOther.
func classAt(b []byte, i int) (wordClass, int) {
	if c := b[i]; c < utf8.RuneSelf {
		return wordClasses[c], 1
	}
	// U+0900–U+097F is E0 A4 80–E0 A5 BF in UTF-8.
	if b[i] == 0xE0 && i+2 < len(b) && b[i+1]&0xFE == 0xA4 && b[i+2]&0xC0 == 0x80 {
		return wordClasses[0x80|(b[i+1]&1)<<6|b[i+2]&0x3F], 3
	}
	return classOther, 1
}

// isSpace reports whether b is ASCII white space, at which words always end.
func isSpace(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\v' || b == '\f'
}

// Tokenize implements analysis.Tokenizer.
func (wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	w := wordWriter{input: input, pos: 1}
	w.tokens = make([]analysis.Token, 0, len(input)/6+1)
	if !utf8.Valid(input) {
		// The segmenter stops at the first byte that is not UTF-8, and
		// the words after it are lost: so be it, as before.
		w.segment(0, len(input))
		return w.stream()
	}
	for i := 0; i < len(input); {
		if isSpace(input[i]) {
			i++
			continue
		}
		end := i + 1
		for end < len(input) && !isSpace(input[end]) {
			end++
		}
		if !w.plain(i, end) {
			w.segment(i, end)
		}
		i = end
	}
	return w.stream()
}

// wordWriter collects the tokens of one input.
type wordWriter struct {
	input  []byte
	tokens []analysis.Token
	pos    int // the next token's position
}

// stream returns the tokens collected.
func (w *wordWriter) stream() analysis.TokenStream {
	out := make(analysis.TokenStream, len(w.tokens))
	for i := range w.tokens {
		out[i] = &w.tokens[i]
	}
	return out
}

func (w *wordWriter) emit(start, end int, typ analysis.TokenType) {
	w.tokens = append(w.tokens, analysis.Token{Term: w.input[start:end], Start: start, End: end, Position: w.pos, Type: typ})
	w.pos++
}

// plain emits the words of input[start:end], a piece without spaces, and
// reports true when its boundaries are plain (see wordTokenizer); when they
// are not it emits nothing and reports false.
func (w *wordWriter) plain(start, end int) bool {
	mark, pos := len(w.tokens), w.pos
	undo := func() bool {
		w.tokens, w.pos = w.tokens[:mark], pos
		return false
	}
	word := -1 // where the current word began, -1 between words
	letters := false
	in := w.input[:end]
	for i := start; i < end; {
		c, n := classAt(in, i)
		switch c {
		case classLetter, classDigit:
			if word < 0 {
				word, letters = i, false
			}
			letters = letters || c == classLetter
		case classSign:
			if word < 0 {
				return undo()
			}
		case classMid:
			if word >= 0 && i+n < end {
				if next, _ := classAt(in, i+n); next == classLetter || next == classDigit {
					return undo()
				}
			}
			fallthrough
		case classBreak:
			if word >= 0 {
				w.emitWord(word, i, letters)
				word = -1
			}
		default:
			return undo()
		}
		i += n
	}
	if word >= 0 {
		w.emitWord(word, end, letters)
	}
	return true
}

func (w *wordWriter) emitWord(start, end int, letters bool) {
	typ := analysis.Numeric
	if letters {
		typ = analysis.AlphaNumeric
	}
	w.emit(start, end, typ)
}

// segment emits the words the segmenter finds in input[start:end], as
// Bleve's unicode tokenizer would.
func (w *wordWriter) segment(start, end int) {
	s := segment.NewWordSegmenterDirect(w.input[start:end])
	at := start
	for s.Segment() {
		n := len(s.Bytes())
		if t := s.Type(); t != segment.None {
			typ := analysis.AlphaNumeric
			switch t {
			case segment.Ideo, segment.Kana:
				typ = analysis.Ideographic
			case segment.Number:
				typ = analysis.Numeric
			}
			w.emit(at, at+n, typ)
		}
		at += n
	}
}
