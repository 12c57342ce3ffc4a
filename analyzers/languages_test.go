package analyzers

import (
	"slices"
	"strings"
	"testing"
)

func TestLanguagesTable(t *testing.T) {
	if got, want := DocumentLanguages(), []string{"en", "hi", "mixed"}; !slices.Equal(got, want) {
		t.Errorf("DocumentLanguages() = %q, want %q", got, want)
	}
	seen := map[Lang]bool{}
	for _, l := range Languages() {
		if seen[l.Code] {
			t.Errorf("code %q has two rows", l.Code)
		}
		seen[l.Code] = true
		if l.English == "" || l.Hindi == "" {
			t.Errorf("%q: English %q, Hindi %q: the page shows both", l.Code, l.English, l.Hindi)
		}
	}
	// Every label Split gives has a row.
	for _, code := range []Lang{English, Hindi, Devanagari, Other} {
		if !seen[code] {
			t.Errorf("run label %q has no row", code)
		}
	}
	// Every answer DocumentLanguage gives is a document language.
	en := Run{Text: strings.Repeat("a", 30), Lang: English}
	hi := Run{Text: strings.Repeat("क", 90), Lang: Hindi}
	for _, runs := range [][]Run{nil, {en}, {hi}, {en, hi}} {
		code := DocumentLanguage(runs)
		if l, ok := LanguageOf(code); !ok || !l.Document {
			t.Errorf("DocumentLanguage gives %q, which the table does not mark a document language", code)
		}
	}
	for _, code := range []string{"", "xx", "EN", "deva"} {
		if l, ok := LanguageOf(code); ok && l.Document {
			t.Errorf("LanguageOf(%q) is a document language", code)
		}
	}
	if l, ok := LanguageOf("hi"); !ok || l.English != "Hindi" || l.Hindi != "हिंदी" || l.Tag != "hi" {
		t.Errorf(`LanguageOf("hi") = %+v, %v`, l, ok)
	}
	if l, _ := LanguageOf("mixed"); l.Tag != "" {
		t.Errorf("mixed has HTML tag %q; mixed text is in no one language", l.Tag)
	}
	// A caller changing its copy does not change the table.
	Languages()[0].English = "changed"
	if Languages()[0].English == "changed" {
		t.Error("Languages returns a shared slice")
	}
}
