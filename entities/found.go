package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsearch/bilingual/analyzers/script"
	"github.com/newsearch/bilingual/entities/names"
)

// This file joins the statistical name tagger (package names) to extraction: the names it finds become
// candidates for addUnknown like those found after titles, once the gazetteer's own knowledge has had
// its say.

// PersonNames lists every name and alias of g's people, in both scripts: the names the name tagger's
// first-name and surname lexicons are made of, at training and at run time alike.
func PersonNames(g *Gazetteer) []string {
	var out []string
	for _, p := range g.People() {
		out = append(out, p.names()...)
	}
	return out
}

// newNameTagger loads the embedded name model with a lexicon of g's people; nil when the embedded model
// does not load, which names' tests rule out.
func newNameTagger(g *Gazetteer) *names.Tagger {
	m, err := names.LoadModel()
	if err != nil {
		return nil
	}
	return names.NewTagger(m, names.NewLexicon(PersonNames(g)))
}

// taggedCandidates returns the names the tagger finds in text, leaving out what the gazetteer knows to be
// something else: parties, places, organisation words, and bare surnames, which Extract resolves against
// the article itself. addUnknown drops those that overlap a gazetteer person.
func (x *Extractor) taggedCandidates(text string) []candidate {
	if x.tagger == nil || !mayNameSomeone(text) {
		return nil
	}
	var out []candidate
	for _, sp := range x.tagger.Find(text, nil) {
		name := text[sp.Start:sp.End]
		k := normKey(name)
		if _, place := x.g.ResolvePlace(name); place || x.namesParty(k) || x.stopEn[k] || x.stopHi[k] {
			continue
		}
		if len(x.surnames[k]) > 0 && !strings.Contains(k, " ") && !x.honoured(text, sp.End, name) {
			continue // a bare surname: resolved later against the full names the article gives
		}
		if x.hasNonNameWord(k) {
			continue
		}
		c := candidate{s: sp.Start, e: sp.End}
		switch {
		case script.HasDevanagari(name):
			if x.hasStopword(k, x.stopHi) {
				continue
			}
			c.hi = name
		case sp.Start > 0 && (text[sp.Start-1] == '@' || text[sp.Start-1] == '#'):
			if c.en = x.tagger.Spell(name); c.en == "" {
				c.en = titleCase(name)
			}
		default:
			if x.hasStopword(k, x.stopEn) || x.hasStopword(k, x.stopTail) {
				continue // "On Friday", "Frontal Attack on Constitution"
			}
			c.en = titleCase(name)
		}
		out = append(out, c)
	}
	return out
}

// namesParty reports whether the normalized text k holds a party's name ("भाजपा सांसद" or a whole
// "Samajwadi Party" the tagger took for a person).
func (x *Extractor) namesParty(k string) bool {
	for _, m := range x.scan(k) {
		for _, en := range x.entries[m.pat] {
			if en.kind == KindParty {
				return true
			}
		}
	}
	return false
}

// honoured reports whether an honorific follows the one-word name that ends at end ("modi ji", "Modiji",
// "मोदी जी") and the name is a gazetteer person's distinctive alias: then it names that person, though the
// capitalized "Ji" or the lower case hides it from the gazetteer's own matching.
func (x *Extractor) honoured(text string, end int, name string) bool {
	rest := strings.ToLower(text[end:])
	rest = strings.TrimLeft(rest, " ")
	ok := false
	for _, h := range []string{"ji", "jee", "जी", "sahab", "साहब"} {
		if r, found := strings.CutPrefix(rest, h); found {
			c, _ := utf8.DecodeRuneInString(r)
			ok = r == "" || !isWordRune(c)
		}
		if ok {
			break
		}
	}
	if !ok {
		return false
	}
	_, resolves := x.g.ResolvePerson(name)
	return resolves
}

// hasStopword reports whether a word of the normalized name k is in the set.
func (x *Extractor) hasStopword(k string, set map[string]bool) bool {
	for _, w := range strings.Fields(k) {
		if set[w] {
			return true
		}
	}
	return false
}

// hasNonNameWord reports whether a normalized name holds a word no person's name holds: a party's,
// an organisation's or a title.
func (x *Extractor) hasNonNameWord(k string) bool {
	for _, w := range strings.Fields(k) {
		if x.partyWords[w] || x.orgWords[w] || x.titles[w] {
			return true
		}
	}
	return false
}

// mayNameSomeone reports whether text has a Devanagari or an upper-case Latin letter, or the "ji"
// romanized Hindi puts after a name; text without any names no one (lower-case English), and tagging it
// would only cost time.
func mayNameSomeone(text string) bool {
	for _, r := range text {
		if r >= 0x0900 && r <= 0x097F || r < utf8.RuneSelf && r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return strings.Contains(text, " ji") || strings.Contains(text, "@")
}

// titleCase capitalizes the words of a Latin name written in lower case ("modi ji" in a tweet), for its
// label; a name with any capital is kept as written.
func titleCase(s string) string {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return s
		}
	}
	b := []byte(s)
	for i := range b {
		if b[i] >= 'a' && b[i] <= 'z' && (i == 0 || b[i-1] == ' ') {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}
