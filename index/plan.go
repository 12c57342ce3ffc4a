package index

import (
	"context"
	"slices"
	"strings"

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

// MinMatch is the rule for how many of a query's concepts a match needs:
// every one up to AllUpTo concepts, beyond that Share of them (rounded down,
// never fewer than AllUpTo), the convention of Elasticsearch's
// minimum_should_match "3<75%". A short query is a list of things the user
// wants together; a long one is usually a question or a sentence, whose
// every word no article repeats.
type MinMatch struct {
	AllUpTo int
	Share   float64
}

// DefaultMinMatch is the rule searches use unless configured otherwise,
// chosen with `make eval` (the README gives the table).
func DefaultMinMatch() MinMatch { return MinMatch{AllUpTo: 3, Share: 0.75} }

// Matching tells the user how many of the query's concepts a match needed.
type Matching struct {
	Required int  `json:"required"` // concepts every match has
	Of       int  `json:"of"`       // concepts the query has
	Relaxed  bool `json:"relaxed"`  // fewer than the rule asked: nothing had them all
}

// required is how many of n concepts a match needs under op; a question
// needs one, its articles ranked by how many they have.
func (m MinMatch) required(n int, op string, question bool) int {
	switch {
	case n == 0:
		return 0
	case op == OpOr || op == OpAuto && question:
		return 1
	case op == OpAnd || n <= m.AllUpTo:
		return n
	}
	return max(m.AllUpTo, int(float64(n)*m.Share))
}

// planner turns one query into Bleve's, recording how it was read.
type planner struct {
	s         *Searcher
	ctx       context.Context
	reader    index.IndexReader // document frequencies, for spelling correction; opened by indexReader
	qi        *QueryInfo
	romanized bool
	budget    int // translation and key clauses left (MaxExpansionClauses)

	marks           []string // snippet marks: words, translations, names
	keys            []string // phonetic keys of a romanized query, to show
	people, parties []string // entities the query names

	tree     query.Node
	question bool  // reads as a question: ranked, not filtered, by its concepts
	alts     []alt // every concept's clauses (see weigh)
	weighed  bool
	stops    []bq.Query // stop words' concepts: never needed; they rank questions (see flat)
	must     []bq.Query // +items: needed even when relaxed
	optional []bq.Query // other positive items
	not      bq.Query   // the exclusions, nil when none
}

// plan parses q and builds its concepts; the Bleve query comes from
// (*planner).query for a number of concepts needed.
func (s *Searcher) plan(ctx context.Context, q string, qi *QueryInfo) (*planner, error) {
	p := &planner{s: s, ctx: ctx, qi: qi, budget: MaxExpansionClauses, question: isQuestion(q)}
	p.tree = query.Parse(q)
	defer func() {
		if p.reader != nil {
			p.reader.Close()
		}
	}()
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
		c := p.build(n, false)
		if c == nil {
			continue
		}
		if w, ok := n.(query.Word); ok && p.stopWord(w.Text) {
			// Never needed, but a question is ranked with them:
			// `make eval` measured questions ranked better so.
			p.stops = append(p.stops, c)
			continue
		}
		p.optional = append(p.optional, c)
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
		// The query as read: spaces typed around or between its words are not part of it.
		qi.Expansions = append(qi.Expansions, Expansion{From: strings.Join(strings.Fields(q), " "), To: p.keys, Source: "romanized"})
	}
	return p, nil
}

// indexReader returns a reader of the index's current snapshot, opened the
// first time a word needs its document frequency; nil when none can be had.
func (p *planner) indexReader() index.IndexReader {
	if p.reader == nil && p.s.spell != nil {
		if adv, err := p.s.live.idx.Advanced(); err == nil {
			p.reader, _ = adv.Reader()
		}
	}
	return p.reader
}

// concepts is how many positive concepts the query has.
func (p *planner) concepts() int { return len(p.must) + len(p.optional) }

// query is the Bleve query that needs k of the query's concepts (every +item
// among them); an empty query matches everything.
func (p *planner) query(k int) bq.Query {
	var pos []bq.Query
	pos = append(pos, p.must...)
	p.weigh(k > 1 || len(p.must) > 0)
	switch need := k - len(p.must); {
	case len(p.optional) == 0:
	case need <= 0 && len(p.must) > 0:
		// Every +item and nothing else is needed (a relaxed search): the
		// other concepts only rank, as should clauses.
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewConjunctionQuery(pos...))
		b.AddShould(p.optional...)
		if p.not != nil {
			b.AddMustNot(p.not)
		}
		return b
	case need >= len(p.optional) && (len(p.optional) > 1 || !p.question):
		pos = append(pos, p.optional...)
	case need <= 1 && len(p.must) == 0:
		pos = append(pos, bleve.NewDisjunctionQuery(p.flat()...))
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

// flat lists the clauses of every optional concept, for a query that needs
// any one of them: the same articles, ranked by how many clauses match, as
// one disjunction with the query's own words in each field as one clause
// (the shape `make eval` measured best).
func (p *planner) flat() []bq.Query {
	var out []bq.Query
	own := make([][]bq.Query, len(p.s.fields))
	items := p.optional
	if p.question {
		items = append(slices.Clip(items), p.stops...)
	}
	for _, q := range items {
		i := slices.IndexFunc(p.alts, func(a alt) bool { return a.d == q })
		if i < 0 {
			out = append(out, q)
			continue
		}
		for _, c := range p.alts[i].d.Disjuncts {
			if j := slices.Index(p.alts[i].own, c); j >= 0 {
				own[j] = append(own[j], c)
			} else {
				out = append(out, c)
			}
		}
	}
	for _, qs := range own {
		switch len(qs) {
		case 0:
		case 1:
			out = append(out, qs[0])
		default:
			out = append(out, bleve.NewDisjunctionQuery(qs...))
		}
	}
	return out
}

// isQuestion reports whether q reads as a natural-language question: it
// ends with a question mark, or has four words or more and opens with an
// English question word or holds a Hindi one. Its every word is not what
// the user wants together in an article (measured with `make eval`).
func isQuestion(q string) bool {
	q = strings.TrimSpace(q)
	if strings.HasSuffix(q, "?") {
		return true
	}
	words := strings.Fields(strings.ToLower(q))
	if len(words) < 4 {
		return false
	}
	switch words[0] {
	case "what", "who", "whom", "whose", "when", "where", "which", "why", "how":
		return true
	}
	for _, w := range words {
		switch w {
		case "क्या", "कौन", "कौनसा", "कब", "कहाँ", "कहां", "कैसे", "क्यों", "किस", "किसने", "किसे", "किसको", "कितने", "कितना", "कितनी":
			return true
		}
	}
	return false
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
