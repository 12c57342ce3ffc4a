package names

import "sync"

// Span is a name found in a text, in byte offsets. Score is the model's least margin, over its words, of
// the name's tags over "outside": how sure it is (0 for names found by rule).
type Span struct {
	Start, End int
	Score      float32
}

// Tagger finds names with a model and a lexicon; safe for concurrent use.
type Tagger struct {
	m    *Model
	lex  *Lexicon
	pool sync.Pool // *sentence scratch, so that tagging allocates nothing once warm
}

// NewTagger returns a tagger for the model and lexicon.
func NewTagger(m *Model, lex *Lexicon) *Tagger {
	return &Tagger{m: m, lex: lex, pool: sync.Pool{New: func() any { return new(sentence) }}}
}

// Find appends the names in text to out, in order.
func (t *Tagger) Find(text string, out []Span) []Span {
	s := t.pool.Get().(*sentence)
	defer t.pool.Put(s)
	s.toks = Tokenize(text, s.toks[:0])
	return t.findTokens(s, text, out, t.m.minDeva, t.m.minLatin)
}

// findTokens tags s.toks of text and appends the spans of names whose score reaches minDeva (Devanagari)
// or that plausible accepts with minLatin.
func (t *Tagger) findTokens(s *sentence, text string, out []Span, minDeva, minLatin float32) []Span {
	if len(s.toks) == 0 {
		return out
	}
	s.prepare(t.lex, text)
	t.decode(s)
	for i := 0; i < len(s.toks); i++ {
		if s.tags[i] == tagB {
			j := i + 1
			for j < len(s.toks) && s.tags[j] == tagI {
				j++
			}
			for j > i+1 && s.trailer(i, j-1) {
				j-- // "Arun Jaitley said": the verb is no part of the name
			}
			score := s.margin[i]
			for k := i + 1; k < j; k++ {
				score = min(score, s.margin[k])
			}
			ok := score >= minDeva
			if s.shape[i] != shapeDeva {
				ok = s.plausible(t.lex, i, j-1, score, minLatin)
			}
			if ok && !(j == i+1 && s.firstNameOnly(t.lex, text, i)) {
				out = append(out, Span{Start: s.toks[i].Start, End: s.toks[j-1].End, Score: score})
				i = j - 1
				continue
			}
		}
		// the model saw no name here, or one that did not hold: the rules may
		if from, to, ok := s.ruleName(t.lex, i); ok {
			if n := len(out); n > 0 && out[n-1].End > s.toks[from].Start {
				from = i // "Arun Jaitley ji" after the model's "Arun"
			}
			out = append(out, Span{Start: s.toks[from].Start, End: s.toks[to].End})
			i = to
		} else if end, ok := s.jiName(t.lex, i); ok {
			out = append(out, Span{Start: s.toks[i].Start, End: end})
		}
	}
	return out
}
