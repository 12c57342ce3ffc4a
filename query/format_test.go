package query

import (
	"reflect"
	"testing"
)

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`modi (lockdown OR curfew) -delhi`, `modi lockdown OR curfew -delhi`},
		{`(a b) OR c`, `(a b) OR c`},
		{`a|b`, `a OR b`},
		{`-(a OR b) -(c d) +(e OR f)`, `-(a OR b) -(c d) +(e OR f)`},
		{`  "rahul   gandhi"  -भाजपा`, `"rahul gandhi" -भाजपा`},
		{`"abc`, `"abc"`},
		{`((a OR b) c) OR d`, `(a OR b c) OR d`},
		{`--a`, `-a`},
		{`""`, ``},
	} {
		if got := Format(Parse(tc.in)); got != tc.want {
			t.Errorf("Format(Parse(%q)) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRoundTrip checks, for every golden input, that Format re-parses to the
// same tree and that String reads back to it too.
func TestRoundTrip(t *testing.T) {
	for _, tc := range parseGolden {
		checkRoundTrip(t, tc.in)
	}
}

func checkRoundTrip(t *testing.T, in string) {
	t.Helper()
	n := Parse(in)
	if again := Parse(Format(n)); !reflect.DeepEqual(again, n) {
		t.Errorf("input %q: Format gives %q, which parses to %s, not %s", in, Format(n), again, n)
	}
	if s := Simplify(n); !reflect.DeepEqual(s, n) {
		t.Errorf("input %q: Parse's tree %s is not simplified: %s", in, n, s)
	}
	back, err := readTree(n.String())
	if err != nil {
		t.Errorf("input %q: String %s does not read back: %v", in, n, err)
	} else if !reflect.DeepEqual(back, n) {
		t.Errorf("input %q: String %s reads back as %#v, not %#v", in, n, back, n)
	}
}
