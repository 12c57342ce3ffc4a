package index

import (
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestFastSearchersLeaveThePlan checks that the rewrite reaches phrases and
// disjunctions at any depth, including a Boolean's parts, leaves fuzzy
// phrases to Bleve, and builds new composite nodes, so the plan's own tree,
// shared between relaxation levels, is left as it was.
func TestFastSearchersLeaveThePlan(t *testing.T) {
	p := bleve.NewMatchPhraseQuery("death toll")
	d := bleve.NewDisjunctionQuery(p)
	c := bleve.NewConjunctionQuery(d)
	b := bleve.NewBooleanQuery()
	b.AddMust(c)
	b.AddMustNot(bleve.NewPhraseQuery([]string{"a", "b"}, FieldBodyEn))
	got := fastSearchers(b).(*query.BooleanQuery)
	if d.Disjuncts[0] != query.Query(p) || b.Must.(*query.ConjunctionQuery).Conjuncts[0] != query.Query(c) {
		t.Fatal("the plan's tree was changed")
	}
	inner, ok := got.Must.(*query.ConjunctionQuery).Conjuncts[0].(*query.ConjunctionQuery).Conjuncts[0].(conceptQuery)
	if !ok {
		t.Fatalf("rewritten disjunction is %T", got.Must.(*query.ConjunctionQuery).Conjuncts[0].(*query.ConjunctionQuery).Conjuncts[0])
	}
	if _, ok := inner.Disjuncts[0].(phraseQuery); !ok {
		t.Errorf("rewritten phrase is %T", inner.Disjuncts[0])
	}
	not, ok := got.MustNot.(conceptQuery)
	if !ok {
		t.Fatalf("rewritten exclusions are %T", got.MustNot)
	}
	if _, ok := not.Disjuncts[0].(termsPhraseQuery); !ok {
		t.Errorf("rewritten excluded phrase is %T", not.Disjuncts[0])
	}
	fuzzy := bleve.NewMatchPhraseQuery("death toll")
	fuzzy.SetFuzziness(1)
	if _, ok := fastSearchers(fuzzy).(*query.MatchPhraseQuery); !ok {
		t.Errorf("a fuzzy phrase was rewritten")
	}
}
