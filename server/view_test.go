package server

import (
	"testing"

	"github.com/newsearch/bilingual/index"
)

func TestPrettyID(t *testing.T) {
	for in, want := range map[string]string{
		"rahul-gandhi":     "Rahul Gandhi",
		"x-foo-bar":        "Foo Bar",
		"INC":              "INC",
		"ghulam-nabi-azad": "Ghulam Nabi Azad",
		"":                 "",
		"राहुल-गांधी":      "राहुल गांधी",
	} {
		if got := PrettyID(in); got != want {
			t.Errorf("PrettyID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHitTitle(t *testing.T) {
	for _, tt := range []struct {
		hit  index.Hit
		want string
	}{
		{index.Hit{Title: "  Own title ", Snippet: "x"}, "Own title"},
		// The index stores a lead for an untitled article; the snippet,
		// which changes with the query, is never a title.
		{index.Hit{Snippet: "… <mark>Rahul</mark> Gandhi&#39;s letter …"}, "Untitled article"},
		{index.Hit{Snippet: ""}, "Untitled article"},
	} {
		if got := hitTitle(tt.hit); got != tt.want {
			t.Errorf("hitTitle(%+v) = %q, want %q", tt.hit, got, tt.want)
		}
	}
}

func TestWebURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.com/a?b=1": "https://example.com/a?b=1",
		"http://example.com":        "http://example.com",
		"javascript:alert(1)":       "",
		"data:text/html,x":          "",
		"/relative":                 "",
		"":                          "",
	} {
		if got := webURL(in); got != want {
			t.Errorf("webURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLangLabels(t *testing.T) {
	for _, tt := range []struct{ code, name, tag string }{
		{"en", "English · अंग्रेज़ी", "en"},
		{"hi", "Hindi · हिंदी", "hi"},
		{"mixed", "Mixed · मिश्रित", ""},
		{"zz", "zz", ""},
	} {
		if got := langName(tt.code); got != tt.name {
			t.Errorf("langName(%q) = %q, want %q", tt.code, got, tt.name)
		}
		if got := htmlLang(tt.code); got != tt.tag {
			t.Errorf("htmlLang(%q) = %q, want %q", tt.code, got, tt.tag)
		}
	}
}
