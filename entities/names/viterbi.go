package names

import "math"

// Viterbi decoding: the tag sequence of best total score, rather than each word's best tag given the
// tag greedily chosen before it. A greedy tagger that opens a name on a weak first word ("पूर्व") or
// misses a first word whose surname is strong cannot take it back; the best sequence can.

// local holds a word's scores of each tag after each previous tag (O, B, I; tagStart uses row O).
type local [nTags][nTags]float32

// decode fills s.tags and s.margin with the best-scoring tag sequence under t's model. A word's margin is
// its tag's score over outside's, after the previous tag on the best path.
func (t *Tagger) decode(s *sentence) {
	n := len(s.toks)
	s.tags, s.margin = s.tags[:0], s.margin[:0]
	if cap(s.loc) < n {
		s.loc = make([]local, n)
		s.back = make([][nTags]uint8, n)
	}
	s.loc, s.back = s.loc[:n], s.back[:n]
	inf := float32(math.Inf(-1))
	var delta, next [nTags]float32
	for i := 0; i < n; i++ {
		var sc local
		plain := s.plainWord(i)
		if !plain {
			s.static(i)
			var st [nTags]float32
			t.m.score(s.feats, &st)
			for p := tagO; p < nTags; p++ {
				if i == 0 && p != tagO {
					break
				}
				prev := p
				if i == 0 {
					prev = tagStart
				}
				a, b, c := s.dynamic(i, prev)
				sc[p] = st
				t.m.score([]uint32{a, b, c}, &sc[p])
			}
		}
		s.loc[i] = sc
		for tag := tagO; tag < nTags; tag++ {
			next[tag] = inf
			if plain && tag != tagO {
				continue
			}
			for p := tagO; p < nTags; p++ {
				if i == 0 && p != tagO {
					break
				}
				if tag == tagI && (i == 0 || p == tagO || s.toks[i].Gap) {
					continue
				}
				d := sc[p][tag]
				if i > 0 {
					d += delta[p]
				}
				if d > next[tag] {
					next[tag], s.back[i][tag] = d, p
				}
			}
		}
		delta = next
	}
	best := tagO
	for tag := tagB; tag < nTags; tag++ {
		if delta[tag] > delta[best] {
			best = tag
		}
	}
	for range n {
		s.tags, s.margin = append(s.tags, 0), append(s.margin, 0)
	}
	for i := n - 1; i >= 0; i-- {
		s.tags[i] = best
		p := s.back[i][best]
		s.margin[i] = s.loc[i][p][best] - s.loc[i][p][tagO]
		best = p
	}
}
