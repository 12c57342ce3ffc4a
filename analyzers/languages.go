package analyzers

// Mixed labels a document a reader needs both English and Hindi for; only
// DocumentLanguage gives it, never Split.
const Mixed Lang = "mixed"

// Language is one row of the table of languages: what a label is called on
// the page and whether documents carry it. The table is the one place that
// says so, for the analyzers, the API's lang= check and the page alike.
type Language struct {
	Code    Lang
	English string // the name in English, the page's main label
	Hindi   string // the name in Hindi (Devanagari), shown beside it
	// Tag is the BCP 47 tag for an HTML lang attribute; "" when the text is
	// not in one language a browser could hyphenate or voice.
	Tag string
	// Document marks the values of a document's lang field (what
	// DocumentLanguage returns), which are what /api/search's lang= accepts.
	Document bool
}

// Languages returns the table, document languages first in the order the API
// names them. It is built on each call so no caller can change another's.
func Languages() []Language {
	return []Language{
		{Code: English, English: "English", Hindi: "अंग्रेज़ी", Tag: "en", Document: true},
		{Code: Hindi, English: "Hindi", Hindi: "हिंदी", Tag: "hi", Document: true},
		{Code: Mixed, English: "Mixed", Hindi: "मिश्रित", Document: true},
		// Marathi or Nepali, say: no one tag fits all Devanagari text.
		{Code: Devanagari, English: "Devanagari", Hindi: "देवनागरी"},
		{Code: Other, English: "Other", Hindi: "अन्य"},
	}
}

// LanguageOf returns the table's row for code, and false when code is no
// label the analyzers give.
func LanguageOf(code string) (Language, bool) {
	for _, l := range Languages() {
		if string(l.Code) == code {
			return l, true
		}
	}
	return Language{}, false
}

// DocumentLanguages lists the codes a document's lang field can hold, in
// table order: the values lang= filters accept.
func DocumentLanguages() []string {
	var out []string
	for _, l := range Languages() {
		if l.Document {
			out = append(out, string(l.Code))
		}
	}
	return out
}
