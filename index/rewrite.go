package index

import "github.com/blevesearch/bleve/v2/search/query"

// fastSearchers returns q with its exact phrases searched by
// exactPhraseSearcher (phrasesearch.go) and its disjunctions by
// conceptDisjunction (disjsearch.go): the same matches with the same score
// bits as Bleve's own searchers, found with less work. A concept that is
// the whole query is marked top, for pruning (prune.go). It builds new
// composite nodes and leaves q as it was, since a plan's leaves are shared
// between the levels relax tries.
func fastSearchers(q query.Query) query.Query { return fast(q, true) }

func fast(q query.Query, top bool) query.Query {
	switch q := q.(type) {
	case *query.MatchPhraseQuery:
		// The plan never sets auto fuzziness, which only the query's JSON
		// would show.
		if q.Fuzziness == 0 {
			return phraseQuery{q}
		}
	case *query.PhraseQuery:
		if q.Fuzziness == 0 {
			return termsPhraseQuery{q}
		}
	case *query.DisjunctionQuery:
		d := *q
		d.Disjuncts = fastAll(q.Disjuncts, false)
		return conceptQuery{&d, top}
	case *query.ConjunctionQuery:
		c := *q
		c.Conjuncts = fastAll(q.Conjuncts, false)
		return &c
	case *query.BooleanQuery:
		// Bleve's Boolean reads its parts through the Query interface.
		b := *q
		for _, part := range []*query.Query{&b.Must, &b.Should, &b.MustNot} {
			if *part != nil {
				*part = fast(*part, false)
			}
		}
		return &b
	}
	return q
}

func fastAll(qs []query.Query, top bool) []query.Query {
	out := make([]query.Query, len(qs))
	for i, q := range qs {
		out[i] = fast(q, top)
	}
	return out
}
