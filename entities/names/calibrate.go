package names

import (
	"math"
	"sort"
)

// Calibrate sets m's least scores for a name: for each script, the score threshold that gives the best
// F1 over the examples (lenient span overlap) among those whose precision reaches minP, or else the most
// precise. The examples must be ones m was not trained on.
func Calibrate(m *Model, lex *Lexicon, examples []Example, minP float64) (deva, latin Scores) {
	t := NewTagger(m, lex)
	s := new(sentence)
	var ds, ls []scored
	var dGold, lGold int
	for _, ex := range examples {
		s.toks = Tokenize(ex.Text, s.toks[:0])
		spans := t.findTokens(s, ex.Text, nil, float32(math.Inf(-1)), float32(math.Inf(-1)))
		latinText := len(s.toks) > 0 && s.shape[0] != shapeDeva
		for _, sp := range spans {
			ok := false
			for _, g := range ex.Names {
				if sp.Start < g.End && g.Start < sp.End {
					ok = true
					break
				}
			}
			if latinText {
				ls = append(ls, scored{sp.Score, ok})
			} else {
				ds = append(ds, scored{sp.Score, ok})
			}
		}
		if latinText {
			lGold += len(ex.Names)
		} else {
			dGold += len(ex.Names)
		}
	}
	deva, latin = pick(ds, dGold, minP), pick(ls, lGold, minP)
	m.minDeva, m.minLatin = deva.Min, latin.Min
	return deva, latin
}

// Scores is what a threshold gives on the calibration examples.
type Scores struct {
	Min     float32
	P, R, F float64
}

type scored struct {
	score float32
	ok    bool
}

// pick returns the threshold over spans (counting a gold name once per right span, which is near enough
// for choosing) with the best F1 at precision minP or more, or the most precise one.
func pick(spans []scored, gold int, minP float64) Scores {
	sort.Slice(spans, func(i, j int) bool { return spans[i].score > spans[j].score })
	var best, precise Scores
	right := 0
	for i, sp := range spans {
		if sp.ok {
			right++
		}
		if i+1 < len(spans) && spans[i+1].score == sp.score {
			continue
		}
		p, r := float64(right)/float64(i+1), float64(right)/float64(max(gold, 1))
		f := 0.0
		if p+r > 0 {
			f = 2 * p * r / (p + r)
		}
		c := Scores{sp.score, p, r, f}
		if p >= minP && f > best.F {
			best = c
		}
		if p > precise.P {
			precise = c
		}
	}
	if best.F == 0 {
		return precise
	}
	return best
}
