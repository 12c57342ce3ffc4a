package articles

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

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
		{name: "date before what the index holds", line: `{"id":"a","text":"t","date":"1600-01-01"}`,
			wantErr: `date "1600-01-01" in field date: year 1600 is outside the years 1700..2200`},
		{name: "date of year 1", line: `{"id":"a","text":"t","date":"0001-01-01"}`, wantErr: "year 1 is outside"},
		{name: "date after what the index holds", line: `{"id":"a","text":"t","date":"2262-04-12T00:00:00Z"}`, wantErr: "year 2262 is outside"},
		{name: "date pushed past 2200 by its zone", line: `{"id":"a","text":"t","date":"2200-12-31T23:00:00-05:00"}`, wantErr: "year 2201 is outside"},
		{name: "first year held", line: `{"id":"a","text":"t","date":"1700-01-01"}`, want: Document{ID: "a", Body: "t", Date: day(1700, 1, 1)}},
		{name: "last year held", line: `{"id":"a","text":"t","date":"2200-12-31"}`, want: Document{ID: "a", Body: "t", Date: day(2200, 12, 31)}},
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
