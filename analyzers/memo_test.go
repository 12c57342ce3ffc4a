package analyzers

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// tokenLines renders every field of a token stream, one token a line.
func tokenLines(ts analysis.TokenStream) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "%q %d-%d @%d type=%d kw=%v\n", t.Term, t.Start, t.End, t.Position, t.Type, t.KeyWord)
	}
	return b.String()
}

// memoAndPlain returns the named analyzer and Bleve's DefaultAnalyzer with
// the same tokenizer and filters, the memo holding at most capacity terms.
func memoAndPlain(t *testing.T, name string, capacity int) (*memoAnalyzer, *analysis.DefaultAnalyzer) {
	t.Helper()
	a, err := registry.NewCache().AnalyzerNamed(name)
	if err != nil {
		t.Fatalf("analyzer %s: %v", name, err)
	}
	m, ok := a.(*memoAnalyzer)
	if !ok {
		t.Fatalf("analyzer %s is a %T, want *memoAnalyzer", name, a)
	}
	m = &memoAnalyzer{tokenizer: m.tokenizer, filters: m.filters, memo: newTermMemo(capacity)}
	return m, &analysis.DefaultAnalyzer{Tokenizer: m.tokenizer, TokenFilters: m.filters}
}

// TestMemoLikeDefault checks that remembering terms changes no token: each
// analyzer, run twice (the second time from the memo) and from many
// goroutines on a memo small enough to be emptied all the time, gives the
// tokens Bleve's DefaultAnalyzer gives.
func TestMemoLikeDefault(t *testing.T) {
	texts := []string{
		"राहुल गांधी (Rahul Gandhi) ने इस्तीफा दिया। We are with him's 2019 २०१९ बी॰जे॰पी॰ अस्\u200dपताल",
		"नेताओं ने कहा कि नेता मनाने आए; the leaders' resignations were resigned.",
	}
	for _, seed := range []string{"000", "001", "002", "003", "004"} {
		texts = append(texts, readSeed(t, seed))
	}
	for _, name := range []string{EnglishAnalyzer, HindiAnalyzer, DevanagariAnalyzer, RomanAnalyzer} {
		for _, capacity := range []int{memoCapacity, 1} {
			m, plain := memoAndPlain(t, name, capacity)
			want := make([]string, len(texts))
			for i, s := range texts {
				want[i] = tokenLines(plain.Analyze([]byte(s)))
				if want[i] == "" {
					t.Fatalf("%s: no tokens for text %d", name, i)
				}
			}
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					for round := range 2 {
						for i, s := range texts {
							if got := tokenLines(m.Analyze([]byte(s))); got != want[i] {
								t.Errorf("%s capacity %d round %d text %d:\ngot  %.300s\nwant %.300s", name, capacity, round, i, got, want[i])
							}
						}
					}
				})
			}
			wg.Wait()
		}
	}
}

// TestMemoTermsAreCopies checks that a caller changing a term in place does
// not change what the analyzer gives next time.
func TestMemoTermsAreCopies(t *testing.T) {
	m, _ := memoAndPlain(t, RomanAnalyzer, memoCapacity)
	first := m.Analyze([]byte("istifa istifa"))
	if len(first) != 4 {
		t.Fatalf("got %d tokens for two words, want 4 (key and light key each)", len(first))
	}
	want := tokenLines(first)
	for _, tok := range first {
		for i := range tok.Term {
			tok.Term[i] = 'x'
		}
	}
	if got := tokenLines(m.Analyze([]byte("istifa istifa"))); got != want {
		t.Errorf("after overwriting terms:\ngot  %s\nwant %s", got, want)
	}
}

// TestTermMemoCapacity checks that the memo stays within its bound.
func TestTermMemoCapacity(t *testing.T) {
	m := newTermMemo(memoShards * 2)
	for i := range 10000 {
		m.put(fmt.Appendf(nil, "w%d", i), nil)
	}
	n := 0
	for i := range m.shards {
		n += len(m.shards[i].m)
	}
	if n > memoShards*2 {
		t.Errorf("memo holds %d terms, want at most %d", n, memoShards*2)
	}
	m.put([]byte("modi"), []memoTerm{{term: "modi"}})
	if got, ok := m.get([]byte("modi")); !ok || len(got) != 1 || got[0].term != "modi" {
		t.Errorf("get(modi) = %v, %v; want the term just put", got, ok)
	}
}

func FuzzMemoLikeDefault(f *testing.F) {
	f.Add("राहुल गांधी (Rahul Gandhi) ने इस्तीफा दिया। We are with him's 2019 २०१९")
	f.Add("बी॰जे॰पी॰ अस्\u200dपताल soft\u00adhyphen \ufeffModi\u200e")
	f.Add("\xff\xe0\xa4 a\u0301 \u0915\u093c\u094d")
	type pair struct {
		memo  *memoAnalyzer
		plain *analysis.DefaultAnalyzer
	}
	var pairs []pair
	for _, name := range []string{EnglishAnalyzer, HindiAnalyzer, DevanagariAnalyzer, RomanAnalyzer} {
		a, err := registry.NewCache().AnalyzerNamed(name)
		if err != nil {
			f.Fatalf("analyzer %s: %v", name, err)
		}
		m := a.(*memoAnalyzer)
		pairs = append(pairs, pair{m, &analysis.DefaultAnalyzer{Tokenizer: m.tokenizer, TokenFilters: m.filters}})
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range pairs {
			want := tokenLines(p.plain.Analyze([]byte(s)))
			// Twice: the first run may fill the memo, the second reads it.
			for range 2 {
				if got := tokenLines(p.memo.Analyze([]byte(s))); got != want {
					t.Errorf("memo analyzer on %q:\ngot  %s\nwant %s", s, got, want)
				}
			}
		}
	})
}
