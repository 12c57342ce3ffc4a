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
	var light, lightNear, lightCollide int // the light key search confirms key matches with
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
		lr, ld := r.WordLightKey(p.roman), r.WordLightKey(p.deva)
		if lr == ld {
			light++
		}
		if editDistance(lr, ld) <= fuzziness(lr) {
			lightNear++
		}
		q := ps[(i+1)%len(ps)]
		if strings.EqualFold(q.roman, p.roman) || q.deva == p.deva {
			continue
		}
		unrelated++
		if kr == r.Key(q.deva) {
			collide++
			if editDistance(lr, r.WordLightKey(q.deva)) <= fuzziness(lr) {
				lightCollide++
			}
		}
	}
	n := float64(len(ps))
	exactRate, matchRate := float64(exact)/n, float64(match)/n
	collideRate := float64(collide) / float64(unrelated)
	t.Logf("pairs %d: exact romanization %.1f%%, key match %.1f%%, collisions %.2f%% of %d unrelated pairs",
		len(ps), 100*exactRate, 100*matchRate, 100*collideRate, unrelated)
	t.Logf("light key: equal %.1f%%, within search's edit distance %.1f%%; key collisions it confirms %.2f%%",
		100*float64(light)/n, 100*float64(lightNear)/n, 100*float64(lightCollide)/float64(unrelated))
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

// fuzziness mirrors the edit distance search allows a light key: none for
// short words, one from five letters.
func fuzziness(w string) int {
	if len(w) >= 5 {
		return 1
	}
	return 0
}

// editDistance is the Levenshtein distance of two ASCII strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
