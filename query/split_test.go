package query

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		in                           string
		required, optional, excluded string
		concepts                     int
		onlyExclusions, empty        bool
	}{
		{in: ``, empty: true},
		{in: `- + ""`, empty: true},
		{in: `modi`, optional: `modi`, concepts: 1},
		{in: `-delhi`, excluded: `delhi`, onlyExclusions: true},
		{in: `-delhi -"uttar pradesh"`, excluded: `delhi "uttar pradesh"`, onlyExclusions: true},
		{in: `-(a OR b)`, excluded: `(or a b)`, onlyExclusions: true},
		{in: `+modi rahul lockdown OR curfew -delhi`, required: `modi`, optional: `rahul (or lockdown curfew)`, excluded: `delhi`, concepts: 3},
		{in: `+(a b) c`, required: `(and a b)`, optional: `c`, concepts: 2},
		{in: `a OR -b`, optional: `(or a (not b))`, concepts: 1},
		{in: `मोदी -भाजपा`, optional: `मोदी`, excluded: `भाजपा`, concepts: 1},
	} {
		p := Split(Parse(tc.in))
		check := func(part string, got []Node, want string) {
			var s []string
			for _, n := range got {
				s = append(s, n.String())
			}
			if strings.Join(s, " ") != want {
				t.Errorf("%q: %s = %s, want %s", tc.in, part, strings.Join(s, " "), want)
			}
		}
		check("Required", p.Required, tc.required)
		check("Optional", p.Optional, tc.optional)
		check("Excluded", p.Excluded, tc.excluded)
		if p.Concepts() != tc.concepts || p.OnlyExclusions() != tc.onlyExclusions || p.Empty() != tc.empty {
			t.Errorf("%q: Concepts, OnlyExclusions, Empty = %d %v %v, want %d %v %v", tc.in,
				p.Concepts(), p.OnlyExclusions(), p.Empty(), tc.concepts, tc.onlyExclusions, tc.empty)
		}
	}
}
