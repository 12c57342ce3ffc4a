package server

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestSanitizeSnippet(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a <mark>Rahul</mark> b", "a <mark>Rahul</mark> b"},
		{"<mark>राहुल गांधी</mark>", "<mark>राहुल गांधी</mark>"},
		{"already &amp; escaped &#39;x&#39; &#x27;", "already &amp; escaped &#39;x&#39; &#x27;"},
		{"bare & amp", "bare &amp; amp"},
		{"&;", "&amp;;"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{`<mark onclick="x">a</mark>`, `&lt;mark onclick="x"&gt;a&lt;/mark&gt;`},
		{"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
		{"<MARK>a</MARK>", "&lt;MARK&gt;a&lt;/MARK&gt;"},
		{"unclosed <mark>a", "unclosed <mark>a</mark>"},
		{"stray </mark> close", "stray &lt;/mark&gt; close"},
		{"<mark><mark>x</mark></mark>", "<mark>&lt;mark&gt;x</mark>&lt;/mark&gt;"},
		{"a > b", "a &gt; b"},
		{"nul\x00byte", "nul\uFFFDbyte"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
	}
	for _, tt := range tests {
		if got := string(SanitizeSnippet(tt.in)); got != tt.want {
			t.Errorf("SanitizeSnippet(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSanitizeSnippet(f *testing.F) {
	for _, s := range []string{"a <mark>b</mark>", "<script>", "&amp;", "<mark>", "&#x;", "&#1234567;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := string(SanitizeSnippet(s))
		// Whatever came in, the only tags left are balanced <mark> pairs.
		doc, err := html.ParseFragment(strings.NewReader(out), &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range doc {
			for c := range n.Descendants() {
				if c.Type == html.ElementNode && c.Data != "mark" {
					t.Fatalf("SanitizeSnippet(%q) = %q has a <%s> element", s, out, c.Data)
				}
			}
			if n.Type == html.ElementNode && n.Data != "mark" {
				t.Fatalf("SanitizeSnippet(%q) = %q has a <%s> element", s, out, n.Data)
			}
		}
		if strings.Count(out, "<mark>") != strings.Count(out, "</mark>") {
			t.Fatalf("SanitizeSnippet(%q) = %q: unbalanced marks", s, out)
		}
	})
}
