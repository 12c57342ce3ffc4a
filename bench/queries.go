package bench

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"sort"
	"strings"
	"unicode"

	"github.com/newsearch/bilingual/analyzers/script"
	"github.com/newsearch/bilingual/entities"
)

//go:embed data/hinglish.txt
var hinglishTxt string

// QueryClass is a named list of search requests of one kind.
type QueryClass struct {
	Name    string
	Queries []url.Values // the /api/search parameters of each query
}

// Vocabulary holds the corpus words queries are drawn from, most frequent first.
type Vocabulary struct {
	English, Hindi []string
}

// vocabDocs is how many leading articles of a corpus the vocabulary is read
// from: enough for stable frequencies, little enough to be quick.
const vocabDocs = 2000

// ReadVocabulary counts the words of the first articles of a JSONL corpus.
func ReadVocabulary(path string) (Vocabulary, error) {
	f, err := os.Open(path)
	if err != nil {
		return Vocabulary{}, fmt.Errorf("vocabulary: %w", err)
	}
	defer f.Close()
	en, hi := map[string]int{}, map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; line <= vocabDocs && sc.Scan(); line++ {
		var a struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return Vocabulary{}, fmt.Errorf("vocabulary: %s:%d: %w", path, line, err)
		}
		for _, w := range strings.FieldsFunc(a.Text, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r)
		}) {
			deva := script.HasDevanagari(w)
			switch n := len([]rune(w)); {
			case deva && n >= 3:
				hi[w]++
			case !deva && n >= 4 && isASCIILetters(w):
				en[strings.ToLower(w)]++
			}
		}
	}
	if err := sc.Err(); err != nil {
		return Vocabulary{}, fmt.Errorf("vocabulary: read %s: %w", path, err)
	}
	return Vocabulary{English: byCount(en), Hindi: byCount(hi)}, nil
}

// Without returns v less the words in stop, matched in lower case.
func (v Vocabulary) Without(stop map[string]bool) Vocabulary {
	drop := func(ws []string) []string {
		out := make([]string, 0, len(ws))
		for _, w := range ws {
			if !stop[strings.ToLower(w)] {
				out = append(out, w)
			}
		}
		return out
	}
	return Vocabulary{English: drop(v.English), Hindi: drop(v.Hindi)}
}

// ReadStopwords reads word lists of one word a line; lines starting with "#"
// are comments.
func ReadStopwords(paths ...string) (map[string]bool, error) {
	stop := map[string]bool{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("stop words: %w", err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				stop[strings.ToLower(l)] = true
			}
		}
	}
	return stop, nil
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func byCount(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for w := range m {
		out = append(out, w)
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] > m[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// Query classes and their sizes.
const (
	ClassEnglish   = "english-term"
	ClassHindi     = "hindi-term"
	ClassRomanized = "romanized"
	ClassTwoTerms  = "two-terms"
	ClassPhrase    = "phrase"
	ClassCross     = "cross-script-name"
	PerClass       = 20
	skipTop        = 100  // the most frequent words are stop words
	candidates     = 1000 // terms are drawn from the next most frequent
)

// Classes returns the query classes drawn deterministically for seed from the
// vocabulary and the people in order of how often the corpus names them.
func Classes(v Vocabulary, people []entities.Person, seed uint64) ([]QueryClass, error) {
	r := rand.New(rand.NewPCG(seed, 0xc1a55e5))
	en, err := pick(r, v.English, 2*PerClass)
	if err != nil {
		return nil, fmt.Errorf("english terms: %w", err)
	}
	hi, err := pick(r, v.Hindi, 2*PerClass)
	if err != nil {
		return nil, fmt.Errorf("hindi terms: %w", err)
	}
	var hinglish []string
	for _, l := range strings.Split(hinglishTxt, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			hinglish = append(hinglish, l)
		}
	}
	var twoEn, twoHi []entities.Person // people with two-word names, most named first
	for _, p := range people {
		if p.NameEn == "" || p.NameHi == "" {
			continue // a cross-script query needs both names (the bulk lists have English only)
		}
		if len(strings.Fields(p.NameEn)) == 2 && !strings.Contains(p.NameEn, ".") && len(twoEn) < PerClass {
			twoEn = append(twoEn, p)
		}
		if len(strings.Fields(p.NameHi)) == 2 && !strings.Contains(p.NameHi, ".") && len(twoHi) < PerClass {
			twoHi = append(twoHi, p)
		}
	}
	if len(twoEn) < PerClass || len(twoHi) < PerClass {
		return nil, fmt.Errorf("only %d English and %d Hindi two-word names", len(twoEn), len(twoHi))
	}
	q := func(s string) url.Values { return url.Values{"q": {s}} }
	cls := []QueryClass{{Name: ClassEnglish}, {Name: ClassHindi}, {Name: ClassRomanized},
		{Name: ClassTwoTerms}, {Name: ClassPhrase}, {Name: ClassCross}}
	for i := range PerClass {
		cls[0].Queries = append(cls[0].Queries, q(en[i]))
		cls[1].Queries = append(cls[1].Queries, q(hi[i]))
		cls[2].Queries = append(cls[2].Queries,
			q(strings.ToLower(twoEn[i].NameEn)+" "+hinglish[r.IntN(len(hinglish))]))
		if i%2 == 0 {
			cls[3].Queries = append(cls[3].Queries, q(en[PerClass+i]+" "+en[PerClass+i+1]))
			cls[4].Queries = append(cls[4].Queries, q(`"`+twoEn[i].NameEn+`"`))
			cls[5].Queries = append(cls[5].Queries, q(twoEn[i].NameHi))
		} else {
			cls[3].Queries = append(cls[3].Queries, q(hi[PerClass+i-1]+" "+hi[PerClass+i]))
			cls[4].Queries = append(cls[4].Queries, q(`"`+twoHi[i].NameHi+`"`))
			cls[5].Queries = append(cls[5].Queries, q(twoHi[i].NameEn))
		}
	}
	return cls, nil
}

// pick draws n distinct words from the candidate band of a frequency list.
func pick(r *rand.Rand, words []string, n int) ([]string, error) {
	if len(words) < skipTop+n {
		return nil, fmt.Errorf("%d distinct words, need at least %d", len(words), skipTop+n)
	}
	band := words[skipTop:min(len(words), skipTop+candidates)]
	out := make([]string, 0, n)
	for _, i := range r.Perm(len(band))[:n] {
		out = append(out, band[i])
	}
	return out, nil
}

// Filtered returns a copy of c whose queries also filter, alternately, by
// lang=en and by party=BJP.
func Filtered(c QueryClass) QueryClass {
	out := QueryClass{Name: c.Name + "+filter"}
	for i, v := range c.Queries {
		w := url.Values{}
		for k, vs := range v {
			w[k] = append([]string(nil), vs...)
		}
		if i%2 == 0 {
			w.Set("lang", "en")
		} else {
			w.Set("party", "BJP")
		}
		out.Queries = append(out.Queries, w)
	}
	return out
}
