// Package script tells which writing system text is in. It is the one place the project decides what
// counts as Devanagari, so the analyzers, the romanizer, the entity matcher and the query code agree; it
// imports nothing of the project, so that every package, translit included, can use it.
package script

import (
	"strings"
	"unicode"
)

// Script names the writing system of a text, as the search API reports it for a query.
type Script string

// The scripts Of tells apart.
const (
	None       Script = ""           // no Latin or Devanagari letters
	Devanagari Script = "devanagari" // Devanagari only
	Latin      Script = "latin"      // Latin only
	Mixed      Script = "mixed"      // both
)

// IsDevanagari reports whether r is in the Devanagari block, U+0900–U+097F: letters, signs, digits and
// the dandas. Text processing works with the block, because the dandas and Vedic accents, which Unicode
// assigns to no one script, end or sit inside Devanagari words and runs.
func IsDevanagari(r rune) bool { return r >= '\u0900' && r <= '\u097F' }

// HasDevanagari reports whether s holds any rune of the Devanagari block.
func HasDevanagari(s string) bool { return strings.ContainsFunc(s, IsDevanagari) }

// InDevanagariScript reports whether r has the Unicode script property Devanagari, as \p{Devanagari}
// in a regexp: the block less the dandas and Vedic accents (U+0951–U+0954, U+0964–U+0965), plus the
// Devanagari Extended blocks. Of counts by it, so that a danda after a Latin word ("Modi।") does not
// make a query mixed.
func InDevanagariScript(r rune) bool { return unicode.Is(unicode.Devanagari, r) }

// Of names the script of s by the letters it holds (see InDevanagariScript); digits, punctuation and
// other scripts count for neither.
func Of(s string) Script {
	var deva, latin bool
	for _, r := range s {
		switch {
		case InDevanagariScript(r):
			deva = true
		case unicode.Is(unicode.Latin, r):
			latin = true
		}
		if deva && latin {
			return Mixed
		}
	}
	switch {
	case deva:
		return Devanagari
	case latin:
		return Latin
	}
	return None
}
