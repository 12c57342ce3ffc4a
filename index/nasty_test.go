package index

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsearch/bilingual/articles"
)

// nastyFile is one file of a nasty-input case; link, when set, makes it a
// symbolic link to that target instead.
type nastyFile struct {
	name    string
	content []byte
	link    string
}

// wantProblem is a problem a case must report: in file (base name) at line
// (0 for the whole file), with a reason containing reason.
type wantProblem struct {
	file   string
	line   int
	reason string
}

// readResult is everything one Read produced.
type readResult struct {
	recs  []articles.Record
	probs []articles.Problem
	err   error
}

// readAll runs r over inputs and collects the results.
func readAll(t *testing.T, r articles.Reader, inputs ...string) readResult {
	t.Helper()
	var res readResult
	_, res.err = r.Read(context.Background(), inputs,
		func(rec articles.Record) error { res.recs = append(res.recs, rec); return nil },
		func(p articles.Problem) { res.probs = append(res.probs, p) })
	return res
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// good is a well-formed JSON line with id.
func good(id string) string {
	return fmt.Sprintf(`{"id":%q,"title":"Neighbour %s","text":"Congress and BJP leaders met in Delhi."}`, id, id)
}

// lines joins JSON lines into a file's content.
func lines(ls ...string) []byte { return []byte(strings.Join(ls, "\n") + "\n") }

// goodTxt is a well-formed article file that sits beside a nasty one.
var goodTxt = nastyFile{name: "neighbour.txt", content: []byte("date 2019-05-23\nThe BJP won the Lok Sabha election.\n")}

// TestNastyInputs feeds the reader hostile and unusual files: each bad record
// must be reported with its file and line, and must not cost its good
// neighbours; the accepted records must then index through a Writer.
func TestNastyInputs(t *testing.T) {
	const mb = 1 << 20
	huge := bytes.Repeat([]byte("मोदी Modi "), 50*mb/len("मोदी Modi ")+1) // just over 50 MB
	oneMB := strings.Repeat("Lok Sabha लोकसभा ", mb/len("Lok Sabha लोकसभा "))
	deepArrays := strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000)
	deepObjects := strings.Repeat(`{"a":`, 100_000) + "1" + strings.Repeat("}", 100_000)
	zwj := "क्\u200dष और क्\u200cष: ज़\u200dरूरी 👨\u200d👩\u200d👧"
	rtl := "عمران خان نے اسلام آباد میں جلسہ کیا \u202eabc\u202c مرحبا"

	tests := []struct {
		name    string
		files   []nastyFile
		ids     []string // every id read, in order
		probs   []wantProblem
		check   func(t *testing.T, recs []articles.Record)
		lastFor map[string]string // id → body the index must keep
	}{
		{
			name:  "invalid UTF-8 in a JSON line",
			files: []nastyFile{{name: "in.jsonl", content: lines(good("g1"), "{\"id\":\"bad\",\"text\":\"caf\xe9\"}", good("g2"))}},
			ids:   []string{"g1", "g2"},
			probs: []wantProblem{{"in.jsonl", 2, "invalid UTF-8 in field text"}},
		},
		{
			name:  "invalid UTF-8 in an article",
			files: []nastyFile{{name: "bad.txt", content: []byte("abc\xffdef")}, goodTxt},
			ids:   []string{"neighbour"},
			probs: []wantProblem{{"bad.txt", 1, "invalid UTF-8 in text at byte 3"}},
		},
		{
			name: "NUL bytes in JSON lines",
			files: []nastyFile{{name: "in.jsonl", content: lines(good("g1"),
				`{"id":"esc","text":"a\u0000b"}`, "{\"id\":\"raw\",\"text\":\"a\x00b\"}", good("g2"))}},
			ids: []string{"g1", "g2"},
			probs: []wantProblem{
				{"in.jsonl", 2, "NUL byte in field text"},
				{"in.jsonl", 3, "invalid JSON at byte"},
			},
		},
		{
			name:  "NUL byte in an article",
			files: []nastyFile{{name: "bad.txt", content: []byte("a\x00b")}, goodTxt},
			ids:   []string{"neighbour"},
			probs: []wantProblem{{"bad.txt", 1, "NUL byte in text at byte 1"}},
		},
		{
			name:  "50 MB article",
			files: []nastyFile{{name: "huge.txt", content: huge}, goodTxt},
			ids:   []string{"neighbour"},
			probs: []wantProblem{{"huge.txt", 1, fmt.Sprintf("article is %d bytes, more than the limit of %d", len(huge), articles.DefaultMaxDocBytes)}},
		},
		{
			name: "50 MB JSON line",
			files: []nastyFile{{name: "in.jsonl", content: lines(good("g1"),
				`{"id":"huge","text":"`+string(huge)+`"}`, good("g2"))}},
			ids:   []string{"g1", "g2"},
			probs: []wantProblem{{"in.jsonl", 2, fmt.Sprintf("line longer than the limit of %d bytes", articles.DefaultMaxDocBytes)}},
		},
		{
			name:  "1 MB line is accepted",
			files: []nastyFile{{name: "in.jsonl", content: lines(good("g1"), fmt.Sprintf(`{"id":"big","text":%q}`, oneMB), good("g2"))}},
			ids:   []string{"g1", "big", "g2"},
			check: func(t *testing.T, recs []articles.Record) {
				if got := len(recs[1].Doc.Body); got != len(strings.TrimSpace(oneMB)) {
					t.Errorf("1 MB body read as %d bytes, want %d", got, len(strings.TrimSpace(oneMB)))
				}
			},
		},
		{
			name: "deep JSON",
			files: []nastyFile{{name: "in.jsonl", content: lines(good("g1"), deepArrays, deepObjects,
				`{"id":"deep","text":"x","extra":`+deepArrays+`}`, good("g2"))}},
			ids: []string{"g1", "g2"},
			probs: []wantProblem{
				{"in.jsonl", 2, "invalid JSON"},
				{"in.jsonl", 3, "invalid JSON"},
				{"in.jsonl", 4, "invalid JSON"},
			},
		},
		{
			name:  "empty files",
			files: []nastyFile{{name: "empty.jsonl"}, {name: "empty.txt"}, {name: "blank.jsonl", content: []byte("\n\n  \n")}, goodTxt},
			ids:   []string{"neighbour"},
			probs: []wantProblem{{"empty.txt", 1, "no text"}},
		},
		{
			name: "byte-order marks",
			files: []nastyFile{
				{name: "bom.jsonl", content: lines("\uFEFF"+good("g1"), "\uFEFF"+good("g2"), good("g3"))},
				{name: "bom.txt", content: []byte("\uFEFFdate 2019-05-23\nModi was sworn in.")},
			},
			ids:   []string{"g1", "g3", "bom"},
			probs: []wantProblem{{"bom.jsonl", 2, "invalid JSON at byte 1"}},
			check: func(t *testing.T, recs []articles.Record) {
				if d := recs[2].Doc; d.Date != day(2019, 5, 23) || d.Body != "Modi was sworn in." {
					t.Errorf("article with BOM read as date %v body %q", d.Date, d.Body)
				}
			},
		},
		{
			name: "CRLF line ends",
			files: []nastyFile{
				{name: "crlf.jsonl", content: []byte(good("g1") + "\r\n" + good("g2") + "\r\n")},
				{name: "crlf.txt", content: []byte("date 2019-05-23\r\nFirst line.\r\nSecond line.\r\n")},
			},
			ids: []string{"g1", "g2", "crlf"},
			check: func(t *testing.T, recs []articles.Record) {
				if d := recs[2].Doc; d.Date != day(2019, 5, 23) || d.Body != "First line.\nSecond line." {
					t.Errorf("CRLF article read as date %v body %q", d.Date, d.Body)
				}
			},
		},
		{
			name:  "unknown fields are ignored",
			files: []nastyFile{{name: "in.jsonl", content: lines(`{"id":"u","text":"Mamata Banerjee","author":"x","tags":[1,{"a":null}],"extra_id":7}`)}},
			ids:   []string{"u"},
		},
		{
			name: "non-string ids",
			files: []nastyFile{{name: "in.jsonl", content: lines(
				`{"id":42,"text":"integer id"}`,
				`{"id":4.2,"text":"float id"}`,
				`{"id":true,"text":"boolean id"}`,
				`{"id":{"n":1},"text":"object id"}`,
				`{"id":["a"],"text":"array id"}`,
				`{"id":null,"text":"null id"}`,
				`{"id":-7,"text":"negative id"}`,
			)}},
			ids: []string{"42", "-7"},
			probs: []wantProblem{
				{"in.jsonl", 2, "field id must be a string or an integer, not 4.2"},
				{"in.jsonl", 3, "field id must be a string or an integer, not a boolean"},
				{"in.jsonl", 4, "field id must be a string or an integer, not a object"},
				{"in.jsonl", 5, "field id must be a string or an integer, not a array"},
				{"in.jsonl", 6, "missing field id"},
			},
		},
		{
			name: "duplicate ids in one file",
			files: []nastyFile{{name: "in.jsonl", content: lines(
				`{"id":"dup","text":"first version"}`, good("g1"), `{"id":"dup","text":"second version"}`)}},
			ids:     []string{"dup", "g1", "dup"},
			lastFor: map[string]string{"dup": "second version"},
		},
		{
			name:  "zero-width joiners",
			files: []nastyFile{{name: "in.jsonl", content: lines(fmt.Sprintf(`{"id":"zwj","text":%q}`, zwj))}},
			ids:   []string{"zwj"},
			check: func(t *testing.T, recs []articles.Record) {
				if recs[0].Doc.Body != zwj {
					t.Errorf("body %q, want %q unchanged", recs[0].Doc.Body, zwj)
				}
			},
			lastFor: map[string]string{"zwj": zwj},
		},
		{
			name: "right-to-left text",
			files: []nastyFile{
				{name: "in.jsonl", content: lines(fmt.Sprintf(`{"id":"rtl","title":"اردو","text":%q}`, rtl))},
				{name: "urdu.txt", content: []byte(rtl)},
			},
			ids:     []string{"rtl", "urdu"},
			lastFor: map[string]string{"rtl": rtl, "urdu": rtl},
		},
		{
			name: "symlink loops",
			files: []nastyFile{
				{name: "loop", link: "."},
				{name: "sub/up", link: ".."},
				{name: "a.jsonl", link: "b.jsonl"},
				{name: "b.jsonl", link: "a.jsonl"},
				{name: "in.jsonl", content: lines(good("g1"))},
			},
			ids: []string{"g1"},
			probs: []wantProblem{
				{"a.jsonl", 0, "too many levels of symbolic links"},
				{"b.jsonl", 0, "too many levels of symbolic links"},
			},
		},
	}

	w, idx := newWriter(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range tc.files {
				p := filepath.Join(dir, f.name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				var err error
				if f.link != "" {
					err = os.Symlink(f.link, p)
				} else {
					err = os.WriteFile(p, f.content, 0o644)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			res := readAll(t, articles.Reader{}, dir)
			if res.err != nil {
				t.Fatalf("Read: %v", res.err)
			}
			var ids []string
			for _, r := range res.recs {
				ids = append(ids, r.Doc.ID)
			}
			if !slices.Equal(ids, tc.ids) {
				t.Errorf("read ids %q, want %q", ids, tc.ids)
			}
			if len(res.probs) != len(tc.probs) {
				t.Errorf("%d problems, want %d: %v", len(res.probs), len(tc.probs), res.probs)
			}
			for i, want := range tc.probs {
				if i >= len(res.probs) {
					break
				}
				p := res.probs[i]
				if filepath.Base(p.File) != want.file || p.Line != want.line || !strings.Contains(p.Reason, want.reason) {
					t.Errorf("problem %d = %s; want %s line %d containing %q", i, p, want.file, want.line, want.reason)
				}
				// The printed form must let a person find the record.
				if prefix := fmt.Sprintf("%s:%d: ", p.File, p.Line); p.Line > 0 && !strings.HasPrefix(p.String(), prefix) {
					t.Errorf("problem %q does not start with %q", p, prefix)
				}
			}
			if tc.check != nil && slices.Equal(ids, tc.ids) {
				tc.check(t, res.recs)
			}
			if len(res.recs) == 0 {
				return
			}
			docs := make([]articles.Document, len(res.recs))
			for i, r := range res.recs {
				docs[i] = r.Doc
			}
			if err := w.Write(context.Background(), docs); err != nil {
				t.Fatalf("Write: %v", err)
			}
			for _, id := range tc.ids {
				if storedFields(t, idx, id) == nil {
					t.Errorf("%s read but not in the index after Write", id)
				}
			}
			for id, body := range tc.lastFor {
				if got := storedFields(t, idx, id)["body"]; !slices.Equal(got, []string{body}) {
					t.Errorf("index keeps body %q for %s, want %q", got, id, body)
				}
			}
		})
	}
}
