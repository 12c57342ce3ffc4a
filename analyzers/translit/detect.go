package translit

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"unicode"
)

var (
	//go:embed data/hinglish.txt
	hinglishTxt string
	//go:embed data/english.txt
	englishTxt string
	//go:embed data/names.txt
	namesTxt string
	//go:embed data/particles.txt
	particlesTxt string
)

// particleWeight is how much a Hindi particle counts against one English
// word: more than one, so "modi ki rally" is Hindi, and less than two, so
// one particle does not outweigh two English words.
const particleWeight = 1.5

// Detector tells romanized Hindi queries ("rahul gandhi istifa", "bjp ki
// jeet") from English ones.
type Detector struct {
	hindi, english, names, particles map[string]bool
}

// NewDetector builds a Detector from the embedded word lists. It panics if a
// list is malformed, which a test rules out.
func NewDetector() *Detector {
	d := &Detector{}
	for _, l := range []struct {
		name, src string
		dst       *map[string]bool
	}{
		{"data/hinglish.txt", hinglishTxt, &d.hindi},
		{"data/english.txt", englishTxt, &d.english},
		{"data/names.txt", namesTxt, &d.names},
		{"data/particles.txt", particlesTxt, &d.particles},
	} {
		m, err := parseWordList(l.src)
		if err != nil {
			panic(fmt.Sprintf("translit: embedded %s: %v", l.name, err))
		}
		*l.dst = m
	}
	return d
}

// parseWordList reads one lowercase ASCII word a line, skipping blank lines
// and `#` comments.
func parseWordList(src string) (map[string]bool, error) {
	m := make(map[string]bool)
	sc := bufio.NewScanner(strings.NewReader(src))
	line := 0
	for sc.Scan() {
		line++
		w := strings.TrimSpace(sc.Text())
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		for _, c := range w {
			if c < 'a' || c > 'z' {
				return nil, fmt.Errorf("line %d: %q is not a lowercase ASCII word", line, w)
			}
		}
		m[w] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line, err)
	}
	return m, nil
}

// IsRomanizedHindi reports whether a Latin-script query reads as romanized
// Hindi.
//
// Each word is evidence: a Hindi particle (ki, me) counts one and a half for
// Hindi, another listed Hinglish word one, a listed
// English word for English, and a word in both lists or a name ("modi",
// "bjp") for neither. Unlisted words count half, by their spelling. A query
// with no evidence for Hindi, such as a bare name, is not Hindi: nothing in
// it asks for Hindi results.
func (d *Detector) IsRomanizedHindi(q string) bool {
	var hi, en float64
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if strings.ContainsFunc(w, func(r rune) bool { return r > unicode.MaxASCII }) {
			// Not Latin script, so not a romanized query.
			return false
		}
		inHi, inEn := d.hindi[w], d.english[w]
		switch {
		case d.particles[w]:
			hi += particleWeight
		case d.names[w] || (inHi && inEn):
		case inHi:
			hi++
		case inEn:
			en++
		default:
			switch spellingLean(w) {
			case 1:
				hi += 0.5
			case -1:
				en += 0.5
			}
		}
	}
	return hi > en
}

// spellingLean guesses the language of an unlisted word from its spelling:
// 1 for Hindi-looking (aa, aspirates, -iya), -1 for
// English-looking (-tion, -ing, -ness), 0 when it cannot tell.
func spellingLean(w string) int {
	for _, s := range []string{"tion", "sion", "ment", "ness", "ing", "ity", "ism", "ous", "ful", "ly", "ed", "ics"} {
		if len(w) > len(s)+2 && strings.HasSuffix(w, s) {
			return -1
		}
	}
	if strings.ContainsAny(w, "qxw") || strings.Contains(w, "ck") || strings.HasPrefix(w, "th") {
		return -1
	}
	for _, s := range []string{"aa", "bh", "dh", "kh", "jh", "chh"} {
		if strings.Contains(w, s) {
			return 1
		}
	}
	for _, s := range []string{"iya", "wala", "wali", "kar"} {
		if len(w) > len(s)+2 && strings.HasSuffix(w, s) {
			return 1
		}
	}
	return 0
}
