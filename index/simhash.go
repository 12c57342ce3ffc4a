package index

import (
	"hash/fnv"
	"math/bits"
	"unicode"
	"unicode/utf8"

	"github.com/newsearch/bilingual/analyzers"
)

// Near-duplicate detection: a 64-bit SimHash over the word 3-shingles of an
// article's normalized body. SimHash rather than MinHash because one 64-bit
// number per article is all a live write needs to look up (MinHash needs a
// signature of ~100 values and LSH tables over them), and on the hand-labelled
// corpus pairs (testdata/dup_labels.tsv) it separates copies as well.

// DupBits is how many of the 64 fingerprint bits two articles may differ in
// and still be copies of one another. On the labelled pairs, copies re-posted
// with a sentence or title added differ in up to 12 bits, different articles
// sharing passages in 11 or more; 7 misses a few such copies and takes no
// article for another's copy.
const DupBits = 7

// dupShingle is how many words a shingle holds.
const dupShingle = 3

// dupWords splits a body into normalized words: lowercased, NFC and
// Devanagari folded as the Hindi analyzer folds them, so the same article
// typed with other code points (nukta, candrabindu, digits) hashes alike.
// It folds the body a piece at a time (analyzers.FoldPieces): folding a
// whole body at once was a tenth of indexing's time.
func dupWords(body string) []string { return foldedWords(analyzers.NewPieceFolder(), body) }

// foldedWords is dupWords folding with f.
func foldedWords(f *analyzers.PieceFolder, body string) []string {
	var words []string
	f.Fold(body, func(piece string) {
		words = appendFields(words, piece)
	})
	return words
}

// appendFields appends the words of s to words: its runs of letters,
// numbers and combining marks, as strings.FieldsFunc would cut them.
func appendFields(words []string, s string) []string {
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words = append(words, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, s[start:])
	}
	return words
}

// isWordRune reports whether r belongs to a word of dupWords.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// shingles returns the hashes of a body's word 3-shingles (the words
// themselves when it has fewer than three).
func shingles(words []string) []uint64 {
	n := len(words) - dupShingle + 1
	if n < 1 {
		n = min(1, len(words))
	}
	out := make([]uint64, 0, n)
	h := fnv.New64a()
	for i := range n {
		h.Reset()
		for _, w := range words[i:min(i+dupShingle, len(words))] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		out = append(out, h.Sum64())
	}
	return out
}

// Fingerprint is the SimHash of a body: each bit is the majority vote of
// that bit over its shingles' hashes, so bodies sharing most shingles
// differ in few bits. An empty body has fingerprint 0, which matches
// nothing (see dupIndex.add).
func Fingerprint(body string) uint64 { return fingerprint(analyzers.NewPieceFolder(), body) }

// fingerprint is Fingerprint folding with f.
func fingerprint(f *analyzers.PieceFolder, body string) uint64 {
	hs := shingles(foldedWords(f, body))
	if len(hs) == 0 {
		return 0
	}
	// A bit's vote is its ones less its zeros: it is set when 2*ones > n.
	var ones [64]int
	for _, h := range hs {
		for b := range 64 {
			ones[b] += int(h >> b & 1)
		}
	}
	var fp uint64
	for b, c := range ones {
		if 2*c > len(hs) {
			fp |= 1 << b
		}
	}
	return fp
}

// ShingleJaccard is the Jaccard similarity of two bodies' word 3-shingle
// sets: the measure the detector is judged against.
func ShingleJaccard(a, b string) float64 {
	sa, sb := map[uint64]bool{}, map[uint64]bool{}
	for _, h := range shingles(dupWords(a)) {
		sa[h] = true
	}
	for _, h := range shingles(dupWords(b)) {
		sb[h] = true
	}
	if len(sa)+len(sb) == 0 {
		return 0
	}
	both := 0
	for h := range sa {
		if sb[h] {
			both++
		}
	}
	return float64(both) / float64(len(sa)+len(sb)-both)
}

// SameStory reports whether two fingerprints are within DupBits of each other.
func SameStory(a, b uint64) bool {
	return a != 0 && b != 0 && bits.OnesCount64(a^b) <= DupBits
}

// dupBands is how many 16-bit bands the band index splits a fingerprint
// into, each looked up within one bit: two fingerprints within DupBits
// (7) bits differ in at most one bit of some band (pigeonhole: 7 < 4×2), so
// every copy is found. With 8-bit bands looked up exactly, as before, each
// of the 256 values of a band held 1/256 of the articles and every article
// was compared with 1/32 of all those indexed (31,000 at a million): a
// build's cost grew with the square of its size. Here an article meets
// 68/65,536 of them.
const dupBands = 4

// dupEntry is one indexed article in the band index.
type dupEntry struct {
	id, cluster string
	fp          uint64
}

// dupIndex finds the cluster of an article's near-duplicates among those
// seen so far: a band index over fingerprints, candidates being those with a
// band within one bit of the article's, checked by Hamming
// distance. Not safe for concurrent use.
type dupIndex struct {
	bands [dupBands][][]*dupEntry // by band value, 1<<16 lists each
	byID  map[string]*dupEntry
}

func newDupIndex() *dupIndex {
	d := &dupIndex{byID: map[string]*dupEntry{}}
	for i := range d.bands {
		d.bands[i] = make([][]*dupEntry, 1<<16)
	}
	return d
}

func band(fp uint64, i int) uint16 { return uint16(fp >> (16 * i)) }

// near calls visit with every entry whose band i is within one bit of b.
func (d *dupIndex) near(i int, b uint16, visit func(*dupEntry)) {
	for flip := -1; flip < 16; flip++ {
		key := b
		if flip >= 0 {
			key ^= 1 << flip
		}
		for _, e := range d.bands[i][key] {
			visit(e)
		}
	}
}

// assign returns the cluster an article with id and fingerprint fp joins,
// and remembers it: the cluster of the nearest article seen within DupBits
// (the lowest cluster id among equally near ones), or a new cluster named
// by id. A replaced article is first forgotten, so it does not match itself.
func (d *dupIndex) assign(id string, fp uint64) string {
	d.remove(id)
	var best *dupEntry
	bestDist := DupBits + 1
	visit := func(e *dupEntry) {
		if !SameStory(fp, e.fp) {
			return
		}
		dist := bits.OnesCount64(fp ^ e.fp)
		if dist < bestDist || dist == bestDist && e.cluster < best.cluster {
			best, bestDist = e, dist
		}
	}
	for i := range d.bands {
		d.near(i, band(fp, i), visit)
	}
	cluster := id
	if best != nil {
		cluster = best.cluster
	}
	d.add(id, fp, cluster)
	return cluster
}

// add remembers an article's fingerprint and cluster.
func (d *dupIndex) add(id string, fp uint64, cluster string) {
	d.remove(id)
	e := &dupEntry{id: id, cluster: cluster, fp: fp}
	d.byID[id] = e
	if fp == 0 {
		return
	}
	for i := range d.bands {
		d.bands[i][band(fp, i)] = append(d.bands[i][band(fp, i)], e)
	}
}

// remove forgets an article, as when it is deleted or replaced.
func (d *dupIndex) remove(id string) {
	e, ok := d.byID[id]
	if !ok {
		return
	}
	delete(d.byID, id)
	for i := range d.bands {
		b := band(e.fp, i)
		list := d.bands[i][b]
		for j, o := range list {
			if o == e {
				list = append(list[:j], list[j+1:]...)
				break
			}
		}
		d.bands[i][b] = list
	}
}
