package names

import (
	"bufio"
	_ "embed"
	"strings"
	"unicode/utf8"
)

// Lexicon flags of a folded word.
const (
	lexFirst uint8 = 1 << iota // begins some person's name
	lexLast                    // ends some person's name
	lexMid                     // stands inside some person's name
)

// Cue classes of a folded word: what it says about the words next to it.
const (
	cueNone  uint8 = iota
	cueTitle       // a title or role before a name: श्री, Mr, मंत्री, minister
	cueAfter       // an honorific after a name: जी, ji, साहब
	cueSay         // a verb of saying: कहा, said
	cueOrg         // a word of organisations and places: पार्टी, party, नगर, university
	cueFunc        // a function word (के, में, है): never a name, so never scored
)

//go:embed data/cues.txt
var cuesTXT string

//go:embed data/candidate_names.txt
var candidateNamesTXT string

//go:embed data/world_leaders.txt
var worldLeadersTXT string

// Lexicon holds the first names and surnames a tagger knows, in both scripts, and its cue words.
type Lexicon struct {
	words map[string]uint8
	uses  map[string][2]int // how many names a word begins and ends
	cues  map[string]uint8
}

// NewLexicon builds a lexicon from full names (a gazetteer's people, in either script) and the embedded
// lists of 2014 Lok Sabha candidates' names (data/candidate_names.txt) and of world leaders
// (data/world_leaders.txt).
func NewLexicon(fullNames []string) *Lexicon {
	l := &Lexicon{words: map[string]uint8{}, uses: map[string][2]int{}, cues: map[string]uint8{}}
	for _, n := range fullNames {
		l.addName(n)
	}
	for _, list := range []string{candidateNamesTXT, worldLeadersTXT} {
		sc := bufio.NewScanner(strings.NewReader(list))
		for sc.Scan() {
			if t := sc.Text(); t != "" && !strings.HasPrefix(t, "#") {
				l.addName(t)
			}
		}
	}
	classes := map[string]uint8{"title": cueTitle, "after": cueAfter, "say": cueSay, "org": cueOrg, "func": cueFunc}
	sc := bufio.NewScanner(strings.NewReader(cuesTXT))
	for sc.Scan() {
		t := sc.Text()
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		class, w, ok := strings.Cut(t, "\t")
		if c := classes[class]; ok && c != cueNone {
			l.cues[foldString(strings.TrimSpace(w))] = c
		}
	}
	return l
}

// addName records the words of one full name: the first, the last, and those between.
func (l *Lexicon) addName(n string) {
	ws := strings.FieldsFunc(n, func(r rune) bool { return !isWordRune(r) })
	if len(ws) < 2 {
		return // a one-word name says nothing of which word is a first name
	}
	for i, w := range ws {
		if utf8.RuneCountInString(w) < 2 {
			continue
		}
		f, k := lexMid, foldString(w)
		u := l.uses[k]
		switch i {
		case 0:
			f = lexFirst
			u[0]++
		case len(ws) - 1:
			f = lexLast
			u[1]++
		}
		l.words[k] |= f
		l.uses[k] = u
	}
}

// flags returns the lexicon flags of a folded word (no allocation: the map lookup converts in place).
func (l *Lexicon) flags(folded []byte) uint8 { return l.words[string(folded)] }

// cue returns the cue class of a folded word.
func (l *Lexicon) cue(folded []byte) uint8 { return l.cues[string(folded)] }

// mostlyFirst reports whether a folded word begins names far more often than it ends them: alone it
// names no one in particular ("Rahul said no"). Some candidates are listed surname first, so a word's
// being a surname once proves little.
func (l *Lexicon) mostlyFirst(folded []byte) bool {
	u := l.uses[string(folded)]
	return u[0] > 0 && u[0] >= 3*u[1]
}
