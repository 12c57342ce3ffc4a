package entities

import (
	"bufio"
	_ "embed"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
)

//go:embed data/titles.txt
var titlesTXT string

//go:embed data/party_context.txt
var partyContextTXT string

//go:embed data/stop_en.txt
var stopEnTXT string

//go:embed data/stop_hi.txt
var stopHiTXT string

//go:embed data/org_words.txt
var orgWordsTXT string

//go:embed data/stopwords_en.txt
var stopwordsEnTXT string

//go:embed data/stopwords_hi.txt
var stopwordsHiTXT string

// Kind says what a Mention names.
type Kind int

// The kinds of mention.
const (
	KindPerson Kind = iota
	KindParty
)

// String returns "person" or "party".
func (k Kind) String() string {
	if k == KindParty {
		return "party"
	}
	return "person"
}

// Mention is one matched entity in text.
type Mention struct {
	Kind       Kind
	ID         string
	Start, End int // byte offsets in Article.Text()
	Text       string
}

// Article is the input to Extract.
type Article struct {
	Title, Body string
	Published   time.Time // zero if unknown
}

// Text is the text Extract reads and Mention offsets point into: the title, a blank line, the body.
func (a Article) Text() string {
	if a.Title == "" {
		return a.Body
	}
	return a.Title + "\n\n" + a.Body
}

// Result is what one article names.
type Result struct {
	People            []string    // canonical ids, distinct, sorted (including generated ids for unknown people)
	Parties           []string    // party codes, distinct, sorted
	Unknown           []Person    // generated people (ID "x-<slug>"), with NameEn and/or NameHi filled
	Dates             []time.Time // distinct calendar days mentioned (UTC midnight), sorted
	Published         time.Time   // the given date, or inferred when zero
	PublishedInferred bool
	Mentions          []Mention
}

// entry is what one automaton pattern stands for.
type entry struct {
	kind   Kind
	id     string // person id or party code; "" for a bare surname
	weak   bool   // party alias that needs party context
	single bool   // one-word person alias or surname: resolved against the article
}

// Extractor finds people, parties and dates; build once, use from many goroutines.
type Extractor struct {
	g          *Gazetteer
	ac         ahocorasick.AhoCorasick
	entries    [][]entry           // by pattern index
	surnames   map[string][]string // normalized surname -> person ids
	hiSurnames map[string]bool     // Devanagari surnames, to accept Hindi names found by title
	hiFirst    map[string]bool     // Devanagari first names, likewise
	titles     map[string]bool
	partyCtx   map[string]bool
	stopEn     map[string]bool
	stopHi     map[string]bool
	stopTail   map[string]bool // common English words: they end a name after its first two words
	orgWords   map[string]bool
	partyWords map[string]bool // normalized one-word party aliases, never part of a person's name

	// Scratch buffers, pooled because Extract runs for every article: the
	// offset maps (eight bytes for every byte of an article), normalize's
	// buffers and findCandidates' word lists.
	offsets, folders, words sync.Pool
}

func wordSet(data string) map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(data))
	for sc.Scan() {
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		m[normKey(t)] = true
	}
	return m
}

// NewExtractor builds the automaton and tables for g.
func NewExtractor(g *Gazetteer) *Extractor {
	x := &Extractor{
		offsets:    sync.Pool{New: func() any { return new([]int) }},
		folders:    sync.Pool{New: func() any { return new(folder) }},
		words:      sync.Pool{New: func() any { return new(wordBuf) }},
		g:          g,
		surnames:   map[string][]string{},
		hiSurnames: map[string]bool{},
		hiFirst:    map[string]bool{},
		titles:     wordSet(titlesTXT),
		partyCtx:   wordSet(partyContextTXT),
		stopEn:     wordSet(stopEnTXT),
		stopHi:     wordSet(stopHiTXT + "\n" + stopwordsHiTXT),
		stopTail:   wordSet(stopwordsEnTXT),
		orgWords:   wordSet(orgWordsTXT),
		partyWords: map[string]bool{},
	}
	byPat := map[string][]entry{}
	add := func(pat string, e entry) {
		if pat == "" {
			return
		}
		for _, old := range byPat[pat] {
			if old == e {
				return
			}
		}
		byPat[pat] = append(byPat[pat], e)
	}
	for _, p := range g.Parties() {
		for _, n := range append([]string{p.NameEn, p.NameHi}, append(p.AliasesEn, p.AliasesHi...)...) {
			k := normKey(n)
			add(k, entry{kind: KindParty, id: p.Code, weak: g.weak[k]})
			if !strings.Contains(k, " ") {
				x.partyWords[k] = true
			}
		}
	}
	for _, p := range g.People() {
		for _, n := range p.names() {
			k := normKey(n)
			toks := strings.Fields(k)
			if len(toks) == 1 {
				add(k, entry{kind: KindPerson, id: p.ID, single: true})
				continue
			}
			add(k, entry{kind: KindPerson, id: p.ID})
			if first := toks[0]; isDevanagari(first) && utf8.RuneCountInString(first) >= 3 && !x.stopHi[first] {
				x.hiFirst[first] = true
			}
			last := toks[len(toks)-1]
			if utf8.RuneCountInString(last) >= 3 && !x.stopEn[last] && !x.stopHi[last] {
				if !contains(x.surnames[last], p.ID) {
					x.surnames[last] = append(x.surnames[last], p.ID)
				}
				if isDevanagari(last) {
					x.hiSurnames[last] = true
				}
			}
		}
	}
	for s := range x.surnames {
		add(s, entry{kind: KindPerson, single: true})
	}
	pats := make([]string, 0, len(byPat))
	for p := range byPat {
		pats = append(pats, p)
	}
	sort.Strings(pats)
	x.entries = make([][]entry, len(pats))
	for i, p := range pats {
		x.entries[i] = byPat[p]
	}
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.LeftMostLongestMatch, DFA: true})
	x.ac = b.Build(pats)
	return x
}

func isDevanagari(s string) bool {
	for _, r := range s {
		if r >= 0x0900 && r <= 0x097F {
			return true
		}
	}
	return false
}

// rawMatch is an automaton match that passed the word-boundary check, in normalized offsets.
type rawMatch struct {
	start, end, pat int
}

// scan returns the leftmost-longest matches of norm that start and end at word boundaries. When a match
// fails the check the search resumes one rune after its start, so "Congressman" cannot hide a later name.
func (x *Extractor) scan(norm string) []rawMatch {
	var out []rawMatch
	b := []byte(norm) // Iter would copy the rest of norm for every match
	pos := 0
	for pos < len(norm) {
		m := x.ac.IterByte(b[pos:]).Next()
		if m == nil {
			break
		}
		s, e := pos+m.Start(), pos+m.End()
		if e > s && atBoundary(norm, s, e) {
			out = append(out, rawMatch{s, e, m.Pattern()})
			pos = e
			continue
		}
		_, size := utf8.DecodeRuneInString(norm[s:])
		pos = s + size
	}
	return out
}

// word helpers on normalized text: the word right before start / after end, with only spaces between.
func prevWord(norm string, start int) string {
	i := start
	for i > 0 && norm[i-1] == ' ' {
		i--
	}
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(norm[:j])
		if !isWordRune(r) {
			break
		}
		j -= size
	}
	return norm[j:i]
}

func nextWord(norm string, end int) string {
	i := end
	for i < len(norm) && norm[i] == ' ' {
		i++
	}
	j := i
	for j < len(norm) {
		r, size := utf8.DecodeRuneInString(norm[j:])
		if !isWordRune(r) {
			break
		}
		j += size
	}
	return norm[i:j]
}

var foreignCongress = map[string]bool{
	"us": true, "u s": true, "american": true, "america's": true, "people's": true, "peoples": true,
	"world": true, "science": true, "अमेरिकी": true, "अमेरिका": true,
}

// isForeignCongress reports whether a bare "Congress" at norm[s:e] is a legislature or a conference.
func isForeignCongress(norm string, s, e int) bool {
	before := strings.TrimRight(norm[:s], " ")
	for w := range foreignCongress {
		if strings.HasSuffix(before, w) && (len(before) == len(w) || !isWordRuneBefore(before, len(before)-len(w))) {
			return true
		}
	}
	return nextWord(norm, e) == "of"
}

func isWordRuneBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r)
}

type partyHit struct {
	rawMatch
	code string
	weak bool
}

// weakOK applies the party-context rule to a weak alias at norm[s:e].
func (x *Extractor) weakOK(norm string, h partyHit, strong []partyHit) bool {
	if x.partyCtx[nextWord(norm, h.end)] {
		return true
	}
	// quoted: 'आप' or "AAP"
	if h.start > 0 && h.end < len(norm) && strings.ContainsAny(norm[h.start-1:h.start], `'"`) && strings.ContainsAny(norm[h.end:h.end+1], `'"`) {
		return true
	}
	for _, o := range strong {
		var gap string
		switch {
		case o.end <= h.start:
			gap = norm[o.end:h.start]
		case o.start >= h.end:
			gap = norm[h.end:o.start]
		default:
			continue
		}
		if len(gap) > 12 {
			continue
		}
		g := strings.TrimSpace(strings.Trim(gap, " ,-/&"))
		if g == "" || g == "and" || g == "or" || g == "और" || g == "या" || g == "व" {
			return true
		}
	}
	return false
}

var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "shri": true, "sh": true, "smt": true, "sri": true,
	"minister": true, "president": true, "chief": true, "secretary": true, "leader": true, "speaker": true,
	"governor": true, "mp": true, "mla": true, "justice": true, "captain": true, "capt": true, "cm": true, "pm": true,
}

// insideLongerName reports whether the one-word match at original text[s:e] is part of a longer name
// that the gazetteer lacks ("Rajkumar Gupta", "Feroze Gandhi", "Gandhi Jayanti"); ns is where the match
// starts in norm, the normalized text.
func (x *Extractor) insideLongerName(text, norm string, s, e, ns int) bool {
	r, _ := utf8.DecodeRuneInString(text[s:])
	if unicode.Is(unicode.Latin, r) {
		if !unicode.IsUpper(r) {
			return true // "gandhian", lower-case words are not names
		}
		// previous word
		i := s
		for i > 0 && text[i-1] == ' ' {
			i--
		}
		j := i
		for j > 0 {
			pr, size := utf8.DecodeLastRuneInString(text[:j])
			if !unicode.IsLetter(pr) {
				break
			}
			j -= size
		}
		if j < i && i < s {
			w := text[j:i]
			fr, _ := utf8.DecodeRuneInString(w)
			if unicode.IsUpper(fr) && !honorifics[strings.ToLower(w)] && !sentenceStart(text, j) {
				return true
			}
		}
		// next word directly after a single space
		if e+1 < len(text) && text[e] == ' ' {
			nr, _ := utf8.DecodeRuneInString(text[e+1:])
			if unicode.IsUpper(nr) && unicode.Is(unicode.Latin, nr) {
				return true
			}
		}
		return false
	}
	if isDevanagari(text[s:e]) {
		// The match starts after a non-word rune, so norm[:ns] is normalize(text[:s]).
		w := prevWord(norm, ns)
		if w != "" && isDevanagari(w) && !x.stopHi[w] && !x.titles[w] && !x.partyWords[w] {
			return true
		}
	}
	return false
}

// sentenceStart reports whether the word at text[i:] opens a sentence, line or quotation.
func sentenceStart(text string, i int) bool {
	for i > 0 && text[i-1] == ' ' {
		i--
	}
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return strings.ContainsRune(".!?:;\n\"“‘'(।", r)
}

// Extract returns what one article names.
func (x *Extractor) Extract(a Article) Result {
	text := a.Text()
	offp := x.offsets.Get().(*[]int)
	defer x.offsets.Put(offp)
	norm, off := x.normalizeTo((*offp)[:0], text)
	*offp = off
	res := Result{Published: a.Published}

	var strong, weak []partyHit
	type single struct {
		rawMatch
		def string
	}
	var singles []single
	named := map[string]bool{}
	mention := func(k Kind, id string, m rawMatch) {
		s, e := off[m.start], off[m.end]
		res.Mentions = append(res.Mentions, Mention{Kind: k, ID: id, Start: s, End: e, Text: text[s:e]})
	}
	for _, m := range x.scan(norm) {
		es := x.entries[m.pat]
		var personIDs []string
		var def string
		isSingle := false
		for _, en := range es {
			switch {
			case en.kind == KindParty:
				if en.id == "INC" && isForeignCongress(norm, m.start, m.end) {
					continue
				}
				h := partyHit{m, en.id, en.weak}
				if en.weak {
					weak = append(weak, h)
				} else {
					strong = append(strong, h)
				}
			case en.single:
				isSingle = true
				if en.id != "" {
					if def != "" && def != en.id {
						def = "-" // two people claim the alias
					} else if def == "" {
						def = en.id
					}
				}
			default:
				personIDs = append(personIDs, en.id)
			}
		}
		if len(personIDs) == 1 {
			named[personIDs[0]] = true
			mention(KindPerson, personIDs[0], m)
		} else if isSingle && len(personIDs) == 0 {
			if def == "-" {
				def = ""
			}
			singles = append(singles, single{m, def})
		}
	}
	for _, h := range strong {
		mention(KindParty, h.code, h.rawMatch)
	}
	for _, h := range weak {
		if x.weakOK(norm, h, strong) {
			mention(KindParty, h.code, h.rawMatch)
		}
	}

	// Unknown people first: a surname that an unknown person carries ("Sidhu" after "Balbir Singh Sidhu")
	// is theirs, not a gazetteer default.
	x.addUnknown(text, &res)
	unknownSurnames := map[string]bool{}
	for _, u := range res.Unknown {
		for _, n := range []string{u.NameEn, u.NameHi} {
			if f := strings.Fields(normKey(n)); len(f) > 0 {
				unknownSurnames[f[len(f)-1]] = true
			}
		}
	}
	for _, sm := range singles {
		s, e := off[sm.start], off[sm.end]
		if x.insideLongerName(text, norm, s, e, sm.start) || unknownSurnames[norm[sm.start:sm.end]] || overlaps(res.Mentions, s, e) {
			continue
		}
		var cands []string
		for _, id := range x.surnames[norm[sm.start:sm.end]] {
			if named[id] {
				cands = append(cands, id)
			}
		}
		id := sm.def
		if len(cands) == 1 {
			id = cands[0]
		} else if len(cands) > 1 {
			id = ""
		}
		if id != "" {
			mention(KindPerson, id, sm.rawMatch)
		}
	}
	sort.Slice(res.Mentions, func(i, j int) bool { return res.Mentions[i].Start < res.Mentions[j].Start })
	people, parties := map[string]bool{}, map[string]bool{}
	for _, m := range res.Mentions {
		if m.Kind == KindPerson {
			people[m.ID] = true
		} else {
			parties[m.ID] = true
		}
	}
	res.People = sortedKeys(people)
	res.Parties = sortedKeys(parties)

	ws := writtenDates(text)
	resolveBase := a.Published
	if resolveBase.IsZero() {
		if t, ok := inferPublished(text, ws); ok {
			res.Published, res.PublishedInferred = t.day, true
			if t.dateline {
				resolveBase = t.day
			}
		}
	}
	res.Dates = datesFrom(text, ws, resolveBase, res.Published)
	return res
}

func overlaps(ms []Mention, s, e int) bool {
	for _, m := range ms {
		if m.Start < e && s < m.End {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// MatchQuery finds entities named in a search query (no context rules that need a whole article, but
// surname resolution is off; "आप" alone is not AAP), returning person ids and party codes. Distinctive
// one-word aliases ("Kejriwal", "मोदी") still count.
func (x *Extractor) MatchQuery(q string) (people, parties []string) {
	norm, _ := normalize(q)
	pm, cm := map[string]bool{}, map[string]bool{}
	for _, m := range x.scan(norm) {
		var ids []string
		for _, en := range x.entries[m.pat] {
			switch {
			case en.kind == KindParty:
				if !en.weak && !(en.id == "INC" && isForeignCongress(norm, m.start, m.end)) {
					cm[en.id] = true
				}
			case en.id != "" && !contains(ids, en.id):
				ids = append(ids, en.id)
			}
		}
		if len(ids) == 1 {
			pm[ids[0]] = true
		}
	}
	return sortedKeys(pm), sortedKeys(cm)
}
