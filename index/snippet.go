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

type span struct{ start, end int }

// snippet returns an HTML-escaped window of text of about width characters
// around the densest cluster of matches, each wrapped in <mark>. A token
// matches when some analyzer turns it into a term in that analyzer's set, so
// इस्तीफे in the text is marked for the query इस्तीफा; extra are further spans
// to mark (entity names). Without matches it returns the start of the text.
// Analyzers must report offsets into text as given (ours and Bleve's do: no
// character filters).
func snippet(text string, as []analysis.Analyzer, terms []map[string]bool, extra []span, width int) string {
	spans := extra
	for i, a := range as {
		if len(terms[i]) == 0 {
			continue
		}
		for _, t := range a.Analyze([]byte(text)) {
			if terms[i][string(t.Term)] && t.Start < t.End && t.End <= len(text) {
				spans = append(spans, span{t.Start, t.End})
			}
		}
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
