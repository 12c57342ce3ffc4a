package query

import (
	"fmt"
	"strings"
)

// readTree reads the String form back into a tree. It lives in the tests
// only, to prove that String is unambiguous: readTree(n.String()) equals n
// for every tree Parse returns.
func readTree(s string) (Node, error) {
	r := &treeReader{s: s}
	n, err := r.node()
	if err != nil {
		return nil, err
	}
	if r.pos != len(r.s) {
		return nil, fmt.Errorf("trailing text at %d: %q", r.pos, r.s[r.pos:])
	}
	return n, nil
}

type treeReader struct {
	s   string
	pos int
}

func (r *treeReader) node() (Node, error) {
	switch {
	case r.pos >= len(r.s):
		return nil, fmt.Errorf("unexpected end")
	case r.s[r.pos] == '"':
		end := strings.IndexByte(r.s[r.pos+1:], '"')
		if end < 0 {
			return nil, fmt.Errorf("unclosed phrase at %d", r.pos)
		}
		text := r.s[r.pos+1 : r.pos+1+end]
		r.pos += end + 2
		return NewPhrase(text), nil
	case r.s[r.pos] != '(':
		end := strings.IndexAny(r.s[r.pos:], " )")
		if end < 0 {
			end = len(r.s) - r.pos
		}
		w := r.s[r.pos : r.pos+end]
		r.pos += end
		return Word{Text: w}, nil
	}
	r.pos++
	end := strings.IndexAny(r.s[r.pos:], " )")
	if end < 0 {
		return nil, fmt.Errorf("unclosed list")
	}
	head := r.s[r.pos : r.pos+end]
	r.pos += end
	var children []Node
	for r.pos < len(r.s) && r.s[r.pos] == ' ' {
		r.pos++
		c, err := r.node()
		if err != nil {
			return nil, err
		}
		children = append(children, c)
	}
	if r.pos >= len(r.s) || r.s[r.pos] != ')' {
		return nil, fmt.Errorf("expected ) at %d", r.pos)
	}
	r.pos++
	switch head {
	case "and":
		return And{Children: children}, nil
	case "or":
		return Or{Children: children}, nil
	case "not", "must":
		if len(children) != 1 {
			return nil, fmt.Errorf("(%s) takes one child, got %d", head, len(children))
		}
		if head == "not" {
			return Not{Child: children[0]}, nil
		}
		return Must{Child: children[0]}, nil
	}
	return nil, fmt.Errorf("unknown head %q", head)
}
