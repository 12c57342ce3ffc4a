// Package translit romanizes Devanagari the way people type Hindi in Latin
// script and reduces both scripts to a phonetic key, so "istifa", "isteefa"
// and इस्तीफा meet.
package translit

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsearch/bilingual/analyzers/script"
)

//go:embed data/conventional.tsv
var conventionalTSV string

// Romanizer turns Devanagari into the Latin spelling people type; build once
// with New, safe for concurrent use.
type Romanizer struct {
	// conventional maps a whole Devanagari word to its customary Latin
	// spelling, which letter-by-letter rules cannot guess (दिल्ली → delhi).
	conventional map[string]string
}

// New builds a Romanizer from the embedded table of conventional spellings.
// It panics if the embedded table is malformed, which a test rules out.
func New() *Romanizer {
	conv, err := parseConventional(conventionalTSV)
	if err != nil {
		panic(fmt.Sprintf("translit: embedded data/conventional.tsv: %v", err))
	}
	return &Romanizer{conventional: conv}
}

// parseConventional reads `devanagari<TAB>latin` lines, skipping blank lines
// and `#` comments.
func parseConventional(src string) (map[string]string, error) {
	m := make(map[string]string)
	sc := bufio.NewScanner(strings.NewReader(src))
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		deva, latin, ok := strings.Cut(s, "\t")
		deva, latin = strings.TrimSpace(deva), strings.TrimSpace(latin)
		if !ok || deva == "" || latin == "" {
			return nil, fmt.Errorf("line %d: want devanagari<TAB>latin, got %q", line, s)
		}
		deva = composeNukta(deva)
		if !isDevanagariWord(deva) {
			return nil, fmt.Errorf("line %d: field 1 %q is not a Devanagari word", line, deva)
		}
		if latin != strings.ToLower(latin) || strings.ContainsFunc(latin, func(r rune) bool { return r > unicode.MaxASCII || r == ' ' }) {
			return nil, fmt.Errorf("line %d: field 2 %q is not a lowercase ASCII word", line, latin)
		}
		if prev, dup := m[deva]; dup && prev != latin {
			return nil, fmt.Errorf("line %d: %q listed twice (%q and %q)", line, deva, prev, latin)
		}
		m[deva] = latin
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line, err)
	}
	return m, nil
}

// isDevanagariWord reports whether w is made only of Devanagari letters,
// signs and joiners.
func isDevanagariWord(w string) bool {
	for _, r := range w {
		if !script.IsDevanagari(r) && r != zwj && r != zwnj {
			return false
		}
	}
	return w != ""
}

// Romanize romanizes each Devanagari word of s (other text passes through),
// lowercase.
func (r *Romanizer) Romanize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		i := strings.IndexFunc(s, isDevanagariOrJoiner)
		if i < 0 {
			b.WriteString(strings.ToLower(s))
			break
		}
		b.WriteString(strings.ToLower(s[:i]))
		s = s[i:]
		j := strings.IndexFunc(s, func(r rune) bool { return !isDevanagariOrJoiner(r) })
		if j < 0 {
			j = len(s)
		}
		b.WriteString(r.romanizeRun(s[:j]))
		s = s[j:]
	}
	return b.String()
}

// romanizeRun romanizes a run of Devanagari, which may hold digits and
// dandas besides words.
func (r *Romanizer) romanizeRun(run string) string {
	var b strings.Builder
	for len(run) > 0 {
		c, size := utf8.DecodeRuneInString(run)
		switch {
		case c >= '०' && c <= '९':
			b.WriteByte(byte('0' + c - '०'))
			run = run[size:]
		case c == '।' || c == '॥':
			b.WriteByte('.')
			run = run[size:]
		default:
			j := strings.IndexFunc(run, func(r rune) bool {
				return (r >= '०' && r <= '९') || r == '।' || r == '॥'
			})
			if j < 0 {
				j = len(run)
			}
			b.WriteString(r.romanizeWord(run[:j]))
			run = run[j:]
		}
	}
	return b.String()
}

// romanizeWord romanizes one Devanagari word, preferring its conventional
// spelling.
func (r *Romanizer) romanizeWord(w string) string {
	w = composeNukta(w)
	if latin, ok := r.conventional[w]; ok {
		return latin
	}
	// Joiners only steer glyph shaping; spellings with and without them are
	// the same word.
	if strings.ContainsRune(w, zwj) || strings.ContainsRune(w, zwnj) {
		w = strings.Map(func(r rune) rune {
			if r == zwj || r == zwnj {
				return -1
			}
			return r
		}, w)
		if latin, ok := r.conventional[w]; ok {
			return latin
		}
	}
	return romanizeLetters(w)
}

// Key reduces Latin or Devanagari text (Devanagari is romanized first) to a
// phonetic key per word, space-separated.
func (r *Romanizer) Key(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(s, func(c rune) bool { return !isWordRune(c) }) {
		k := r.WordKey(w)
		if k == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k)
	}
	return b.String()
}

// WordKey is Key for a single word (no spaces), for use in a Bleve token
// filter.
func (r *Romanizer) WordKey(w string) string {
	if script.HasDevanagari(w) {
		w = r.Romanize(w)
	}
	return latinKey(w)
}

// WordLightKey is WordKey's precise sibling: the word's romanization with
// only vowel length, aspirates, doubled letters and the common letter swaps
// folded. Two spellings of a word usually share it or lie one edit apart,
// while different words rarely do, so search uses it to confirm key matches.
func (r *Romanizer) WordLightKey(w string) string {
	if script.HasDevanagari(w) {
		w = r.Romanize(w)
	}
	return lightKey(w)
}

// isWordRune reports whether c belongs inside a word for Key.
func isWordRune(c rune) bool {
	return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.IsMark(c) || c == zwj || c == zwnj
}
