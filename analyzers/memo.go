package analyzers

import (
	"hash/maphash"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
)

// memoShards is how many independently locked parts a termMemo has, so that
// indexing goroutines seldom wait for one another.
const memoShards = 64

// memoCapacity bounds the distinct terms a termMemo remembers. News
// vocabulary is Zipfian: a few tens of thousands of words make up nearly all
// tokens, and at about a hundred bytes an entry the memo stays below 10 MB
// per analyzer.
const memoCapacity = 1 << 16

// memoTerm is one token a filter chain emits for an input term.
type memoTerm struct {
	term    string
	keyWord bool
}

// memoShard is one locked part of a termMemo.
type memoShard struct {
	mu sync.RWMutex
	m  map[string][]memoTerm
}

// termMemo remembers, for each term, the tokens a filter chain makes of it.
// It is safe for concurrent use.
type termMemo struct {
	seed     maphash.Seed
	shardCap int // entries a shard holds before it is emptied
	shards   [memoShards]memoShard
}

func newTermMemo(capacity int) *termMemo {
	m := &termMemo{seed: maphash.MakeSeed(), shardCap: max(1, capacity/memoShards)}
	for i := range m.shards {
		m.shards[i].m = make(map[string][]memoTerm)
	}
	return m
}

func (m *termMemo) shard(term []byte) *memoShard {
	return &m.shards[maphash.Bytes(m.seed, term)%memoShards]
}

func (m *termMemo) get(term []byte) ([]memoTerm, bool) {
	s := m.shard(term)
	s.mu.RLock()
	out, ok := s.m[string(term)]
	s.mu.RUnlock()
	return out, ok
}

// put remembers out for term. A full shard is emptied rather than evicted
// entry by entry: the frequent terms come back at once, and the memo needs no
// bookkeeping on the hot path.
func (m *termMemo) put(term []byte, out []memoTerm) {
	s := m.shard(term)
	s.mu.Lock()
	if len(s.m) >= m.shardCap {
		clear(s.m)
	}
	s.m[string(term)] = out
	s.mu.Unlock()
}

// memoAnalyzer is a tokenizer followed by token filters that each map a
// token to tokens by its term alone (and its keyword flag, which the
// tokenizer leaves false): lowercasing, normalizing, stop words, stemmers,
// phonetic keys. Such a chain makes the same tokens of every occurrence of a
// word, so the analyzer runs the filters once per distinct term and
// remembers the result; offsets, positions and types are the tokenizer's,
// which these filters never change. Bleve's DefaultAnalyzer with the same
// parts gives the same tokens, and a test holds the two together.
type memoAnalyzer struct {
	tokenizer analysis.Tokenizer
	filters   []analysis.TokenFilter
	memo      *termMemo
}

// Analyze implements analysis.Analyzer.
func (a *memoAnalyzer) Analyze(input []byte) analysis.TokenStream {
	in := a.tokenizer.Tokenize(input)
	out := make(analysis.TokenStream, 0, len(in))
	// The terms handed out are copies in one buffer per call, so a caller
	// changing a term in place cannot corrupt the memo.
	arena := make([]byte, 0, len(input))
	var extra []analysis.Token // tokens beyond the tokenizer's, for filters that add some
	for _, tok := range in {
		terms, ok := a.memo.get(tok.Term)
		if !ok {
			terms = a.filter(tok)
			a.memo.put(tok.Term, terms)
		}
		for i, t := range terms {
			start := len(arena)
			arena = append(arena, t.term...)
			o := tok
			if i > 0 {
				if len(extra) == 0 {
					extra = make([]analysis.Token, len(in))
				}
				o = &extra[0]
				extra = extra[1:]
				*o = *tok
			}
			o.Term = arena[start:len(arena):len(arena)]
			o.KeyWord = t.keyWord
			out = append(out, o)
		}
	}
	return out
}

// filter runs the filters on a copy of tok alone and returns the terms and
// keyword flags of what they emit.
func (a *memoAnalyzer) filter(tok *analysis.Token) []memoTerm {
	t := *tok
	t.Term = append([]byte(nil), tok.Term...)
	ts := analysis.TokenStream{&t}
	for _, f := range a.filters {
		ts = f.Filter(ts)
	}
	out := make([]memoTerm, len(ts))
	for i, o := range ts {
		out[i] = memoTerm{term: string(o.Term), keyWord: o.KeyWord}
	}
	return out
}
