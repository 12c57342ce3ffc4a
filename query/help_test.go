package query

import (
	"strings"
	"testing"
)

// TestHelpExamples checks that each example Help shows is in it and reads
// the way Help says.
func TestHelpExamples(t *testing.T) {
	for _, tc := range []struct{ example, want string }{
		{`modi lockdown`, `(and modi lockdown)`},
		{`मोदी लॉकडाउन`, `(and मोदी लॉकडाउन)`},
		{`"राहुल गांधी"`, `"राहुल गांधी"`},
		{`मोदी -भाजपा`, `(and मोदी (not भाजपा))`},
		{`lockdown OR curfew`, `(or lockdown curfew)`},
		{`(bjp OR भाजपा) -congress`, `(and (or bjp भाजपा) (not congress))`},
		{`+istifa rahul gandhi`, `(and (must istifa) rahul gandhi)`},
		{`modi lockdown OR curfew`, `(and modi (or lockdown curfew))`},
		{`"राहुल गांधी" OR सोनिया`, `(or "राहुल गांधी" सोनिया)`},
		{`covid-19`, `covid-19`},
		{`"OR"`, `"OR"`},
	} {
		if !strings.Contains(Help, tc.example) {
			t.Errorf("Help does not show %s", tc.example)
		}
		if got := Parse(tc.example).String(); got != tc.want {
			t.Errorf("Help's example %s parses to %s, want %s", tc.example, got, tc.want)
		}
	}
	if got := Parse(`modi lockdown OR curfew`).String(); got != Parse(`modi (lockdown OR curfew)`).String() {
		t.Errorf("Help says OR binds tighter, but %s", got)
	}
}
