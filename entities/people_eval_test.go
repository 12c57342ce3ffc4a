package entities

import (
	"bufio"
	"encoding/json"
	"hash/fnv"
	"os"
	"testing"

	"github.com/newsearch/bilingual/internal/shared"
)

// nerSentence is one line of the shared NER development sets: entity spans are whitespace-token indexes.
type nerSentence struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Entities []struct {
		Type       string `json:"type"`
		Start, End int
	} `json:"entities"`
}

// span is a byte range of a sentence.
type span struct{ s, e int }

// readNER reads a shared NER file and returns each sentence with its gold spans of the given types, in
// byte offsets of Text.
func readNER(tb testing.TB, rel string) []nerSentence {
	tb.Helper()
	f, err := os.Open(shared.Path(tb, rel))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []nerSentence
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		var s nerSentence
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			tb.Fatalf("%s:%d: %v", rel, line, err)
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", rel, err)
	}
	return out
}

// goldSpans maps the token spans of type typ to byte spans of s.Text.
func goldSpans(s nerSentence, typ string) []span {
	var starts, ends []int
	for i := 0; i < len(s.Text); {
		for i < len(s.Text) && s.Text[i] == ' ' {
			i++
		}
		if i == len(s.Text) {
			break
		}
		j := i
		for j < len(s.Text) && s.Text[j] != ' ' {
			j++
		}
		starts, ends = append(starts, i), append(ends, j)
		i = j
	}
	var out []span
	for _, e := range s.Entities {
		if e.Type == typ && e.Start >= 0 && e.Start < e.End && e.End <= len(starts) {
			out = append(out, span{starts[e.Start], ends[e.End-1]})
		}
	}
	return out
}

// heldOut reports whether a sentence is in the fifth that the embedded name model was not trained on (the
// same split as cmd/trainnames).
func heldOut(id string) bool {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32()%5 == 0
}

// prf counts lenient span-overlap matches: a prediction is right when it overlaps a gold span, a gold span
// is found when a prediction overlaps it.
type prf struct{ predOK, pred, goldOK, gold int }

func (c *prf) add(pred, gold []span) {
	ov := func(a, b span) bool { return a.s < b.e && b.s < a.e }
	for _, p := range pred {
		c.pred++
		for _, g := range gold {
			if ov(p, g) {
				c.predOK++
				break
			}
		}
	}
	for _, g := range gold {
		c.gold++
		for _, p := range pred {
			if ov(p, g) {
				c.goldOK++
				break
			}
		}
	}
}

func (c prf) scores() (p, r, f float64) {
	p = float64(c.predOK) / float64(max(1, c.pred))
	r = float64(c.goldOK) / float64(max(1, c.gold))
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// evalPeople runs the full Extractor over each sentence and counts person mentions against PERSON spans
// and party mentions against ORGANIZATION spans.
func evalPeople(x *Extractor, sents []nerSentence, keep func(id string) bool) (people, parties prf) {
	for _, s := range sents {
		if !keep(s.ID) {
			continue
		}
		var pp, pa []span
		for _, m := range x.Extract(Article{Body: s.Text}).Mentions {
			if m.Kind == KindPerson {
				pp = append(pp, span{m.Start, m.End})
			} else if m.Kind == KindParty {
				pa = append(pa, span{m.Start, m.End})
			}
		}
		people.add(pp, goldSpans(s, "PERSON"))
		parties.add(pa, goldSpans(s, "ORGANIZATION"))
	}
	return people, parties
}

// TestPeopleNER reports person precision, recall and F1 (lenient span overlap) of the whole Extractor on the
// shared Hindi news (HiNER) and romanized tweets (Hinglish NER) development sets, and party precision
// against HiNER's ORGANIZATION spans. The headline Hindi figure is the held-out fifth the name model never
// saw; the full set is reported beside it. Hinglish NER is never trained on, so its whole set is held out.
func TestPeopleNER(t *testing.T) {
	if testing.Short() {
		t.Skip("reads two NER development sets (a few seconds)")
	}
	x := newTestExtractor(t)
	type floor struct{ p, f float64 }
	all := func(string) bool { return true }
	for _, c := range []struct {
		name, file string
		keep       func(string) bool
		person     floor
		partyP     float64 // 0: not asserted
	}{
		{"hindi held-out fifth", "eval/hiner/dev.jsonl", heldOut, floor{0.90, 0.70}, 0.9},
		{"hindi full set", "eval/hiner/dev.jsonl", all, floor{0.95, 0.86}, 0.9},
		{"romanized full set", "eval/hinglish-ner/dev.jsonl", all, floor{0.79, 0.60}, 0.8}, // party: 0.35 before "aap" (you) and "sad" needed capitals or party context
	} {
		sents := readNER(t, c.file)
		people, parties := evalPeople(x, sents, c.keep)
		p, r, f := people.scores()
		t.Logf("%-22s person: P %.3f R %.3f F1 %.3f (%d predicted, %d gold)", c.name, p, r, f, people.pred, people.gold)
		pp, _, _ := parties.scores()
		t.Logf("%-22s party:  P %.3f vs ORGANIZATION spans (%d predicted)", c.name, pp, parties.pred)
		if p < c.person.p {
			t.Errorf("%s: person precision %.3f < %.2f", c.name, p, c.person.p)
		}
		if f < c.person.f {
			t.Errorf("%s: person F1 %.3f < %.2f", c.name, f, c.person.f)
		}
		if c.partyP > 0 && parties.pred > 0 && pp < c.partyP {
			t.Errorf("%s: party precision %.3f < %.2f", c.name, pp, c.partyP)
		}
	}
}
