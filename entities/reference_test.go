package entities

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file keeps the first, plain implementations of the functions that were later made fast, so that
// tests can check that the fast ones return exactly the same.

var refNuktaBase = map[rune]rune{
	'\u0929': 'न', '\u0931': 'र', '\u0934': 'ळ', '\u0958': 'क', '\u0959': 'ख', '\u095A': 'ग',
	'\u095B': 'ज', '\u095C': 'ड', '\u095D': 'ढ', '\u095E': 'फ', '\u095F': 'य',
}

func refMapRune(r rune) rune {
	switch r {
	case '\u200C', '\u200D', '\u200E', '\u200F', '\uFEFF', '\u00AD', nukta:
		return -1
	case '\u0901':
		return anusvara
	case 'ऑ':
		return 'आ'
	case 'ॉ':
		return 'ा'
	case 'ऍ':
		return 'ए'
	case 'ॅ':
		return 'े'
	case '॰', '.':
		return ' '
	case '’', '‘', 'ʼ':
		return '\''
	case '–', '—', '‐':
		return '-'
	}
	if b, ok := refNuktaBase[r]; ok {
		return b
	}
	if unicode.IsSpace(r) {
		return ' '
	}
	return unicode.ToLower(r)
}

func refNormalize(s string) (string, []int) {
	var rs []srcRune
	var it norm.Iter
	it.InitString(norm.NFC, s)
	for !it.Done() {
		start := it.Pos()
		for _, r := range string(it.Next()) {
			if m := refMapRune(r); m >= 0 {
				rs = append(rs, srcRune{m, start})
			}
		}
	}
	var b strings.Builder
	off := make([]int, 0, len(s)+1)
	emit := func(r rune, start int) {
		n := utf8.RuneLen(r)
		if n < 0 {
			r, n = utf8.RuneError, 3
		}
		b.WriteRune(r)
		for k := 0; k < n; k++ {
			off = append(off, start)
		}
	}
	lastSpace := true
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r.r == ' ' {
			if !lastSpace {
				emit(' ', r.start)
			}
			lastSpace = true
			continue
		}
		lastSpace = false
		if (r.r == 'न' || r.r == 'म' || r.r == 'ण') && i+2 < len(rs) && rs[i+1].r == virama && isConsonant(rs[i+2].r) {
			emit(anusvara, r.start)
			i++
			continue
		}
		emit(r.r, r.start)
	}
	off = append(off, len(s))
	return b.String(), off
}

func refNormKey(s string) string {
	n, _ := refNormalize(s)
	return strings.TrimSpace(n)
}

func refIsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// checkNormalize fails t when normalize or normKey differ from the reference on s.
func checkNormalize(t *testing.T, s string) {
	t.Helper()
	got, gotOff := normalize(s)
	want, wantOff := refNormalize(s)
	if got != want || !slices.Equal(gotOff, wantOff) {
		t.Fatalf("normalize(%q) = %q %v, want %q %v", s, got, gotOff, want, wantOff)
	}
	if got, want := normKey(s), refNormKey(s); got != want {
		t.Fatalf("normKey(%q) = %q, want %q", s, got, want)
	}
}

func TestMapRuneMatchesReference(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if got, want := mapRune(r), refMapRune(r); got != want {
			t.Fatalf("mapRune(%U) = %U, want %U", r, got, want)
		}
		if got, want := isWordRune(r), refIsWordRune(r); got != want {
			t.Fatalf("isWordRune(%U) = %v, want %v", r, got, want)
		}
	}
}

// plainRunes lists every rune plainCCC accepts, and a few it does not.
func plainRunes(t *testing.T) (plain, other []rune) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		ccc, ok := plainCCC(r)
		if !ok {
			continue
		}
		plain = append(plain, r)
		s := string(r)
		if got := norm.NFC.PropertiesString(s).CCC(); got != ccc {
			t.Errorf("plainCCC(%U) = %d, want %d", r, ccc, got)
		}
		if n := norm.NFC.String(s); n != s && !(r >= 0x0958 && r <= 0x095F) {
			t.Errorf("NFC changes plain rune %U", r)
		}
	}
	return plain, []rune{'\u0301', '\u0300', 'é', 'Å', '\uFFFD', '\u09BE', '\u09C7', '\u1100', '\u1161', '\u0B3E'}
}

// TestNormalizePlainPairs checks the NFC shortcut on every pair of plain runes and on triples of the
// Devanagari letters and marks it has to reason about.
func TestNormalizePlainPairs(t *testing.T) {
	plain, other := plainRunes(t)
	all := append(slices.Clone(plain), other...)
	for _, a := range all {
		for _, b := range all {
			checkNormalize(t, string(a)+string(b))
		}
	}
	tricky := []rune{'न', 'क', 'र', 'a', ' ', 'ा', 'ि', nukta, virama, '\u0951', '\u0952', '\u0958', '\u0929', 'ँ', 'ं', '\u200D'}
	for _, a := range tricky {
		for _, b := range tricky {
			for _, c := range tricky {
				for _, d := range tricky {
					checkNormalize(t, string([]rune{a, b, c, d}))
				}
			}
		}
	}
	checkNormalize(t, "न"+strings.Repeat("\u093C", 40)+"ा")
	checkNormalize(t, "क"+strings.Repeat("\u0951\u094D", 20))
}

func FuzzNormalize(f *testing.F) {
	f.Add("कॉन्ग्रेस J.P.  Nadda\u200d ज़्यादा ऩ क़ José")
	f.Add("न\u094D\u093Cग \xff\xfe ँ ़..")
	f.Add("Rahul   GANDHI\t\n₹ “quoted” – dash")
	f.Fuzz(func(t *testing.T, s string) {
		checkNormalize(t, s)
	})
}

var (
	refWeekdayEn = regexp.MustCompile(`\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(,?\s*` + enMonth + `\s+` + digit + `)?`)
	refWeekdayHi = regexp.MustCompile(`(सोमवार|मंगलवार|बुधवार|गुरुवार|बृहस्पतिवार|शुक्रवार|शनिवार|रविवार)`)
	refRelative  = regexp.MustCompile(`\b([Tt]oday|[Yy]esterday)\b|(?:^|\s)(आज)(?:[\s,।]|$)`)
)

func refRelativeDates(text string, base time.Time, anchors []time.Time) []time.Time {
	if base.IsZero() {
		return nil
	}
	base = midnight(base)
	var out []time.Time
	weekday := func(name string) {
		wd, ok := weekdayNum[strings.ToLower(name)]
		if !ok {
			return
		}
		for _, d := range anchors {
			if d.Weekday() == wd && d.Sub(base) <= 6*24*time.Hour && base.Sub(d) <= 6*24*time.Hour {
				out = append(out, d)
				return
			}
		}
		back := (int(base.Weekday()) - int(wd) + 7) % 7
		out = append(out, base.AddDate(0, 0, -back))
	}
	for _, g := range refWeekdayEn.FindAllStringSubmatch(text, -1) {
		if g[2] != "" {
			continue
		}
		weekday(g[1])
	}
	for _, g := range refWeekdayHi.FindAllStringSubmatch(text, -1) {
		weekday(g[1])
	}
	for _, g := range refRelative.FindAllStringSubmatch(text, -1) {
		switch {
		case g[2] == "आज", strings.EqualFold(g[1], "today"):
			out = append(out, base)
		case strings.EqualFold(g[1], "yesterday"):
			out = append(out, base.AddDate(0, 0, -1))
		}
	}
	return out
}

func refWrittenIn(text string) []written {
	var out []written
	add := func(ys string, m time.Month, ds string) {
		y := 0
		if ys != "" {
			if y = atoi(ys); y <= 0 {
				return
			}
		}
		out = append(out, written{y, atoi(ds), m})
	}
	for _, g := range reMonthDayYear.FindAllStringSubmatch(text, -1) {
		if m, ok := lookupMonth(g[1]); ok {
			add(g[3], m, g[2])
		}
	}
	for _, g := range reDayMonthYear.FindAllStringSubmatch(text, -1) {
		if m, ok := lookupMonth(g[2]); ok {
			add(g[3], m, g[1])
		}
	}
	for _, g := range reHiDayMonth.FindAllStringSubmatch(text, -1) {
		if m, ok := lookupMonth(g[2]); ok {
			add(g[3], m, g[1])
		}
	}
	for _, g := range reNumeric.FindAllStringSubmatch(text, -1) {
		if g[2] != g[4] {
			continue
		}
		add(g[5], time.Month(atoi(g[3])), g[1])
	}
	for _, g := range reISO.FindAllStringSubmatch(text, -1) {
		add(g[1], time.Month(atoi(g[2])), g[3])
	}
	return out
}

// checkDates fails t when the fast date scanners differ from the regexps on s.
func checkDates(t *testing.T, s string) {
	t.Helper()
	base := time.Date(2020, 4, 15, 0, 0, 0, 0, time.UTC) // a Wednesday
	anchors := []time.Time{base.AddDate(0, 0, 2)}
	got := distinctSorted(relativeDates(s, base, anchors))
	want := distinctSorted(refRelativeDates(s, base, anchors))
	if !slices.EqualFunc(got, want, time.Time.Equal) {
		t.Fatalf("relativeDates(%q) = %v, want %v", s, got, want)
	}
	if got, want := writtenIn(s), refWrittenIn(s); !slices.Equal(got, want) {
		t.Fatalf("writtenIn(%q) = %v, want %v", s, got, want)
	}
}

func TestDatesMatchReference(t *testing.T) {
	for _, s := range []string{
		"on Friday, March 22 and on Monday", "Monday, Mar. 5", "Mondays", "xMonday", "Monday_", "_Sunday",
		"Friday,March 2", "Friday , March 2", "Friday\tJanuary\n१", "Friday Janu 2", "FridaySunday",
		"शनिवारविवार", "रविवार", "गुरुवारविवार", "today", "Today's", "todays", "xtoday", "to-day", "yesterday.",
		"Yesterday", "YESTERDAY", "आज", "आजाद", " आज,", "\tआज।", "आज आज", "है आज\u00a0", "xआज ", "(आज)",
		"14 अप्रैल यानी कल मंगलवार", "12/05/2019 2019-05-12 May 3, 2019 3 May 4 मई 2020", "1.2.2020-",
	} {
		checkDates(t, s)
	}
}

func FuzzDates(f *testing.F) {
	f.Add("on Friday, March 22 and on Monday शनिवारविवार आज, today")
	f.Add("Yesterday\tआज। 12/05/2019 2019-05-12 May 3, 2019 3 May 4 मई 2020")
	f.Fuzz(func(t *testing.T, s string) {
		checkDates(t, s)
	})
}

var refGloss = regexp.MustCompile(`((?:\p{Devanagari}+ ){0,2}\p{Devanagari}+) \(([A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\)`)

// checkGlosses fails t when glosses differs from the regexp it stands for on s.
func checkGlosses(t *testing.T, s string) {
	t.Helper()
	var want []gloss
	for _, g := range refGloss.FindAllStringSubmatchIndex(s, -1) {
		want = append(want, gloss{g[2], g[3], g[4], g[5]})
	}
	if got := glosses(s); !slices.Equal(got, want) {
		t.Fatalf("glosses(%q) = %v, want %v", s, got, want)
	}
}

func TestGlossesMatchReference(t *testing.T) {
	for _, s := range []string{
		"राहुल गांधी (Rahul Gandhi)", "कांग्रेस अध्यक्ष राहुल गांधी (Rahul Gandhi) ने", "क ख ग घ (Ram Lal Das)",
		"क  ख (Ram Das)", "(Ram Das)", " (Ram Das)", "क (Ram)", "क (Ram Das Lal Singh)", "क (Ram das)",
		"क (Ram Das", "क (RAm Das)", "क। ख (Ram Das) ग (Shyam Lal)", "a क (Ram Das)", "क\u200dख (Ram Das)",
		"क (Ram Das) (Ram Das)", "कि (Ram  Das)", "\xffक (Ram Das)", "क (Ram Das )",
	} {
		checkGlosses(t, s)
	}
}

func FuzzGlosses(f *testing.F) {
	f.Add("कांग्रेस अध्यक्ष राहुल गांधी (Rahul Gandhi) ने क  ख (Ram Das Lal)")
	f.Add("क ख ग घ (Ram Lal Das) (Ab Cd)")
	f.Fuzz(func(t *testing.T, s string) {
		checkGlosses(t, s)
	})
}

func TestDecodeRune(t *testing.T) {
	for r := rune(0); r <= 0x1000; r++ {
		for _, s := range []string{string(r), string(r) + "x", string(r)[:max(1, len(string(r))-1)]} {
			gr, gs := decodeRune(s)
			wr, ws := utf8.DecodeRuneInString(s)
			if gr != wr || gs != ws {
				t.Fatalf("decodeRune(%q) = %U %d, want %U %d", s, gr, gs, wr, ws)
			}
		}
	}
	for _, s := range []string{"\xe0\xa4", "\xe0\xa4\xc0", "\xe0\xa5\x7f", "\xe0\xa6\x80", "\xe0"} {
		gr, gs := decodeRune(s)
		wr, ws := utf8.DecodeRuneInString(s)
		if gr != wr || gs != ws {
			t.Fatalf("decodeRune(%q) = %U %d, want %U %d", s, gr, gs, wr, ws)
		}
	}
}

func refPhoneticKey(s string) string {
	s = strings.ToLower(s)
	r := strings.NewReplacer("ph", "f", "sh", "s", "ch", "c", "kh", "k", "gh", "g", "th", "t", "dh", "d", "bh", "b", "jh", "j", "w", "v", "z", "j", "q", "k", "x", "ks", "ck", "k")
	s = r.Replace(s)
	var b strings.Builder
	var last rune
	for _, c := range s {
		if c < 'a' || c > 'z' || strings.ContainsRune("aeiouhy", c) {
			if c == ' ' {
				last = 0
			}
			continue
		}
		if c == last {
			continue
		}
		b.WriteRune(c)
		last = c
	}
	return b.String()
}

func TestPhoneticKeyMatchesReference(t *testing.T) {
	for _, s := range []string{
		"Gehlot", "gahalot", "Phool Singh", "Shashi Tharoor", "Chhagan Bhujbal", "Kck", "ckh", "cch", "Xavier",
		"Zakir Qureshi", "wWw", "Sh", "h", "ph", "Dhoni  Jha", "naïve", "\xffsh", "İsh", "KHAN", "Thakkar",
	} {
		if got, want := skeletonKey(s, "aeiouhy"), refPhoneticKey(s); got != want {
			t.Errorf("phoneticKey(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzPhoneticKey(f *testing.F) {
	f.Add("Chhagan Bhujbal Xavier Zakir Qureshi ckh")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := skeletonKey(s, "aeiouhy"), refPhoneticKey(s); got != want {
			t.Fatalf("phoneticKey(%q) = %q, want %q", s, got, want)
		}
	})
}

// refDeva* romanize Devanagari simply, for generated ids: consonants carry "a", which a vowel sign, a
// virama or the end of the word removes (schwa deletion at word end).
var (
	refDevaConsonants = map[rune]string{
		'क': "k", 'ख': "kh", 'ग': "g", 'घ': "gh", 'ङ': "n", 'च': "ch", 'छ': "chh", 'ज': "j", 'झ': "jh", 'ञ': "n",
		'ट': "t", 'ठ': "th", 'ड': "d", 'ढ': "dh", 'ण': "n", 'त': "t", 'थ': "th", 'द': "d", 'ध': "dh", 'न': "n",
		'प': "p", 'फ': "ph", 'ब': "b", 'भ': "bh", 'म': "m", 'य': "y", 'र': "r", 'ल': "l", 'ळ': "l", 'व': "v",
		'श': "sh", 'ष': "sh", 'स': "s", 'ह': "h",
	}
	refDevaVowels = map[rune]string{
		'अ': "a", 'आ': "a", 'इ': "i", 'ई': "i", 'उ': "u", 'ऊ': "u", 'ऋ': "ri", 'ए': "e", 'ऐ': "ai", 'ओ': "o", 'औ': "au",
	}
	refDevaSigns = map[rune]string{
		'ा': "a", 'ि': "i", 'ी': "i", 'ु': "u", 'ू': "u", 'ृ': "ri", 'े': "e", 'ै': "ai", 'ो': "o", 'ौ': "au",
	}
)

// refMedialSchwa reports whether the inherent vowel of the consonant rs[i] is silent inside a word: after a
// vowel sign and before a consonant that carries its own vowel sign (देशमुख = deshmukh, राजकुमार = rajkumar).
func refMedialSchwa(rs []rune, i int) bool {
	if i == 0 || i+2 >= len(rs) {
		return false
	}
	if _, prevSign := refDevaSigns[rs[i-1]]; !prevSign {
		return false
	}
	if _, ok := refDevaConsonants[rs[i+1]]; !ok {
		return false
	}
	_, nextSign := refDevaSigns[rs[i+2]]
	return nextSign
}

// refRomanize is the romanize generated ids were first made with: it transliterates Devanagari to plain ASCII letters; other runes pass through.
func refRomanize(s string) string {
	n, _ := normalize(s)
	rs := []rune(n)
	var b strings.Builder
	for i, r := range rs {
		if c, ok := refDevaConsonants[r]; ok {
			b.WriteString(c)
			next := rune(0)
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			_, sign := refDevaSigns[next]
			endOfWord := next == 0 || !isWordRune(next) || next == anusvara && (i+2 >= len(rs) || !isWordRune(rs[i+2]))
			if !sign && next != virama && !(endOfWord && i > 0 && isWordRune(rs[i-1])) && !refMedialSchwa(rs, i) {
				b.WriteByte('a')
			}
			continue
		}
		if v, ok := refDevaVowels[r]; ok {
			b.WriteString(v)
			continue
		}
		if v, ok := refDevaSigns[r]; ok {
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

func checkRomanize(t *testing.T, s string) {
	t.Helper()
	if got, want := romanize(s), refRomanize(s); got != want {
		t.Fatalf("romanize(%q) = %q, want %q", s, got, want)
	}
}

// TestRomanizeMatchesReference checks that translit.Plain, through romanize, spells as the romanizer
// generated ids were first made with: every string of up to two runes from the Devanagari block and its
// neighbours, and every string of three and four from the letters whose spelling depends on context.
func TestRomanizeMatchesReference(t *testing.T) {
	var all []rune
	for r := rune(0x0900); r <= 0x097F; r++ {
		all = append(all, r)
	}
	all = append(all, ' ', 'a', 'K', '.', '-', '1', '\u200C', '\u200D', '\u00AD', 'é', '\uA8F2', 0x11B00)
	for _, a := range all {
		checkRomanize(t, string(a))
		for _, b := range all {
			checkRomanize(t, string([]rune{a, b}))
		}
	}
	few := []rune("कखरवमसहळ\u0958ऱअइॐॠािॆॄ्ंँःऽ़ ।०a\u200D")
	for _, a := range few {
		for _, b := range few {
			for _, c := range few {
				checkRomanize(t, string([]rune{a, b, c}))
				for _, d := range few {
					checkRomanize(t, string([]rune{a, b, c, d}))
				}
			}
		}
	}
}

// TestRomanizeGoldNames checks the names the gold documents and seeds make ids for.
func TestRomanizeGoldNames(t *testing.T) {
	_, order, arts := goldArticles(t)
	x := newTestExtractor(t)
	n := 0
	for _, d := range order {
		text := arts[d].Text()
		for _, c := range x.findCandidates(text) {
			checkRomanize(t, c.hi)
			n++
		}
		r := x.Extract(arts[d])
		for _, p := range r.Unknown {
			checkRomanize(t, p.NameHi)
			want := UnknownID(NameKey(p.NameEn))
			if p.NameEn == "" {
				want = UnknownID(NameKey(refRomanize(p.NameHi)))
			}
			if p.ID != want {
				t.Errorf("%s %s: id %q for %q/%q, want %q", d.file, d.id, p.ID, p.NameEn, p.NameHi, want)
			}
		}
		for _, m := range r.Mentions {
			checkRomanize(t, m.Text)
		}
	}
	t.Logf("%d candidate names", n)
}

func FuzzRomanize(f *testing.F) {
	f.Add("अनिल देशमुख राजकुमार क्र ॐ")
	f.Fuzz(func(t *testing.T, s string) { checkRomanize(t, s) })
}
