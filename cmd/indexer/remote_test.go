package main

import (
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsearch/bilingual/entities"
	"github.com/newsearch/bilingual/index"
	"github.com/newsearch/bilingual/server"
)

// TestServerMode runs the indexer against an in-process searchd and checks
// the summary, the exit status and where rejections are reported.
func TestServerMode(t *testing.T) {
	dir := t.TempDir()
	idx, err := index.OpenWritable(filepath.Join(dir, "idx"), index.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	gaz, err := entities.Load()
	if err != nil {
		t.Fatal(err)
	}
	s, err := index.NewSearcher(idx, gaz, entities.NewExtractor(gaz), index.SearchConfig{Freedict: index.NoFreedict})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	srv := server.New(s, slog.New(slog.NewTextHandler(io.Discard, nil)))
	srv.Writer, srv.AdminToken = s.Writer(), "tok"
	// Smaller than the indexer's own limit, so searchd refuses what the
	// indexer's reader passed.
	srv.MaxDocBytes = 300
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	var many strings.Builder
	for i := range 7 {
		fmt.Fprintf(&many, `{"id":"m%d","text":"Lok Sabha %d"}`+"\n", i, i)
	}
	manyPath := filepath.Join(dir, "many.jsonl")
	mixed := filepath.Join(dir, "mixed.jsonl")
	for p, content := range map[string]string{
		manyPath: many.String(),
		mixed: `{"id":"ok","text":"Congress leader resigned"}` + "\n" +
			`{"id":"long","text":"` + strings.Repeat("x", 400) + `"}` + "\n{bad\n",
	} {
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		args    []string
		code    int
		summary string
		stderr  []string
	}{
		{"chunks of 3", []string{"--server", ts.URL + "/", "--token", "tok", "--batch-size", "3", manyPath}, 0, "indexed=7 rejected=0 skipped=0", nil},
		{"rejections by reader and by searchd", []string{"--server", ts.URL, "--token", "tok", mixed}, 1, "indexed=1 rejected=2 skipped=0",
			[]string{mixed + ":2: rejected by searchd: line longer than the limit of 300 bytes", mixed + ":3: invalid JSON"}},
		{"wrong token", []string{"--server", ts.URL, "--token", "nope", manyPath}, 2, "indexed=0", []string{"401 Unauthorized"}},
		{"both modes", []string{"--server", ts.URL, "--index", dir, manyPath}, 2, "", []string{"one of --index DIR or --server URL"}},
		{"no searchd", []string{"--server", "http://127.0.0.1:1", "--token", "tok", manyPath}, 2, "indexed=0", []string{"post 7 documents"}},
		{"index held by searchd", []string{"--index", filepath.Join(dir, "idx"), manyPath}, 2, "",
			[]string{"index is in use by a running searchd? use --server URL"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkRun(t, tc.args, tc.code, tc.summary, tc.stderr...) })
	}
	for _, id := range []string{"m0", "m6", "ok"} {
		if d, err := idx.Document(id); err != nil || d == nil {
			t.Errorf("%s not in the index after the run: %v", id, err)
		}
	}
	if n, err := idx.DocCount(); err != nil || n != 8 {
		t.Errorf("DocCount = %d, %v; want m0..m6 and ok = 8", n, err)
	}
}
