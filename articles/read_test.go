package articles

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// readResult is everything one Read produced.
type readResult struct {
	recs  []Record
	probs []Problem
	stats ReadStats
	err   error
}

// readAll runs r over inputs and collects the results.
func readAll(t *testing.T, r Reader, inputs ...string) readResult {
	t.Helper()
	var res readResult
	res.stats, res.err = r.Read(context.Background(), inputs,
		func(rec Record) error { res.recs = append(res.recs, rec); return nil },
		func(p Problem) { res.probs = append(res.probs, p) })
	return res
}

// writeFile creates name in dir with content and returns its path.
func writeFile(t *testing.T, dir, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// gzipBytes compresses b.
func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// wantRec is the expected (id, line) of an emitted record.
type wantRec struct {
	id   string
	line int
}

// recIDs lists the id and line of each record.
func recIDs(recs []Record) []wantRec {
	var out []wantRec
	for _, r := range recs {
		out = append(out, wantRec{r.Doc.ID, r.Line})
	}
	return out
}

// probLines lists the line of each problem.
func probLines(probs []Problem) []int {
	var out []int
	for _, p := range probs {
		out = append(out, p.Line)
	}
	return out
}

// jsonLines builds n records, one per line, with ids r0, r1, ...; the text
// varies so that the gzip stream is long enough to break in the middle.
func jsonLines(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "{\"id\":\"r%d\",\"text\":\"record %d %x\"}\n", i, i, i*2654435761)
	}
	return b.Bytes()
}

func TestReadGzip(t *testing.T) {
	dir := t.TempDir()

	good := writeFile(t, dir, "good.jsonl.gz", gzipBytes(t, jsonLines(3)))
	res := readAll(t, Reader{}, good)
	if want := []wantRec{{"r0", 1}, {"r1", 2}, {"r2", 3}}; fmt.Sprint(recIDs(res.recs)) != fmt.Sprint(want) || len(res.probs) != 0 {
		t.Errorf("good.jsonl.gz: records %v problems %v, want %v", recIDs(res.recs), res.probs, want)
	}

	// A flipped CRC is only found at the end: all records come first.
	crc := gzipBytes(t, jsonLines(3))
	crc[len(crc)-8] ^= 0xff
	badCRC := writeFile(t, dir, "crc.ndjson.gz", crc)
	res = readAll(t, Reader{}, badCRC)
	if len(res.recs) != 3 || len(res.probs) != 1 || res.probs[0].Line != 4 || !strings.Contains(res.probs[0].Reason, "corrupt gzip") {
		t.Errorf("crc.ndjson.gz: %d records, problems %v; want 3 records and a problem at line 4", len(res.recs), res.probs)
	}

	// A stream cut in the middle: the records before the cut still come out.
	full := gzipBytes(t, jsonLines(5000))
	cut := writeFile(t, dir, "cut.jsonl.gz", full[:len(full)*6/10])
	res = readAll(t, Reader{}, cut)
	if len(res.recs) == 0 || len(res.recs) >= 5000 {
		t.Fatalf("cut.jsonl.gz: %d records, want some but not all", len(res.recs))
	}
	for i, r := range res.recs {
		if r.Doc.ID != fmt.Sprintf("r%d", i) || r.Line != i+1 {
			t.Fatalf("cut.jsonl.gz record %d = %s at line %d", i, r.Doc.ID, r.Line)
		}
	}
	if len(res.probs) != 1 || res.probs[0].Line != len(res.recs)+1 || !strings.Contains(res.probs[0].Reason, "corrupt gzip") {
		t.Errorf("cut.jsonl.gz: problems %v, want one at line %d", res.probs, len(res.recs)+1)
	}
	if res.stats.Records != len(res.recs) || res.stats.Rejected != 1 {
		t.Errorf("cut.jsonl.gz stats %+v", res.stats)
	}
	t.Logf("cut stream: %d records, then %v", len(res.recs), res.probs)

	tests := []struct {
		name    string
		content []byte
	}{
		{"not gzip at all.txt.gz", []byte("plain text, not gzip")},
		{"cut.txt.gz", gzipBytes(t, []byte(strings.Repeat("article text ", 100)))[:30]},
		{"header only.jsonl.gz", gzipBytes(t, nil)[:5]},
	}
	for _, tt := range tests {
		p := writeFile(t, dir, tt.name, tt.content)
		res := readAll(t, Reader{}, p)
		if len(res.recs) != 0 || len(res.probs) != 1 || res.probs[0].Line != 1 || !strings.Contains(res.probs[0].Reason, "corrupt gzip") {
			t.Errorf("%s: records %v problems %v; want one corrupt gzip problem at line 1", tt.name, res.recs, res.probs)
		}
	}
}

func TestReadDirectories(t *testing.T) {
	tree := filepath.Join("testdata", "readers", "tree")
	res := readAll(t, Reader{}, tree)
	if res.err != nil {
		t.Fatal(res.err)
	}
	want := []string{
		filepath.Join(tree, "a.txt") + ":1:a",
		filepath.Join(tree, "b.jsonl") + ":1:b1",
		filepath.Join(tree, "b.jsonl") + ":2:b2",
		filepath.Join(tree, "sub", "c.ndjson") + ":1:c1",
		filepath.Join(tree, "sub", "deeper", "d.txt") + ":1:d",
	}
	var got []string
	for _, r := range res.recs {
		got = append(got, fmt.Sprintf("%s:%d:%s", r.File, r.Line, r.Doc.ID))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("records\n%v\nwant\n%v", got, want)
	}
	if len(res.probs) != 0 {
		t.Errorf("problems %v", res.probs)
	}
	// notes.md and sub/readme are skipped; .hidden.txt and .cache/ silently.
	if wantStats := (ReadStats{Records: 5, Skipped: 2}); res.stats != wantStats {
		t.Errorf("stats %+v, want %+v", res.stats, wantStats)
	}
	if len(res.recs) == 5 {
		d := res.recs[4].Doc
		if d.Date != day(2022, 8, 30) || d.Body != "राहुल गांधी ने इस्तीफा दिया।" {
			t.Errorf("d.txt = %#v", d)
		}
		if res.recs[1].Doc.Title != "B one" || res.recs[3].Doc.Source != "PTI" {
			t.Errorf("b1 = %#v, c1 = %#v", res.recs[1].Doc, res.recs[3].Doc)
		}
	}
}

func TestReadExplicitInputs(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.jsonl")
	md := writeFile(t, dir, "notes.md", []byte("x"))
	hidden := writeFile(t, dir, ".hidden.txt", []byte("named explicitly"))
	good := writeFile(t, dir, "good.txt", []byte("good"))
	res := readAll(t, Reader{}, missing, md, hidden, good)
	if res.err != nil {
		t.Fatal(res.err)
	}
	if want := []wantRec{{".hidden", 1}, {"good", 1}}; fmt.Sprint(recIDs(res.recs)) != fmt.Sprint(want) {
		t.Errorf("records %v, want %v", recIDs(res.recs), want)
	}
	if len(res.probs) != 2 ||
		res.probs[0].File != missing || res.probs[0].Line != 0 || !strings.Contains(res.probs[0].Reason, "no such file") ||
		res.probs[1].File != md || res.probs[1].Line != 0 || !strings.Contains(res.probs[1].Reason, "unsupported") {
		t.Errorf("problems %v", res.probs)
	}
	if want := (ReadStats{Records: 2, Rejected: 2}); res.stats != want {
		t.Errorf("stats %+v, want %+v", res.stats, want)
	}
}

func TestReadSymlinks(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "root")
	writeFile(t, root, "a/x.txt", []byte("x body"))
	writeFile(t, dir, "outside/real.txt", []byte("real body"))
	links := []struct{ target, name string }{
		{"..", filepath.Join(root, "a", "loop")},                  // a/loop -> root: a cycle
		{".", filepath.Join(root, "a", "self")},                   // a/self -> a
		{"../outside/real.txt", filepath.Join(root, "b.txt")},     // a followed file link
		{"../outside", filepath.Join(root, "c")},                  // a followed directory link
		{"nowhere.txt", filepath.Join(root, "dangling.txt")},      // broken
		{"../outside/real.txt", filepath.Join(root, "link.data")}, // unsupported name
	}
	for _, l := range links {
		if err := os.Symlink(l.target, l.name); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	res := readAll(t, Reader{}, root)
	if res.err != nil {
		t.Fatal(res.err)
	}
	var got []string
	for _, r := range res.recs {
		rel, _ := filepath.Rel(root, r.File)
		got = append(got, rel+"="+r.Doc.ID)
	}
	want := []string{"a/x.txt=x", "b.txt=b", "c/real.txt=real"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("records %v, want %v", got, want)
	}
	if len(res.probs) != 1 || res.probs[0].File != filepath.Join(root, "dangling.txt") || res.probs[0].Line != 0 {
		t.Errorf("problems %v, want one for dangling.txt", res.probs)
	}
	if wantStats := (ReadStats{Records: 3, Rejected: 1, Skipped: 1}); res.stats != wantStats {
		t.Errorf("stats %+v, want %+v", res.stats, wantStats)
	}
}

func TestReadSeeds(t *testing.T) {
	res := readAll(t, Reader{}, filepath.Join("..", "testdata", "seeds"))
	if res.err != nil {
		t.Fatal(res.err)
	}
	if len(res.recs) != 5 || len(res.probs) != 0 {
		t.Fatalf("%d records, problems %v; want 5 records", len(res.recs), res.probs)
	}
	wantDates := []time.Time{day(2019, 6, 29), {}, {}, day(2024, 3, 22), {}}
	for i, r := range res.recs {
		if !strings.HasPrefix(r.Doc.ID, fmt.Sprintf("%03d_", i)) {
			t.Errorf("record %d id %q", i, r.Doc.ID)
		}
		if !r.Doc.Date.Equal(wantDates[i]) {
			t.Errorf("%s date %v, want %v", r.Doc.ID, r.Doc.Date, wantDates[i])
		}
		if strings.HasPrefix(r.Doc.Body, "date") || r.Doc.Title != "" {
			t.Errorf("%s: title %q, body starts %q", r.Doc.ID, r.Doc.Title, r.Doc.Body[:20])
		}
	}
	if b := res.recs[0].Doc.Body; !strings.HasPrefix(b, "New Delhi:") {
		t.Errorf("seed 000 body starts %q, want New Delhi:", b[:20])
	}
	if b := res.recs[3].Doc.Body; !strings.HasPrefix(b, "Congress' national spokesperson") {
		t.Errorf("seed 003 body starts %q", b[:20])
	}
}

func TestReadStopsEarly(t *testing.T) {
	p := writeFile(t, t.TempDir(), "f.jsonl", jsonLines(3))

	stop := errors.New("stop")
	var seen []string
	stats, err := Reader{}.Read(context.Background(), []string{p, p},
		func(r Record) error {
			if r.Doc.ID == "r1" {
				return stop
			}
			seen = append(seen, r.Doc.ID)
			return nil
		}, nil)
	if !errors.Is(err, stop) || !strings.Contains(err.Error(), p+":2:") {
		t.Errorf("err = %v, want stop at %s:2", err, p)
	}
	if fmt.Sprint(seen) != "[r0]" || stats.Records != 1 {
		t.Errorf("seen %v, stats %+v; want only r0", seen, stats)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n := 0
	stats, err = Reader{}.Read(ctx, []string{p}, func(Record) error { n++; return nil }, nil)
	if !errors.Is(err, context.Canceled) || n != 0 || stats.Records != 0 {
		t.Errorf("cancelled: err %v, %d records", err, n)
	}

	// nil callbacks are allowed; the counts still add up.
	stats, err = Reader{}.Read(context.Background(), []string{p, filepath.Join(t.TempDir(), "none.txt")}, nil, nil)
	if err != nil || stats != (ReadStats{Records: 3, Rejected: 1}) {
		t.Errorf("nil callbacks: stats %+v, err %v", stats, err)
	}
}

// checkFuzzRecords fails when a record breaks the guarantees of Read.
func checkFuzzRecords(t *testing.T, recs []Record) {
	for _, r := range recs {
		d := r.Doc
		if d.ID == "" || strings.TrimSpace(d.Body) == "" {
			t.Fatalf("record with empty id or body: %#v", d)
		}
		for _, s := range []string{d.ID, d.Title, d.Body, d.URL, d.Source} {
			if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
				t.Fatalf("record with invalid UTF-8 or NUL: %#v", d)
			}
		}
	}
}
