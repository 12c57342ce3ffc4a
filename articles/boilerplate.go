package articles

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a stretch of a body in bytes, [Start, End).
type Span struct{ Start, End int }

// maxCueLineRunes bounds a line that a cue makes furniture: "यह भी पढ़ें:"
// introduces a headline, not an essay, so a long line after a cue is kept.
const maxCueLineRunes = 300

// Headline lists (seed 004's footer) are lines of at least
// minHeadlineListWords Latin words of which at least
// headlineCapsPercent percent are capitalized, with few commas: a sentence
// of news capitalizes a fifth of its words, a run of Title Case headlines
// nearly all of them, and a list of names (which is content) has a comma
// every few words.
const (
	minHeadlineListWords = 16
	headlineCapsPercent  = 75
	maxCommaPer          = 8 // at most one comma per this many words
)

// readCues start a "read this too" line: the rest of the line is another
// article's headline. They count at the start of a line or right after a
// sentence's end ("…लेते हैं. यह भी पढ़े: …"), and only when followed by a
// separator or the end of the line, so "यह भी पढ़ें कि" in a sentence is
// not one. Matched case-insensitively in Latin script.
var readCues = []string{
	"यह भी पढ़ें", "यह भी पढ़े", "यह भी पढें", "ये भी पढ़ें", "ये भी पढ़े", "इसे भी पढ़ें", "इसे भी पढ़े",
	"यह भी देखें", "ये भी देखें", "पढ़ें पूरी खबर", "पूरी खबर पढ़ें", "also read", "read also", "also see",
	"also watch", "must read", "read more", "read full story", "read the full story", "recommended",
	"related news", "related stories", "related articles", "trending", "watch video", "watch:",
}

// promoCues start a line of page furniture wherever it stands: share,
// follow and subscribe lines. (Bylines and "Publish Date:" lines are kept:
// they date an undated article.) Such a line must be short
// (maxCueLineRunes), so a sentence that happens to start with "Subscribe" is
// content when it goes on.
var promoCues = []string{
	"follow us on", "subscribe to", "click here", "download the app", "download our app", "get the latest",
	"track latest news", "for more news", "sign up for",
	"हमें फॉलो करें", "सब्सक्राइब करें", "ताजा खबरों के लिए", "लेटेस्ट खबरों के लिए",
}

// shareWords make up a share bar once spaces and case are gone
// ("FacebooktwitterwpEmailaffiliates", "facebooktwitteremail").
var shareWords = []string{
	"facebook", "twitter", "whatsapp", "telegram", "linkedin", "pinterest", "reddit", "instagram", "koo",
	"email", "mail", "print", "share", "tweet", "affiliates", "wp", "copy", "link", "comments", "comment",
}

// Furniture returns the byte spans of body that are page furniture, not the
// article: "also read" lines and the headline they introduce, share and
// follow bars and runs of unrelated headlines. The spans are sorted
// and do not overlap; each ends at the end of a line. It is the one rule for
// what extraction and snippets leave out; the words stay searchable.
func Furniture(body string) []Span {
	var out []Span
	add := func(s, e int) {
		if n := len(out); n > 0 && strings.TrimSpace(body[min(out[n-1].End, s):s]) == "" {
			out[n-1].End = max(out[n-1].End, e)
			return
		}
		out = append(out, Span{s, e})
	}
	takeNext := false // a cue stood alone on its line: the headline is on the next
	for start := 0; start < len(body); {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		line := body[start:end]
		ls := start + (len(line) - len(strings.TrimLeft(line, " \t\r\u00a0•*>|-–—")))
		trimmed := strings.TrimSpace(body[ls:end])
		switch {
		case trimmed == "":
			// blank lines keep a pending cue for the next line
		case takeNext:
			takeNext = false
			if utf8.RuneCountInString(trimmed) <= maxCueLineRunes {
				add(ls, end)
			}
		default:
			if at, rest, ok := readCue(body, start, end); ok {
				if utf8.RuneCountInString(body[at:end]) <= maxCueLineRunes {
					add(at, end)
					takeNext = strings.Trim(rest, " \t\r\u00a0:-–—|>»") == ""
				}
			} else if isPromo(trimmed) || isShareBar(trimmed) || isHeadlineList(trimmed) {
				add(ls, end)
			}
		}
		start = end + 1
	}
	return out
}

// readCue finds a read cue in body[start:end] at the line's start or after
// a sentence's end; it returns where the cue starts and what follows it.
func readCue(body string, start, end int) (at int, rest string, ok bool) {
	line := body[start:end]
	try := func(i int) (int, string, bool) {
		if !readCueStarts.at(line[i:]) {
			return 0, "", false
		}
		for _, c := range readCues {
			if n := hasPrefixFold(line[i:], c); n > 0 {
				after := line[i+n:]
				next, _ := utf8.DecodeRuneInString(after)
				if after == "" || !unicode.IsLetter(next) && !unicode.In(next, unicode.Mn, unicode.Mc) {
					return start + i, after, true
				}
			}
		}
		return 0, "", false
	}
	first := len(line) - len(strings.TrimLeft(line, " \t\r\u00a0•*>|-–—"))
	if at, rest, ok := try(first); ok {
		return at, rest, true
	}
	// Sentence ends are found byte by byte: '।' is the one of them outside
	// ASCII, and its first byte never ends another rune's encoding.
	for i := 0; i < len(line); i++ {
		j := i + 1
		switch c := line[i]; {
		case c == '.' || c == '?' || c == '!' || c == '|':
		case c == 0xE0 && strings.HasPrefix(line[i:], "।"):
			j = i + len("।")
		default:
			continue
		}
		k := len(line) - len(strings.TrimLeft(line[j:], " \t\u00a0"))
		if k > j && k < len(line) {
			if at, rest, ok := try(k); ok {
				return at, rest, true
			}
		}
	}
	return 0, "", false
}

// cueStarts holds the runes a list of cues can start with, each with the
// runes it equals ignoring case (as hasPrefixFold compares), so that a
// position where no cue can start is passed over without trying each: nearly
// every line and sentence starts so.
type cueStarts string

// startsOf returns the cueStarts of cues.
func startsOf(cues []string) cueStarts {
	var b strings.Builder
	for _, c := range cues {
		r, _ := utf8.DecodeRuneInString(c)
		for f := r; ; {
			if !strings.ContainsRune(b.String(), f) {
				b.WriteRune(f)
			}
			if f = unicode.SimpleFold(f); f == r {
				break
			}
		}
	}
	return cueStarts(b.String())
}

// at reports whether some cue can start at the start of s.
func (c cueStarts) at(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && strings.ContainsRune(string(c), r)
}

// readCueStarts and promoCueStarts are the starts of readCues and promoCues.
var readCueStarts, promoCueStarts = startsOf(readCues), startsOf(promoCues)

// hasPrefixFold returns the length in s of prefix p when s starts with it,
// ignoring case in Latin letters, or 0.
func hasPrefixFold(s, p string) int {
	if len(s) < len(p) {
		return 0
	}
	if strings.EqualFold(s[:len(p)], p) {
		return len(p)
	}
	return 0
}

// isPromo reports whether a short line starts with a promo cue.
func isPromo(line string) bool {
	if utf8.RuneCountInString(line) > maxCueLineRunes {
		return false
	}
	if !promoCueStarts.at(line) {
		return false
	}
	for _, c := range promoCues {
		if hasPrefixFold(line, c) > 0 {
			return true
		}
	}
	return false
}

// isShareBar reports whether line, with spaces and punctuation dropped and
// lower-cased, is made of share words alone.
func isShareBar(line string) bool {
	if len(line) > 120 {
		return false
	}
	var b strings.Builder
	for _, r := range line {
		switch {
		case r < utf8.RuneSelf && unicode.IsLetter(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || unicode.IsPunct(r) || r == '|':
		default:
			return false
		}
	}
	s := b.String()
	if s == "" {
		return false
	}
	words := 0
	for s != "" {
		found := false
		for _, w := range shareWords {
			if strings.HasPrefix(s, w) {
				s, found = s[len(w):], true
				words++
				break
			}
		}
		if !found {
			return false
		}
	}
	return words >= 2 || len(line) <= 12 && words == 1 && strings.EqualFold(strings.Trim(line, " :|"), "share")
}

// isHeadlineList reports whether line is a run of Title Case headlines.
func isHeadlineList(line string) bool {
	words, caps, latin, commas := 0, 0, 0, 0
	word := func(w string) {
		words++
		if strings.HasSuffix(w, ",") {
			commas++
		}
		r, _ := utf8.DecodeRuneInString(trimQuotes(w))
		if !isLatin(r) {
			if unicode.IsDigit(r) {
				latin++ // numbers stand in headlines: "Hiring For 118 Posts"
				caps++
			}
			return
		}
		latin++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	// The words are cut as strings.Fields cuts them, without its slice.
	start := -1
	for i, r := range line {
		switch {
		case !isSpace(r):
			if start < 0 {
				start = i
			}
		case start >= 0:
			word(line[start:i])
			start = -1
		}
	}
	if start >= 0 {
		word(line[start:])
	}
	return latin >= minHeadlineListWords && latin*10 >= words*9 && caps*100 >= latin*headlineCapsPercent &&
		commas*maxCommaPer <= words
}

// isSpace is unicode.IsSpace, answered at once for ASCII and Devanagari,
// which make up nearly all of the text.
func isSpace(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r == ' ' || '\t' <= r && r <= '\r'
	case 0x0900 <= r && r <= 0x097F:
		return false
	}
	return unicode.IsSpace(r)
}

// isLatin is unicode.Is(unicode.Latin, r), answered at once for ASCII and
// Devanagari.
func isLatin(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	case 0x0900 <= r && r <= 0x097F:
		return false
	}
	return unicode.Is(unicode.Latin, r)
}

// trimQuotes is strings.TrimLeft(w, `"'“‘(`) without building the cut set
// of its non-ASCII runes for every word.
func trimQuotes(w string) string {
	for {
		switch {
		case w == "":
			return w
		case w[0] == '"' || w[0] == '\'' || w[0] == '(':
			w = w[1:]
		case strings.HasPrefix(w, "“"), strings.HasPrefix(w, "‘"):
			w = w[len("“"):]
		default:
			return w
		}
	}
}

// Blank returns body with the bytes of spans replaced by spaces (newlines
// kept), so offsets into the result are offsets into body: extraction reads
// it and its mentions point into the stored body.
func Blank(body string, spans []Span) string {
	if len(spans) == 0 {
		return body
	}
	b := []byte(body)
	for _, sp := range spans {
		for i := max(sp.Start, 0); i < min(sp.End, len(b)); i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	return string(b)
}

// WithoutFurniture returns body with its furniture cut out, for snippets and
// lead titles; a body that is all furniture is returned as it is, since
// something must be shown.
func WithoutFurniture(body string) string {
	spans := Furniture(body)
	if len(spans) == 0 {
		return body
	}
	var b strings.Builder
	pos := 0
	for _, sp := range spans {
		b.WriteString(body[pos:sp.Start])
		pos = sp.End
	}
	b.WriteString(body[pos:])
	out := b.String()
	if strings.TrimSpace(out) == "" {
		return body
	}
	return out
}
