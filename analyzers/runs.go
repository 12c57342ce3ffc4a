package analyzers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"

	"github.com/newsearch/bilingual/analyzers/script"
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
	for i := 0; i < len(s); {
		// ASCII and Devanagari are nearly all of the text; both are told
		// apart without the Unicode tables.
		if b := s[i]; b < utf8.RuneSelf {
			if isASCIILetter(b) {
				c.latin++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case script.IsDevanagari(r):
			if isDevanagariLetterOrMark(r) {
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

func isASCIILetter(b byte) bool { return (b|0x20) >= 'a' && (b|0x20) <= 'z' }

// isDevanagariLetterOrMark is unicode.IsLetter(r) || unicode.IsMark(r) for r
// in the Devanagari block, where all but the dandas, the digits and the
// abbreviation sign are letters or marks (a test checks this against the
// Unicode tables).
func isDevanagariLetterOrMark(r rune) bool { return r < '\u0964' || r > '\u0970' }

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

// span is a run given by its byte offsets in the text being split, so runs
// can grow without copying text.
type span struct {
	start, end int
	lang       Lang
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
	var (
		runs  []span
		paras []span // reused for each paragraph
		sents []int  // reused for each paragraph
		off   int    // offset of the current paragraph in text
	)
	for para := range strings.Lines(text) {
		sents = sentenceEnds(para, sents[:0])
		paras = splitParagraph(para, sents, paras[:0])
		for _, p := range paras {
			l := p.lang
			if l == Hindi {
				l = devanagariLang(para[p.start:p.end])
			}
			end := off + p.end
			switch {
			case len(runs) == 0 && l == "":
				// Letterless text before the first run opens that run.
			case len(runs) == 0:
				runs = append(runs, span{0, end, l})
			case l == "" || runs[len(runs)-1].lang == l:
				runs[len(runs)-1].end = end
			default:
				runs = append(runs, span{runs[len(runs)-1].end, end, l})
			}
		}
		off += len(para)
	}
	if len(runs) == 0 {
		if text == "" {
			return nil
		}
		return []Run{{Text: text, Lang: Other}}
	}
	out := make([]Run, len(runs))
	for i, r := range runs {
		out[i] = Run{Text: text[r.start:r.end], Lang: r.lang}
	}
	return out
}

// splitParagraph cuts one paragraph, whose sentences end at the offsets
// ends, into runs of sentences with the same label, appended to runs;
// letterless sentences join the run before them, or the one after when they
// open the paragraph. A paragraph without letters is one run labelled "".
func splitParagraph(para string, ends []int, runs []span) []span {
	first := len(runs)
	start := 0
	for _, end := range ends {
		l := countLetters(para[start:end]).label()
		switch {
		case l == "":
			if len(runs) > first {
				runs[len(runs)-1].end = end
			}
		case len(runs) > first && runs[len(runs)-1].lang == l:
			runs[len(runs)-1].end = end
		case len(runs) > first:
			runs = append(runs, span{runs[len(runs)-1].end, end, l})
		default:
			// The first labelled sentence takes the letterless ones before it.
			runs = append(runs, span{0, end, l})
		}
		start = end
	}
	if len(runs) == first && len(para) > 0 {
		runs = append(runs, span{0, len(para), ""})
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

// sentenceEnds cuts a paragraph after each sentence end: ? ! । ॥ and
// newline always, a full stop when followed by a space or the end and not
// after an initial or a known abbreviation. Closing quotes and the spaces
// after the end stay with the sentence. It appends to ends the offset where
// each sentence ends, the last being len(para), so the sentences partition
// para.
func sentenceEnds(para string, ends []int) []int {
	start := 0
	wordStart := 0      // byte offset where the current word began
	prevLetter := false // whether the rune before i is a letter or mark
	for i := 0; i < len(para); {
		r, n := rune(para[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(para[i:])
		}
		end := i + n
		isEnd := sentenceEnd(r)
		if r == '.' {
			next, _ := utf8.DecodeRuneInString(para[end:])
			word := para[wordStart:i]
			atBreak := end == len(para) || unicode.IsSpace(next) || closer(next)
			isEnd = atBreak && utf8.RuneCountInString(word) != 1 && !isAbbreviation(word)
		}
		letter := isLetterOrMark(r)
		if letter {
			if i > 0 && !prevLetter {
				wordStart = i
			}
		} else {
			wordStart = end
		}
		prevLetter = letter
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
		ends = append(ends, end)
		start, wordStart, i = end, end, end
		prevLetter = false
	}
	if start < len(para) {
		ends = append(ends, len(para))
	}
	return ends
}

func isLetterOrMark(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return isASCIILetter(byte(r))
	case script.IsDevanagari(r):
		return isDevanagariLetterOrMark(r)
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

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
