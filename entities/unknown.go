package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of the original text with its byte span.
type token struct {
	s, e int
	w    string
}

// tokens splits text into words of letters, marks, digits and inner apostrophes; joined records, for each
// word, whether only blanks separate it from the previous one. Both are appended to the slices given,
// which callers may reuse.
func tokens(text string, toks []token, joined []bool) ([]token, []bool) {
	i := 0
	lastEnd := -1
	for i < len(text) {
		r, size := decodeRune(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r2, s2 := decodeRune(text[j:])
			if isWordRune(r2) || ((r2 == '\'' || r2 == '’') && j+s2 < len(text) && nextIsLetter(text[j+s2:]) && !strings.HasPrefix(text[j+s2:], "s ")) {
				j += s2
				continue
			}
			break
		}
		toks = append(toks, token{i, j, text[i:j]})
		joined = append(joined, lastEnd >= 0 && onlyBlanks(text[lastEnd:i]))
		lastEnd = j
		i = j
	}
	return toks, joined
}

// onlyBlanks reports whether s is made of spaces and tabs only.
func onlyBlanks(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}

// isInitials reports whether w is one or two capital letters written together ("VS", "KC").
func isInitials(w string) bool {
	if len(w) < 1 || len(w) > 2 {
		return false
	}
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func nextIsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

func isCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.Is(unicode.Latin, r) || !unicode.IsUpper(r) {
		return false
	}
	// All-caps words longer than one letter are abbreviations (BJP, AICC), not names.
	rest := w[utf8.RuneLen(r):]
	return rest == "" || strings.ToUpper(rest) != rest
}

// candidate is one person name found by a title, a gloss or a role pattern.
type candidate struct {
	en, hi string
	s, e   int
}

// gloss is a Devanagari name of one to three words glossed in Latin: "राहुल गांधी (Rahul Gandhi)".
type gloss struct {
	hiStart, hiEnd int // the Devanagari words
	enStart, enEnd int // the Latin name inside the parentheses
}

// glosses finds the glosses in text as the regexp
//
//	((?:\p{Devanagari}+ ){0,2}\p{Devanagari}+) \(([A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\)
//
// would, but only looks around " (", where running the regexp over a whole article is slow.
func glosses(text string) []gloss {
	var out []gloss
	for q := range allIndex(text, " (") {
		// Two or three capitalized words, then ")"
		i, words := q+2, 0
		for words < 3 {
			j := i
			if words > 0 {
				if j >= len(text) || text[j] != ' ' {
					break
				}
				j++
			}
			if j >= len(text) || text[j] < 'A' || text[j] > 'Z' {
				break
			}
			k := j + 1
			for k < len(text) && text[k] >= 'a' && text[k] <= 'z' {
				k++
			}
			if k == j+1 {
				break
			}
			i, words = k, words+1
		}
		if words < 2 || i >= len(text) || text[i] != ')' {
			continue
		}
		// Up to three Devanagari words, single spaces between, ending at q; the leftmost match starts at
		// the beginning of the first word.
		start := q
		for w := 0; w < 3; w++ {
			e := start
			if w > 0 {
				if e == 0 || text[e-1] != ' ' {
					break
				}
				e--
			}
			b := e
			for b > 0 {
				r, size := utf8.DecodeLastRuneInString(text[:b])
				if !unicode.Is(unicode.Devanagari, r) {
					break
				}
				b -= size
			}
			if b == e {
				break
			}
			start = b
		}
		if start == q {
			continue
		}
		out = append(out, gloss{start, q, q + 2, i})
	}
	return out
}

// wordBuf holds the tokens of one article, pooled because findCandidates runs for every article.
type wordBuf struct {
	toks   []token
	joined []bool
}

// findCandidates returns names introduced by a title or role word, and Devanagari names glossed in Latin.
func (x *Extractor) findCandidates(text string) []candidate {
	var out []candidate
	sc := x.words.Get().(*wordBuf)
	defer func() {
		clear(sc.toks) // let the article go
		x.words.Put(sc)
	}()
	sc.toks, sc.joined = tokens(text, sc.toks[:0], sc.joined[:0])
	toks, joined := sc.toks, sc.joined
	var key []byte // the key of each word, built in place: this runs for every word of every article
	for i := 0; i < len(toks); i++ {
		if i+1 >= len(toks) || !joined[i+1] {
			continue
		}
		w := toks[i].w
		key = appendKey(key[:0], w)
		if !x.titles[string(key)] {
			continue
		}
		if isDevanagari(w) {
			var name []string
			j := i + 1
			for ; j < len(toks) && len(name) < 3 && joined[j]; j++ {
				k := normKey(toks[j].w)
				if !isDevanagari(toks[j].w) || x.stopHi[k] || x.titles[k] || x.partyWords[k] {
					break
				}
				name = append(name, toks[j].w)
			}
			// Hindi has no capitals: only accept a name that starts with a known first name or ends in a
			// known surname.
			if len(name) >= 2 && (x.hiSurnames[normKey(name[len(name)-1])] || x.hiFirst[normKey(name[0])]) {
				out = append(out, candidate{hi: strings.Join(name, " "), s: toks[i+1].s, e: toks[j-1].e})
			}
			continue
		}
		var name []string
		j := i + 1
		orgWord := false
		for ; j < len(toks) && len(name) < 4 && joined[j]; j++ {
			t := toks[j].w
			k := normKey(t)
			initials := len(name) == 0 && isInitials(t) && !x.partyWords[k] && j+1 < len(toks) && joined[j+1] && isCapitalized(toks[j+1].w)
			if !initials && (!isCapitalized(t) || x.stopEn[k] || x.partyWords[k] || x.titles[k] || (len(name) >= 2 && x.stopTail[k])) {
				// "Doon International School": a capitalized institution word ends an organisation's name.
				orgWord = len(name) > 0 && isCapitalized(t) && x.orgWords[k]
				break
			}
			name = append(name, t)
		}
		if len(name) >= 2 && len(name) <= 3 && !orgWord { // four capitalized words are an organisation or a headline
			out = append(out, candidate{en: strings.Join(name, " "), s: toks[i+1].s, e: toks[j-1].e})
		}
	}
	var gs []gloss
	if strings.Contains(text, " (") && isDevanagari(text) {
		gs = glosses(text)
	}
	for _, g := range gs {
		hi := text[g.hiStart:g.hiEnd]
		// drop leading function words and titles: "कांग्रेस अध्यक्ष राहुल गांधी" -> "राहुल गांधी"
		ws := strings.Fields(hi)
		k := 0
		for i, w := range ws {
			n := normKey(w)
			if x.stopHi[n] || x.titles[n] || x.partyWords[n] {
				k = i + 1
			}
		}
		ws = ws[k:]
		if len(ws) == 0 {
			continue
		}
		out = append(out, candidate{en: text[g.enStart:g.enEnd], hi: strings.Join(ws, " "), s: g.hiStart, e: g.enEnd})
	}
	return out
}

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

// Devanagari to a simple romanization for generated ids: consonants carry "a", which a vowel sign, a
// virama or the end of the word removes (schwa deletion at word end).
var (
	devaConsonants = map[rune]string{
		'क': "k", 'ख': "kh", 'ग': "g", 'घ': "gh", 'ङ': "n", 'च': "ch", 'छ': "chh", 'ज': "j", 'झ': "jh", 'ञ': "n",
		'ट': "t", 'ठ': "th", 'ड': "d", 'ढ': "dh", 'ण': "n", 'त': "t", 'थ': "th", 'द': "d", 'ध': "dh", 'न': "n",
		'प': "p", 'फ': "ph", 'ब': "b", 'भ': "bh", 'म': "m", 'य': "y", 'र': "r", 'ल': "l", 'ळ': "l", 'व': "v",
		'श': "sh", 'ष': "sh", 'स': "s", 'ह': "h",
	}
	devaVowels = map[rune]string{
		'अ': "a", 'आ': "a", 'इ': "i", 'ई': "i", 'उ': "u", 'ऊ': "u", 'ऋ': "ri", 'ए': "e", 'ऐ': "ai", 'ओ': "o", 'औ': "au",
	}
	devaSigns = map[rune]string{
		'ा': "a", 'ि': "i", 'ी': "i", 'ु': "u", 'ू': "u", 'ृ': "ri", 'े': "e", 'ै': "ai", 'ो': "o", 'ौ': "au",
	}
)

// medialSchwa reports whether the inherent vowel of the consonant rs[i] is silent inside a word: after a
// vowel sign and before a consonant that carries its own vowel sign (देशमुख = deshmukh, राजकुमार = rajkumar).
func medialSchwa(rs []rune, i int) bool {
	if i == 0 || i+2 >= len(rs) {
		return false
	}
	if _, prevSign := devaSigns[rs[i-1]]; !prevSign {
		return false
	}
	if _, ok := devaConsonants[rs[i+1]]; !ok {
		return false
	}
	_, nextSign := devaSigns[rs[i+2]]
	return nextSign
}

// romanize transliterates Devanagari to plain ASCII letters; other runes pass through.
func romanize(s string) string {
	n, _ := normalize(s)
	rs := []rune(n)
	var b strings.Builder
	for i, r := range rs {
		if c, ok := devaConsonants[r]; ok {
			b.WriteString(c)
			next := rune(0)
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			_, sign := devaSigns[next]
			endOfWord := next == 0 || !isWordRune(next) || next == anusvara && (i+2 >= len(rs) || !isWordRune(rs[i+2]))
			if !sign && next != virama && !(endOfWord && i > 0 && isWordRune(rs[i-1])) && !medialSchwa(rs, i) {
				b.WriteByte('a')
			}
			continue
		}
		if v, ok := devaVowels[r]; ok {
			b.WriteString(v)
			continue
		}
		if v, ok := devaSigns[r]; ok {
			b.WriteString(v)
			continue
		}
		switch r {
		case anusvara:
			b.WriteByte('n')
		case virama, 'ः':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
