package index

import (
	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"
)

// leaf is what one concept of the query is made of before it becomes a
// Bleve query: the text as typed and how it was written.
type leaf struct {
	text            string
	phrase          bool     // quoted: its words in order in every language
	people, parties []string // known entities the text names as a whole
}

// concept builds the Bleve query of one leaf: the disjunction of its own
// analyzed form in every language field, the people and parties it names,
// its translations and, for words the dictionaries do not know, its phonetic
// key. It returns nil when the leaf has nothing searchable (a stop word in
// every language). Unless neg (the leaf is excluded), what it searched is
// recorded for QueryInfo and the snippets. known says the leaf named a person
// or party or had a translation: a word the product knows is not misspelt.
func (p *planner) concept(l leaf, neg bool) (q bq.Query, known bool) {
	var qs []bq.Query
	own := false
	byField := make([]bq.Query, len(p.s.fields))
	for i, f := range p.s.fields {
		if len(f.an.Analyze([]byte(l.text))) == 0 {
			continue
		}
		own = true
		if l.phrase {
			m := bleve.NewMatchPhraseQuery(l.text)
			m.SetField(f.name)
			m.Analyzer = f.analyzer
			m.SetBoost(f.boost)
			byField[i] = m
			qs = append(qs, m)
			continue
		}
		m := bleve.NewMatchQuery(l.text)
		m.SetField(f.name)
		m.Analyzer = f.analyzer
		m.SetBoost(f.boost)
		m.SetOperator(bq.MatchQueryOperatorAnd) // "covid-19": both its tokens
		byField[i] = m
		qs = append(qs, m)
	}
	people, parties := l.people, l.parties
	if people == nil && parties == nil {
		people, parties = p.entities(l)
	}
	for _, g := range []struct {
		field string
		ids   []string
	}{{FieldPeople, people}, {FieldParties, parties}} {
		for _, id := range g.ids {
			t := bleve.NewTermQuery(id)
			t.SetField(g.field)
			t.SetBoost(EntityBoost)
			qs = append(qs, t)
		}
	}
	named := len(l.people)+len(l.parties) > 0
	translated := false
	if p.s.tr != nil && !named && own {
		var tq []bq.Query
		var exp *Expansion
		tq, exp = p.s.tr.translate(l.text, l.phrase, &p.budget)
		if exp != nil {
			translated = true
			qs = append(qs, bleve.NewDisjunctionQuery(tq...))
			if !neg {
				p.qi.Expansions = append(p.qi.Expansions, *exp)
				p.marks = append(p.marks, exp.To...)
			}
		}
	}
	if p.s.tr != nil && !l.phrase && !named && (!translated || p.romanized) {
		if kq, key := p.s.tr.keyClause(l.text, p.romanized, &p.budget); kq != nil {
			qs = append(qs, kq)
			if !neg && p.romanized {
				p.keys = append(p.keys, key)
			}
		}
	}
	known = translated || len(people)+len(parties) > 0
	if !own && len(qs) == 0 {
		return nil, known
	}
	if !neg {
		p.marks = append(p.marks, l.text)
		p.people = appendNew(p.people, people...)
		p.parties = appendNew(p.parties, parties...)
	}
	if len(qs) == 1 {
		return qs[0], known
	}
	d := bleve.NewDisjunctionQuery(qs...)
	p.alts = append(p.alts, alt{d: d, own: byField})
	return d, known
}

// alt is one concept's disjunction, with its clauses on the query's own
// words by field, which a query that needs any one concept scores together.
type alt struct {
	d   *bq.DisjunctionQuery
	own []bq.Query // by index of Searcher.fields; nil where the leaf has no terms
}

// weigh sets whether the concepts' clauses are weighed up by their number.
// Bleve scales a disjunction's score by the share of its clauses that match,
// which would weigh a concept with many translations below one with a key
// alone; a concept's clauses are alternatives, not parts, so when concepts
// are scored each on its own (a query that needs two or more), each clause
// is weighed up by their number. A query that needs one concept is scored as
// one flat disjunction of every clause instead (flat), which the same rule
// of Bleve's ranks by how many of them match.
func (p *planner) weigh(on bool) {
	if on == p.weighed {
		return
	}
	p.weighed = on
	for _, a := range p.alts {
		d := a.d
		f := float64(len(d.Disjuncts))
		if !on {
			f = 1 / f
		}
		for _, c := range d.Disjuncts {
			scaleLeaves(c, f)
		}
	}
}

// scaleLeaves multiplies the boost of every leaf query under q by f: Bleve
// ignores boosts on conjunctions and disjunctions.
func scaleLeaves(q bq.Query, f float64) {
	switch q := q.(type) {
	case *bq.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			scaleLeaves(c, f)
		}
	case *bq.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			scaleLeaves(c, f)
		}
	case bq.BoostableQuery:
		q.SetBoost(q.Boost() * f)
	}
}

// stopWord reports whether the analyzer of word's own language (English for
// Latin script, Hindi for Devanagari) drops it: "the" or "में" is not a
// concept a match needs, though its clauses still help rank a question.
func (p *planner) stopWord(word string) bool {
	f := p.field(FieldBodyEn)
	if Script(word) == "devanagari" {
		f = p.field(FieldBodyHi)
	}
	return len(f.an.Analyze([]byte(word))) == 0
}

// field returns the text field called name.
func (p *planner) field(name string) textField {
	for _, f := range p.s.fields {
		if f.name == name {
			return f
		}
	}
	panic("index: no text field " + name)
}

// entities returns the people and parties a leaf names: a quoted name or a
// distinctive alias (Kejriwal, मोदी, भाजपा) through the gazetteer, or a bare
// first name or surname that only a few known people carry (आज़ाद, Kamal),
// since a user who types a name that is also a word means the person too.
func (p *planner) entities(l leaf) (people, parties []string) {
	if l.phrase {
		// Only a phrase that is a name as a whole: "Modi lockdown" is not
		// every article that names Modi.
		if id, ok := p.s.gaz.ResolvePerson(l.text); ok {
			people = []string{id}
		}
		if code, ok := p.s.gaz.ResolveParty(l.text); ok {
			parties = []string{code}
		}
		return people, parties
	}
	people, parties = p.s.ext.MatchQuery(l.text)
	if len(people) == 0 && len(parties) == 0 {
		people = p.s.names.People(l.text)
	}
	return people, parties
}

// appendNew appends the values of vs that xs lacks.
func appendNew(xs []string, vs ...string) []string {
	for _, v := range vs {
		found := false
		for _, x := range xs {
			if x == v {
				found = true
				break
			}
		}
		if !found {
			xs = append(xs, v)
		}
	}
	return xs
}
