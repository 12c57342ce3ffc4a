package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsearch/bilingual/query"
)

// name is a run of query words that together name a known person or party,
// or form a dictionary phrase: one concept, so its words are not translated
// one by one (शिवराज सिंह चौहान is not "lion") and match only together.
type name struct {
	query.Phrase
	people, parties []string
}

// String prints (name "words").
func (n name) String() string { return "(name " + n.Phrase.String() + ")" }

// groupNames replaces runs of words that name a known person or party, or
// form a phrase the dictionaries translate as one, by a name leaf. Runs are
// tried longest first, up to four words, inside every AND.
func (p *planner) groupNames(n query.Node) query.Node {
	return query.Map(n, func(n query.Node) query.Node {
		a, ok := n.(query.And)
		if !ok {
			return n
		}
		var out []query.Node
		for i := 0; i < len(a.Children); {
			j, g := p.longestName(a.Children[i:])
			if j < 2 {
				out = append(out, a.Children[i])
				i++
				continue
			}
			out = append(out, g)
			i += j
		}
		if len(out) == 1 {
			return out[0]
		}
		return query.And{Children: out}
	})
}

// longestName returns how many of the leading words of items form a name
// (0 when fewer than two do) and the name leaf.
func (p *planner) longestName(items []query.Node) (int, query.Node) {
	var words []string
	for _, it := range items {
		w, ok := it.(query.Word)
		if !ok || len(words) == maxPhraseTokens {
			break
		}
		words = append(words, w.Text)
	}
	for n := len(words); n >= 2; n-- {
		text := strings.Join(words[:n], " ")
		g := name{Phrase: query.NewPhrase(text)}
		if id, ok := p.s.gaz.ResolvePerson(text); ok {
			g.people = []string{id}
		} else if code, ok := p.s.gaz.ResolveParty(text); ok {
			g.parties = []string{code}
		} else if p.s.tr == nil || !p.s.tr.knowsPhrase(text) {
			continue
		}
		return n, g
	}
	return 0, nil
}

// build turns a query tree into Bleve's, with each leaf a concept; neg says
// the node sits under an exclusion. A concept is one word, phrase or name
// matched in either language (Pirkola's structured queries for
// dictionary-based cross-language retrieval): its own analyzed form in every
// language field, its translations, its phonetic keys and the person or
// party it names, OR-ed (leaf.go). The query's operators apply to concepts,
// so "Congress -भाजपा" excludes articles that name the BJP in any script,
// and two words must both match, each in whichever language the article is
// written.
func (p *planner) build(n query.Node, neg bool) bq.Query {
	switch n := n.(type) {
	case query.And:
		var must, not []bq.Query
		for _, c := range n.Children {
			if c, ok := c.(query.Not); ok {
				if q := p.build(c.Child, !neg); q != nil {
					not = append(not, q)
				}
				continue
			}
			if q := p.build(c, neg); q != nil {
				must = append(must, q)
			}
		}
		return andNot(must, not)
	case query.Or:
		var qs []bq.Query
		for _, c := range n.Children {
			if q := p.build(c, neg); q != nil {
				qs = append(qs, q)
			}
		}
		if len(qs) == 0 {
			return nil
		}
		return bleve.NewDisjunctionQuery(qs...)
	case query.Not:
		if q := p.build(n.Child, !neg); q != nil {
			return andNot(nil, []bq.Query{q})
		}
	case query.Must:
		return p.build(n.Child, neg)
	case query.Word:
		return p.word(n.Text, neg)
	case query.Phrase:
		q, _ := p.concept(leaf{text: n.Text, phrase: true}, neg)
		return q
	case name:
		q, _ := p.concept(leaf{text: n.Text, people: n.people, parties: n.parties}, neg)
		return q
	}
	return nil
}

// word is the concept of one word, or of it and its close spelling when the
// index lacks the word and the product does not know it otherwise.
func (p *planner) word(text string, neg bool) bq.Query {
	q, known := p.concept(leaf{text: text}, neg)
	if known || neg || p.romanized || p.indexReader() == nil {
		return q
	}
	fix := p.correct(p.ctx, p.reader, text)
	if fix == "" {
		return q
	}
	p.qi.Corrections = append(p.qi.Corrections, Correction{From: text, To: fix})
	alt, _ := p.concept(leaf{text: fix}, neg)
	switch {
	case alt == nil:
		return q
	case q == nil:
		return alt
	}
	return bleve.NewDisjunctionQuery(q, alt)
}

// andNot matches every query in must and none in not; with must empty, every
// document but those.
func andNot(must, not []bq.Query) bq.Query {
	switch {
	case len(must) == 0 && len(not) == 0:
		return nil
	case len(not) == 0 && len(must) == 1:
		return must[0]
	case len(not) == 0:
		return bleve.NewConjunctionQuery(must...)
	}
	b := bleve.NewBooleanQuery()
	if len(must) > 0 {
		// A conjunction, never a bare MatchNone: Bleve's Boolean drops a
		// Must that matches nothing and would then return everything but
		// the exclusions.
		b.AddMust(bleve.NewConjunctionQuery(must...))
	}
	b.AddMustNot(not...)
	return b
}
