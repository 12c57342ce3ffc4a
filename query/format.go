package query

import "strings"

// Format prints a tree in the syntax a user types, e.g.
// modi lockdown OR curfew -delhi, for echoing the query back ("showing
// results for ...") and for links. For a tree from Parse, Parse(Format(t))
// equals t.
//
// Parentheses appear only where the tree needs them: around an And inside an
// Or, and around a group under - or +. An Or inside an And is not bracketed,
// since OR binds tighter; this also keeps Format's nesting no deeper than the
// groups the user typed, so MaxDepth never cuts a re-parse.
func Format(n Node) string {
	var b strings.Builder
	format(&b, n, false)
	return b.String()
}

// format writes n; inOr says n is an alternative of an Or.
func format(b *strings.Builder, n Node, inOr bool) {
	switch m := n.(type) {
	case nil:
	case And:
		if inOr && len(m.Children) > 1 {
			b.WriteString("(")
			defer b.WriteString(")")
		}
		for i, c := range m.Children {
			if i > 0 {
				b.WriteString(" ")
			}
			_, nested := c.(And) // only in unsimplified trees
			if nested {
				b.WriteString("(")
			}
			format(b, c, false)
			if nested {
				b.WriteString(")")
			}
		}
	case Or:
		if inOr {
			b.WriteString("(") // only in unsimplified trees
			defer b.WriteString(")")
		}
		for i, c := range m.Children {
			if i > 0 {
				b.WriteString(" OR ")
			}
			format(b, c, true)
		}
	case Not:
		b.WriteString("-")
		formatSigned(b, m.Child)
	case Must:
		b.WriteString("+")
		formatSigned(b, m.Child)
	default:
		b.WriteString(n.String())
	}
}

// formatSigned writes the operand of a - or +, bracketing anything but a leaf.
func formatSigned(b *strings.Builder, n Node) {
	switch n.(type) {
	case And, Or, Not, Must:
		b.WriteString("(")
		format(b, n, false)
		b.WriteString(")")
	default:
		format(b, n, false)
	}
}
