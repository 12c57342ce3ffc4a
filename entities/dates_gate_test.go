package entities

import (
	"strings"
	"testing"
)

// TestMonthGates checks that the quick checks in front of the date regexps let every month name through,
// so that they never hide a date, and stop text without one.
func TestMonthGates(t *testing.T) {
	alts := func(re string) []string {
		return strings.Split(re[strings.IndexByte(re, '(')+1:strings.IndexByte(re, ')')], "|")
	}
	for _, m := range alts(enMonth) {
		if !hasEnMonth("on " + m + " 5") {
			t.Errorf("hasEnMonth misses %q", m)
		}
	}
	for _, m := range alts(hiMonth) {
		if !hasHiMonth("5 " + m + " को") {
			t.Errorf("hasHiMonth misses %q", m)
		}
	}
	for _, s := range []string{"on march 5", "JAN 5", "Ja 5", "120 लोगों", "जन 5", "5 मे"} {
		if hasEnMonth(s) || hasHiMonth(s) {
			t.Errorf("month gate lets %q through", s)
		}
	}
	for _, tc := range []struct {
		s, seps string
		want    bool
	}{
		{"29/06/2019", "/.-", true}, {"२९-०६", "-", true}, {"1.5 lakh", "/.-", true}, {"end. 5", "/.-", false},
		{"2019-", "-", false}, {"-5", "-", false}, {"5/x", "/", false}, {"a-b", "-", false},
	} {
		if got := digitSepDigit(tc.s, tc.seps); got != tc.want {
			t.Errorf("digitSepDigit(%q, %q) = %v, want %v", tc.s, tc.seps, got, tc.want)
		}
	}
}
