package index

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/newsearch/bilingual/query"
)

// How many of a query's concepts a match needs (Request.Op).
const (
	// OpAuto needs every concept of a short query and most of a long one,
	// and falls back to the most it can find when nothing has them all.
	OpAuto = ""
	// OpAnd needs every concept, and never relaxes.
	OpAnd = "and"
	// OpOr needs any one concept; the more a match has, the higher it ranks.
	OpOr = "or"
)

// AllRequiredUpTo is the most concepts a query can have and still need all
// of them; beyond it a match needs RelaxedShare of them (rounded down), the
// convention of Elasticsearch's minimum_should_match "3<75%". A short query
// is a list of things the user wants together; a long one is usually a
// question or a sentence, whose every word no article repeats. The figures
// were chosen with `make eval` (the README gives the table).
const (
	AllRequiredUpTo = 3
	RelaxedShare    = 0.75
)

// Matching tells the user how many of the query's concepts a match needed.
type Matching struct {
	Required int  `json:"required"` // concepts every match has
	Of       int  `json:"of"`       // concepts the query has
	Relaxed  bool `json:"relaxed"`  // fewer than the rule asked: nothing had them all
}

// required is how many of n concepts a match needs under op.
func required(n int, op string) int {
	switch {
	case n == 0:
		return 0
	case op == OpOr:
		return 1
	case op == OpAnd || n <= AllRequiredUpTo:
		return n
	}
	return max(AllRequiredUpTo, int(float64(n)*RelaxedShare))
}

// planner turns one query into Bleve's, recording how it was read.
type planner struct {
	s         *Searcher
	ctx       context.Context
	reader    index.IndexReader // document frequencies, for spelling correction; nil: none
	qi        *QueryInfo
	romanized bool
	budget    int // translation and key clauses left (MaxExpansionClauses)

	marks           []string // snippet marks: words, translations, names
	keys            []string // phonetic keys of a romanized query, to show
	people, parties []string // entities the query names

	tree     query.Node
	must     []bq.Query // +items: needed even when relaxed
	optional []bq.Query // other positive items
	not      bq.Query   // the exclusions, nil when none
}

// plan parses q and builds its concepts; the Bleve query comes from
// (*planner).query for a number of concepts needed.
func (s *Searcher) plan(ctx context.Context, q string, qi *QueryInfo) (*planner, error) {
	p := &planner{s: s, ctx: ctx, qi: qi, budget: MaxExpansionClauses}
	p.tree = query.Parse(q)
	if s.spell != nil {
		adv, err := s.idx.Advanced()
		if err != nil {
			return nil, err
		}
		if p.reader, err = adv.Reader(); err != nil {
			return nil, err
		}
		defer p.reader.Close()
	}
	if s.tr != nil {
		p.romanized = Script(q) == "latin" && s.tr.detector.IsRomanizedHindi(positiveText(p.tree))
		p.tree = p.groupNames(p.tree)
	}
	parts := query.Split(p.tree)
	for _, n := range parts.Required {
		if c := p.build(n, false); c != nil {
			p.must = append(p.must, c)
		}
	}
	for _, n := range parts.Optional {
		if c := p.build(n, false); c != nil {
			p.optional = append(p.optional, c)
		}
	}
	var not []bq.Query
	for _, n := range parts.Excluded {
		if c := p.build(n, true); c != nil {
			not = append(not, c)
		}
	}
	if len(not) == 1 {
		p.not = not[0]
	} else if len(not) > 1 {
		p.not = bleve.NewDisjunctionQuery(not...)
	}
	qi.Parsed = p.tree.String()
	qi.RomanizedHindi = p.romanized
	qi.People, qi.Parties = p.people, p.parties
	if len(p.keys) > 0 {
		qi.Expansions = append(qi.Expansions, Expansion{From: q, To: p.keys, Source: "romanized"})
	}
	return p, nil
}

// concepts is how many positive concepts the query has.
func (p *planner) concepts() int { return len(p.must) + len(p.optional) }

// query is the Bleve query that needs k of the query's concepts (every +item
// among them); an empty query matches everything.
func (p *planner) query(k int) bq.Query {
	var pos []bq.Query
	pos = append(pos, p.must...)
	switch need := k - len(p.must); {
	case len(p.optional) == 0:
	case need >= len(p.optional):
		pos = append(pos, p.optional...)
	default:
		d := bleve.NewDisjunctionQuery(p.optional...)
		d.SetMin(float64(max(need, 1)))
		pos = append(pos, d)
	}
	switch {
	case len(pos) == 0 && p.not == nil:
		return bleve.NewMatchAllQuery()
	case p.not == nil:
		return andNot(pos, nil)
	}
	return andNot(pos, []bq.Query{p.not})
}

// positiveText is the text of the words and phrases a query asks for, not
// those it excludes: what decides whether it reads as romanized Hindi.
func positiveText(n query.Node) string {
	var out []byte
	var walk func(n query.Node)
	walk = func(n query.Node) {
		switch n := n.(type) {
		case query.Not:
		case query.Word:
			out = append(append(out, n.Text...), ' ')
		case query.Phrase:
			out = append(append(out, n.Text...), ' ')
		case query.And:
			for _, c := range n.Children {
				walk(c)
			}
		case query.Or:
			for _, c := range n.Children {
				walk(c)
			}
		case query.Must:
			walk(n.Child)
		}
	}
	walk(n)
	return string(out)
}
