package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsearch/bilingual/entities"
)

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = 100 - i // 100 ... 1, unsorted on purpose
	}
	tests := []struct {
		name string
		in   []time.Duration
		p    float64
		want time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one", ms(7), 99, 7 * time.Millisecond},
		{"median of odd", ms(5, 1, 3), 50, 3 * time.Millisecond},
		{"median of even is the lower", ms(4, 1, 3, 2), 50, 2 * time.Millisecond},
		{"p95 of 1..100", ms(hundred...), 95, 95 * time.Millisecond},
		{"p99 of 1..100", ms(hundred...), 99, 99 * time.Millisecond},
		{"p100 is the max", ms(hundred...), 100, 100 * time.Millisecond},
		{"p99 of 10 is the max", ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
	}
	for _, tc := range tests {
		in := append([]time.Duration(nil), tc.in...)
		if got := Percentile(tc.in, tc.p); got != tc.want {
			t.Errorf("%s: Percentile(p%v) = %v, want %v", tc.name, tc.p, got, tc.want)
		}
		if !reflect.DeepEqual(in, tc.in) {
			t.Errorf("%s: Percentile reordered its input", tc.name)
		}
	}
}

// testVocabulary writes a small corpus whose word frequencies are known: word
// enN and hiN occur N+1 times, so the most frequent come last in the file.
func testVocabulary(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	deva := []rune("कखगघचछजझटठडढतथदधनपफबभमयरलवशसह")
	for i := range 300 {
		var words []string
		en := fmt.Sprintf("word%c%c", 'a'+i/26, 'a'+i%26)
		hi := string([]rune{deva[i/len(deva)], deva[i%len(deva)], 'ा', 'न'})
		for range i + 1 {
			words = append(words, en, hi)
		}
		line, err := json.Marshal(map[string]string{"id": fmt.Sprint(i), "text": strings.Join(words, " ")})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadVocabulary(t *testing.T) {
	v, err := ReadVocabulary(testVocabulary(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(v.English) != 300 || len(v.Hindi) != 300 {
		t.Fatalf("%d English and %d Hindi words, want 300 each", len(v.English), len(v.Hindi))
	}
	// word l,n is i = 11*26+13 = 299, the most frequent; "worda a" is i = 0, the rarest.
	if v.English[0] != "wordln" || v.English[299] != "wordaa" {
		t.Errorf("English order: first %q last %q, want wordln and wordaa", v.English[0], v.English[299])
	}
	if v.Hindi[299] != "ककान" {
		t.Errorf("rarest Hindi word %q, want ककान", v.Hindi[299])
	}
}

func TestClassesDeterministic(t *testing.T) {
	v, err := ReadVocabulary(testVocabulary(t))
	if err != nil {
		t.Fatal(err)
	}
	gaz, err := entities.Load()
	if err != nil {
		t.Fatal(err)
	}
	people := gaz.People()
	a, err := Classes(v, people, 3)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Classes(v, people, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave different queries")
	}
	c, err := Classes(v, people, 4)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(a, c) {
		t.Error("seeds 3 and 4 gave the same queries")
	}
	if len(a) != 6 {
		t.Fatalf("%d classes, want 6", len(a))
	}
	for _, cl := range a {
		if len(cl.Queries) != PerClass {
			t.Errorf("class %s has %d queries, want %d", cl.Name, len(cl.Queries), PerClass)
		}
		for _, q := range cl.Queries {
			if strings.TrimSpace(q.Get("q")) == "" {
				t.Errorf("class %s has an empty query", cl.Name)
			}
		}
	}
	// Terms come from below the 100 most frequent words: never the top ones.
	for _, q := range a[0].Queries {
		for _, top := range v.English[:skipTop] {
			if q.Get("q") == top {
				t.Errorf("English term %q is among the %d most frequent words", top, skipTop)
			}
		}
	}
	f := Filtered(a[0])
	if f.Queries[0].Get("lang") != "en" || f.Queries[1].Get("party") != "BJP" || a[0].Queries[0].Get("lang") != "" {
		t.Errorf("Filtered: got %v and %v, original now %v", f.Queries[0], f.Queries[1], a[0].Queries[0])
	}
}

func TestRecorder(t *testing.T) {
	var b bytes.Buffer
	r := NewRecorder(&b, "abc123", 10)
	r.Add("index.ours.docs_per_s", 12.5, "docs/s")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	var got Result
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Commit != "abc123" || got.Docs != 10 || got.Metric != "index.ours.docs_per_s" || got.Value != 12.5 ||
		got.Unit != "docs/s" || got.Time == "" {
		t.Errorf("recorded %+v", got)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"ours --no-extract": "ours_no_extract", "plain bleve": "plain_bleve",
		"english-term+filter": "english_term_filter"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWithout(t *testing.T) {
	v := Vocabulary{English: []string{"the", "budget", "Into"}, Hindi: []string{"और", "चुनाव"}}
	got := v.Without(map[string]bool{"the": true, "into": true, "और": true})
	if strings.Join(got.English, ",") != "budget" || strings.Join(got.Hindi, ",") != "चुनाव" {
		t.Errorf("Without: %+v", got)
	}
}

func TestParseStatus(t *testing.T) {
	in := "Name:\tsearchd\nVmHWM:\t  295000 kB\nVmRSS:\t  288000 kB\nThreads:\t9\n"
	rss, peak, err := parseStatus(strings.NewReader(in))
	if err != nil || rss != 288000*1024 || peak != 295000*1024 {
		t.Errorf("parseStatus = %d, %d, %v; want %d, %d", rss, peak, err, 288000*1024, 295000*1024)
	}
	if _, _, err := parseStatus(strings.NewReader("VmRSS:\tlots kB\n")); err == nil {
		t.Error("a non-number VmRSS was accepted")
	}
}

func FuzzParseStatus(f *testing.F) {
	f.Add("VmHWM:\t  295000 kB\nVmRSS:\t  288000 kB\n")
	f.Add("VmRSS: -5 kB\n")
	f.Add("VmRSS:\n")
	f.Fuzz(func(t *testing.T, in string) {
		rss, peak, err := parseStatus(strings.NewReader(in))
		if err == nil && (rss < 0 || peak < 0) {
			t.Errorf("negative memory %d, %d from %q", rss, peak, in)
		}
	})
}

func TestParseIndexed(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"indexed=10000 rejected=0 skipped=0 elapsed=19.4s docs/s=516 MB/s=1.89\n", 10000, true},
		{"indexed=5 rejected=0\nindexed=7 rejected=1\n", 7, true},
		{"rejected=0 skipped=0\n", 0, false},
		{"indexed=-3\n", 0, false},
		{"indexed=x\n", 0, false},
	}
	for _, tc := range tests {
		got, err := parseIndexed(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("parseIndexed(%q) = %d, %v; want %d, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func FuzzParseIndexed(f *testing.F) {
	f.Add("indexed=10000 rejected=0 skipped=0\n")
	f.Add("indexed=\n")
	f.Add("indexed=99999999999999999999999")
	f.Fuzz(func(t *testing.T, in string) {
		if n, err := parseIndexed(in); err == nil && n < 0 {
			t.Errorf("negative count %d from %q", n, in)
		}
	})
}

// TestCounters checks that counters are read by name from a server's
// /metrics, a missing one as 0, and that a server without metrics is an
// error.
func TestCounters(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/metrics" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, "# TYPE searchd_kept_pages_total counter\nsearchd_kept_pages_total 7\n"+
			"# TYPE searchd_narrowed_searches_total counter\nsearchd_narrowed_searches_total 2\n")
	}))
	defer ts.Close()
	got, err := (&Server{Base: ts.URL}).Counters(context.Background(), "searchd_narrowed_searches_total", "absent", "searchd_kept_pages_total")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []float64{2, 0, 7}) {
		t.Errorf("counters %v, want [2 0 7]", got)
	}
	if _, err := (&Server{Base: ts.URL + "/none"}).Counters(context.Background(), "x"); err == nil {
		t.Error("a server without /metrics gave no error")
	}
}

// TestFirstRunThroughputPadsEachRound checks that a throughput run with a
// pad sends each round's queries with one more trailing space than the
// last, from pad (each a query searchd has not cached), that one without
// sends them as they are, and that Rounds counts the rounds begun.
func TestFirstRunThroughputPadsEachRound(t *testing.T) {
	var mu sync.Mutex
	var got []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.URL.Query().Get("q"))
		mu.Unlock()
		fmt.Fprint(w, "{}")
	}))
	defer ts.Close()
	classes := []QueryClass{{Name: "c", Queries: []url.Values{{"q": {"a"}}, {"q": {"b"}, "lang": {"en"}}}}}
	for _, tc := range []struct {
		pad  int
		want []string
	}{
		{0, []string{"a", "b", "a", "b", "a"}},
		{3, []string{"a   ", "b   ", "a    ", "b    ", "a     "}},
	} {
		got = nil
		th := MeasureThroughput(context.Background(), ts.Client(), ts.URL, classes, 1, time.Minute, 5, tc.pad)
		if !slices.Equal(got, tc.want) || th.Requests != 5 || th.Errors != 0 || th.Rounds != 3 {
			t.Errorf("pad %d: sent %q (%d requests, %d errors, %d rounds), want %q, 5, 0, 3", tc.pad, got, th.Requests, th.Errors, th.Rounds, tc.want)
		}
	}
}
