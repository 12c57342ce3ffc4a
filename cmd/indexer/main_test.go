package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsearch/bilingual/index"
)

func TestIndexerExitStatusAndSummary(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonl")
	bad := filepath.Join(dir, "mixed.jsonl")
	if err := os.WriteFile(good, []byte(`{"id":"a","text":"Congress leader resigned"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(`{"id":"b","text":"भाजपा की जीत"}`+"\n{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	idx := filepath.Join(dir, "idx")
	tests := []struct {
		name    string
		args    []string
		code    int
		summary string // substring of the last stdout line
		stderr  string // substring of stderr
	}{
		{"no args", nil, 2, "", "required"},
		{"unknown flag", []string{"--colour"}, 2, "", "unknown flag"},
		{"help", []string{"--help"}, 0, "", "--batch-size"},
		{"all good", []string{"--index", idx, good}, 0, "indexed=1 rejected=0 skipped=0", ""},
		{"one bad line", []string{"--index", idx, bad}, 1, "indexed=1 rejected=1 skipped=0", bad + ":2:"},
		{"seeds", []string{"--index", idx, "../../testdata/seeds"}, 0, "indexed=5 rejected=0 skipped=0", ""},
		{"index path is a file", []string{"--index", good, good}, 2, "", "index"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkRun(t, tc.args, tc.code, tc.summary, tc.stderr) })
	}
}

// checkRun runs the indexer with args and checks its exit code, the summary on
// its last stdout line, and that stderr holds every wanted string.
func checkRun(t *testing.T, args []string, code int, summary string, stderr ...string) {
	t.Helper()
	var out, errb bytes.Buffer
	if got := run(args, &out, &errb); got != code {
		t.Errorf("exit %d, want %d; stderr: %s", got, code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if summary != "" && !strings.Contains(lines[len(lines)-1], summary) {
		t.Errorf("last line %q lacks %q", lines[len(lines)-1], summary)
	}
	for _, want := range stderr {
		if want != "" && !strings.Contains(errb.String(), want) {
			t.Errorf("stderr %q lacks %q", errb.String(), want)
		}
	}
}

func TestIndexerVersionAndEnvironment(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"--version"}, &out, &errb); code != 0 ||
		!strings.HasPrefix(out.String(), "indexer ") ||
		!strings.Contains(out.String(), fmt.Sprintf("index format %d\n", index.FormatVersion)) {
		t.Errorf("--version = %d, %q; want 0, indexer VERSION and the index format", code, out.String())
	}
	t.Setenv("INDEXER_WORKERS", "none")
	out.Reset()
	errb.Reset()
	if code := run([]string{"--index", t.TempDir(), "x"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "$INDEXER_WORKERS") {
		t.Errorf("bad INDEXER_WORKERS: %d, %q; want 2 naming the variable", code, errb.String())
	}
	// A flag on the command line wins over the bad variable, and the
	// variable sets the index directory.
	dir := filepath.Join(t.TempDir(), "idx")
	t.Setenv("INDEXER_INDEX", dir)
	checkRun(t, []string{"--workers", "1", "--quiet", "../../testdata/seeds"}, 0, "indexed=5 rejected=0 skipped=0")
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		t.Errorf("INDEXER_INDEX did not choose the index directory: %v", err)
	}
}
