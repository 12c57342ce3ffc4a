package translit

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/newsearch/bilingual/internal/shared"
)

type pair struct{ roman, deva string }

// loadPairs reads the crowd-sourced transliteration pairs (CC BY-NC-SA,
// read from ../shared only).
func loadPairs(t *testing.T) []pair {
	t.Helper()
	path := shared.Path(t, "eval/translit/pairs.dev.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open pairs: %v", err)
	}
	defer f.Close()
	var ps []pair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		roman, deva, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		ps = append(ps, pair{strings.TrimSpace(roman), strings.TrimSpace(deva)})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	if len(ps) < 1000 {
		t.Fatalf("read only %d pairs from %s", len(ps), path)
	}
	return ps
}

// TestTranslitPairs measures how often the romanizer spells a word as the
// crowd did, how often the keys of both spellings meet, and how often keys
// of different words collide.
func TestTranslitPairs(t *testing.T) {
	ps := loadPairs(t)
	r := New()
	var exact, match, collide, unrelated int
	var misses []string
	for i, p := range ps {
		if r.Romanize(p.deva) == strings.ToLower(p.roman) {
			exact++
		}
		kr, kd := r.Key(p.roman), r.Key(p.deva)
		if kr == kd {
			match++
		} else if len(misses) < 400 {
			misses = append(misses, p.roman+"|"+p.deva+"|"+r.Romanize(p.deva)+"|"+kr+"|"+kd)
		}
		q := ps[(i+1)%len(ps)]
		if strings.EqualFold(q.roman, p.roman) || q.deva == p.deva {
			continue
		}
		unrelated++
		if kr == r.Key(q.deva) {
			collide++
		}
	}
	n := float64(len(ps))
	exactRate, matchRate := float64(exact)/n, float64(match)/n
	collideRate := float64(collide) / float64(unrelated)
	t.Logf("pairs %d: exact romanization %.1f%%, key match %.1f%%, collisions %.2f%% of %d unrelated pairs",
		len(ps), 100*exactRate, 100*matchRate, 100*collideRate, unrelated)
	if testing.Verbose() && os.Getenv("TRANSLIT_MISSES") != "" {
		for _, m := range misses {
			t.Log(m)
		}
	}
	if matchRate < 0.90 {
		t.Errorf("key match rate %.1f%%, want at least 90%%", 100*matchRate)
	}
	if collideRate >= 0.02 {
		t.Errorf("key collision rate %.2f%%, want below 2%%", 100*collideRate)
	}
}
