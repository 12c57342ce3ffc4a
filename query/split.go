package query

// Parts is the top level of a query as the search side ranks it: the items
// the user marked +, the other positive items, and the exclusions.
type Parts struct {
	// Required are the +items, without their Must wrapper: required even
	// when a long query is relaxed to most of its items.
	Required []Node
	// Optional are the other positive items: required by default, but the
	// ones a relaxed query may do without.
	Optional []Node
	// Excluded are the -items, without their Not wrapper.
	Excluded []Node
}

// Split cuts a query's top-level AND into its parts, in the order typed. A
// query that is not an And is a single item.
func Split(n Node) Parts {
	var p Parts
	items := []Node{n}
	if a, ok := n.(And); ok {
		items = a.Children
	}
	for _, it := range items {
		switch m := it.(type) {
		case Not:
			p.Excluded = append(p.Excluded, m.Child)
		case Must:
			p.Required = append(p.Required, m.Child)
		default:
			if !IsEmpty(it) {
				p.Optional = append(p.Optional, it)
			}
		}
	}
	return p
}

// Concepts counts the positive top-level items: the "words" a long query is
// relaxed over (an OR group or a phrase counts as one).
func (p Parts) Concepts() int { return len(p.Required) + len(p.Optional) }

// OnlyExclusions reports whether the query excludes things but asks for
// nothing, like -delhi: the caller searches everything except them.
func (p Parts) OnlyExclusions() bool { return p.Concepts() == 0 && len(p.Excluded) > 0 }

// Empty reports whether the query has nothing at all to search for or
// exclude, like an empty or all-punctuation search box.
func (p Parts) Empty() bool { return p.Concepts() == 0 && len(p.Excluded) == 0 }
