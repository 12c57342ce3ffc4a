package entities

import (
	"bufio"
	_ "embed"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/newsearch/bilingual/analyzers/script"
	"github.com/newsearch/bilingual/entities/names"
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
	KindPlace
)

// String returns "person", "party" or "place".
func (k Kind) String() string {
	switch k {
	case KindParty:
		return "party"
	case KindPlace:
		return "place"
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
	Mentions          []Mention // people and parties
	Places            []string  // ids of the states and union territories named, distinct, sorted
	PlaceMentions     []Mention // of places, by offset; they may overlap Mentions ("Jammu and Kashmir Peoples Democratic Party")
}

// entry is what one automaton pattern stands for.
type entry struct {
	kind   Kind
	id     string // person id or party code; "" for a bare surname
	weak   bool   // party alias that needs party context
	caps   bool   // party abbreviation that needs party context unless written in capitals ("aap" is "you")
	single bool   // one-word person alias or surname: resolved against the article
}

// Extractor finds people, parties and dates; build once, use from many goroutines.
type Extractor struct {
	g          *Gazetteer
	names      *automaton
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
	place      placeMatcher
	tagger     *names.Tagger // statistical name finder (found.go); nil if its model did not load

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
		place:      newPlaceMatcher(g),
		tagger:     newNameTagger(g),
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
			add(k, entry{kind: KindParty, id: p.Code, weak: g.weak[k], caps: g.capsOnly[k]})
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
			if first := toks[0]; script.HasDevanagari(first) && utf8.RuneCountInString(first) >= 3 && !x.stopHi[first] {
				x.hiFirst[first] = true
			}
			last := toks[len(toks)-1]
			if utf8.RuneCountInString(last) >= 3 && !x.stopEn[last] && !x.stopHi[last] {
				if !contains(x.surnames[last], p.ID) {
					x.surnames[last] = append(x.surnames[last], p.ID)
				}
				if script.HasDevanagari(last) {
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
	x.names = newAutomaton(pats)
	return x
}
