package index

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	bq "github.com/blevesearch/bleve/v2/search/query"
)

var update = flag.Bool("update", false, "rewrite the golden files of this package's tests")

// dump prints a Bleve query tree one node a line, indented, so a golden file
// shows what a request becomes: fields, analyzers, boosts and operators.
func dump(b *strings.Builder, q bq.Query, depth int) {
	ind := strings.Repeat("  ", depth)
	boost := func(q bq.BoostableQuery) string {
		if q.Boost() == 1 {
			return ""
		}
		return fmt.Sprintf(" ^%g", q.Boost())
	}
	switch q := q.(type) {
	case *bq.DisjunctionQuery:
		fmt.Fprintf(b, "%sor", ind)
		if q.Min > 0 {
			fmt.Fprintf(b, " min=%g", q.Min)
		}
		b.WriteByte('\n')
		for _, c := range q.Disjuncts {
			dump(b, c, depth+1)
		}
	case *bq.ConjunctionQuery:
		fmt.Fprintf(b, "%sand\n", ind)
		for _, c := range q.Conjuncts {
			dump(b, c, depth+1)
		}
	case *bq.BooleanQuery:
		fmt.Fprintf(b, "%sbool\n", ind)
		for _, part := range []struct {
			name string
			q    bq.Query
		}{{"must", q.Must}, {"should", q.Should}, {"not", q.MustNot}} {
			if part.q != nil {
				fmt.Fprintf(b, "%s  %s:\n", ind, part.name)
				dump(b, part.q, depth+2)
			}
		}
	case *bq.MatchQuery:
		op := ""
		if q.Operator == bq.MatchQueryOperatorAnd {
			op = " all"
		}
		fmt.Fprintf(b, "%s%s: match%s %q by %s%s\n", ind, q.FieldVal, op, q.Match, q.Analyzer, boost(q))
	case *bq.MatchPhraseQuery:
		fmt.Fprintf(b, "%s%s: phrase %q by %s%s\n", ind, q.FieldVal, q.MatchPhrase, q.Analyzer, boost(q))
	case *bq.PhraseQuery:
		fmt.Fprintf(b, "%s%s: terms %q%s\n", ind, q.FieldVal, q.Terms, boost(q))
	case *bq.TermQuery:
		fmt.Fprintf(b, "%s%s = %s%s\n", ind, q.FieldVal, q.Term, boost(q))
	case *bq.FuzzyQuery:
		fmt.Fprintf(b, "%s%s ~%d %s%s\n", ind, q.FieldVal, q.Fuzziness, q.Term, boost(q))
	case *bq.MatchAllQuery:
		fmt.Fprintf(b, "%severything\n", ind)
	default:
		fmt.Fprintf(b, "%s%T\n", ind, q)
	}
}

// TestPlanGolden shows the query tree that a dozen representative requests
// become: English, Hindi, romanized, a name in the other script, phrases,
// exclusions, OR, a required word, a misspelling and a question. Filters
// are not part of the tree: the facet columns apply them (filtersearcher.go).
// Run with -update to rewrite testdata/plans.golden, then read the diff.
func TestPlanGolden(t *testing.T) {
	s := seedSearcher(t)
	var b strings.Builder
	for _, q := range []string{
		"resignation",
		"Modi lockdown",
		"मोदी लॉकडाउन",
		"राहुल गांधी",
		"rahul gandhi istifa",
		`"broken heart"`,
		"Congress -भाजपा",
		"Scindia OR सिंधिया",
		"+Scindia resignation letter Congress president",
		"Scindya",
		"-Congress",
		"who wrote the resignation letter?",
	} {
		p, qi := planned(t, s, q)
		k := s.match.required(p.concepts(), OpAuto, p.question)
		fmt.Fprintf(&b, "## %s\nparsed %s · needs %d of %d", q, qi.Parsed, k, p.concepts())
		if len(qi.Corrections) > 0 {
			fmt.Fprintf(&b, " · corrected %v", qi.Corrections)
		}
		b.WriteString("\n")
		dump(&b, p.query(k), 0)
		b.WriteString("\n")
	}
	const golden = "testdata/plans.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("plans differ from %s (run with -update and read the diff):\n%s", golden, got)
	}
}
