package names

import "math/rand/v2"

// Example is one training sentence with the byte spans of its person names.
type Example struct {
	Text  string
	Names []Span
}

// Train fits an averaged perceptron to the examples over epochs passes, shuffling them with seed between
// passes, and returns the averaged model. It is deterministic for the same input.
func Train(examples []Example, lex *Lexicon, epochs int, seed uint64) *Model {
	m := newModel()
	acc := make([]float64, len(m.w)) // sum of step × update, for averaging
	step := 1.0
	t := NewTagger(m, lex)
	s := new(sentence)
	var gold []uint8
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	update := func(fs []uint32, tag uint8, d float32) {
		for _, f := range fs {
			k := int(f&m.mask)*int(nTags) + int(tag)
			m.w[k] += d
			acc[k] += step * float64(d)
		}
	}
	for e := 0; e < epochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, ei := range order {
			ex := examples[ei]
			s.toks = Tokenize(ex.Text, s.toks[:0])
			if len(s.toks) == 0 {
				continue
			}
			s.prepare(lex, ex.Text)
			gold = goldTags(s.toks, ex.Names, gold[:0])
			prev := tagStart
			for i := range s.toks {
				p := t.predict(s, i, prev)
				if g := gold[i]; p != g {
					update(s.feats, g, 1)
					update(s.feats, p, -1)
				}
				prev = p
				step++
			}
		}
	}
	for k := range m.w {
		m.w[k] -= float32(acc[k] / step)
	}
	return m
}

// goldTags tags each token B, I or O from the name spans it overlaps.
func goldTags(toks []Token, spans []Span, out []uint8) []uint8 {
	for i, tk := range toks {
		tag := tagO
		for _, sp := range spans {
			if tk.Start < sp.End && sp.Start < tk.End {
				tag = tagI
				if tk.Start <= sp.Start || i == 0 || toks[i-1].End <= sp.Start {
					tag = tagB
				}
				break
			}
		}
		out = append(out, tag)
	}
	return out
}
