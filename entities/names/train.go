package names

import "math/rand/v2"

// Example is one training sentence with the byte spans of its person names.
type Example struct {
	Text  string
	Names []Span
}

// Train fits an averaged structured perceptron (scored by Viterbi decoding, as tagging is) to the examples over epochs passes, shuffling them with seed between
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
			// Collins' structured perceptron: where the best sequence and the gold one differ in a word's
			// tag or the tag before it, the gold word's features gain and the predicted one's lose
			t.decode(s)
			for i := range s.toks {
				gp, pp := tagStart, tagStart
				if i > 0 {
					gp, pp = gold[i-1], s.tags[i-1]
				}
				if g, p := gold[i], s.tags[i]; (g != p || gp != pp) && !s.plainWord(i) {
					s.static(i)
					a, b, c := s.dynamic(i, gp)
					update(append(s.feats, a, b, c), g, 1)
					a, b, c = s.dynamic(i, pp)
					update(append(s.feats, a, b, c), p, -1)
				}
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
