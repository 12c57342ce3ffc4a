// Package synth writes synthetic news corpora for benchmarks by resampling
// real sentences from the shared corpora, so that term frequencies are real,
// while the number of articles, the language mix and the mentions of
// gazetteer people and parties are chosen.
package synth

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsearch/bilingual/entities"
)

//go:embed data/templates.tsv
var templatesTSV string

// Corpus files inside the shared directory.
const (
	HindiFile     = "corpus/hi-news-2020.jsonl"
	EnglishFile   = "corpus/en-inshorts-2020.jsonl"
	HeadlinesFile = "corpus/en-toi-headlines.jsonl"
)

// Mix and mention rates of the synthesized corpus.
const (
	ShareEnglish  = 0.55 // articles in English
	ShareHindi    = 0.40 // articles in Hindi; the rest are mixed
	PersonRate    = 0.30 // sentences given a person's name
	PartyRate     = 0.10 // sentences given a party's name
	MixedEnglish  = 0.30 // sentences in English inside a mixed article
	MinSentences  = 5
	MaxSentences  = 25
	zipfS         = 1.1 // exponent of the people's Zipf distribution
	minWords      = 4   // shorter pieces are fragments, not sentences
	titleMinWords = 6
	titleMaxWords = 10
)

// DateRange returns the first and last publication days synthesized articles get.
func DateRange() (first, last time.Time) {
	return time.Date(2004, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
}

// Article is one line of a synthesized corpus, in the indexer's JSONL shape.
type Article struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Date   string `json:"date"`
	Title  string `json:"title"`
	Text   string `json:"text"`
	URL    string `json:"url"`
}

// Stats counts what Write produced.
type Stats struct {
	Docs, English, Hindi, Mixed int
	Bytes                       int64
}

type template struct {
	lang, kind, text string
}

// Pools holds the real sentences, headlines, names and templates a corpus is
// resampled from. It is read-only after Load and safe for concurrent use.
type Pools struct {
	English, Hindi, Headlines []string
	people                    []entities.Person
	parties                   map[string]entities.Party
	templates                 map[string][]template // lang+"/"+kind
}

// Load reads the sentence pools from the shared directory and the names from
// the gazetteer.
func Load(sharedDir string, gaz *entities.Gazetteer) (*Pools, error) {
	p := &Pools{parties: map[string]entities.Party{}, templates: map[string][]template{}}
	var err error
	if p.English, err = readField(filepath.Join(sharedDir, EnglishFile), "text", englishSentences); err != nil {
		return nil, err
	}
	if p.Hindi, err = readField(filepath.Join(sharedDir, HindiFile), "text", hindiSentences); err != nil {
		return nil, err
	}
	if p.Headlines, err = readField(filepath.Join(sharedDir, HeadlinesFile), "title", func(s string) []string {
		if s = strings.TrimSpace(s); s != "" {
			return []string{s}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if len(p.English) == 0 || len(p.Hindi) == 0 || len(p.Headlines) == 0 {
		return nil, fmt.Errorf("synth: empty pool in %s (english %d, hindi %d, headlines %d)",
			sharedDir, len(p.English), len(p.Hindi), len(p.Headlines))
	}
	for _, pp := range gaz.People() {
		if pp.NameEn != "" && pp.NameHi != "" {
			p.people = append(p.people, pp)
		}
	}
	for _, pt := range gaz.Parties() {
		p.parties[pt.Code] = pt
	}
	if err := p.parseTemplates(templatesTSV); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *Pools) parseTemplates(data string) error {
	for i, line := range strings.Split(data, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || (f[0] != "en" && f[0] != "hi") || (f[1] != "person" && f[1] != "party") ||
			!strings.Contains(f[2], "{s}") {
			return fmt.Errorf("synth: data/templates.tsv:%d: want lang, kind and a template with {s}", i+1)
		}
		p.templates[f[0]+"/"+f[1]] = append(p.templates[f[0]+"/"+f[1]], template{f[0], f[1], f[2]})
	}
	for _, k := range []string{"en/person", "en/party", "hi/person", "hi/party"} {
		if len(p.templates[k]) == 0 {
			return fmt.Errorf("synth: data/templates.tsv: no %s template", k)
		}
	}
	return nil
}

// readField reads one string field of every JSONL record in path and splits it
// into pieces with split.
func readField(path, field string, split func(string) []string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("synth: %s:%d: %w", path, line, err)
		}
		s, _ := rec[field].(string)
		out = append(out, split(s)...)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("synth: read %s: %w", path, err)
	}
	return out, nil
}

// englishSentences splits text after ".", "!" or "?" followed by a space and
// an upper-case letter or a digit, so "Mr. Modi" and "2.5" stay whole.
func englishSentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' || i+2 >= len(text) || text[i+1] != ' ' {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[i+2:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) || isTitle(text[start:i]) {
			continue
		}
		out = appendSentence(out, text[start:i+1])
		start = i + 2
	}
	return appendSentence(out, text[start:])
}

// isTitle reports whether s ends in an abbreviated title, whose full stop
// does not end a sentence.
func isTitle(s string) bool {
	s = " " + s
	for _, t := range []string{" Mr", " Mrs", " Ms", " Dr", " Shri", " Smt"} {
		if strings.HasSuffix(s, t) {
			return true
		}
	}
	return false
}

// hindiSentences splits text after a danda, "?" or "!".
func hindiSentences(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		if r == '।' || r == '?' || r == '!' {
			end := i + utf8.RuneLen(r)
			out = appendSentence(out, text[start:end])
			start = end
		}
	}
	return appendSentence(out, text[start:])
}

func appendSentence(out []string, s string) []string {
	s = strings.Join(strings.Fields(s), " ")
	if len(strings.Fields(s)) < minWords {
		return out
	}
	return append(out, s)
}

// PeopleByRank returns the gazetteer people in the order of their Zipf rank
// for seed: the first is mentioned most often.
func (p *Pools) PeopleByRank(seed uint64) []entities.Person {
	out := append([]entities.Person(nil), p.people...)
	r := newRand(seed ^ 0x9e3779b97f4a7c15)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func newRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x5eed_b1e5_5eed_b1e5))
}

// Write streams docs articles for seed to w as JSONL; the same pools, docs and
// seed always give the same bytes.
func (p *Pools) Write(w io.Writer, docs int, seed uint64) (Stats, error) {
	g := &generator{p: p, r: newRand(seed), people: p.PeopleByRank(seed)}
	g.zipf = rand.NewZipf(g.r, zipfS, 1, uint64(len(g.people)-1))
	bw := bufio.NewWriterSize(w, 1<<20)
	var st Stats
	firstDay, lastDay := DateRange()
	days := int(lastDay.Sub(firstDay).Hours()/24) + 1
	for n := range docs {
		a := Article{ID: fmt.Sprintf("syn-%d-%d", seed, n), Source: "synth"}
		a.URL = "https://news.example/" + a.ID
		a.Date = firstDay.AddDate(0, 0, g.r.IntN(days)).Format(time.DateOnly)
		nSent := MinSentences + g.r.IntN(MaxSentences-MinSentences+1)
		switch x := g.r.Float64(); {
		case x < ShareEnglish:
			st.English++
			a.Title = p.Headlines[g.r.IntN(len(p.Headlines))]
			a.Text = g.body(nSent, 0)
		case x < ShareEnglish+ShareHindi:
			st.Hindi++
			a.Title = g.hindiTitle()
			a.Text = g.body(nSent, 1)
		default:
			st.Mixed++
			a.Title = g.hindiTitle()
			a.Text = g.body(nSent, 1-MixedEnglish)
		}
		b, err := json.Marshal(a)
		if err != nil {
			return st, fmt.Errorf("synth: article %s: %w", a.ID, err)
		}
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return st, fmt.Errorf("synth: write article %s: %w", a.ID, err)
		}
		st.Docs++
		st.Bytes += int64(len(b))
	}
	if err := bw.Flush(); err != nil {
		return st, fmt.Errorf("synth: write: %w", err)
	}
	return st, nil
}

// WriteFile writes the corpus to path through a temporary file, so an
// interrupted run never leaves a truncated corpus under the final name.
func (p *Pools) WriteFile(path string, docs int, seed uint64) (Stats, error) {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return Stats{}, fmt.Errorf("synth: %w", err)
	}
	st, err := p.Write(f, docs, seed)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("synth: close %s: %w", tmp, cerr)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return st, err
	}
	return st, nil
}

type generator struct {
	p      *Pools
	r      *rand.Rand
	zipf   *rand.Zipf
	people []entities.Person
}

// body joins n sentences; each is Hindi with probability hindi and English
// otherwise. A mixed article (0 < english < 1) always has both.
func (g *generator) body(n int, hindi float64) string {
	var b strings.Builder
	mixed := hindi > 0 && hindi < 1
	forced := -1
	if mixed {
		forced = g.r.IntN(n) // this sentence is English, and the first Hindi
	}
	for i := range n {
		lang := "hi"
		switch {
		case mixed && i == forced:
			lang = "en"
		case mixed && i == (forced+1)%n:
			lang = "hi"
		case g.r.Float64() < hindi:
			lang = "hi"
		default:
			lang = "en"
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(g.sentence(lang))
	}
	return b.String()
}

// sentence samples a real sentence and sometimes wraps it in a template that
// names a person or a party.
func (g *generator) sentence(lang string) string {
	pool := g.p.English
	if lang == "hi" {
		pool = g.p.Hindi
	}
	s := pool[g.r.IntN(len(pool))]
	x := g.r.Float64()
	var kind string
	switch {
	case x < PersonRate:
		kind = "person"
	case x < PersonRate+PartyRate:
		kind = "party"
	default:
		return s
	}
	person := g.people[g.zipf.Uint64()]
	party, ok := g.p.parties[person.Party]
	if !ok {
		if kind == "party" {
			return s
		}
		kind = "person"
	}
	ts := g.p.templates[lang+"/"+kind]
	t := ts[g.r.IntN(len(ts))]
	if !ok && strings.Contains(t.text, "{party}") {
		t = ts[0] // the first template of a kind never needs a party
	}
	name, partyName, aliases := person.NameEn, party.NameEn, party.AliasesEn
	if lang == "hi" {
		name, partyName, aliases = person.NameHi, party.NameHi, party.AliasesHi
	}
	// The press mostly writes the short form (BJP, भाजपा); two-letter ones
	// ("SP", "आप") are ambiguous words, so the full name stands in for them.
	if len(aliases) > 0 && utf8.RuneCountInString(aliases[0]) >= 3 && g.r.IntN(2) == 0 {
		partyName = aliases[0]
	}
	return strings.NewReplacer("{s}", s, "{person}", name, "{party}", partyName).Replace(t.text)
}

// hindiTitle is the first words of a Hindi sentence.
func (g *generator) hindiTitle() string {
	w := strings.Fields(g.p.Hindi[g.r.IntN(len(g.p.Hindi))])
	n := titleMinWords + g.r.IntN(titleMaxWords-titleMinWords+1)
	if n > len(w) {
		n = len(w)
	}
	return strings.TrimRight(strings.Join(w[:n], " "), " ।")
}
