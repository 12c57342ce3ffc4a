package index

import (
	"bufio"
	"context"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/newsearch/bilingual/analyzers"
	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/internal/shared"
)

func TestFingerprint(t *testing.T) {
	base := "The chief minister announced on Tuesday that the lockdown in the state would be extended by two weeks " +
		"as the number of coronavirus cases continued to rise in several districts, officials said in a statement."
	hi := "मुख्यमंत्री ने मंगलवार को घोषणा की कि राज्य में लॉकडाउन दो सप्ताह के लिए बढ़ाया जाएगा क्योंकि कई जिलों में " +
		"कोरोना वायरस के मामले लगातार बढ़ रहे हैं, अधिकारियों ने एक बयान में कहा।"
	for _, c := range []struct {
		name string
		a, b string
		same bool
	}{
		{"identical", base, base, true},
		{"case and spacing", base, strings.ToUpper(base[:1]) + strings.ReplaceAll(base[1:], " ", "  "), true},
		{"punctuation", base, strings.ReplaceAll(base, ",", ""), true},
		{"hindi identical", hi, hi, true},
		{"hindi nukta folded", hi, strings.ReplaceAll(hi, "ढ़", "ढ़"), true},
		{"other story", base, "Police arrested three men in connection with a robbery at a jewellery shop in the old city " +
			"on Monday night, and recovered gold ornaments worth lakhs from their hideout near the railway station.", false},
		{"other language", base, hi, false},
		{"empty matches nothing", "", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			fa, fb := Fingerprint(c.a), Fingerprint(c.b)
			if got := SameStory(fa, fb); got != c.same {
				t.Errorf("SameStory = %v (%d bits apart), want %v", got, bits.OnesCount64(fa^fb), c.same)
			}
		})
	}
}

func TestDupIndexAssign(t *testing.T) {
	d := newDupIndex()
	fp := uint64(0xdeadbeefcafef00d)
	if got := d.assign("b", fp); got != "b" {
		t.Errorf("first article: cluster %q, want its own id", got)
	}
	if got := d.assign("a", fp^0b1010101010101); got != "b" {
		t.Errorf("a copy 7 bits away: cluster %q, want b's", got)
	}
	// 7 bits away as 2+2+2+1 over the four bands: found only through the
	// band one bit off.
	if got := d.assign("g", fp^0x0003_0003_0003_0001); got != "b" {
		t.Errorf("a copy 7 bits away in every band: cluster %q, want b's", got)
	}
	d.remove("g")
	// Differs from fp in two bits of every band: 8 bits away, so not a copy.
	if got := d.assign("c", fp^0x0003_0003_0003_0003); got != "c" {
		t.Errorf("8 bits away: cluster %q, want its own", got)
	}
	if got := d.assign("b", ^fp); got != "b" {
		t.Errorf("b replaced: cluster %q", got)
	}
	if got := d.assign("e", fp); got != "b" {
		t.Errorf("copy of a, whose cluster is b: got %q", got)
	}
	d.remove("a")
	d.remove("e")
	if got := d.assign("f", fp); got != "f" {
		t.Errorf("copies deleted: cluster %q, want its own", got)
	}
}

// The precision and recall measured on the labels; the test keeps them from falling.
const minDupPrecision, minDupRecall = 1.0, 0.78

// corpusDocs reads the real corpus, skipping when it is absent.
func corpusDocs(t *testing.T) []articles.Document {
	t.Helper()
	inputs := []string{shared.Path(t, "corpus/en-inshorts-2020.jsonl"), shared.Path(t, "corpus/hi-news-2020.jsonl")}
	var docs []articles.Document
	if _, err := (articles.Reader{}).Read(context.Background(), inputs, func(r articles.Record) error {
		docs = append(docs, r.Doc)
		return nil
	}, nil); err != nil {
		t.Fatal(err)
	}
	return docs
}

// candidatePairs lists the pairs of the corpus sharing at least minJ of
// their word 3-shingles (Jaccard), found through shingles common to few articles.
func candidatePairs(docs []articles.Document, minJ float64) [][2]int {
	posting := map[uint64][]int{}
	sets := make([]map[uint64]bool, len(docs))
	for i, d := range docs {
		sets[i] = map[uint64]bool{}
		for _, h := range shingles(dupWords(d.Body)) {
			if !sets[i][h] {
				sets[i][h] = true
				posting[h] = append(posting[h], i)
			}
		}
	}
	shared := map[[2]int]int{}
	for _, list := range posting {
		if len(list) > 40 {
			continue // boilerplate
		}
		for x := range list {
			for y := x + 1; y < len(list); y++ {
				shared[[2]int{list[x], list[y]}]++
			}
		}
	}
	var out [][2]int
	for p, n := range shared {
		if j := float64(n) / float64(len(sets[p[0]])+len(sets[p[1]])-n); j >= minJ {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int {
		return strings.Compare(docs[a[0]].ID+docs[a[1]].ID, docs[b[0]].ID+docs[b[1]].ID)
	})
	return out
}

// TestDupCandidates prints candidate pairs to label by hand, with
// DUP_PAIRS=1: Jaccard, fingerprint distance, ids, the start of each body.
func TestDupCandidates(t *testing.T) {
	if os.Getenv("DUP_PAIRS") == "" {
		t.Skip("prints pairs to label; set DUP_PAIRS=1")
	}
	docs := corpusDocs(t)
	for _, p := range candidatePairs(docs, 0.2) {
		a, b := docs[p[0]], docs[p[1]]
		cut := func(s string) string { r := []rune(s); return string(r[:min(len(r), 160)]) }
		fmt.Printf("%.2f\t%d\t%s\t%s\n  A: %s\n  B: %s\n", ShingleJaccard(a.Body, b.Body),
			bits.OnesCount64(Fingerprint(a.Body)^Fingerprint(b.Body)), a.ID, b.ID, cut(a.Body), cut(b.Body))
	}
}

// TestDupPrecisionRecall measures the detector on the hand-labelled pairs
// of testdata/dup_labels.tsv (ids and whether they are copies: the same
// article, syndicated or re-posted with small edits).
func TestDupPrecisionRecall(t *testing.T) {
	docs := corpusDocs(t)
	byID := map[string]string{}
	for _, d := range docs {
		byID[d.ID] = d.Body
	}
	f, err := os.Open("testdata/dup_labels.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var tp, fp, fn, tn int
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Fields(text)
		if len(cols) < 3 || byID[cols[0]] == "" || byID[cols[1]] == "" || (cols[2] != "yes" && cols[2] != "no") {
			t.Fatalf("testdata/dup_labels.tsv:%d: want ID ID yes|no of corpus articles, got %q", line, text)
		}
		got := SameStory(Fingerprint(byID[cols[0]]), Fingerprint(byID[cols[1]]))
		switch want := cols[2] == "yes"; {
		case got && want:
			tp++
		case got:
			fp++
			t.Logf("false positive: %s %s", cols[0], cols[1])
		case want:
			fn++
			t.Logf("missed: %s %s (%d bits)", cols[0], cols[1], bits.OnesCount64(Fingerprint(byID[cols[0]])^Fingerprint(byID[cols[1]])))
		default:
			tn++
		}
	}
	if tp+fn < 10 || fp+tn < 10 {
		t.Fatalf("too few labels: %d copies, %d not", tp+fn, fp+tn)
	}
	precision, recall := float64(tp)/float64(max(1, tp+fp)), float64(tp)/float64(tp+fn)
	t.Logf("on %d labelled pairs: precision %.2f (%d/%d), recall %.2f (%d/%d)", tp+fp+fn+tn, precision, tp, tp+fp, recall, tp, tp+fn)
	if precision < minDupPrecision || recall < minDupRecall {
		t.Errorf("precision %.2f, recall %.2f: below the measured %.2f and %.2f", precision, recall, minDupPrecision, minDupRecall)
	}
	began := time.Now()
	d := newDupIndex()
	for _, doc := range docs {
		d.assign(doc.ID, Fingerprint(doc.Body))
	}
	t.Logf("fingerprinting and clustering %d articles: %v", len(docs), time.Since(began))
}

// refDupWords is dupWords as first written: the whole body folded at once,
// then cut into words. The piecewise dupWords must give the same words, or
// fingerprints in existing indexes would stop matching new ones.
func refDupWords(body string) []string {
	folded := analyzers.FoldDevanagari(strings.ToLower(body))
	return strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r)
	})
}

func TestDupWordsLikeReference(t *testing.T) {
	for _, c := range []string{"", "Modi's 2nd term, i.e. now—", "अस्\u200dपताल में २० लोग, कॉन्ग्रेस।", "x_y ½ ²³ ক্ষ",
		"ॐ॰ ।। \xff क"} {
		if got, want := dupWords(c), refDupWords(c); !slices.Equal(got, want) {
			t.Errorf("dupWords(%q) = %q, want %q", c, got, want)
		}
	}
	for _, d := range corpusDocs(t) {
		if got, want := dupWords(d.Body), refDupWords(d.Body); !slices.Equal(got, want) {
			t.Fatalf("document %s: dupWords differs from the reference:\n got %q\nwant %q", d.ID, got, want)
		}
	}
}

// TestDupIndexFindsEveryCopy checks the band index against comparing every
// pair: fingerprints drawn near a few centres, so that many lie at 6 to 9
// bits from one another, spread over the bands in every way (7 bits as
// 2+2+2+1 is found only through a band one bit off).
func TestDupIndexFindsEveryCopy(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	centres := make([]uint64, 40)
	for i := range centres {
		centres[i] = rng.Uint64()
	}
	d := newDupIndex()
	type seen struct {
		id, cluster string
		fp          uint64
	}
	var all []seen
	for n := range 4000 {
		fp := centres[rng.IntN(len(centres))]
		for range rng.IntN(10) {
			fp ^= 1 << rng.IntN(64)
		}
		id := fmt.Sprintf("d%04d", n)
		if n%10 == 9 {
			id = all[rng.IntN(len(all))].id // a replacement
		}
		want, bestDist := id, DupBits+1
		kept := all[:0:0]
		for _, s := range all {
			if s.id == id {
				continue
			}
			kept = append(kept, s)
			if !SameStory(fp, s.fp) {
				continue
			}
			if dist := bits.OnesCount64(fp ^ s.fp); dist < bestDist || dist == bestDist && s.cluster < want {
				want, bestDist = s.cluster, dist
			}
		}
		if got := d.assign(id, fp); got != want {
			t.Fatalf("article %d (%s): cluster %q, want %q", n, id, got, want)
		}
		all = append(kept, seen{id, want, fp})
	}
}
