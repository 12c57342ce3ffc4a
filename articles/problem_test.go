package articles

import (
	"errors"
	"fmt"
	"testing"
)

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "a/b.jsonl", Line: 12, Reason: "missing field id"}, "a/b.jsonl:12: missing field id"},
		{Problem{File: "x.txt", Line: 1, Reason: "no text"}, "x.txt:1: no text"},
		{Problem{File: "gone", Line: 0, Reason: "stat: no such file or directory"}, "gone: stat: no such file or directory"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

// TestProblemIsError checks that a Problem travels as an error: wrapped, it
// is still found by errors.As and prints as FILE:LINE: reason.
func TestProblemIsError(t *testing.T) {
	p := Problem{File: "a/b.jsonl", Line: 12, Reason: "missing field id"}
	err := fmt.Errorf("reading: %w", p)
	if got, want := err.Error(), "reading: a/b.jsonl:12: missing field id"; got != want {
		t.Errorf("wrapped Problem prints %q, want %q", got, want)
	}
	var got Problem
	if !errors.As(err, &got) || got != p {
		t.Errorf("errors.As found %#v, want %#v", got, p)
	}
	whole := Problem{File: "gone", Reason: "stat: no such file or directory"}
	if whole.Error() != whole.String() || fmt.Sprint(whole) != "gone: stat: no such file or directory" {
		t.Errorf("Error %q, String %q, Sprint %q differ", whole.Error(), whole.String(), fmt.Sprint(whole))
	}
}
