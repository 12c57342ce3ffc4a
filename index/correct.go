package index

import (
	"bytes"
	"context"
	"sort"
	"strings"
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"
	"github.com/blevesearch/vellum"
	"github.com/blevesearch/vellum/levenshtein"

	"github.com/newsearch/bilingual/entities"
)

// Correction is a close spelling searched for a query word that the index
// (almost) lacks: kejriwl → kejriwal.
type Correction struct {
	From string `json:"from"` // the word as typed
	To   string `json:"to"`   // the spelling searched besides it
}

// Bounds on spelling correction: words shorter than minCorrectRunes are not
// corrected (too many words lie one edit from a short one); one edit is
// allowed up to farCorrectRunes letters, two from there on. A word is
// corrected when the index has it in no more than rareDocs articles and the
// close spelling in at least rareRatio times as many.
const (
	minCorrectRunes = 4
	farCorrectRunes = 8
	rareDocs        = 2
	rareRatio       = 50
)

// speller proposes close spellings: the names and dictionary headwords the
// product knows (so a misspelt name still finds the person, in both
// scripts), then the words of the index itself.
type speller struct {
	vocab *vellum.FST
	lev   [3]*levenshtein.LevenshteinAutomatonBuilder // by edit distance
}

// newSpeller indexes the given words, lowercased.
func newSpeller(words []string) (*speller, error) {
	seen := map[string]bool{}
	var ws []string
	for _, w := range words {
		w = strings.ToLower(w)
		if utf8.RuneCountInString(w) >= minCorrectRunes && !seen[w] && !strings.ContainsRune(w, ' ') {
			seen[w] = true
			ws = append(ws, w)
		}
	}
	sort.Strings(ws)
	var buf bytes.Buffer
	b, err := vellum.New(&buf, nil)
	if err != nil {
		return nil, err
	}
	for _, w := range ws {
		if err := b.Insert([]byte(w), 0); err != nil {
			return nil, err
		}
	}
	if err := b.Close(); err != nil {
		return nil, err
	}
	sp := &speller{}
	if sp.vocab, err = vellum.Load(buf.Bytes()); err != nil {
		return nil, err
	}
	for d := 1; d <= 2; d++ {
		if sp.lev[d], err = levenshtein.NewLevenshteinAutomatonBuilder(uint8(d), true); err != nil {
			return nil, err
		}
	}
	return sp, nil
}

// vocabulary lists the words spelling correction knows: every word of the
// gazetteer's names and the lexicon's one-word headwords in both languages.
func vocabulary(g *entities.Gazetteer, tr *translator) []string {
	var out []string
	for _, p := range g.People() {
		for _, n := range append([]string{p.NameEn, p.NameHi}, p.Aliases...) {
			out = append(out, strings.Fields(n)...)
		}
	}
	for _, p := range g.Parties() {
		for _, n := range append(append([]string{p.NameEn, p.NameHi}, p.AliasesEn...), p.AliasesHi...) {
			out = append(out, strings.Fields(n)...)
		}
	}
	if tr != nil {
		out = append(out, tr.headwords...)
	}
	return out
}

// distance is the edit distance allowed for a word of n letters.
func distance(n int) int {
	if n >= farCorrectRunes {
		return 2
	}
	return 1
}

// correct returns the close spelling to search for word, or "" when the
// index has the word itself or nothing close to it. r reads document
// frequencies; fields are the word's own language fields.
func (p *planner) correct(ctx context.Context, r index.IndexReader, word string) string {
	n := utf8.RuneCountInString(word)
	if n < minCorrectRunes || p.s.spell == nil {
		return ""
	}
	field := FieldBodyEn
	if Script(word) == "devanagari" {
		field = FieldBodyHi
	}
	a := p.field(field)
	own := p.docFreq(ctx, r, a, field, word)
	if own > rareDocs {
		return ""
	}
	best, bestDF := "", uint64(0)
	consider := func(cand string) {
		if df := p.docFreq(ctx, r, a, field, cand); df > bestDF {
			best, bestDF = cand, df
		}
	}
	lower := strings.ToLower(word)
	if dfa, err := p.s.spell.lev[distance(n)].BuildDfa(lower, uint8(distance(n))); err == nil {
		if it, err := p.s.spell.vocab.Search(dfa, nil, nil); err == nil {
			for err == nil {
				k, _ := it.Current()
				if string(k) != lower {
					consider(string(k))
				}
				err = it.Next()
			}
		}
	}
	if best == "" {
		// No known word is close: the index's own words, analyzed alike.
		best, bestDF = closestTerm(r, a, field, word, distance(n))
	}
	if best == "" || bestDF < rareRatio*max(own, 1) && own > 0 {
		return ""
	}
	return best
}

// closestTerm returns the most frequent term of field within dist edits of
// word's one analyzed term, and its document count; "" when there is none.
func closestTerm(r index.IndexReader, a textField, field, word string, dist int) (string, uint64) {
	fr, ok := r.(index.IndexReaderFuzzy)
	toks := a.an.Analyze([]byte(word))
	if !ok || len(toks) != 1 {
		return "", 0
	}
	term := string(toks[0].Term)
	d, err := fr.FieldDictFuzzy(field, term, dist, "")
	if err != nil {
		return "", 0
	}
	defer d.Close()
	best, bestDF := "", uint64(0)
	for e, err := d.Next(); err == nil && e != nil; e, err = d.Next() {
		if e.Term != term && e.Count > bestDF {
			best, bestDF = e.Term, e.Count
		}
	}
	return best, bestDF
}

// docFreq is how many documents have word, analyzed by f's analyzer, in field.
func (p *planner) docFreq(ctx context.Context, r index.IndexReader, f textField, field, word string) uint64 {
	toks := f.an.Analyze([]byte(word))
	if len(toks) != 1 {
		return 0
	}
	tfr, err := r.TermFieldReader(ctx, toks[0].Term, field, false, false, false)
	if err != nil {
		return 0
	}
	defer tfr.Close()
	return tfr.Count()
}
