package index

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// SnippetRunes is the length of a snippet window in characters.
const SnippetRunes = 240

// snippetChunk is how much text snippet analyzes at a time, in bytes.
const snippetChunk = 2048

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

// scripts reports whether s has Latin and Devanagari letters, so snippet
// runs only the analyzers that can match.
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

// snippet returns an HTML-escaped window of text of about width characters
// around the densest cluster of matches, each wrapped in <mark>. A token
// matches when some analyzer turns it into a term in that analyzer's set, so
// इस्तीफे in the text is marked for the query इस्तीफा; extra are further spans
// to mark (entity names). Without matches it returns the start of the text.
// Analyzers must report offsets into text as given (ours and Bleve's do: no
// character filters); as[0] is the English one, the others Devanagari ones.
func snippet(text string, as []analysis.Analyzer, terms []map[string]bool, extra []span, width int) string {
	spans := extra
	// Analyze the text a chunk at a time and stop at the first chunk with a
	// match: news puts the point first, and analyzing whole long articles
	// was most of a query's time.
	for start := 0; start < len(text) && len(spans) == 0; {
		end := chunkEnd(text, start, snippetChunk)
		chunk := text[start:end]
		latin, deva := scripts(chunk)
		for i, a := range as {
			if len(terms[i]) == 0 || (i == 0 && !latin) || (i > 0 && !deva) {
				continue
			}
			for _, t := range a.Analyze([]byte(chunk)) {
				if terms[i][string(t.Term)] && t.Start < t.End && t.End <= len(chunk) {
					spans = append(spans, span{start + t.Start, start + t.End})
				}
			}
		}
		start = end
	}
	spans = mergeSpans(spans)
	start, end := window(text, spans, width)
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
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
	if end < len(text) {
		b.WriteString(" …")
	}
	return strings.TrimSpace(b.String())
}

func mergeSpans(spans []span) []span {
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var out []span
	for _, s := range spans {
		if n := len(out); n > 0 && s.start <= out[n-1].end {
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
