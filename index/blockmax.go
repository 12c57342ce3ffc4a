package index

import "math"

// A repeated search (facetcache.go) passes over whole blocks of documents:
// its counting search kept, for each block of blockDocs document numbers,
// the greatest score of a match in it (Lucene's block maxima, of the whole
// query rather than of each word, and only of the matches that pass the
// filters), and once the page is full, a block whose greatest score cannot
// beat the page's floor (prune.go) holds nothing for the page. A concept
// passes over such blocks as it reads its postings; a search that visits
// its known matches (filtersearcher.go) skips the known matches in them.
// A word on most pages of a corpus (कोरोना in the peers' news) has its
// best scorers everywhere, but the floor rises at once and few blocks
// reach it.

// blockDocs is how many document numbers share one greatest score
// (Searcher.blockDocs; tests change it). Copies of one article spread a
// query's best scores over the index, so blocks are small: over the peers'
// queries 64 did 3% better than 128 or 32 (in process, two pairs); at a
// million articles one query's blocks take 61 KB.
const blockDocs = 64

// peaks is what a counting search saw of its scores, which its repeats are
// pruned by.
type peaks struct {
	children []float64 // of a query of one concept: each live child's greatest score
	block    uint64    // document numbers per block
	blocks   []float32 // each block's greatest match score, rounded up
}

// recorder is a counting search's pruner for an index of docs document
// numbers.
func recorder(docs, block uint64) *pruner {
	return &pruner{record: true, block: block, blocks: make([]float32, docs/block+1)}
}

// note keeps the greatest score of document num's block, rounded up to a
// float32 so that it still bounds the score.
func (pr *pruner) note(num uint64, score float64) {
	if pr == nil || !pr.record || num/pr.block >= uint64(len(pr.blocks)) {
		return
	}
	up := float32(score)
	if float64(up) < score {
		up = math.Nextafter32(up, float32(math.Inf(1)))
	}
	b := &pr.blocks[num/pr.block]
	*b = max(*b, up)
}

// recorded returns what the counting searches over parts of the index saw,
// merged, or nil when one recorded nothing. The children's greatest scores
// are left out unless every part's query is the same concept.
func recorded(prs []*pruner) *peaks {
	var out *peaks
	children := true
	for _, pr := range prs {
		if pr == nil || !pr.record {
			return nil
		}
		if out == nil {
			out = &peaks{block: pr.block, blocks: make([]float32, len(pr.blocks))}
			if pr.concept != nil {
				out.children = make([]float64, len(pr.concept.seen))
			}
		}
		if pr.block != out.block || len(pr.blocks) != len(out.blocks) {
			return nil
		}
		for i, m := range pr.blocks {
			out.blocks[i] = max(out.blocks[i], m)
		}
		if pr.concept == nil || len(pr.concept.seen) != len(out.children) {
			children = false
			continue
		}
		for i, m := range pr.concept.seen {
			out.children[i] = max(out.children[i], m)
		}
	}
	if !children {
		out.children = nil
	}
	return out
}

// pass tells whether no match in the block of document num can beat the
// floor, and if so where the next block that may begins: exhausted when
// none does.
func (pr *pruner) pass(num uint64) (next uint64, ok bool) {
	if pr == nil || pr.floor == 0 || pr.peaks == nil || len(pr.peaks.blocks) == 0 {
		return 0, false
	}
	blocks, size := pr.peaks.blocks, pr.peaks.block
	below := func(b uint64) bool { return float64(blocks[b])*(1+pruneSlack) < pr.floor }
	b := num / size
	if b >= uint64(len(blocks)) || !below(b) {
		return 0, false
	}
	for b++; b < uint64(len(blocks)); b++ {
		if !below(b) {
			return b * size, true
		}
	}
	return exhausted, true
}
