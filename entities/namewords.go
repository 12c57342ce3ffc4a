package entities

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// MaxNameWordPeople bounds NameWords.People: a word that is the first name or
// surname of more people than this (Singh, Kumar, सिंह) names no one in
// particular, so a query word does not stand for all of them.
const MaxNameWordPeople = 3

// NameWords finds the gazetteer people a single query word may name by their
// first name or surname alone. A search box is not an article: there is no
// full name elsewhere to resolve a bare "आज़ाद" or "Kamal" against, so the
// query side asks which few people carry that name word, in either script.
type NameWords struct {
	byWord map[string][]string // normalized word → person ids, sorted
}

// NewNameWords indexes the first and last words of every multi-word name
// and alias of g's people.
func NewNameWords(g *Gazetteer) *NameWords {
	nw := &NameWords{byWord: map[string][]string{}}
	for _, p := range g.People() {
		for _, n := range p.names() {
			toks := strings.Fields(normKey(n))
			if len(toks) < 2 {
				continue
			}
			for _, w := range []string{toks[0], toks[len(toks)-1]} {
				if utf8.RuneCountInString(w) < 3 || contains(nw.byWord[w], p.ID) {
					continue
				}
				nw.byWord[w] = append(nw.byWord[w], p.ID)
			}
		}
	}
	for _, ids := range nw.byWord {
		sort.Strings(ids)
	}
	return nw
}

// People returns the ids of the people whose first name or surname is word
// (in either script, spelling variants folded as in articles), or nil when
// none is, or when more than MaxNameWordPeople are.
func (nw *NameWords) People(word string) []string {
	ids := nw.byWord[normKey(word)]
	if len(ids) > MaxNameWordPeople {
		return nil
	}
	return ids
}
