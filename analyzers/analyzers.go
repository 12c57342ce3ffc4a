// Package analyzers holds text analysis: script and language detection,
// splitting a document into English and Hindi runs, Devanagari normalization,
// and the Bleve analyzers this product registers.
package analyzers

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/hi"
	"github.com/blevesearch/bleve/v2/analysis/lang/in"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"

	"github.com/newsearch/bilingual/analyzers/translit"
)

// Names of the analyzers this package registers with Bleve.
const (
	EnglishAnalyzer    = "news_en"   // Bleve's en chain plus invisible-character stripping
	HindiAnalyzer      = "news_hi"   // Bleve's hi chain plus the additions below
	DevanagariAnalyzer = "news_deva" // hi chain's normalization and additions but no stop words or stemmer
	// RomanAnalyzer reduces words of either script to two terms at one
	// position: KeyPrefix and the phonetic key of the word's romanization
	// (translit.Romanizer.WordKey), so "istifa" and इस्तीफा meet, and
	// LightPrefix and its light key (WordLightKey), precise enough to
	// confirm a key match with a fuzzy query. One field and one pass over
	// the text serve both. Stop words of both languages and numbers are
	// dropped.
	RomanAnalyzer = "news_roman"
)

// Prefixes of the two kinds of term RomanAnalyzer emits.
const (
	KeyPrefix   = "k:"
	LightPrefix = "l:"
)

// Names of the tokenizer and token filters this package registers with Bleve,
// for mappings that compose their own analyzers.
const (
	// Tokenizer makes the tokens of Bleve's unicode tokenizer (see
	// wordTokenizer) from the text with invisible characters and the
	// abbreviation sign ॰ removed, reporting offsets in the original text.
	Tokenizer = "news_unicode"
	// NFCFilter puts each token in Unicode normalization form C.
	NFCFilter = "news_nfc"
	// DigitsFilter folds Devanagari digits to ASCII.
	DigitsFilter = "news_digits"
	// VariantsFilter folds Devanagari spelling variants Bleve leaves apart (ऑ, half nasals, candrabindu, visarga).
	VariantsFilter = "news_deva_fold"
	// ProtectFilter shields the Hindi light stemmer's worst collisions (नेता → ने).
	ProtectFilter = "news_hi_protect"
	// KeysFilter replaces each term by its prefixed phonetic and light keys,
	// and drops terms whose key is too short to tell words apart.
	KeysFilter = "news_roman_keys"
)

// stripTokenizer removes invisible characters before tokenizing and maps the
// token offsets back. It is a tokenizer and not a Bleve char filter because a
// char filter that deletes characters shifts every later token's offsets,
// and the highlighter would then mark the wrong bytes of the stored text.
type stripTokenizer struct {
	inner analysis.Tokenizer
}

// Tokenize implements analysis.Tokenizer.
func (t *stripTokenizer) Tokenize(input []byte) analysis.TokenStream {
	clean, offsets := stripForTokenizer(input)
	ts := t.inner.Tokenize(clean)
	if offsets == nil {
		return ts
	}
	for _, tok := range ts {
		// Terms alias clean, which is ours; Start/End go back to input.
		tok.Start = offsets[tok.Start]
		// Runes are kept whole, so the byte after the token's last byte in
		// input is where the token ends there.
		tok.End = offsets[tok.End-1] + 1
	}
	return ts
}

// termFilter applies a string function to every token's term.
type termFilter func(string) string

// Filter implements analysis.TokenFilter.
func (f termFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		s := string(tok.Term)
		if t := f(s); t != s {
			tok.Term = []byte(t)
		}
	}
	return input
}

func nfc(s string) string { return norm.NFC.String(s) }

func tokenizerConstructor(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
	return &stripTokenizer{inner: wordTokenizer{}}, nil
}

func termFilterConstructor(f termFilter) registry.TokenFilterConstructor {
	return func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) { return f, nil }
}

func protectConstructor(_ map[string]any, _ *registry.Cache) (analysis.TokenFilter, error) {
	return newProtectFilter(protectedData)
}

// chain builds an analyzer from the news tokenizer and the named filters,
// which must each treat a token by its term alone (see memoAnalyzer).
func chain(name string, cache *registry.Cache, filters ...string) (analysis.Analyzer, error) {
	tok, err := cache.TokenizerNamed(Tokenizer)
	if err != nil {
		return nil, fmt.Errorf("analyzer %s: %w", name, err)
	}
	a := &memoAnalyzer{tokenizer: tok, memo: newTermMemo(memoCapacity)}
	for _, f := range filters {
		tf, err := cache.TokenFilterNamed(f)
		if err != nil {
			return nil, fmt.Errorf("analyzer %s: filter %s: %w", name, f, err)
		}
		a.filters = append(a.filters, tf)
	}
	return a, nil
}

// devaFilters returns the character-level part of the Hindi chain, up to
// and including Bleve's Hindi normalizer.
func devaFilters() []string {
	return []string{lowercase.Name, NFCFilter, DigitsFilter, VariantsFilter, in.NormalizeName, hi.NormalizeName}
}

func englishConstructor(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
	return chain(EnglishAnalyzer, cache, en.PossessiveName, lowercase.Name, NFCFilter, DigitsFilter, en.StopName, porter.Name)
}

func hindiConstructor(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
	return chain(HindiAnalyzer, cache, append(devaFilters(), hi.StopName, ProtectFilter, hi.StemmerName)...)
}

func devanagariConstructor(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
	return chain(DevanagariAnalyzer, cache, devaFilters()...)
}

// keysFilter replaces terms by the keys of their romanization.
type keysFilter struct{ r *translit.Romanizer }

// Filter implements analysis.TokenFilter.
func (f keysFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, 2*len(input))
	for _, tok := range input {
		if isNumber(tok.Term) {
			continue // numbers are matched as they are by the text fields
		}
		w := string(tok.Term)
		// One-letter keys (दिए → "t") would match nearly anything.
		key := f.r.WordKey(w)
		if len(key) < 2 {
			continue
		}
		light := *tok
		tok.Term = []byte(KeyPrefix + key)
		light.Term = []byte(LightPrefix + f.r.WordLightKey(w))
		out = append(out, tok, &light)
	}
	return out
}

func isNumber(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

func keysFilterConstructor(_ map[string]any, _ *registry.Cache) (analysis.TokenFilter, error) {
	return keysFilter{r: translit.New()}, nil
}

func romanConstructor(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
	return chain(RomanAnalyzer, cache, lowercase.Name, NFCFilter, DigitsFilter, VariantsFilter,
		en.StopName, hi.StopName, KeysFilter)
}

func init() {
	must := func(err error) {
		if err != nil {
			panic(fmt.Sprintf("analyzers: registering with bleve: %v", err))
		}
	}
	must(registry.RegisterTokenizer(Tokenizer, tokenizerConstructor))
	must(registry.RegisterTokenFilter(NFCFilter, termFilterConstructor(nfc)))
	must(registry.RegisterTokenFilter(DigitsFilter, termFilterConstructor(foldDigits)))
	must(registry.RegisterTokenFilter(VariantsFilter, termFilterConstructor(foldVariants)))
	must(registry.RegisterTokenFilter(ProtectFilter, protectConstructor))
	must(registry.RegisterAnalyzer(EnglishAnalyzer, englishConstructor))
	must(registry.RegisterAnalyzer(HindiAnalyzer, hindiConstructor))
	must(registry.RegisterAnalyzer(DevanagariAnalyzer, devanagariConstructor))
	must(registry.RegisterTokenFilter(KeysFilter, keysFilterConstructor))
	must(registry.RegisterAnalyzer(RomanAnalyzer, romanConstructor))
}
