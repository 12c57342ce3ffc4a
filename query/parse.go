package query

import "strings"

// Limits on what Parse keeps, so that a hostile or pasted query cannot blow
// up the expansion into translations and concepts that follows parsing.
const (
	// MaxWords is how many words Parse keeps, counting each word of a phrase;
	// the rest of the text is ignored and a phrase that crosses the limit is
	// cut short.
	MaxWords = 64
	// MaxDepth is how deeply groups nest. A ( deeper than that is ignored,
	// along with its sign and its ), so its contents join the enclosing group.
	MaxDepth = 16
)

// Parse reads what a user typed into a simplified query tree. It never fails
// and never panics; malformed input is read the way a user most likely meant
// it:
//
//   - an unbalanced " runs to the end of the input; an empty phrase vanishes;
//   - an unbalanced ( closes at the end; a stray ) is ignored; () vanishes;
//   - a lone - or + (a dash, a stray key) is dropped; a run of signs counts
//     as one, and a - in it makes an exclusion (--delhi excludes delhi);
//   - a stray OR or | (at the start or end of a group, or doubled) is
//     dropped: "modi OR" is someone still typing, and "or"/"OR" as a word is
//     noise. To search for the word itself, quote it: "OR". A sign before OR
//     is dropped too;
//   - only uppercase OR is the operator; "or" is an ordinary word.
//
// A query of exclusions alone (-delhi) is returned as such; Split tells the
// caller it has no positive part. Empty or blank input gives And{}. The limits
// MaxWords and MaxDepth apply.
func Parse(s string) Node {
	p := parser{lex: lexer{s: s}}
	p.advance()
	return Simplify(p.sequence(0))
}

// parser is a recursive-descent reader over the lexer with one token of
// lookahead.
type parser struct {
	lex     lexer
	tok     token
	words   int // words kept so far, against MaxWords
	skipped int // ( ignored past MaxDepth whose ) has not come yet
}

// advance moves to the next token; once MaxWords are kept the rest of the
// text reads as its end, since nothing after it could be kept anyway.
func (p *parser) advance() {
	if p.words >= MaxWords {
		p.tok = token{kind: tEOF}
		return
	}
	p.tok = p.lex.next()
}

// sequence reads items up to the ) closing the group at depth (or the end of
// the text), AND-ing them, with OR joining its neighbours first.
func (p *parser) sequence(depth int) Node {
	var and, chain []Node
	orPending := false
	flush := func() {
		switch len(chain) {
		case 0:
		case 1:
			and = append(and, chain[0])
		default:
			and = append(and, Or{Children: chain})
		}
		chain = nil
	}
	for {
		switch p.tok.kind {
		case tEOF:
			flush()
			return And{Children: and}
		case tClose:
			p.advance()
			switch {
			case p.skipped > 0:
				p.skipped--
				continue
			case depth > 0:
				flush()
				return And{Children: and}
			}
			continue // a stray ) at the top level
		case tOr:
			p.advance()
			// An OR with nothing before it in this group is dropped; one
			// with nothing after it is dropped by flush.
			orPending = len(chain) > 0
			continue
		case tOpen:
			if depth >= MaxDepth {
				p.skipped++
				p.advance()
				continue
			}
		}
		n := p.operand(depth)
		if n == nil {
			continue // empty items vanish; a pending OR joins the next one
		}
		if !orPending {
			flush()
		}
		chain = append(chain, n)
		orPending = false
	}
}

// operand reads one word, phrase or group with its sign. It returns nil for
// an item that turned out empty.
func (p *parser) operand(depth int) Node {
	t := p.tok
	var n Node
	switch t.kind {
	case tWord:
		p.words++
		n = Word{Text: t.text}
		p.advance()
	case tPhrase:
		ph := NewPhrase(t.text)
		if left := MaxWords - p.words; len(ph.Words) > left {
			ph = Phrase{Text: strings.Join(ph.Words[:left], " "), Words: ph.Words[:left]}
		}
		p.words += len(ph.Words)
		p.advance()
		if len(ph.Words) == 0 {
			return nil
		}
		n = ph
	case tOpen:
		p.advance()
		n = p.sequence(depth + 1)
		if IsEmpty(n) {
			return nil
		}
	default:
		p.advance() // unreachable: sequence handles the other kinds
		return nil
	}
	switch t.sign {
	case signNot:
		return Not{Child: n}
	case signMust:
		return Must{Child: n}
	}
	return n
}
