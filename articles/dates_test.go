package articles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A date Bleve cannot store is refused with its record's file and line, and
// the records around it are read: before, it was indexed and silently dropped.
func TestReadRefusesDatesOutsideTheIndexRange(t *testing.T) {
	p := filepath.Join(t.TempDir(), "dated.jsonl")
	lines := []string{
		`{"id":"ok","text":"t","date":"2019-06-29"}`,
		`{"id":"old","text":"t","date":"1677-09-21"}`,
		`{"id":"late","text":"t","date":"2262-04-12"}`,
		`{"id":"ok2","text":"t"}`,
	}
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := readAll(t, Reader{}, p)
	if res.err != nil {
		t.Fatal(res.err)
	}
	if got := recIDs(res.recs); len(got) != 2 || got[0].id != "ok" || got[1].id != "ok2" {
		t.Errorf("records %v, want ok and ok2", got)
	}
	want := []string{p + ":2: date \"1677-09-21\" in field date: year 1677 is outside", p + ":3: date \"2262-04-12\" in field date: year 2262"}
	if len(res.probs) != len(want) {
		t.Fatalf("problems %v, want %q", res.probs, want)
	}
	for i, pr := range res.probs {
		if !strings.HasPrefix(pr.String(), want[i]) {
			t.Errorf("problem %q, want prefix %q", pr.String(), want[i])
		}
	}
}
