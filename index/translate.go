package index

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/newsearch/bilingual/analyzers"
	"github.com/newsearch/bilingual/analyzers/lexicon"
	"github.com/newsearch/bilingual/analyzers/translit"
)

// Weights of the query's expansions against its own terms (1.0): the
// curated lexicon's translations, the FreeDict fallback's, and phonetic-key
// matches of names and romanized words.
const (
	LexiconBoost  = 0.5
	FreedictBoost = 0.25
	KeyBoost      = 0.3
	// RomanizedKeyBoost weighs key matches when the query reads as romanized
	// Hindi: then the key field is the query's own language.
	RomanizedKeyBoost = 1.0
)

// Limits on how far a query grows.
const (
	MaxRenderings       = 6  // translations used per source word or phrase
	MaxExpansionClauses = 48 // translation and key clauses per query
	maxPhraseTokens     = 4  // longest dictionary phrase looked up, in analyzed tokens
)

// Expansion tells the user what else a query searched for, and why.
type Expansion struct {
	From   string   `json:"from"`   // the query word or phrase, as analyzed
	To     []string `json:"to"`     // what it was expanded to
	Source string   `json:"source"` // "lexicon", "freedict" or "romanized"
}

// dictionary maps analyzed word sequences of one language to renderings in
// the other, each already analyzed for the target fields.
type dictionary struct {
	name    string
	boost   float64
	entries map[string][]rendering
}

// rendering is one translation: its display form and its analyzed terms.
type rendering struct {
	text  string
	terms []string
}

// translator expands queries across languages with dictionaries, and across
// scripts with phonetic keys.
type translator struct {
	en, hi, roman analysis.Analyzer
	enToHi        []dictionary // in order of trust
	hiToEn        []dictionary
	detector      *translit.Detector
}

// newTranslator builds the dictionaries from the embedded lexicon and, when
// Debian's dict-freedict-eng-hin is installed, from FreeDict (GPL: read at run
// time, never shipped).
func newTranslator(en, hi, roman analysis.Analyzer, freedictPath string) (*translator, error) {
	t := &translator{en: en, hi: hi, roman: roman, detector: translit.NewDetector()}
	lex, err := lexicon.Load()
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	t.add("lexicon", LexiconBoost, lex.Entries())
	if freedictPath != "" {
		fd, err := lexicon.LoadFreedict(freedictPath)
		switch {
		case err == nil:
			t.add("freedict", FreedictBoost, fd.Entries())
		case errors.Is(err, fs.ErrNotExist):
		default:
			return nil, fmt.Errorf("freedict %s: %w", freedictPath, err)
		}
	}
	return t, nil
}

func (t *translator) add(name string, boost float64, entries []lexicon.Entry) {
	e2h := dictionary{name: name, boost: boost, entries: map[string][]rendering{}}
	h2e := dictionary{name: name, boost: boost, entries: map[string][]rendering{}}
	for _, e := range entries {
		enKey := analyzeJoin(t.en, e.En)
		if enKey == "" {
			continue
		}
		enR := rendering{text: e.En, terms: strings.Fields(enKey)}
		for _, h := range e.Hi {
			hiKey := analyzeJoin(t.hi, h)
			if hiKey == "" {
				continue
			}
			hiR := rendering{text: h, terms: strings.Fields(hiKey)}
			e2h.entries[enKey] = appendRendering(e2h.entries[enKey], hiR)
			h2e.entries[hiKey] = appendRendering(h2e.entries[hiKey], enR)
		}
	}
	t.enToHi = append(t.enToHi, e2h)
	t.hiToEn = append(t.hiToEn, h2e)
}

// appendRendering adds r unless a rendering with the same terms is there:
// inflected forms that stem alike search alike.
func appendRendering(rs []rendering, r rendering) []rendering {
	for _, x := range rs {
		if strings.Join(x.terms, " ") == strings.Join(r.terms, " ") {
			return rs
		}
	}
	return append(rs, r)
}

func analyzeJoin(a analysis.Analyzer, s string) string {
	var b strings.Builder
	for _, tok := range a.Analyze([]byte(s)) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(tok.Term)
	}
	return b.String()
}

// expand returns the clauses that search q's translations and phonetic keys,
// with the expansions to show the user and whether q reads as romanized Hindi.
func (t *translator) expand(q string) ([]query.Query, []Expansion, bool) {
	script := Script(q)
	romanized := script == "latin" && t.detector.IsRomanizedHindi(q)
	var clauses []query.Query
	var exps []Expansion
	budget := MaxExpansionClauses

	// Translations, Hindi words into English fields and the rest into Hindi ones.
	srcA, dicts, fields := t.en, t.enToHi, []string{FieldBodyHi, FieldTitleHi}
	if script == "devanagari" || script == "mixed" {
		srcA, dicts, fields = t.hi, t.hiToEn, []string{FieldBodyEn, FieldTitleEn}
	}
	stream := srcA.Analyze([]byte(q))
	toks := make([]string, len(stream))
	for i, tok := range stream {
		toks[i] = string(tok.Term)
	}
	translated := map[int]bool{} // byte offsets in q of words the dictionaries knew
	for i := 0; i < len(toks) && budget > 0; {
		n, d, rs := t.longest(dicts, toks[i:])
		if n == 0 {
			i++
			continue
		}
		// Show the words as the user typed them, not their stems.
		from := q[stream[i].Start:stream[i+n-1].End]
		for _, tok := range stream[i : i+n] {
			translated[tok.Start] = true
		}
		i += n
		var group []query.Query
		var to []string
		for _, r := range firstN(preferWords(rs), MaxRenderings) {
			for _, f := range fields {
				if budget == 0 {
					break
				}
				group = append(group, termsQuery(f, r.terms, d.boost))
				budget--
			}
			to = append(to, r.text)
		}
		clauses = append(clauses, bleve.NewDisjunctionQuery(group...))
		exps = append(exps, Expansion{From: from, To: to, Source: d.name})
	}

	// Phonetic keys: Latin words meet Hindi text romanized, Devanagari words
	// meet English text (names typed in the other script). Unless the query
	// reads as romanized Hindi, only words the dictionaries did not know are
	// tried (names, mostly), and the loose key, which alone joins too many
	// words (Scindia, जिम्मेदारी), must be confirmed by the light key within
	// one edit.
	keyField := FieldKeyHi
	if script == "devanagari" {
		keyField = FieldKeyEn
	}
	var keys []string
	pairs := t.roman.Analyze([]byte(q))
	for i := 0; i+1 < len(pairs) && budget > 0; i += 2 {
		// The analyzer emits a word's key and light key side by side.
		k, l := pairs[i], pairs[i+1]
		if translated[k.Start] && !romanized {
			continue
		}
		key := strings.TrimPrefix(string(k.Term), analyzers.KeyPrefix)
		kq := bleve.NewTermQuery(string(k.Term))
		kq.SetField(keyField)
		if romanized {
			kq.SetBoost(RomanizedKeyBoost)
			clauses = append(clauses, kq)
		} else {
			kq.SetBoost(KeyBoost)
			lq := bleve.NewFuzzyQuery(string(l.Term))
			lq.SetField(keyField)
			lq.SetBoost(KeyBoost)
			lq.SetPrefix(len(analyzers.LightPrefix))
			lq.SetFuzziness(0)
			if len(l.Term)-len(analyzers.LightPrefix) >= 5 {
				lq.SetFuzziness(1)
			}
			clauses = append(clauses, bleve.NewConjunctionQuery(kq, lq))
		}
		keys = append(keys, key)
		budget--
	}
	if romanized && len(keys) > 0 {
		exps = append(exps, Expansion{From: q, To: keys, Source: "romanized"})
	}
	return clauses, exps, romanized
}

func firstN[T any](xs []T, n int) []T { return xs[:min(len(xs), n)] }

// preferWords keeps the one-word renderings when there are any: a phrase
// query checks positions in every document holding all its words, which made
// translated queries the slowest, and a word rendering finds those documents
// anyway.
func preferWords(rs []rendering) []rendering {
	var words []rendering
	for _, r := range rs {
		if len(r.terms) == 1 {
			words = append(words, r)
		}
	}
	if len(words) == 0 {
		return rs
	}
	return words
}

// longest finds the longest dictionary entry starting at toks[0], preferring
// the more trusted dictionary at equal length.
func (t *translator) longest(dicts []dictionary, toks []string) (int, *dictionary, []rendering) {
	for n := min(len(toks), maxPhraseTokens); n > 0; n-- {
		key := strings.Join(toks[:n], " ")
		for i := range dicts {
			if rs := dicts[i].entries[key]; len(rs) > 0 {
				return n, &dicts[i], rs
			}
		}
	}
	return 0, nil, nil
}

// termsQuery matches one analyzed term, or a phrase of several, in field.
// The boost sits on the leaf query: Bleve ignores boosts on disjunctions and
// conjunctions.
func termsQuery(field string, terms []string, boost float64) query.Query {
	if len(terms) == 1 {
		tq := bleve.NewTermQuery(terms[0])
		tq.SetField(field)
		tq.SetBoost(boost)
		return tq
	}
	pq := bleve.NewPhraseQuery(terms, field)
	pq.SetBoost(boost)
	return pq
}
