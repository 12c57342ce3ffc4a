package analyzers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// Lang labels a run of text.
type Lang string

// The labels Split gives runs.
const (
	English    Lang = "en"
	Hindi      Lang = "hi"
	Devanagari Lang = "deva"  // Devanagari text that is not Hindi (Marathi, Nepali…): normalized but not Hindi-stemmed
	Other      Lang = "other" // neither script dominates (numbers, punctuation, other scripts); index with English fields
)

// Run is a stretch of text in one language.
type Run struct {
	Text string
	Lang Lang
}

// minDetectLetters is how many letters a Devanagari run needs before
// whatlanggo is asked whether it is Hindi: below that its trigram profiles
// guess poorly, and script alone (Hindi) is the better bet for Indian news.
const minDetectLetters = 200

// maxDetectBytes bounds the text given to whatlanggo, which is slow (it was a
// tenth of indexing time at 4 KB); some 300 Devanagari letters settle Hindi
// against Marathi and Nepali.
const maxDetectBytes = 1024

// letterCounts counts the letters of s by script. Devanagari vowel signs and
// other combining marks count as letters, so a Devanagari word weighs about
// as much as its romanization.
type letterCounts struct {
	latin, deva, other int
}

func countLetters(s string) letterCounts {
	var c letterCounts
	for _, r := range s {
		switch {
		case isDevanagari(r):
			if unicode.IsLetter(r) || unicode.IsMark(r) {
				c.deva++
			}
		case unicode.IsLetter(r):
			if unicode.Is(unicode.Latin, r) {
				c.latin++
			} else {
				c.other++
			}
		}
	}
	return c
}

func (c letterCounts) total() int { return c.latin + c.deva + c.other }

// label names the script carrying most of the letters; "" when there are no
// letters, Other when no script has more than the others.
func (c letterCounts) label() Lang {
	switch {
	case c.total() == 0:
		return ""
	case c.latin > c.deva && c.latin > c.other:
		return English
	case c.deva > c.latin && c.deva > c.other:
		return Hindi
	}
	return Other
}

// Split cuts text into paragraphs, and paragraphs into sentences where the
// script changes, labelling each run by the script most of its letters are
// in. A sentence is labelled as a whole, so a short Latin gloss inside a
// Hindi sentence (राहुल गांधी (Rahul Gandhi) को …) stays in the Hindi run.
// Devanagari runs of a paragraph with at least 200 letters are checked with
// whatlanggo and labelled Devanagari when it is sure they are Marathi or
// Nepali. Latin runs are always English: English is the only Latin-script
// analysis the product has (Other is indexed like English anyway), and
// whatlanggo mistakes romanized Hindi and name-heavy headlines for other
// languages. Pieces without letters join the run before them. The runs
// partition text: their texts concatenated give text back.
func Split(text string) []Run {
	var runs []Run
	pending := "" // letterless text before the first run
	add := func(s string, l Lang) {
		if l == "" {
			if len(runs) == 0 {
				pending += s
			} else {
				runs[len(runs)-1].Text += s
			}
			return
		}
		if len(runs) > 0 && runs[len(runs)-1].Lang == l {
			runs[len(runs)-1].Text += s
			return
		}
		runs = append(runs, Run{Text: pending + s, Lang: l})
		pending = ""
	}
	for para := range strings.Lines(text) {
		for _, r := range splitParagraph(para) {
			if r.Lang == Hindi {
				r.Lang = devanagariLang(r.Text)
			}
			add(r.Text, r.Lang)
		}
	}
	if len(runs) == 0 && pending != "" {
		return []Run{{Text: pending, Lang: Other}}
	}
	return runs
}

// splitParagraph cuts one paragraph into runs of sentences with the same
// label; letterless sentences join the run before them, or the one after
// when they open the paragraph.
func splitParagraph(para string) []Run {
	var runs []Run
	pending := ""
	for _, s := range sentences(para) {
		l := countLetters(s).label()
		switch {
		case l == "" && len(runs) == 0:
			pending += s
		case l == "":
			runs[len(runs)-1].Text += s
		case len(runs) > 0 && runs[len(runs)-1].Lang == l:
			runs[len(runs)-1].Text += s
		default:
			runs = append(runs, Run{Text: pending + s, Lang: l})
			pending = ""
		}
	}
	if pending != "" {
		runs = append(runs, Run{Text: pending})
	}
	return runs
}

// devanagariLang tells Hindi from Marathi and Nepali in a long Devanagari
// run; short runs are taken as Hindi.
func devanagariLang(s string) Lang {
	if countLetters(s).deva < minDetectLetters || !maybeNotHindi(s) {
		return Hindi
	}
	if len(s) > maxDetectBytes {
		cut := maxDetectBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	info := whatlanggo.DetectWithOptions(s, whatlanggo.Options{
		Whitelist: map[whatlanggo.Lang]bool{whatlanggo.Hin: true, whatlanggo.Mar: true, whatlanggo.Nep: true},
	})
	if info.Lang != whatlanggo.Hin && info.IsReliable() {
		return Devanagari
	}
	return Hindi
}

// maybeNotHindi reports whether s has a mark of Marathi or Nepali: letters
// and words that are everywhere in those languages and rare in Hindi. Only
// then is whatlanggo, a tenth of indexing time when run on every paragraph,
// asked.
func maybeNotHindi(s string) bool {
	for _, m := range []string{"ळ", "आहे", "आणि", "च्या", "ल्या", "हरू", "गरेको", "भएको", "छन्"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// sentenceEnd reports whether r always ends a sentence.
func sentenceEnd(r rune) bool {
	switch r {
	case '?', '!', '।', '॥', '\n':
		return true
	}
	return false
}

// closer reports whether r may follow a sentence's final punctuation and
// still belong to that sentence.
func closer(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '’', '”', '»':
		return true
	}
	return false
}

// abbreviations are words usually written with a full stop that does not end
// the sentence, lowercased; single letters (initials) are handled apart.
func isAbbreviation(w string) bool {
	switch strings.ToLower(w) {
	case "mr", "mrs", "ms", "dr", "sh", "shri", "smt", "st", "jr", "sr", "prof", "gen", "lt", "col",
		"capt", "maj", "sgt", "no", "nos", "vs", "etc", "hon", "govt", "dept", "approx", "inc", "ltd", "co",
		"डॉ", "डा", "प्रो", "श्री", "सं":
		return true
	}
	return false
}

// sentences cuts a paragraph after each sentence end: ? ! । ॥ and newline
// always, a full stop when followed by a space or the end and not after an
// initial or a known abbreviation. Closing quotes and the spaces after the
// end stay with the sentence. The pieces partition para.
func sentences(para string) []string {
	var out []string
	start := 0
	wordStart := 0 // byte offset where the current word began
	for i := 0; i < len(para); {
		r, n := utf8.DecodeRuneInString(para[i:])
		end := i + n
		isEnd := sentenceEnd(r)
		if r == '.' {
			next, _ := utf8.DecodeRuneInString(para[end:])
			word := para[wordStart:i]
			atBreak := end == len(para) || unicode.IsSpace(next) || closer(next)
			isEnd = atBreak && utf8.RuneCountInString(word) != 1 && !isAbbreviation(word)
		}
		if isLetterOrMark(r) {
			if i > 0 {
				if p, _ := utf8.DecodeLastRuneInString(para[:i]); !isLetterOrMark(p) {
					wordStart = i
				}
			}
		} else {
			wordStart = end
		}
		if !isEnd {
			i = end
			continue
		}
		// Take further end marks, closing quotes and spaces.
		for end < len(para) {
			r2, n2 := utf8.DecodeRuneInString(para[end:])
			if !(sentenceEnd(r2) || r2 == '.' || closer(r2) || unicode.IsSpace(r2)) {
				break
			}
			end += n2
		}
		out = append(out, para[start:end])
		start, wordStart, i = end, end, end
	}
	if start < len(para) {
		out = append(out, para[start:])
	}
	return out
}

func isLetterOrMark(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

// DocumentLanguage returns "en", "hi" or "mixed" from the runs' letter
// counts (Devanagari runs count as Hindi, Other runs not at all). It is
// "mixed" when the minor language carries at least a quarter of the letters:
// a Hindi article quoting a tweet or two (about a tenth of its letters) is
// still Hindi, while a document a reader would need both languages for is
// mixed. A document with no letters is "en", as Other text is indexed with
// the English fields.
func DocumentLanguage(runs []Run) string {
	var en, hi int
	for _, r := range runs {
		c := countLetters(r.Text)
		switch r.Lang {
		case English:
			en += c.total()
		case Hindi, Devanagari:
			hi += c.total()
		}
	}
	minor, total := min(en, hi), en+hi
	switch {
	case total == 0:
		return "en"
	case 4*minor >= total:
		return "mixed"
	case hi > en:
		return "hi"
	}
	return "en"
}
