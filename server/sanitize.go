package server

import (
	"html/template"
	"strings"
)

// SanitizeSnippet makes a search snippet safe to insert as HTML. Snippets come
// HTML-escaped with <mark> highlights; anything else that looks like markup
// (another tag, a stray '>' or a bare '&') is escaped, and unbalanced marks are
// closed or dropped, so a faulty snippet can never inject markup.
func SanitizeSnippet(s string) template.HTML {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s) + 16)
	open := false
	for i := 0; i < len(s); {
		rest := s[i:]
		switch c := s[i]; {
		case strings.HasPrefix(rest, "<mark>") && !open:
			b.WriteString("<mark>")
			open = true
			i += len("<mark>")
		case strings.HasPrefix(rest, "</mark>") && open:
			b.WriteString("</mark>")
			open = false
			i += len("</mark>")
		case c == '<':
			b.WriteString("&lt;")
			i++
		case c == '>':
			b.WriteString("&gt;")
			i++
		case c == '&':
			if n := entityLen(rest); n > 0 {
				b.WriteString(rest[:n])
				i += n
			} else {
				b.WriteString("&amp;")
				i++
			}
		case c == 0:
			b.WriteString("\uFFFD")
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}

// entityLen returns the length of the character reference at the start of s
// (&name; &#123; &#x1F;), or 0 if s does not start with one.
func entityLen(s string) int {
	i := 1
	isDigit := func(c byte) bool { return '0' <= c && c <= '9' }
	isHex := func(c byte) bool { return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'f' }
	isAlnum := func(c byte) bool { return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z' }
	ok := isAlnum
	if i < len(s) && s[i] == '#' {
		i++
		ok = isDigit
		if i < len(s) && s[i]|0x20 == 'x' {
			i++
			ok = isHex
		}
	}
	start := i
	for i < len(s) && i-start < 32 && ok(s[i]) {
		i++
	}
	if i == start || i >= len(s) || s[i] != ';' {
		return 0
	}
	return i + 1
}
