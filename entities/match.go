package entities

import (
	"sort"
	"strings"
	"unicode/utf8"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
)

// rawMatch is an automaton match that passed the word-boundary check, in normalized offsets.
type rawMatch struct {
	start, end, pat int
}

// scan returns the leftmost-longest matches of norm that start and end at word boundaries. When a match
// fails the check the search resumes one rune after its start, so "Congressman" cannot hide a later name.
func (x *Extractor) scan(norm string) []rawMatch { return x.names.scan(norm) }

// scanWith is scan with the automaton ac.
func scanWith(ac ahocorasick.AhoCorasick, norm string) []rawMatch {
	var out []rawMatch
	b := []byte(norm) // Iter would copy the rest of norm for every match
	pos := 0
	for pos < len(norm) {
		m := ac.IterByte(b[pos:]).Next()
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
				written := text[off[m.start]:off[m.end]]
				h := partyHit{m, en.id, en.weak || en.caps && strings.ToUpper(written) != written}
				if h.weak {
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
		if len(personIDs) == 1 && x.g.people[personIDs[0]].bulk && x.inLongerName(text, off[m.start], off[m.end]) {
			continue // "Lok Nayak Jai Prakash Narayan Hospital"
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
	res.Places, res.PlaceMentions = x.places(text, norm, off)

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
