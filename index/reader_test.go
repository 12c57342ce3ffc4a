package index

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

func TestReadTxt(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		content  string
		max      int
		wantID   string
		wantBody string
		wantDate time.Time
		wantErr  string // substring of the problem; "" means a record is expected
	}{
		{name: "plain", file: "p1.txt", content: "Hello world\n", wantID: "p1", wantBody: "Hello world"},
		{name: "date on own line", file: "d.txt", content: "date 2020-01-02\nBody here\n", wantID: "d", wantBody: "Body here", wantDate: day(2020, 1, 2)},
		{name: "date with body on same line", file: "s.txt", content: "date 2019-06-29 New Delhi: Kisan\n\nMore text.\n",
			wantID: "s", wantBody: "New Delhi: Kisan\n\nMore text.", wantDate: day(2019, 6, 29)},
		{name: "leading space", file: "l.txt", content: " date 2024-03-22 Congress spokesperson", wantID: "l", wantBody: "Congress spokesperson", wantDate: day(2024, 3, 22)},
		{name: "BOM", file: "b.txt", content: "\uFEFFdate 2021-05-06\nबीजेपी\n", wantID: "b", wantBody: "बीजेपी", wantDate: day(2021, 5, 6)},
		{name: "BOM then spaces and tab", file: "bt.txt", content: "\uFEFF \t date\t2021-05-06 text", wantID: "bt", wantBody: "text", wantDate: day(2021, 5, 6)},
		{name: "CRLF", file: "c.txt", content: "date 2020-01-02\r\nline one\r\nline two\r\n", wantID: "c", wantBody: "line one\nline two", wantDate: day(2020, 1, 2)},
		{name: "CRLF body without date", file: "c2.txt", content: "a\r\n\r\nb", wantID: "c2", wantBody: "a\n\nb"},
		{name: "date word is body", file: "w.txt", content: "date night in Delhi", wantID: "w", wantBody: "date night in Delhi"},
		{name: "dated is body", file: "w2.txt", content: "dated 2020-01-02 text", wantID: "w2", wantBody: "dated 2020-01-02 text"},
		{name: "date glued to text is body", file: "w3.txt", content: "date 2020-01-02T10:00 text", wantID: "w3", wantBody: "date 2020-01-02T10:00 text"},
		{name: "date on second line is body", file: "w4.txt", content: "Hello\ndate 2020-01-02", wantID: "w4", wantBody: "Hello\ndate 2020-01-02"},
		{name: "impossible date", file: "bd.txt", content: "date 2019-13-45 text", wantErr: `unreadable date "2019-13-45"`},
		{name: "date only", file: "do.txt", content: "date 2020-01-02\n  \n", wantErr: "no text"},
		{name: "empty", file: "e.txt", content: "", wantErr: "no text"},
		{name: "whitespace only", file: "ws.txt", content: " \n\t\r\n", wantErr: "no text"},
		{name: "invalid UTF-8", file: "u.txt", content: "abc\xffdef", wantErr: "invalid UTF-8 in text at byte 3"},
		{name: "NUL", file: "n.txt", content: "ab\x00c", wantErr: "NUL byte in text at byte 2"},
		{name: "ZWJ and RTL kept", file: "z.txt", content: "क्\u200dष مرحبا", wantID: "z", wantBody: "क्\u200dष مرحبا"},
		{name: "upper-case extension", file: "Up.TXT", content: "x", wantID: "Up", wantBody: "x"},
		{name: "at the size limit", file: "m.txt", content: "0123456789", max: 10, wantID: "m", wantBody: "0123456789"},
		{name: "over the size limit", file: "big.txt", content: "0123456789A", max: 10, wantErr: "more than the limit of 10"},
		{name: "gzipped", file: "g.txt.gz", content: "date 2020-02-03 gz body", wantID: "g", wantBody: "gz body", wantDate: day(2020, 2, 3)},
		{name: "gzipped over the limit", file: "gbig.txt.gz", content: "0123456789A", max: 10, wantErr: "more than the limit of 10"},
		{name: "nothing before .txt", file: ".txt", content: "x", wantErr: "empty id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := []byte(tt.content)
			if strings.HasSuffix(tt.file, ".gz") {
				content = gzipBytes(t, content)
			}
			p := writeFile(t, t.TempDir(), tt.file, content)
			res := readAll(t, Reader{MaxDocBytes: tt.max}, p)
			if res.err != nil {
				t.Fatalf("Read error: %v", res.err)
			}
			if tt.wantErr != "" {
				if len(res.recs) != 0 || len(res.probs) != 1 {
					t.Fatalf("got %d records, problems %v; want one problem", len(res.recs), res.probs)
				}
				pr := res.probs[0]
				if pr.File != p || pr.Line != 1 || !strings.Contains(pr.Reason, tt.wantErr) {
					t.Errorf("problem %v, want %s:1: ...%s...", pr, p, tt.wantErr)
				}
				if res.stats != (ReadStats{Rejected: 1}) {
					t.Errorf("stats %+v", res.stats)
				}
				return
			}
			if len(res.recs) != 1 || len(res.probs) != 0 {
				t.Fatalf("got records %v, problems %v; want one record", res.recs, res.probs)
			}
			rec := res.recs[0]
			want := Document{ID: tt.wantID, Body: tt.wantBody, Date: tt.wantDate}
			if rec.Doc != want {
				t.Errorf("doc = %#v\nwant %#v", rec.Doc, want)
			}
			if rec.File != p || rec.Line != 1 {
				t.Errorf("record at %s:%d, want %s:1", rec.File, rec.Line, p)
			}
			if res.stats != (ReadStats{Records: 1}) {
				t.Errorf("stats %+v", res.stats)
			}
		})
	}
}

func TestReadJSONLRecord(t *testing.T) {
	deep := `{"id":"a","text":"t","x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "}"
	longDate := strings.Repeat("x", 60)
	tests := []struct {
		name    string
		line    string
		want    Document
		wantErr string // substring of the problem; "" means a record is expected
	}{
		{name: "all fields", line: `{"id":"a1","title":"T","text":"Body","date":"2020-01-02","url":"http://x/y","source":"PTI"}`,
			want: Document{ID: "a1", Title: "T", Body: "Body", Date: day(2020, 1, 2), URL: "http://x/y", Source: "PTI"}},
		{name: "integer id", line: `{"id":42,"text":"b"}`, want: Document{ID: "42", Body: "b"}},
		{name: "negative id", line: `{"id":-7,"text":"b"}`, want: Document{ID: "-7", Body: "b"}},
		{name: "huge integer id", line: `{"id":123456789012345678901234567890,"text":"b"}`, want: Document{ID: "123456789012345678901234567890", Body: "b"}},
		{name: "float id", line: `{"id":1.5,"text":"b"}`, wantErr: "field id must be a string or an integer, not 1.5"},
		{name: "exponent id", line: `{"id":1e3,"text":"b"}`, wantErr: "field id must be a string or an integer"},
		{name: "bool id", line: `{"id":true,"text":"b"}`, wantErr: "field id must be a string or an integer, not a boolean"},
		{name: "object id", line: `{"id":{"v":1},"text":"b"}`, wantErr: "not a object"},
		{name: "missing id", line: `{"text":"b"}`, wantErr: "missing field id"},
		{name: "null id", line: `{"id":null,"text":"b"}`, wantErr: "missing field id"},
		{name: "empty id", line: `{"id":"","text":"b"}`, wantErr: "field id is empty"},
		{name: "blank id", line: `{"id":"  ","text":"b"}`, wantErr: "field id is empty"},
		{name: "text wins over body", line: `{"id":"a","text":"T","body":"B"}`, want: Document{ID: "a", Body: "T"}},
		{name: "body when text empty", line: `{"id":"a","text":"","body":"B"}`, want: Document{ID: "a", Body: "B"}},
		{name: "body when text blank", line: `{"id":"a","text":"  ","body":"B"}`, want: Document{ID: "a", Body: "B"}},
		{name: "body alone", line: `{"id":"a","body":"B"}`, want: Document{ID: "a", Body: "B"}},
		{name: "headline only", line: `{"id":"a","title":"only title"}`, want: Document{ID: "a", Title: "only title"}},
		{name: "no text", line: `{"id":"a","title":" ","url":"u"}`, wantErr: "no text"},
		{name: "blank text and body", line: `{"id":"a","text":" ","body":"\n"}`, wantErr: "no text"},
		{name: "unknown fields ignored", line: `{"id":"a","text":"t","extra":{"x":[1,2]},"n":5,"tags":null}`, want: Document{ID: "a", Body: "t"}},
		{name: "null title", line: `{"id":"a","text":"t","title":null}`, want: Document{ID: "a", Body: "t"}},
		{name: "number title", line: `{"id":"a","text":"t","title":5}`, wantErr: "field title must be a string, not a number"},
		{name: "array text", line: `{"id":"a","text":["t"]}`, wantErr: "field text must be a string, not a array"},
		{name: "date RFC3339 keeps instant", line: `{"id":"a","text":"t","date":"2020-01-02T10:20:30+05:30"}`,
			want: Document{ID: "a", Body: "t", Date: time.Date(2020, 1, 2, 4, 50, 30, 0, time.UTC)}},
		{name: "date RFC3339 Z", line: `{"id":"a","text":"t","date":"2020-01-02T10:20:30Z"}`,
			want: Document{ID: "a", Body: "t", Date: time.Date(2020, 1, 2, 10, 20, 30, 0, time.UTC)}},
		{name: "date with space", line: `{"id":"a","text":"t","date":"2020-01-02 10:20:30"}`,
			want: Document{ID: "a", Body: "t", Date: time.Date(2020, 1, 2, 10, 20, 30, 0, time.UTC)}},
		{name: "date with T no zone", line: `{"id":"a","text":"t","date":"2020-01-02T10:20:30"}`,
			want: Document{ID: "a", Body: "t", Date: time.Date(2020, 1, 2, 10, 20, 30, 0, time.UTC)}},
		{name: "empty date", line: `{"id":"a","text":"t","date":""}`, want: Document{ID: "a", Body: "t"}},
		{name: "bad date", line: `{"id":"a","text":"t","date":"yesterday"}`, wantErr: `unreadable date in field date: "yesterday"`},
		{name: "impossible date", line: `{"id":"a","text":"t","date":"2020-02-30"}`, wantErr: `unreadable date in field date: "2020-02-30"`},
		{name: "long bad date truncated", line: `{"id":"a","text":"t","date":"` + longDate + `"}`,
			wantErr: `field date: "` + strings.Repeat("x", 40) + `…"`},
		{name: "number date", line: `{"id":"a","text":"t","date":20200102}`, wantErr: "field date must be a string"},
		{name: "invalid JSON", line: `{"id":"a","text":`, wantErr: "invalid JSON"},
		{name: "trailing garbage", line: `{"id":"a","text":"t"} x`, wantErr: "invalid JSON"},
		{name: "raw NUL is invalid JSON", line: "{\"id\":\"a\",\"text\":\"a\x00b\"}", wantErr: "invalid JSON"},
		{name: "array record", line: `[1,2]`, wantErr: "record is a JSON array, not an object"},
		{name: "string record", line: `"just text"`, wantErr: "record is a JSON string, not an object"},
		{name: "null record", line: `null`, wantErr: "missing field id"},
		{name: "deeply nested", line: deep, wantErr: "invalid JSON"},
		{name: "invalid UTF-8 in text", line: "{\"id\":\"a\",\"text\":\"bad \xff\"}", wantErr: "invalid UTF-8 in field text"},
		{name: "invalid UTF-8 in id", line: "{\"id\":\"\xc3\",\"text\":\"t\"}", wantErr: "invalid UTF-8 in field id"},
		{name: "invalid UTF-8 in unknown field", line: "{\"id\":\"a\",\"text\":\"t\",\"z\":\"\xff\"}", wantErr: "invalid UTF-8 in record"},
		{name: "escaped NUL in text", line: `{"id":"a","text":"a\u0000b"}`, wantErr: "NUL byte in field text"},
		{name: "escaped NUL in url", line: `{"id":"a","text":"t","url":"\u0000"}`, wantErr: "NUL byte in field url"},
		{name: "escaped NUL in id", line: `{"id":"a\u0000","text":"t"}`, wantErr: "NUL byte in field id"},
		{name: "ZWJ and RTL kept", line: `{"id":"a","text":"क्\u200dष مرحبا"}`, want: Document{ID: "a", Body: "क्\u200dष مرحبا"}},
		{name: "escaped CRLF in text", line: `{"id":"a","text":"x\r\ny"}`, want: Document{ID: "a", Body: "x\ny"}},
		{name: "surrounding spaces trimmed", line: `  {"id":" a ","text":" t ","title":" T "}  `, want: Document{ID: "a", Title: "T", Body: "t"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "r.jsonl", []byte(tt.line+"\n"))
			res := readAll(t, Reader{}, p)
			if res.err != nil {
				t.Fatalf("Read error: %v", res.err)
			}
			if tt.wantErr != "" {
				if len(res.recs) != 0 || len(res.probs) != 1 {
					t.Fatalf("got %d records, problems %v; want one problem", len(res.recs), res.probs)
				}
				pr := res.probs[0]
				if pr.File != p || pr.Line != 1 || !strings.Contains(pr.Reason, tt.wantErr) {
					t.Errorf("problem %v, want %s:1: ...%s...", pr, p, tt.wantErr)
				}
				if !utf8.ValidString(pr.Reason) {
					t.Errorf("reason %q is not valid UTF-8", pr.Reason)
				}
				return
			}
			if len(res.recs) != 1 || len(res.probs) != 0 {
				t.Fatalf("got records %v, problems %v; want one record", res.recs, res.probs)
			}
			if got := res.recs[0].Doc; got != tt.want {
				t.Errorf("doc = %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

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

func TestReadJSONLFile(t *testing.T) {
	long := `{"id":"long","text":"` + strings.Repeat("x", 200) + `"}`
	huge := `{"id":"huge","text":"` + strings.Repeat("y", 200000) + `"}`
	exact := `{"id":"e","text":"exactly fifty bytes long......"}` // 50 bytes
	tests := []struct {
		name      string
		content   string
		max       int
		wantRecs  []wantRec
		wantProbs []int // lines of the problems
		wantWhy   string
	}{
		{name: "empty file"},
		{name: "only blank lines", content: "\n  \n\r\n\t\n"},
		{name: "BOM and CRLF", content: "\uFEFF{\"id\":\"a\",\"text\":\"x\"}\r\n{\"id\":\"b\",\"text\":\"y\"}\r\n",
			wantRecs: []wantRec{{"a", 1}, {"b", 2}}},
		{name: "blank lines keep numbering", content: "\n{\"id\":\"a\",\"text\":\"x\"}\n\n\n{\"id\":\"b\",\"text\":\"y\"}",
			wantRecs: []wantRec{{"a", 2}, {"b", 5}}},
		{name: "BOM only counts on line 1", content: "{\"id\":\"a\",\"text\":\"x\"}\n\uFEFF{\"id\":\"b\",\"text\":\"y\"}\n",
			wantRecs: []wantRec{{"a", 1}}, wantProbs: []int{2}, wantWhy: "invalid JSON"},
		{name: "over-long line then good line", max: 100, content: long + "\n{\"id\":\"g\",\"text\":\"ok\"}\n",
			wantRecs: []wantRec{{"g", 2}}, wantProbs: []int{1}, wantWhy: "line longer than the limit of 100 bytes"},
		{name: "over-long last line without newline", max: 100, content: "{\"id\":\"g\",\"text\":\"ok\"}\n" + long,
			wantRecs: []wantRec{{"g", 1}}, wantProbs: []int{2}, wantWhy: "line longer"},
		{name: "line far beyond the read buffer", max: 1000, content: "{\"id\":\"a\",\"text\":\"ok\"}\n" + huge + "\n{\"id\":\"g\",\"text\":\"ok\"}\n",
			wantRecs: []wantRec{{"a", 1}, {"g", 3}}, wantProbs: []int{2}, wantWhy: "line longer"},
		{name: "line of exactly the limit with CRLF", max: 50, content: exact + "\r\n" + exact,
			wantRecs: []wantRec{{"e", 1}, {"e", 2}}},
		{name: "line one byte over the limit", max: 49, content: exact + "\n", wantProbs: []int{1}, wantWhy: "line longer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "f.ndjson", []byte(tt.content))
			res := readAll(t, Reader{MaxDocBytes: tt.max}, p)
			if res.err != nil {
				t.Fatalf("Read error: %v", res.err)
			}
			if got := recIDs(res.recs); fmt.Sprint(got) != fmt.Sprint(tt.wantRecs) {
				t.Errorf("records %v, want %v", got, tt.wantRecs)
			}
			if got := probLines(res.probs); fmt.Sprint(got) != fmt.Sprint(tt.wantProbs) {
				t.Errorf("problems %v, want at lines %v", res.probs, tt.wantProbs)
			}
			for _, pr := range res.probs {
				if !strings.Contains(pr.Reason, tt.wantWhy) {
					t.Errorf("problem %v, want reason containing %q", pr, tt.wantWhy)
				}
			}
			want := ReadStats{Records: len(tt.wantRecs), Rejected: len(tt.wantProbs)}
			if res.stats != want {
				t.Errorf("stats %+v, want %+v", res.stats, want)
			}
		})
	}
}

func TestReadBadFixture(t *testing.T) {
	p := filepath.Join("testdata", "readers", "bad.jsonl")
	res := readAll(t, Reader{}, p)
	if res.err != nil {
		t.Fatal(res.err)
	}
	wantRecs := []wantRec{{"ok1", 1}, {"7", 10}}
	if got := recIDs(res.recs); fmt.Sprint(got) != fmt.Sprint(wantRecs) {
		t.Errorf("records %v, want %v", got, wantRecs)
	}
	wantProbs := []string{
		p + ":2: invalid JSON",
		p + ":3: invalid UTF-8 in field text",
		p + ":4: missing field id",
		p + ":5: field id must be a string or an integer",
		p + ":6: no text",
		p + ":7: unreadable date in field date: \"29/06/2019\"",
		p + ":8: NUL byte in field text",
	}
	if len(res.probs) != len(wantProbs) {
		t.Fatalf("problems %v, want %d", res.probs, len(wantProbs))
	}
	for i, pr := range res.probs {
		if !strings.HasPrefix(pr.String(), wantProbs[i]) {
			t.Errorf("problem %d = %q, want prefix %q", i, pr.String(), wantProbs[i])
		}
	}
	if want := (ReadStats{Records: 2, Rejected: 7}); res.stats != want {
		t.Errorf("stats %+v, want %+v", res.stats, want)
	}
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

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte("{\"id\":\"a\",\"text\":\"x\"}\n"), 0)
	f.Add([]byte("\uFEFF{\"id\":1,\"body\":\"y\",\"date\":\"2020-01-02T10:00:00+05:30\"}\r\n\n{\"id\":\"b\"}"), 40)
	f.Add([]byte("{\"id\":\"a\",\"text\":\"a\\u0000\"}\n{\"id\":\"\xff\",\"text\":\"t\"}\n[1]\nnull\n"), 0)
	f.Add([]byte("{\"id\":\"a\",\"text\":\"\\ud800\",\"title\":5}\n"+strings.Repeat("[", 100)), 8)
	f.Fuzz(func(t *testing.T, data []byte, max int) {
		if max < 0 || max > 1<<16 {
			max = 0
		}
		p := writeFile(t, t.TempDir(), "f.jsonl", data)
		res := readAll(t, Reader{MaxDocBytes: max}, p)
		if res.err != nil {
			t.Fatal(res.err)
		}
		checkFuzzRecords(t, res.recs)
		if res.stats.Records != len(res.recs) || res.stats.Rejected != len(res.probs) {
			t.Fatalf("stats %+v for %d records, %d problems", res.stats, len(res.recs), len(res.probs))
		}
		if lines := bytes.Count(data, []byte("\n")) + 1; len(res.recs)+len(res.probs) > lines {
			t.Fatalf("%d results from %d lines", len(res.recs)+len(res.probs), lines)
		}
	})
}

func FuzzReadTxt(f *testing.F) {
	f.Add([]byte(" date 2019-06-29 New Delhi: text\n\nmore"), 0)
	f.Add([]byte("\uFEFFdate 2019-13-45\r\nx"), 0)
	f.Add([]byte("date\t2020-01-02"), 0)
	f.Add([]byte("abc\xff\x00"), 3)
	f.Fuzz(func(t *testing.T, data []byte, max int) {
		if max < 0 || max > 1<<16 {
			max = 0
		}
		p := writeFile(t, t.TempDir(), "doc.txt", data)
		res := readAll(t, Reader{MaxDocBytes: max}, p)
		if res.err != nil {
			t.Fatal(res.err)
		}
		checkFuzzRecords(t, res.recs)
		if len(res.recs)+len(res.probs) != 1 {
			t.Fatalf("%d records and %d problems, want exactly one result", len(res.recs), len(res.probs))
		}
		if len(res.recs) == 1 && res.recs[0].Doc.ID != "doc" {
			t.Fatalf("id %q, want doc", res.recs[0].Doc.ID)
		}
	})
}
