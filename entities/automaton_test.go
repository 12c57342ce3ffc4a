package entities

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/newsearch/bilingual/internal/shared"
)

// gazetteerPatterns returns the normalized names of the gazetteer's people
// and parties and their last words: the patterns NewExtractor's automaton
// holds, near enough to put the two automata through the same work.
func gazetteerPatterns(t *testing.T) []string {
	t.Helper()
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	for _, p := range g.People() {
		for _, n := range p.names() {
			k := normKey(n)
			set[k] = true
			f := strings.Fields(k)
			set[f[len(f)-1]] = true
		}
	}
	for _, p := range g.Parties() {
		for _, n := range append([]string{p.NameEn, p.NameHi}, append(p.AliasesEn, p.AliasesHi...)...) {
			set[normKey(n)] = true
		}
	}
	delete(set, "")
	pats := make([]string, 0, len(set))
	for p := range set {
		pats = append(pats, p)
	}
	sort.Strings(pats)
	return pats
}

// TestAutomataAgree holds the NFA that answers while the DFA is built to
// the DFA's matches, on the seeds and on 2,000 articles of each language.
func TestAutomataAgree(t *testing.T) {
	pats := gazetteerPatterns(t)
	nfa, dfa := buildAutomaton(pats, false), buildAutomaton(pats, true)
	x := newTestExtractor(t)

	var texts []string
	seeds, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	for _, f := range seeds {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	if shared.Dir() != "" {
		for _, file := range []string{"corpus/hi-news-2020.jsonl", "corpus/en-inshorts-2020.jsonl"} {
			for _, a := range readArticles(t, shared.Path(t, file), 2000) {
				texts = append(texts, a.Text())
			}
		}
	}
	matches := 0
	for i, text := range texts {
		norm, _ := x.normalizeTo(nil, text)
		got, want := scanWith(nfa, norm), scanWith(dfa, norm)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("text %d: NFA found %v, DFA %v", i, got, want)
		}
		matches += len(want)
	}
	// Enough matches that agreeing says something (the seeds alone have hundreds).
	if matches < 100 {
		t.Fatalf("only %d matches in %d texts", matches, len(texts))
	}
}

// TestAutomatonSwitchesToTheDFA checks that the automaton answers at once
// and that the DFA takes over once built.
func TestAutomatonSwitchesToTheDFA(t *testing.T) {
	a := newAutomaton([]string{"rahul gandhi", "गांधी", "modi"})
	first := a.current.Load()
	want := []rawMatch{{0, 12, 0}, {17, 21, 2}}
	if got := a.scan("rahul gandhi and modi"); !reflect.DeepEqual(got, want) {
		t.Fatalf("before the DFA: %v, want %v", got, want)
	}
	<-a.ready
	if a.current.Load() == first {
		t.Fatal("still the first automaton after the DFA was built")
	}
	if got := a.scan("rahul gandhi and modi"); !reflect.DeepEqual(got, want) {
		t.Fatalf("with the DFA: %v, want %v", got, want)
	}
}
