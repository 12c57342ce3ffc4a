package index

import (
	"cmp"
	"html"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// SnippetRunes is the length of a snippet window in characters.
const SnippetRunes = 240

// snippetChunk is how much text snippet reads at a time, in bytes, after a
// first chunk of a quarter of that: news puts the point first, and most
// matches are found in the first few hundred bytes.
const snippetChunk = 2048

// snippetScanLimit bounds how far into an article snippet looks for a match
// (a hit may match only in its title, by a translation in another field or
// by the people it names); past it the snippet shows the article's start.
const snippetScanLimit = 32 << 10

// chunkEnd returns where a chunk starting at start ends: about n bytes on,
// at a space so no word is cut.
func chunkEnd(text string, start, n int) int {
	end := start + n
	if end >= len(text) {
		return len(text)
	}
	for end < len(text) && !isSpaceByte(text[end]) {
		end++
	}
	return end
}

// scripts reports whether s has Latin and Devanagari letters, so a word is
// analyzed only by the analyzers that can match it.
func scripts(s string) (latin, deva bool) {
	for _, r := range s {
		switch {
		case r < 0x80:
			latin = latin || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
		case 0x0900 <= r && r <= 0x097F:
			deva = true
		}
		if latin && deva {
			break
		}
	}
	return latin, deva
}

type span struct{ start, end int }

// wordToken is one token an analyzer makes of a word, with offsets into the word.
type wordToken struct {
	term       string
	start, end int
}

// wordTermsCap bounds the words a wordTerms remembers; past it the memory is
// dropped and refilled, which costs a few analyses and keeps RSS flat.
const wordTermsCap = 1 << 18

// wordTerms remembers what each snippet analyzer makes of a word (a run of
// text between spaces). Snippets are built from the words of stored text, and
// news reuses its words: looking them up replaced analyzing every candidate
// chunk, which was a third of a query's time. Safe for concurrent use.
type wordTerms struct {
	as      []analysis.Analyzer // as[0] English, the others Devanagari ones
	mu      sync.RWMutex
	m       map[string][][]wordToken // word -> tokens by analyzer; nil where the script rules it out
	scratch sync.Pool                // *spanScratch: a snippet's buffers, which were most of its allocations
}

// spanScratch holds matchSpans' buffers between snippets.
type spanScratch struct {
	spans  []span
	words  []string
	starts []int
}

func newWordTerms(as []analysis.Analyzer) *wordTerms {
	return &wordTerms{as: as, m: map[string][][]wordToken{}, scratch: sync.Pool{New: func() any { return new(spanScratch) }}}
}

// each calls fn with the tokens of each word, by analyzer, analyzing the
// words not yet known.
func (w *wordTerms) each(words []string, fn func(i int, byAnalyzer [][]wordToken)) {
	var miss []int
	w.mu.RLock()
	for i, word := range words {
		if t, ok := w.m[word]; ok {
			fn(i, t)
		} else {
			miss = append(miss, i)
		}
	}
	w.mu.RUnlock()
	if len(miss) == 0 {
		return
	}
	toks := make([][][]wordToken, len(miss))
	for k, i := range miss {
		toks[k] = w.analyze(words[i])
		fn(i, toks[k])
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.m)+len(miss) > wordTermsCap {
		w.m = map[string][][]wordToken{}
	}
	for k, i := range miss {
		w.m[strings.Clone(words[i])] = toks[k]
	}
}

func (w *wordTerms) analyze(word string) [][]wordToken {
	latin, deva := scripts(word)
	out := make([][]wordToken, len(w.as))
	for i, a := range w.as {
		if (i == 0 && !latin) || (i > 0 && !deva) {
			continue
		}
		for _, t := range a.Analyze([]byte(word)) {
			if t.Start < t.End && t.End <= len(word) {
				out[i] = append(out[i], wordToken{string(t.Term), t.Start, t.End})
			}
		}
	}
	return out
}

// snippet returns an HTML-escaped window of text of about width characters
// around the densest cluster of matches, each wrapped in <mark>. A token
// matches when some analyzer turns it into a term in that analyzer's set, so
// इस्तीफे in the text is marked for the query इस्तीफा; terms[i] holds the
// query's terms as analyzer i of wt makes them. Without matches it returns
// the start of the text.
func snippet(text string, wt *wordTerms, terms []map[string]bool, width int) string {
	sc := wt.scratch.Get().(*spanScratch)
	defer wt.scratch.Put(sc)
	spans := sc.spans[:0]
	// Read the text a chunk at a time and stop at the first chunk with a
	// match: news puts the point first.
	for start, n := 0, snippetChunk/4; start < len(text) && start < snippetScanLimit && len(spans) == 0; n = snippetChunk {
		end := chunkEnd(text, start, n)
		spans, sc.words, sc.starts = matchSpans(text, start, end, wt, terms, spans, sc.words, sc.starts)
		start = end
	}
	spans = mergeSpans(text, spans)
	sc.spans = spans
	start, end := window(text, spans, width)
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	writeMarked(&b, text, spans, start, end)
	if end < len(text) {
		b.WriteString(" …")
	}
	return strings.TrimSpace(b.String())
}

// highlight returns the whole of text HTML-escaped with every match of terms
// wrapped in <mark>, as snippet marks them: for titles.
func highlight(text string, wt *wordTerms, terms []map[string]bool) string {
	sc := wt.scratch.Get().(*spanScratch)
	defer wt.scratch.Put(sc)
	sc.spans, sc.words, sc.starts = matchSpans(text, 0, len(text), wt, terms, sc.spans[:0], sc.words, sc.starts)
	sc.spans = mergeSpans(text, sc.spans)
	var b strings.Builder
	writeMarked(&b, text, sc.spans, 0, len(text))
	return b.String()
}

// matchSpans appends to spans the byte spans of text[start:end] (bounded by
// spaces) whose tokens some analyzer of wt turns into a term in terms; words
// and starts are scratch buffers, returned for reuse.
func matchSpans(text string, start, end int, wt *wordTerms, terms []map[string]bool,
	spans []span, words []string, starts []int) ([]span, []string, []int) {
	words, starts = words[:0], starts[:0]
	for i := start; i < end; {
		for i < end && isSpaceByte(text[i]) {
			i++
		}
		j := i
		for j < end && !isSpaceByte(text[j]) {
			j++
		}
		if j > i {
			words, starts = append(words, text[i:j]), append(starts, i)
		}
		i = j
	}
	wt.each(words, func(k int, byAnalyzer [][]wordToken) {
		for a, toks := range byAnalyzer {
			for _, t := range toks {
				if terms[a][t.term] {
					spans = append(spans, span{starts[k] + t.start, starts[k] + t.end})
				}
			}
		}
	})
	return spans, words, starts
}

// writeMarked writes text[start:end] HTML-escaped, with the spans inside it
// (sorted, not overlapping) wrapped in <mark>.
func writeMarked(b *strings.Builder, text string, spans []span, start, end int) {
	pos := start
	for _, sp := range spans {
		if sp.start < start || sp.end > end {
			continue
		}
		b.WriteString(html.EscapeString(text[pos:sp.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[sp.start:sp.end]))
		b.WriteString("</mark>")
		pos = sp.end
	}
	b.WriteString(html.EscapeString(text[pos:end]))
}

// mergeSpans sorts spans and joins those that overlap or that one space
// separates, so a name reads as one mark: <mark>Rahul Gandhi</mark>.
func mergeSpans(text string, spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	var out []span
	for _, s := range spans {
		if n := len(out); n > 0 && (s.start <= out[n-1].end || s.start == out[n-1].end+1 && text[out[n-1].end] == ' ') {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// window picks byte bounds [start,end) of about width runes that cover the
// most spans, widened to word boundaries.
func window(text string, spans []span, width int) (int, int) {
	widthBytes := width * 3 // Devanagari is three bytes a character; refined below
	best, bestCount := 0, -1
	for i := range spans {
		n := 0
		for j := i; j < len(spans) && spans[j].end-spans[i].start <= widthBytes; j++ {
			n++
		}
		if n > bestCount {
			best, bestCount = i, n
		}
	}
	start := 0
	if bestCount > 0 {
		// Start a little before the first match for context.
		start = backRunes(text, spans[best].start, width/6)
	}
	end := start
	for n := 0; end < len(text) && n < width; n++ {
		_, sz := utf8.DecodeRuneInString(text[end:])
		end += sz
	}
	// Widen to word boundaries.
	for start > 0 && !isSpaceByte(text[start-1]) {
		start--
	}
	for end < len(text) && !isSpaceByte(text[end]) {
		end++
	}
	return start, end
}

func backRunes(text string, pos, n int) int {
	for ; n > 0 && pos > 0; n-- {
		_, sz := utf8.DecodeLastRuneInString(text[:pos])
		pos -= sz
	}
	return pos
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
