package synth

import (
	"bufio"
	"bytes"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/newsearch/bilingual/entities"
	"github.com/newsearch/bilingual/internal/shared"
)

func loadPools(t *testing.T) *Pools {
	t.Helper()
	p := shared.Path(t, HindiFile)
	gaz, err := entities.Load()
	if err != nil {
		t.Fatal(err)
	}
	pools, err := Load(filepath.Dir(filepath.Dir(p)), gaz)
	if err != nil {
		t.Fatal(err)
	}
	return pools
}

func TestDeterministic(t *testing.T) {
	pools := loadPools(t)
	var a, b, c bytes.Buffer
	if _, err := pools.Write(&a, 200, 7); err != nil {
		t.Fatal(err)
	}
	if _, err := pools.Write(&b, 200, 7); err != nil {
		t.Fatal(err)
	}
	if _, err := pools.Write(&c, 200, 8); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("seed 7 gave different bytes on two runs")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("seeds 7 and 8 gave the same corpus")
	}
}

func hasDevanagari(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Devanagari, r) {
			return true
		}
	}
	return false
}

func TestCorpusShape(t *testing.T) {
	pools := loadPools(t)
	const n = 2000
	var buf bytes.Buffer
	st, err := pools.Write(&buf, n, 1)
	if err != nil {
		t.Fatal(err)
	}
	if st.Docs != n || st.English+st.Hindi+st.Mixed != n || st.Bytes != int64(buf.Len()) {
		t.Fatalf("stats %+v do not add up to %d docs of %d bytes", st, n, buf.Len())
	}
	first, last := DateRange()
	var latinOnly, lines, named int
	names := []string{}
	for _, p := range pools.PeopleByRank(1)[:5] {
		names = append(names, p.NameEn, p.NameHi)
	}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines++
		var a map[string]any
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %d: %v", lines, err)
		}
		for _, f := range []string{"id", "source", "date", "title", "text", "url"} {
			if s, ok := a[f].(string); !ok || s == "" {
				t.Fatalf("line %d: field %s missing or empty: %v", lines, f, a[f])
			}
		}
		if want := "syn-1-" + strconv.Itoa(lines-1); a["id"] != want {
			t.Errorf("line %d: id %v, want %s", lines, a["id"], want)
		}
		d, err := time.Parse(time.DateOnly, a["date"].(string))
		if err != nil || d.Before(first) || d.After(last) {
			t.Errorf("line %d: date %v outside %s..%s (%v)", lines, a["date"], first, last, err)
		}
		text := a["text"].(string)
		if !hasDevanagari(text) {
			latinOnly++
		}
		for _, nm := range names {
			if strings.Contains(text, nm) {
				named++
				break
			}
		}
	}
	if lines != n {
		t.Fatalf("%d lines, want %d", lines, n)
	}
	// 55% English with a binomial standard deviation of about 1.1% at n=2000.
	if got := float64(latinOnly) / n; got < 0.50 || got > 0.60 {
		t.Errorf("share of articles without Devanagari = %.3f, want 0.55±0.05", got)
	}
	if got := float64(st.Mixed) / n; got < 0.02 || got > 0.08 {
		t.Errorf("share of mixed articles = %.3f, want 0.05±0.03", got)
	}
	// With ~15 sentences a 30% person rate and a Zipf head, most articles name
	// one of the five most frequent people.
	if named < n/4 {
		t.Errorf("%d of %d articles name one of the five most frequent people; want at least a quarter", named, n)
	}
}

func TestSplitters(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) []string
		in   string
		want []string
	}{
		{"english", englishSentences, "Mr. Modi met the chief minister today. Growth was 2.5 per cent this year. Ok.",
			[]string{"Mr. Modi met the chief minister today.", "Growth was 2.5 per cent this year."}},
		{"english lower", englishSentences, "He said it. then he left the hall quietly.",
			[]string{"He said it. then he left the hall quietly."}},
		{"hindi", hindiSentences, "राहुल गांधी ने आज रैली की  । क्या सरकार जवाब देगी ? हाँ ।",
			[]string{"राहुल गांधी ने आज रैली की ।", "क्या सरकार जवाब देगी ?"}},
	}
	for _, tc := range tests {
		got := tc.fn(tc.in)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestTemplatesRejectBadRows(t *testing.T) {
	p := &Pools{templates: map[string][]template{}}
	if err := p.parseTemplates("en\tperson\tno placeholder\n"); err == nil {
		t.Error("a template without {s} was accepted")
	}
	p = &Pools{templates: map[string][]template{}}
	if err := p.parseTemplates("en\tperson\t{person}: {s}\n"); err == nil {
		t.Error("templates lacking the party and Hindi kinds were accepted")
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. Modi met the chief minister today. Growth was 2.5 per cent this year. Ok.")
	f.Add("राहुल गांधी ने आज रैली की  । क्या सरकार जवाब देगी ? हाँ ।")
	f.Add("a b c d. E f g h! I j k l? ")
	f.Add("\xff\xfe. A b c d e")
	f.Fuzz(func(t *testing.T, text string) {
		norm := " " + strings.Join(strings.Fields(text), " ") + " "
		for name, split := range map[string]func(string) []string{"english": englishSentences, "hindi": hindiSentences} {
			for _, s := range split(text) {
				if n := len(strings.Fields(s)); n < minWords {
					t.Errorf("%s: sentence %q has %d words, fewer than %d", name, s, n, minWords)
				}
				if s != strings.TrimSpace(s) || !strings.Contains(norm, s) {
					t.Errorf("%s: sentence %q is not a trimmed piece of %q", name, s, norm)
				}
			}
		}
	})
}
