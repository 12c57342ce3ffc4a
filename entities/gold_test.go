package entities

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsearch/bilingual/internal/shared"
)

// seedArticle reads a seed file, taking the published date from its " date YYYY-MM-DD" first line.
func seedArticle(tb testing.TB, name string) Article {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "seeds", name+".txt"))
	if err != nil {
		tb.Fatalf("reading seed %s: %v", name, err)
	}
	s := string(b)
	var pub time.Time
	if rest, ok := strings.CutPrefix(s, " date "); ok && len(rest) >= 10 {
		if t, err := time.Parse("2006-01-02", rest[:10]); err == nil {
			pub, s = t, rest[10:]
		}
	}
	return Article{Body: s, Published: pub}
}

type goldDoc struct{ file, id string }

// readGold returns, per document, the set of "type\tvalue" strings annotated.
func readGold(t *testing.T) (map[goldDoc]map[string]bool, []goldDoc) {
	f, err := os.Open(filepath.Join("testdata", "gold.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold := map[goldDoc]map[string]bool{}
	var order []goldDoc
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "file_or_corpus\t") {
			continue
		}
		c := strings.Split(l, "\t")
		if len(c) != 4 {
			t.Fatalf("gold.tsv:%d: %d fields, want 4", line, len(c))
		}
		d := goldDoc{c[0], c[1]}
		if gold[d] == nil {
			gold[d] = map[string]bool{}
			order = append(order, d)
		}
		if c[2] != "doc" {
			gold[d][c[2]+"\t"+c[3]] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return gold, order
}

// corpusArticles loads the documents of a corpus file that the gold annotates.
func corpusArticles(t *testing.T, file string, want map[string]bool) map[string]Article {
	path := shared.Path(t, filepath.Join("corpus", file))
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]Article{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var d struct{ ID, Date, Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if !want[d.ID] {
			continue
		}
		pub, err := time.Parse("2006-01-02", d.Date)
		if err != nil {
			t.Fatalf("%s: %s: date %q: %v", file, d.ID, d.Date, err)
		}
		out[d.ID] = Article{Title: d.Title, Body: d.Text, Published: pub}
	}
	return out
}

// unknownKey lets a generated id match the gold one, written as a slug of the name, when their spellings
// agree phonetically: NameKey of a generated id's key is that key.
func unknownKey(id string) string {
	if rest, ok := strings.CutPrefix(id, "x-"); ok {
		return "x:" + NameKey(strings.ReplaceAll(rest, "-", " "))
	}
	return id
}

func predicted(r Result) map[string]bool {
	m := map[string]bool{}
	for _, p := range r.People {
		m["person\t"+unknownKey(p)] = true
	}
	for _, p := range r.Parties {
		m["party\t"+p] = true
	}
	for _, d := range r.Dates {
		m["date\t"+d.Format("2006-01-02")] = true
	}
	return m
}

// goldArticles returns the annotated documents, seeds and corpus ones, in the order gold.tsv lists them.
func goldArticles(t *testing.T) (gold map[goldDoc]map[string]bool, order []goldDoc, arts map[goldDoc]Article) {
	gold, order = readGold(t)
	want := map[string]map[string]bool{}
	for _, d := range order {
		if d.file != "seeds" {
			if want[d.file] == nil {
				want[d.file] = map[string]bool{}
			}
			want[d.file][d.id] = true
		}
	}
	arts = map[goldDoc]Article{}
	for file, ids := range want {
		for id, a := range corpusArticles(t, file, ids) {
			arts[goldDoc{file, id}] = a
		}
	}
	for _, d := range order {
		if d.file == "seeds" {
			arts[d] = seedArticle(t, d.id)
		} else if _, ok := arts[d]; !ok {
			t.Fatalf("%s %s: not in the corpus", d.file, d.id)
		}
	}
	return gold, order, arts
}

func TestGold(t *testing.T) {
	gold, order, arts := goldArticles(t)
	x := newTestExtractor(t)
	type counts struct{ tp, fp, fn int }
	per := map[string]*counts{"person": {}, "party": {}, "date": {}}
	docs := 0
	for _, d := range order {
		a := arts[d]
		docs++
		g := map[string]bool{}
		for k := range gold[d] {
			typ, v, _ := strings.Cut(k, "\t")
			if typ == "person" {
				v = unknownKey(v)
			}
			g[typ+"\t"+v] = true
		}
		p := predicted(x.Extract(a))
		var miss, extra []string
		for k := range p {
			typ, _, _ := strings.Cut(k, "\t")
			if g[k] {
				per[typ].tp++
			} else {
				per[typ].fp++
				extra = append(extra, k)
			}
		}
		for k := range g {
			if !p[k] {
				typ, _, _ := strings.Cut(k, "\t")
				per[typ].fn++
				miss = append(miss, k)
			}
		}
		if testing.Verbose() && len(miss)+len(extra) > 0 {
			sort.Strings(miss)
			sort.Strings(extra)
			t.Logf("%s %s: missed %q; extra %q", d.file, d.id, miss, extra)
		}
	}
	t.Logf("%d documents", docs)
	t.Logf("%-7s %5s %5s %5s %6s %6s %6s", "type", "tp", "fp", "fn", "P", "R", "F1")
	f1 := map[string]float64{}
	prec := map[string]float64{}
	for _, typ := range []string{"person", "party", "date"} {
		c := per[typ]
		p := float64(c.tp) / float64(max(1, c.tp+c.fp))
		r := float64(c.tp) / float64(max(1, c.tp+c.fn))
		f := 0.0
		if p+r > 0 {
			f = 2 * p * r / (p + r)
		}
		f1[typ], prec[typ] = f, p
		t.Logf("%-7s %5d %5d %5d %6.3f %6.3f %6.3f", typ, c.tp, c.fp, c.fn, p, r, f)
	}
	if f1["party"] < 0.9 {
		t.Errorf("party F1 %.3f < 0.9", f1["party"])
	}
	if f1["person"] < 0.85 {
		t.Errorf("person F1 %.3f < 0.85", f1["person"])
	}
	if prec["date"] < 0.9 {
		t.Errorf("date precision %.3f < 0.9", prec["date"])
	}
}
