package server

import (
	"net/url"
	"unicode"

	"github.com/newsearch/bilingual/index"
)

// paragraphs lays out an article's body for the page: one paragraph per
// non-blank line, the query's marks and the entity mentions (code-point
// spans into body) cut into each. The text stays text: the template escapes
// it, so nothing in an article is ever read as HTML.
func paragraphs(body string, marks []index.Span, ents []index.Entity, q string) [][]textChunk {
	text := []rune(body)
	var out [][]textChunk
	for start := 0; start < len(text); {
		end := start
		for end < len(text) && text[end] != '\n' {
			end++
		}
		from, to := start, end
		for from < to && unicode.IsSpace(text[from]) {
			from++
		}
		for to > from && unicode.IsSpace(text[to-1]) {
			to--
		}
		if from < to {
			out = append(out, layout(text, from, to, marks, ents, q))
		}
		start = end + 1
	}
	return out
}

// chunks lays out the whole of text, as paragraphs does one paragraph.
func chunks(text string, marks []index.Span, ents []index.Entity, q string) []textChunk {
	r := []rune(text)
	return layout(r, 0, len(r), marks, ents, q)
}

// layout cuts text[from:to] into plain runs and entity mentions (those
// wholly inside it, in order, an overlapping one skipped), each split into
// parts where the query's marks begin and end.
func layout(text []rune, from, to int, marks []index.Span, ents []index.Entity, q string) []textChunk {
	var out []textChunk
	pos := from
	for _, e := range ents {
		if e.Start < pos || e.End > to || e.Start >= e.End {
			continue
		}
		if e.Start > pos {
			out = append(out, textChunk{Parts: parts(text, pos, e.Start, marks)})
		}
		c := textChunk{Kind: e.Kind, Href: entityHref(e), Title: e.Label, Parts: parts(text, e.Start, e.End, marks)}
		if e.LabelHi != "" {
			c.Title += " · " + e.LabelHi
		}
		out = append(out, c)
		pos = e.End
	}
	if pos < to {
		out = append(out, textChunk{Parts: parts(text, pos, to, marks)})
	}
	return out
}

// parts splits text[from:to] where the marks (sorted, not overlapping) begin and end.
func parts(text []rune, from, to int, marks []index.Span) []textPart {
	var out []textPart
	pos := from
	for _, m := range marks {
		s, e := max(m.Start, pos), min(m.End, to)
		if s >= e {
			continue
		}
		if s > pos {
			out = append(out, textPart{Text: string(text[pos:s])})
		}
		out = append(out, textPart{Text: string(text[s:e]), Mark: true})
		pos = e
	}
	if pos < to {
		out = append(out, textPart{Text: string(text[pos:to])})
	}
	return out
}

// entityHref is the search filtered by the person, party or place a mention
// names: the filter parameter is the kind's name.
func entityHref(e index.Entity) string {
	return "/?" + url.Values{e.Kind: {e.ID}}.Encode()
}
