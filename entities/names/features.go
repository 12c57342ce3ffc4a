package names

import (
	"unicode/utf8"

	"github.com/newsearch/bilingual/analyzers/translit"
)

// Feature templates: each hashes with the values it reads, so the same word under two templates is two
// features.
const (
	fBias = iota + 1
	fW0
	fWm1
	fWp1
	fSuf2
	fSuf3
	fPre3
	fShape3
	fLex0
	fLexm1p1
	fCuem1
	fCuep1
	fCuep2
	fWm2
	fWp2
	fCuem2
	fLexm1
	fLexp1
	fShape
	fLen
	fGap
	fPunct
	fBigramL
	fMark
	fShapeLex
	fPrev
	fPrevW0
	fPrevShapeLex
)

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func hashByte(h uint32, b byte) uint32 { return (h ^ uint32(b)) * fnvPrime }

func hashBytes(h uint32, s []byte) uint32 {
	for _, b := range s {
		h = (h ^ uint32(b)) * fnvPrime
	}
	return h
}

// sentence is what feature extraction reads of a tokenized text: each word folded into one buffer, and
// its shape, lexicon flags and cue class.
type sentence struct {
	text   string // what toks index
	toks   []Token
	fold   []byte
	foff   []int32 // word i is fold[foff[i]:foff[i+1]]
	shape  []uint8
	lex    []uint8
	cue    []uint8
	feats  []uint32
	tags   []uint8
	margin []float32      // score of the chosen tag over outside's
	rom    []byte         // a word's romanization
	wh     []uint32       // each folded word's hash, so features combine rather than rehash words
	loc    []local        // Viterbi: each word's tag scores after each previous tag
	back   [][nTags]uint8 // Viterbi: each word's best previous tag for each tag
}

// prepare tokenizes text (when toks is nil) and fills the per-word tables.
func (s *sentence) prepare(l *Lexicon, text string) {
	s.text = text
	s.fold, s.foff, s.shape, s.lex, s.cue, s.wh = s.fold[:0], s.foff[:0], s.shape[:0], s.lex[:0], s.cue[:0], s.wh[:0]
	for _, t := range s.toks {
		s.foff = append(s.foff, int32(len(s.fold)))
		var sh int
		s.fold, sh = appendFold(s.fold, text[t.Start:t.End])
		w := s.fold[s.foff[len(s.foff)-1]:]
		s.shape = append(s.shape, uint8(sh))
		s.wh = append(s.wh, hashBytes(fnvOffset, w))
		cue := l.cue(w)
		s.cue = append(s.cue, cue)
		f := l.flags(w)
		if sh == shapeDeva && cue != cueFunc {
			// the lexicons hold far more names in Latin letters: meet them through the romanization
			s.rom = translit.AppendPlain(s.rom[:0], text[t.Start:t.End])
			f |= l.flags(s.rom) << 3
		}
		s.lex = append(s.lex, f)
	}
	s.foff = append(s.foff, int32(len(s.fold)))
	if cap(s.feats) < maxFeats {
		s.feats = make([]uint32, 0, maxFeats)
	}
}

// maxFeats bounds the features of one word: static's and dynamic's.
const maxFeats = 40

// noWord is the hash of the word before the first and after the last.
const noWord = 0x9e3779b9

// whash returns word i's hash, or noWord outside the text.
func (s *sentence) whash(i int) uint32 {
	if i < 0 || i >= len(s.wh) {
		return noWord
	}
	return s.wh[i]
}

// mix folds a word's hash into a feature's.
func mix(h, v uint32) uint32 {
	h = (h ^ v) * fnvPrime
	return h ^ h>>15
}

func (s *sentence) word(i int) []byte {
	if i < 0 || i >= len(s.toks) {
		return nil
	}
	return s.fold[s.foff[i]:s.foff[i+1]]
}

// at returns a per-word table's value at i, or 255 outside the text.
func at(tab []uint8, i int) uint8 {
	if i < 0 || i >= len(tab) {
		return 255
	}
	return tab[i]
}

// static appends the hashed features of word i that do not depend on the tags before it.
func (s *sentence) static(i int) {
	f := s.feats[:0]
	// Every feature carries the word's script, so that Hindi as written and romanized are weighed
	// apart: capitals mean much in one and nothing in the other.
	deva := byte(0)
	if s.shape[i] == shapeDeva {
		deva = 1
	}
	h := func(t byte) uint32 { return hashByte(hashByte(fnvOffset, t), deva) }
	w0 := s.word(i)
	f = append(f, h(fBias))
	f = append(f, mix(h(fW0), s.wh[i]))
	f = append(f, mix(hashByte(h(fWm1), at(s.shape, i-1)), s.whash(i-1)))
	f = append(f, mix(h(fWp1), s.whash(i+1)))
	f = append(f, mix(h(fWm2), s.whash(i-2)))
	f = append(f, mix(h(fWp2), s.whash(i+2)))
	// affixes by runes
	n := 0
	for _, c := range w0 {
		if c&0xC0 != 0x80 {
			n++ // a rune's first byte
		}
	}
	if n > 3 {
		f = append(f, hashBytes(h(fSuf2), suffix(w0, 2)))
		f = append(f, hashBytes(h(fSuf3), suffix(w0, 3)))
		f = append(f, hashBytes(h(fPre3), prefix(w0, 3)))
	}
	sh := s.shape[i]
	f = append(f, hashByte(hashByte(hashByte(h(fShape3), at(s.shape, i-1)), sh), at(s.shape, i+1)))
	lx := s.lex[i]
	f = append(f, hashByte(h(fLex0), lx))
	f = append(f, hashByte(hashByte(hashByte(h(fLexm1p1), at(s.lex, i-1)), lx), at(s.lex, i+1)))
	f = append(f, hashByte(h(fCuem1), at(s.cue, i-1)))
	f = append(f, hashByte(h(fCuep1), at(s.cue, i+1)))
	f = append(f, hashByte(h(fCuep2), at(s.cue, i+2)))
	f = append(f, hashByte(h(fCuem2), at(s.cue, i-2)))
	f = append(f, hashByte(h(fLexm1), at(s.lex, i-1)))
	f = append(f, hashByte(h(fLexp1), at(s.lex, i+1)))
	f = append(f, hashByte(h(fShape), sh))
	f = append(f, hashByte(h(fLen), byte(min(n, 8))))
	gapAfter := byte(2)
	if i+1 < len(s.toks) && s.toks[i+1].Gap {
		gapAfter = 1
	} else if i+1 < len(s.toks) {
		gapAfter = 0
	}
	gap := byte(0)
	if s.toks[i].Gap || i == 0 {
		gap = 1
	}
	f = append(f, hashByte(hashByte(hashByte(h(fGap), gap), gapAfter), sh))
	pa := byte(0)
	if i+1 < len(s.toks) {
		pa = s.toks[i+1].Punct
	}
	f = append(f, hashByte(hashByte(h(fPunct), s.toks[i].Punct), pa))
	f = append(f, mix(mix(h(fBigramL), s.whash(i-1)), s.wh[i]))
	if m := s.toks[i].Mark; m != 0 {
		f = append(f, hashByte(h(fMark), m))
	}
	f = append(f, hashByte(hashByte(hashByte(h(fShapeLex), sh), lx), s.cue[i]))
	s.feats = f
}

// dynamic returns the features of word i that read the tag before it.
func (s *sentence) dynamic(i int, prev uint8) (a, b, c uint32) {
	deva := byte(0)
	if s.shape[i] == shapeDeva {
		deva = 1
	}
	h := func(t byte) uint32 { return hashByte(hashByte(hashByte(fnvOffset, t), prev), deva) }
	return h(fPrev), mix(h(fPrevW0), s.wh[i]), hashByte(hashByte(h(fPrevShapeLex), s.shape[i]), s.lex[i])
}

func suffix(w []byte, n int) []byte {
	i := len(w)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRune(w[:i])
		i -= size
	}
	return w[i:]
}

func prefix(w []byte, n int) []byte {
	i := 0
	for ; n > 0 && i < len(w); n-- {
		_, size := utf8.DecodeRune(w[i:])
		i += size
	}
	return w[:i]
}
