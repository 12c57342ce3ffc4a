// Package lexicon holds the curated English–Hindi news and politics lexicon
// used to translate queries across languages (dictionary-based cross-language
// retrieval, as in Larkey et al., "Hindi CLIR in Thirty Days").
package lexicon

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/newsearch/bilingual/analyzers/script"
)

// enHiTSV is the curated lexicon; see the header of data/en_hi.tsv for its format.
//
//go:embed data/en_hi.tsv
var enHiTSV string

// Entry is one lexicon line: an English word or phrase and its Hindi renderings.
type Entry struct {
	En string
	Hi []string
}

// Lexicon is the parsed lexicon with lookups in both directions; read-only,
// safe for concurrent use.
type Lexicon struct {
	entries []Entry
	en      map[string][]string
	hi      map[string][]string
}

// Load parses the embedded lexicon.
func Load() (*Lexicon, error) {
	l, err := parse(enHiTSV)
	if err != nil {
		return nil, fmt.Errorf("lexicon: data/en_hi.tsv: %w", err)
	}
	return l, nil
}

// parse reads a whole lexicon file in the en_hi.tsv format, rejecting
// duplicate English keys so that an edit cannot silently shadow an entry.
func parse(text string) (*Lexicon, error) {
	var entries []Entry
	seen := make(map[string]int)
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		e, ok, err := parseLine(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if !ok {
			continue
		}
		if prev, dup := seen[e.En]; dup {
			return nil, fmt.Errorf("line %d: english %q already defined on line %d", n, e.En, prev)
		}
		seen[e.En] = n
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading: %w", err)
	}
	return build(entries), nil
}

// build indexes entries in both directions. Entries must already be
// normalised (lowercase English, NFC Hindi).
func build(entries []Entry) *Lexicon {
	l := &Lexicon{
		entries: entries,
		en:      make(map[string][]string, len(entries)),
		hi:      make(map[string][]string, len(entries)*2),
	}
	for _, e := range entries {
		l.en[e.En] = appendNew(l.en[e.En], e.Hi...)
		for _, h := range e.Hi {
			l.hi[h] = appendNew(l.hi[h], e.En)
		}
	}
	return l
}

// appendNew appends the values of add not already in dst, keeping order so
// that the first (most usual) rendering stays first.
func appendNew(dst []string, add ...string) []string {
	for _, a := range add {
		if !slices.Contains(dst, a) {
			dst = append(dst, a)
		}
	}
	return dst
}

// errField reports which field of a line is invalid.
var errField = errors.New("invalid field")

// parseLine parses one line of en_hi.tsv. It reports ok=false for blank and
// comment lines. The English side must be lowercase Latin (digits, spaces,
// hyphens, apostrophes and periods allowed); every Hindi rendering must be
// Devanagari, optionally with single spaces between words.
func parseLine(line string) (e Entry, ok bool, err error) {
	line = strings.TrimRight(line, "\r")
	if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
		return Entry{}, false, nil
	}
	en, his, found := strings.Cut(line, "\t")
	if !found {
		return Entry{}, false, fmt.Errorf("%w: no tab between english and hindi in %q", errField, line)
	}
	if strings.Contains(his, "\t") {
		return Entry{}, false, fmt.Errorf("%w: more than one tab in %q", errField, line)
	}
	en = collapseSpace(en)
	if err := checkEnglish(en); err != nil {
		return Entry{}, false, fmt.Errorf("english field %q: %w", en, err)
	}
	var hi []string
	for i, h := range strings.Split(his, "|") {
		h = collapseSpace(norm.NFC.String(h))
		if err := checkHindi(h); err != nil {
			return Entry{}, false, fmt.Errorf("hindi field %d %q of %q: %w", i+1, h, en, err)
		}
		hi = appendNew(hi, h)
	}
	return Entry{En: en, Hi: hi}, true, nil
}

// checkEnglish enforces the English key alphabet so that lookups with a
// lowercased query can never miss because of case or stray characters.
func checkEnglish(en string) error {
	if en == "" {
		return fmt.Errorf("%w: empty", errField)
	}
	letter := false
	for _, r := range en {
		switch {
		case r >= 'a' && r <= 'z':
			letter = true
		case r >= '0' && r <= '9', r == ' ', r == '-', r == '\'', r == '.':
		default:
			return fmt.Errorf("%w: character %q is not lowercase latin", errField, r)
		}
	}
	if !letter {
		return fmt.Errorf("%w: no letter", errField)
	}
	return nil
}

// checkHindi enforces that a rendering is Devanagari text.
func checkHindi(hi string) error {
	if hi == "" {
		return fmt.Errorf("%w: empty", errField)
	}
	for _, r := range hi {
		if r != ' ' && !isDevanagari(r) {
			return fmt.Errorf("%w: character %q is not devanagari", errField, r)
		}
	}
	return nil
}

// isDevanagari reports whether r is in the Devanagari block, excluding the
// danda punctuation marks which never belong inside a word.
func isDevanagari(r rune) bool {
	return script.IsDevanagari(r) && r != '।' && r != '॥'
}

// collapseSpace trims s and folds runs of white space into one space, so that
// "chief  minister" and "chief minister" are the same key.
func collapseSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// Entries returns all entries in file order.
func (l *Lexicon) Entries() []Entry {
	out := make([]Entry, len(l.entries))
	for i, e := range l.entries {
		out[i] = Entry{En: e.En, Hi: slices.Clone(e.Hi)}
	}
	return out
}

// English returns the Hindi renderings of an English word or phrase
// (lowercase exact match).
func (l *Lexicon) English(en string) []string {
	return slices.Clone(l.en[collapseSpace(strings.ToLower(en))])
}

// Hindi returns the English words/phrases a Hindi word or phrase renders
// (exact match after NFC).
func (l *Lexicon) Hindi(hi string) []string {
	return slices.Clone(l.hi[collapseSpace(norm.NFC.String(hi))])
}

// Len returns the number of entries.
func (l *Lexicon) Len() int { return len(l.entries) }
