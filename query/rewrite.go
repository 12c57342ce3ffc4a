package query

// Simplify returns the canonical form of a tree without changing what it
// matches: empty nodes dropped, And in And and Or in Or flattened, repeated
// children dropped, single-child And and Or unwrapped, double negation
// removed, and + dropped where it cannot mean anything (inside an Or or a
// Not, or on an exclusion). The result is And{} when nothing is left. The
// input is not modified. Simplify(Simplify(n)) equals Simplify(n).
func Simplify(n Node) Node {
	if s := simplify(n); s != nil {
		return s
	}
	return And{}
}

// simplify returns nil for a node that is empty once simplified.
func simplify(n Node) Node {
	switch n := n.(type) {
	case And:
		return simplifyList(n.Children, false)
	case Or:
		return simplifyList(n.Children, true)
	case Not:
		c := simplify(n.Child)
		switch cc := c.(type) {
		case nil:
			return nil
		case Not:
			return cc.Child
		case Must:
			c = cc.Child // excluded is excluded; "required" adds nothing
		}
		return Not{Child: c}
	case Must:
		c := simplify(n.Child)
		switch c.(type) {
		case nil:
			return nil
		case Must, Not: // an exclusion holds even in a relaxed query
			return c
		}
		return Must{Child: c}
	}
	if IsEmpty(n) {
		return nil
	}
	return n
}

// simplifyList simplifies the children of an And (or an Or) and rebuilds it.
func simplifyList(children []Node, or bool) Node {
	var out []Node
	seen := map[string]bool{}
	add := func(c Node) {
		if k := c.String(); !seen[k] {
			seen[k] = true
			out = append(out, c)
		}
	}
	for _, c := range children {
		c = simplify(c)
		if m, ok := c.(Must); ok && or {
			c = m.Child // one alternative cannot be more required than another
		}
		switch cc := c.(type) {
		case nil:
		case And:
			if or {
				add(cc)
				continue
			}
			for _, g := range cc.Children {
				add(g)
			}
		case Or:
			if !or {
				add(cc)
				continue
			}
			for _, g := range cc.Children {
				add(g)
			}
		default:
			add(c)
		}
	}
	switch {
	case len(out) == 0:
		return nil
	case len(out) == 1:
		return out[0]
	case or:
		return Or{Children: out}
	}
	return And{Children: out}
}

// Map rebuilds a tree bottom-up: children first, then f on the rebuilt node,
// whose return value takes the node's place. It is how the search side swaps
// words and phrases for concepts without touching the parser's tree. f sees
// every node, leaves included, and returns it unchanged when it has nothing to
// do. Map does not simplify: call Simplify on the result if f may return
// empty nodes.
func Map(n Node, f func(Node) Node) Node {
	switch m := n.(type) {
	case And:
		return f(And{Children: mapAll(m.Children, f)})
	case Or:
		return f(Or{Children: mapAll(m.Children, f)})
	case Not:
		return f(Not{Child: Map(m.Child, f)})
	case Must:
		return f(Must{Child: Map(m.Child, f)})
	}
	return f(n)
}

func mapAll(children []Node, f func(Node) Node) []Node {
	out := make([]Node, len(children))
	for i, c := range children {
		out[i] = Map(c, f)
	}
	return out
}

// Walk visits n and its descendants depth-first, parent before children, in
// order. When f returns false, the node's children are skipped.
func Walk(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	switch m := n.(type) {
	case And:
		for _, c := range m.Children {
			Walk(c, f)
		}
	case Or:
		for _, c := range m.Children {
			Walk(c, f)
		}
	case Not:
		Walk(m.Child, f)
	case Must:
		Walk(m.Child, f)
	}
}

// Leaves lists the tree's words, phrases and other leaf nodes in order,
// excluded ones included; for highlighting and for looking up expansions in
// one batch.
func Leaves(n Node) []Node {
	var out []Node
	Walk(n, func(n Node) bool {
		switch n.(type) {
		case And, Or, Not, Must:
			return true
		}
		if n != nil && !IsEmpty(n) {
			out = append(out, n)
		}
		return false
	})
	return out
}

// Depth is the number of nodes on the longest path from n down to a leaf.
func Depth(n Node) int {
	d := 0
	switch m := n.(type) {
	case And:
		for _, c := range m.Children {
			d = max(d, Depth(c))
		}
	case Or:
		for _, c := range m.Children {
			d = max(d, Depth(c))
		}
	case Not:
		d = Depth(m.Child)
	case Must:
		d = Depth(m.Child)
	case nil:
		return 0
	}
	return d + 1
}
