package entities

import (
	"strings"

	"github.com/newsearch/bilingual/analyzers/translit"
)

// addUnknown adds people found by findCandidates: gazetteer people when a form resolves, generated ones
// otherwise, merging a Hindi and an English form whose phonetic keys agree.
func (x *Extractor) addUnknown(text string, res *Result) {
	covered := func(s, e int) bool {
		for _, m := range res.Mentions {
			if m.Kind == KindPerson && m.Start < e && s < m.End {
				return true
			}
		}
		return false
	}
	byKey := map[string]int{} // phonetic key -> index in res.Unknown
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
		if id != "" {
			if !covered(c.s, c.e) {
				res.Mentions = append(res.Mentions, Mention{Kind: KindPerson, ID: id, Start: c.s, End: c.e, Text: text[c.s:c.e]})
			}
			continue
		}
		if covered(c.s, c.e) {
			continue // "नेता प्रतिपक्ष तेजस्वी यादव": the gazetteer already matched the name inside
		}
		var keys []string
		if c.en != "" {
			keys = append(keys, phoneticKey(c.en))
		}
		if c.hi != "" {
			keys = append(keys, phoneticKey(romanize(c.hi)))
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
			res.Unknown = append(res.Unknown, Person{})
		}
		p := &res.Unknown[idx]
		if p.NameEn == "" && c.en != "" {
			p.NameEn = c.en
		}
		if p.NameHi == "" && c.hi != "" {
			p.NameHi = c.hi
		}
		if p.NameEn != "" {
			p.ID = "x-" + slug(p.NameEn)
		} else {
			p.ID = "x-" + slug(romanize(p.NameHi))
		}
		for _, k := range keys {
			byKey[k] = idx
		}
		res.Mentions = append(res.Mentions, Mention{Kind: KindPerson, ID: p.ID, Start: c.s, End: c.e, Text: text[c.s:c.e]})
	}
	// ids may have changed when an English form joined a Hindi one
	if len(res.Unknown) == 0 {
		return
	}
	type keys struct{ en, hi string }
	mkeys := make([]keys, len(res.Mentions)) // only for generated ids, which stay generated below
	for i, m := range res.Mentions {
		if strings.HasPrefix(m.ID, "x-") {
			mkeys[i] = keys{phoneticKey(m.Text), phoneticKey(romanize(m.Text))}
		}
	}
	for _, p := range res.Unknown {
		pk := keys{phoneticKey(p.NameEn), phoneticKey(romanize(p.NameHi))}
		for i := range res.Mentions {
			m := &res.Mentions[i]
			if strings.HasPrefix(m.ID, "x-") && (mkeys[i].en == pk.en || mkeys[i].hi == pk.hi) {
				m.ID = p.ID
			}
		}
	}
}

// slug is a lower-case ASCII id: letters and digits, words joined by "-".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// phoneticKey reduces a romanized name to a consonant skeleton, so that "Gehlot", "gahalot" and "Gahlot"
// agree: vowels and "h" carry too little of the spelling to compare.
func phoneticKey(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	var last byte
	put := func(c byte) {
		if c < 'a' || c > 'z' || strings.IndexByte("aeiouhy", c) >= 0 {
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
