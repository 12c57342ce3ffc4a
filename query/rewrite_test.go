package query

import (
	"reflect"
	"strings"
	"testing"
)

func w(s string) Node { return Word{Text: s} }

func and(c ...Node) Node { return And{Children: c} }

func or(c ...Node) Node { return Or{Children: c} }

func TestSimplify(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   Node
		want string
	}{
		{"nil", nil, `(and)`},
		{"empty leaves", and(w(""), Phrase{}, or()), `(and)`},
		{"flatten and", and(w("a"), and(w("b"), and(w("c"))), w("d")), `(and a b c d)`},
		{"flatten or", or(w("a"), or(w("b"), w("c"))), `(or a b c)`},
		{"and in or stays", or(w("a"), and(w("b"), w("c"))), `(or a (and b c))`},
		{"or in and stays", and(w("a"), or(w("b"), w("c"))), `(and a (or b c))`},
		{"unwrap single", and(or(and(w("a")))), `a`},
		{"single after dropping empties", or(w("a"), and(), Not{}), `a`},
		{"double negation", Not{Child: Not{Child: w("a")}}, `a`},
		{"triple negation", Not{Child: Not{Child: Not{Child: w("a")}}}, `(not a)`},
		{"double negation flattens", and(w("a"), Not{Child: Not{Child: and(w("b"), w("c"))}}), `(and a b c)`},
		{"must of must", Must{Child: Must{Child: w("a")}}, `(must a)`},
		{"must of not", Must{Child: Not{Child: w("a")}}, `(not a)`},
		{"not of must", Not{Child: Must{Child: w("a")}}, `(not a)`},
		{"must in or", or(Must{Child: w("a")}, w("b")), `(or a b)`},
		{"must of or in or", or(Must{Child: or(w("a"), w("b"))}, w("c")), `(or a b c)`},
		{"must of and in and stays", and(Must{Child: and(w("a"), w("b"))}, w("c")), `(and (must (and a b)) c)`},
		{"duplicates", and(w("a"), w("b"), and(w("a"), NewPhrase("a"))), `(and a b "a")`},
		{"duplicate groups", and(or(w("a"), w("b")), or(w("a"), w("b"))), `(or a b)`},
		{"empty under not", Not{Child: and()}, `(and)`},
		{"empty under must", and(Must{Child: or()}, w("x")), `x`},
	} {
		before := str(tc.in)
		got := Simplify(tc.in)
		if got.String() != tc.want {
			t.Errorf("%s: Simplify(%s) = %s, want %s", tc.name, before, got, tc.want)
		}
		if str(tc.in) != before {
			t.Errorf("%s: Simplify changed its input to %s", tc.name, str(tc.in))
		}
		if again := Simplify(got); !reflect.DeepEqual(again, got) {
			t.Errorf("%s: not idempotent: %s then %s", tc.name, got, again)
		}
	}
}

// concept stands for the index's own leaf type, which Map must carry.
type concept struct{ id string }

func (c concept) String() string { return "@" + c.id }

func TestMap(t *testing.T) {
	n := Parse(`+modi "राहुल गांधी" OR sonia -bjp`)
	before := n.String()
	names := map[string]string{"modi": "narendra-modi", "राहुल गांधी": "rahul-gandhi", "bjp": "bjp"}
	got := Map(n, func(n Node) Node {
		switch l := n.(type) {
		case Word:
			if id, ok := names[l.Text]; ok {
				return concept{id}
			}
		case Phrase:
			if id, ok := names[l.Text]; ok {
				return concept{id}
			}
		}
		return n
	})
	if want := `(and (must @narendra-modi) (or @rahul-gandhi sonia) (not @bjp))`; got.String() != want {
		t.Errorf("Map = %s, want %s", got, want)
	}
	if n.String() != before {
		t.Errorf("Map changed its input to %s", n)
	}
	if got := Leaves(got); len(got) != 4 || got[0] != (concept{"narendra-modi"}) {
		t.Errorf("Leaves of the mapped tree = %v, want 4 starting with the concept", got)
	}

	// f may drop nodes; Simplify then tidies up.
	dropped := Map(n, func(n Node) Node {
		if w, ok := n.(Word); ok && w.Text != "bjp" {
			return And{}
		}
		return n
	})
	if got, want := Simplify(dropped).String(), `(and "राहुल गांधी" (not bjp))`; got != want {
		t.Errorf("dropping words: %s, want %s", got, want)
	}
}

func TestLeavesAndWalk(t *testing.T) {
	n := Parse(`a (b OR -"c d") +e -(f g)`)
	var leaves []string
	for _, l := range Leaves(n) {
		leaves = append(leaves, l.String())
	}
	if got, want := strings.Join(leaves, " "), `a b "c d" e f g`; got != want {
		t.Errorf("Leaves = %s, want %s", got, want)
	}

	// Walk skips the children of a node when f says so: here, exclusions.
	var positive []string
	Walk(n, func(n Node) bool {
		if _, ok := n.(Not); ok {
			return false
		}
		if w, ok := n.(Word); ok {
			positive = append(positive, w.Text)
		}
		return true
	})
	if got, want := strings.Join(positive, " "), `a b e`; got != want {
		t.Errorf("words outside exclusions = %s, want %s", got, want)
	}
}

func TestDepth(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{``, 1},
		{`a`, 1},
		{`a b`, 2},
		{`a b OR c`, 3},
		{`a -(b OR (c d))`, 5},
	} {
		if got := Depth(Parse(tc.in)); got != tc.want {
			t.Errorf("Depth(%s) = %d, want %d", Parse(tc.in), got, tc.want)
		}
	}
}
