// Package query holds the search box's query language: a lenient parser from
// what a user types to a small tree, the tree's node types, and the pure
// rewrites the search side applies to it before building a Bleve request.
//
// The language (see Help for the user's version):
//
//	modi lockdown          words are AND-ed
//	"rahul gandhi"         a phrase
//	-delhi  -"a b"  -(x y) exclusion
//	+istifa  +"a b"        required even when a long query is relaxed
//	lockdown OR curfew     either; also lockdown | curfew
//	(bjp OR भाजपा) modi     grouping
//
// OR binds tighter than the implicit AND, so `modi lockdown OR curfew` means
// modi AND (lockdown OR curfew), as in Google- and Lucene-style search boxes.
// Nothing a user types is an error: Parse never fails; see Parse for how each
// malformed input is read.
package query

import "strings"

// Node is one node of a query tree. Its String is the canonical, unambiguous
// s-expression form used in tests, logs and the API's "parsed" field, e.g.
// (and modi (or lockdown curfew) (not delhi)). Format gives the form a user
// would type. Packages may define their own leaf types (the index replaces
// words by concepts through Map); rewrites here treat unknown types as leaves.
type Node interface {
	String() string
}

// And matches documents that match every child. An And with no children is
// the empty query: what Parse returns when nothing searchable was typed.
type And struct {
	Children []Node
}

// Or matches documents that match at least one child.
type Or struct {
	Children []Node
}

// Not excludes documents that match its child. At the top level it is an
// exclusion of the whole query; a query of exclusions alone means
// "everything except" (see Split).
type Not struct {
	Child Node
}

// Must marks its child as required even when the search side relaxes a long
// query to "most of its words". It is a wrapper rather than a flag on Word and
// Phrase so that `+` works on groups too, and so that replacing a word by a
// concept (Map) keeps the requirement without every leaf type carrying it.
type Must struct {
	Child Node
}

// Word is one word as the user typed it (original case and script), never
// empty, never containing whitespace or any of ( ) " “ ” „ |, never starting with
// + or -, and never the operator OR.
type Word struct {
	Text string
}

// Phrase is a quoted run of words to be matched together and in order; its
// text never contains a double quote, straight or curly. Text
// is Words joined by single spaces: spacing inside quotes carries no meaning.
type Phrase struct {
	Text  string
	Words []string
}

// NewPhrase makes a Phrase from the text between the quotes, splitting it at
// whitespace.
func NewPhrase(text string) Phrase {
	words := strings.Fields(text)
	return Phrase{Text: strings.Join(words, " "), Words: words}
}

// String prints (and child...).
func (n And) String() string { return list("and", n.Children) }

// String prints (or child...).
func (n Or) String() string { return list("or", n.Children) }

// String prints (not child).
func (n Not) String() string { return "(not " + str(n.Child) + ")" }

// String prints (must child).
func (n Must) String() string { return "(must " + str(n.Child) + ")" }

// String prints the word as typed.
func (n Word) String() string { return n.Text }

// String prints the phrase in double quotes.
func (n Phrase) String() string { return `"` + n.Text + `"` }

func list(head string, children []Node) string {
	var b strings.Builder
	b.WriteString("(")
	b.WriteString(head)
	for _, c := range children {
		b.WriteString(" ")
		b.WriteString(str(c))
	}
	b.WriteString(")")
	return b.String()
}

// str prints a possibly nil node; nil only appears in hand-built trees.
func str(n Node) string {
	if n == nil {
		return "(and)"
	}
	return n.String()
}

// IsEmpty reports whether n matches nothing in particular: nil, an And or Or
// without children, or a leaf without text. Simplify removes such nodes.
func IsEmpty(n Node) bool {
	switch n := n.(type) {
	case nil:
		return true
	case And:
		return len(n.Children) == 0
	case Or:
		return len(n.Children) == 0
	case Word:
		return n.Text == ""
	case Phrase:
		return len(n.Words) == 0
	}
	return false
}
