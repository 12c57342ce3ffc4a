package entities

import (
	"strings"

	"github.com/newsearch/bilingual/analyzers/script"
	"github.com/newsearch/bilingual/analyzers/translit"
)

// addUnknown adds people found by findCandidates: gazetteer people when a form resolves, generated ones
// otherwise, one per NameKey, so the forms of one name in either script are one person with one id.
func (x *Extractor) addUnknown(text string, res *Result) {
	covered := func(s, e int) bool {
		for _, m := range res.Mentions {
			if m.Kind == KindPerson && m.Start < e && s < m.End {
				return true
			}
		}
		return false
	}
	byKey := map[string]int{} // canonical key -> index in res.Unknown
	for _, c := range x.findCandidates(text) {
		id := ""
		for _, n := range []string{c.en, c.hi} {
			if n == "" {
				continue
			}
			if pid, ok := x.g.ResolvePerson(n); ok {
				id = pid
				break
			}
		}
		if id == "" && c.hi != "" {
			// A Hindi name the gazetteer has in English only, or spelt otherwise: सांसद अब्दुल खालिक is
			// Abdul Khaleque. An English name must be written as listed (Ashwani Kumar is not the MP Ashwini
			// Kumar).
			id, _ = x.g.ResolvePersonKey(c.hi)
		}
		if id != "" {
			if !covered(c.s, c.e) {
				res.Mentions = append(res.Mentions, Mention{Kind: KindPerson, ID: id, Start: c.s, End: c.e, Text: text[c.s:c.e]})
			}
			continue
		}
		if covered(c.s, c.e) {
			continue // "नेता प्रतिपक्ष तेजस्वी यादव": the gazetteer already matched the name inside
		}
		var keys []string // the English form's first: it names the person when the two disagree
		for _, n := range []string{c.en, c.hi} {
			if k := NameKey(n); k != "" && !contains(keys, k) {
				keys = append(keys, k)
			}
		}
		if len(keys) == 0 {
			continue
		}
		idx := -1
		for _, k := range keys {
			if i, ok := byKey[k]; ok {
				idx = i
				break
			}
		}
		if idx < 0 {
			idx = len(res.Unknown)
			res.Unknown = append(res.Unknown, Person{ID: UnknownID(keys[0])})
		}
		p := &res.Unknown[idx]
		if p.NameEn == "" && c.en != "" {
			p.NameEn = c.en
		}
		if p.NameHi == "" && c.hi != "" {
			p.NameHi = c.hi
		}
		for _, k := range keys {
			byKey[k] = idx
		}
		res.Mentions = append(res.Mentions, Mention{Kind: KindPerson, ID: p.ID, Start: c.s, End: c.e, Text: text[c.s:c.e]})
	}
}

// vowelW drops a w that belongs to the vowel before it (Chowdhary, Choudhary), as translit's key does.
func vowelW(w string) string {
	isV := func(i int) bool { return i >= 0 && i < len(w) && strings.IndexByte("aeiou", w[i]) >= 0 }
	if !strings.Contains(w, "w") {
		return w
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		if w[i] == 'w' && isV(i-1) && !isV(i+1) {
			continue
		}
		b = append(b, w[i])
	}
	return string(b)
}

// kumarKey is the key of Kumar, Kumari and कुमार.
const kumarKey = "knr"

// UnknownID is the id of a person the gazetteer lacks whose NameKey is key.
func UnknownID(key string) string { return "x-" + key }

// NameKey is the canonical phonetic key of a person's name in either script,
// from which a generated id is made: each word's consonant skeleton
// (skeletonKey of its romanization; an initial vowel kept as "a", m as n),
// joined by "-". Spellings of one name share it (Lav Agarwal, Lav Aggarwal,
// लव अग्रवाल and लव अगरवाल are all "lv-agrvl"), so an id does not depend on
// which spelling an article, or the first article, used; names whose
// consonants differ keep apart (Amit Shah "ant-s", Amit Shukla "ant-skl").
// A middle Kumar (Kumari) is left out, as the press leaves it out. It is "" for a name with no letters to
// key.
func NameKey(name string) string {
	var words []string
	for _, w := range strings.Fields(name) {
		if script.HasDevanagari(w) {
			w = romanize(w)
		}
		w = vowelW(strings.ToLower(w))
		k := skeletonKey(w, "aeiouy") // an h of its own stays: Sahni is not Soni
		if w != "" && strings.IndexByte("aeiou", w[0]) >= 0 {
			k = "a" + k
		}
		k = strings.ReplaceAll(k, "m", "n") // the anusvara is n or m as the next letter says: शंभू, Shambhu
		k = strings.ReplaceAll(k, "nn", "n")
		if k != "" {
			words = append(words, k)
		}
	}
	// The press drops a middle Kumar at will: लव कुमार अग्रवाल is Lav Agarwal.
	for i := len(words) - 2; i >= 1; i-- {
		if words[i] == kumarKey {
			words = append(words[:i], words[i+1:]...)
		}
	}
	return strings.Join(words, "-")
}

// skeletonKey reduces a romanized name to a consonant skeleton, so that "Gehlot", "gahalot" and "Gahlot"
// agree: vowels and "h" carry too little of the spelling to compare.
// NameKey keeps a lone "h" (drop "aeiouy"): Sahni is not Soni.
func skeletonKey(s, drop string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	var last byte
	put := func(c byte) {
		if c < 'a' || c > 'z' || strings.IndexByte(drop, c) >= 0 {
			if c == ' ' {
				last = 0
			}
			return
		}
		if c != last {
			b.WriteByte(c)
			last = c
		}
	}
	// Spellings that sound alike: ph=f, sh=s, ch=c, kh=k, gh=g, th=t, dh=d, bh=b, jh=j, ck=k, w=v, z=j, q=k,
	// x=ks. Bytes of other runes are never letters a–z and drop out.
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i+1 < len(s) {
			if s[i+1] == 'h' && strings.IndexByte("pscktgdbj", c) >= 0 {
				if c == 'p' {
					c = 'f'
				}
				put(c)
				i++
				continue
			}
			if c == 'c' && s[i+1] == 'k' {
				put('k')
				i++
				continue
			}
		}
		switch c {
		case 'w':
			put('v')
		case 'z':
			put('j')
		case 'q':
			put('k')
		case 'x':
			put('k')
			put('s')
		default:
			put(c)
		}
	}
	return b.String()
}

// romanize spells a Hindi name in ASCII letters for its generated id and phonetic key, with translit's
// simple spelling that ids have always been made with (see translit.Plain).
func romanize(s string) string {
	n, _ := normalize(s)
	return translit.Plain(n)
}
