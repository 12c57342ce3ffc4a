package index

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"

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

// rendering is one translation: its display form and its analyzed terms,
// and the headword it translates, as the dictionary writes it.
type rendering struct {
	text  string
	terms []string
	from  string
}

// translator expands queries across languages with dictionaries, and across
// scripts with phonetic keys.
type translator struct {
	en, hi, roman analysis.Analyzer
	enToHi        []dictionary // in order of trust
	hiToEn        []dictionary
	detector      *translit.Detector
	romanizer     *translit.Romanizer
	headwords     []string // one-word entries in both languages, for spelling correction
}

// newTranslator builds the dictionaries from the embedded lexicon and, when
// Debian's dict-freedict-eng-hin is installed, from FreeDict (GPL: read at run
// time, never shipped).
func newTranslator(en, hi, roman analysis.Analyzer, freedictPath string) (*translator, error) {
	t := &translator{en: en, hi: hi, roman: roman, detector: translit.NewDetector(), romanizer: translit.New()}
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
		t.headwords = append(t.headwords, e.En)
		for _, h := range e.Hi {
			hiKey := analyzeJoin(t.hi, h)
			if hiKey == "" {
				continue
			}
			hiR := rendering{text: h, terms: strings.Fields(hiKey), from: e.En}
			t.headwords = append(t.headwords, h)
			e2h.entries[enKey] = appendRendering(e2h.entries[enKey], hiR)
			enR.from = h
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

// direction returns, for text in its script, the analyzer that reads it,
// the dictionaries into the other language and the fields they search.
func (t *translator) direction(text string) (analysis.Analyzer, []dictionary, []string) {
	if script := Script(text); script == "devanagari" || script == "mixed" {
		return t.hi, t.hiToEn, []string{FieldBodyEn, FieldTitleEn}
	}
	return t.en, t.enToHi, []string{FieldBodyHi, FieldTitleHi}
}

// knowsPhrase reports whether the dictionaries translate text, two or more
// words, as one entry ("chief minister", "प्रवासी मजदूर").
func (t *translator) knowsPhrase(text string) bool {
	a, dicts, _ := t.direction(text)
	toks := strings.Fields(analyzeJoin(a, text))
	if len(toks) < 2 {
		return false
	}
	n, _, _ := t.longest(dicts, toks)
	return n == len(toks)
}

// translate returns the clauses that search the translations of text, a
// word, a name or a phrase, in the other language's fields, and what to
// show the user; nil when the dictionaries do not know it whole. A quoted
// phrase the dictionaries lack as one entry is rendered word by word, as a
// phrase. budget counts the clauses a query may still add.
func (t *translator) translate(text string, phrase bool, budget *int) ([]query.Query, *Expansion) {
	a, dicts, fields := t.direction(text)
	stream := a.Analyze([]byte(text))
	toks := make([]string, len(stream))
	for i, tok := range stream {
		toks[i] = string(tok.Term)
	}
	if len(toks) == 0 {
		return nil, nil
	}
	var rs []rendering
	var d *dictionary
	if n, dd, all := t.longest(dicts, toks); n == len(toks) {
		if a == t.hi {
			all = sameWord(all, text, len(toks))
		}
		d, rs = dd, firstN(preferWords(all), MaxRenderings)
	} else if phrase && len(toks) <= maxPhraseTokens {
		rs, d = t.wordByWord(dicts, toks)
	}
	if len(rs) == 0 {
		return nil, nil
	}
	var clauses []query.Query
	exp := &Expansion{From: text, Source: d.name}
	for _, r := range rs {
		for _, f := range fields {
			if *budget <= 0 {
				break
			}
			clauses = append(clauses, termsQuery(f, r.terms, d.boost))
			*budget--
		}
		exp.To = append(exp.To, r.text)
	}
	if len(clauses) == 0 {
		return nil, nil
	}
	return clauses, exp
}

// sameWord drops, for a one-word Hindi query, the renderings of headwords
// longer than the word typed: the light stemmer folds बागी (rebel) and बाग
// (garden) alike, and नेता and ने, but an inflection never drops a letter of
// its lemma's stem, so a headword longer than the word is another word.
func sameWord(rs []rendering, text string, toks int) []rendering {
	if toks != 1 {
		return rs
	}
	n := utf8.RuneCountInString(text)
	var out []rendering
	for _, r := range rs {
		if utf8.RuneCountInString(r.from) <= n {
			out = append(out, r)
		}
	}
	return out
}

// wordByWord renders a phrase the dictionaries lack whole as the phrase of
// its words' first renderings, from the least trusted dictionary used; nil
// when a word has none.
func (t *translator) wordByWord(dicts []dictionary, toks []string) ([]rendering, *dictionary) {
	var r rendering
	var texts []string
	var d *dictionary
	for _, tok := range toks {
		n, dd, rs := t.longest(dicts, []string{tok})
		if n == 0 {
			return nil, nil
		}
		w := preferWords(rs)[0]
		r.terms = append(r.terms, w.terms...)
		texts = append(texts, w.text)
		if d == nil || dd.boost < d.boost {
			d = dd
		}
	}
	r.text = strings.Join(texts, " ")
	return []rendering{r}, d
}

// keyClause returns the clause that matches word by its phonetic key in the
// other script's key field, and the key. Latin words meet Hindi text
// romanized, Devanagari words English text (names typed in the other
// script). The loose key alone joins too many words (jamaat and समिति are
// both snt; Scindia, जिम्मेदारी), so a match must have the light key too,
// within one edit for words of five letters or more. Both readings of g
// before a front vowel are searched (AltGKeys), so that Tablighi finds
// तबलीगी and तबलीगी finds Tablighi.
func (t *translator) keyClause(word string, romanized bool, budget *int) (query.Query, string) {
	if *budget <= 0 {
		return nil, ""
	}
	keyField := FieldKeyHi
	if Script(word) == "devanagari" {
		keyField = FieldKeyEn
	}
	pairs := t.roman.Analyze([]byte(word))
	if len(pairs) != 2 {
		return nil, "" // not one word: names and phrases are matched otherwise
	}
	*budget--
	boost := KeyBoost
	if romanized {
		boost = RomanizedKeyBoost
	}
	// The analyzer emits a word's key and light key side by side.
	k, l := string(pairs[0].Term), string(pairs[1].Term)
	q := keyQuery(keyField, k, l, boost)
	if ak, al, ok := t.romanizer.AltGKeys(word); ok {
		q = bleve.NewDisjunctionQuery(q, keyQuery(keyField, analyzers.KeyPrefix+ak, analyzers.LightPrefix+al, boost))
	}
	return q, strings.TrimPrefix(k, analyzers.KeyPrefix)
}

// keyQuery matches the key term k confirmed by the light key term l.
func keyQuery(field, k, l string, boost float64) query.Query {
	kq := bleve.NewTermQuery(k)
	kq.SetField(field)
	kq.SetBoost(boost)
	lq := bleve.NewFuzzyQuery(l)
	lq.SetField(field)
	lq.SetBoost(boost)
	lq.SetPrefix(len(analyzers.LightPrefix))
	lq.SetFuzziness(0)
	if len(l)-len(analyzers.LightPrefix) >= 5 {
		lq.SetFuzziness(1)
	}
	return bleve.NewConjunctionQuery(kq, lq)
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
