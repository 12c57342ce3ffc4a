package articles

import (
	"strings"
	"testing"
	"time"
)

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
		{name: "date before what the index holds", file: "old.txt", content: "date 1500-01-01 text", wantErr: "date 1500-01-01 in date line: year 1500 is outside the years 1700..2200"},
		{name: "date after what the index holds", file: "new.txt", content: "date 9999-12-31\ntext", wantErr: "year 9999 is outside"},
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
