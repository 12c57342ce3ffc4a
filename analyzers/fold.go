package analyzers

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/hi"
	"github.com/blevesearch/bleve/v2/analysis/lang/in"
	"golang.org/x/text/unicode/norm"

	"github.com/newsearch/bilingual/analyzers/script"
)

// Devanagari code points the folds refer to.
const (
	abbrevSign  = '\u0970' // ॰, written after abbreviations: बी॰जे॰पी॰
	virama      = '\u094D'
	anusvara    = '\u0902'
	candrabindu = '\u0901'
	visarga     = '\u0903'
)

// isInvisible reports whether r is a zero-width or direction-control
// character. Such characters carry no meaning for search, yet they sit inside
// words in real news text (Dainik Jagran writes अस्\u200dपताल) and leak into
// tokens or split them.
func isInvisible(r rune) bool {
	switch r {
	case '\u200B', // zero width space: stray, not a word separator in our sources
		'\u200C', '\u200D', // zero width non-joiner, joiner
		'\u00AD',           // soft hyphen
		'\uFEFF',           // byte order mark / zero width no-break space
		'\u2060',           // word joiner
		'\u200E', '\u200F', // left-to-right, right-to-left marks
		'\u061C': // Arabic letter mark
		return true
	}
	// Bidi embeddings, overrides and isolates.
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// StripInvisible removes zero-width and direction marks that break tokenization.
func StripInvisible(s string) string {
	if strings.IndexFunc(s, isInvisible) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isInvisible(r) {
			return -1
		}
		return r
	}, s)
}

// dropCharacter reports whether the rune at s[i:] (rune r, preceded by prev)
// is removed before tokenizing: an invisible mark, or the abbreviation sign
// ॰ after a Devanagari character. Removing ॰ keeps बी॰जे॰पी॰ one token,
// बीजेपी, the spelling most papers use.
func dropCharacter(prev, r rune) bool {
	return isInvisible(r) || (r == abbrevSign && script.IsDevanagari(prev))
}

// stripForTokenizer removes what dropCharacter selects and returns the kept
// bytes with, for each kept byte, its offset in s, so token offsets can be
// reported against the original text. offsets is nil when nothing was
// removed, and out is then s itself.
func stripForTokenizer(s []byte) (out []byte, offsets []int) {
	prev := rune(-1)
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// Nothing ASCII is dropped, and most of the text is ASCII
			// or spaces between Devanagari words.
			if offsets != nil {
				out = append(out, c)
				offsets = append(offsets, i)
			}
			prev = rune(c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if dropCharacter(prev, r) {
			if offsets == nil {
				out = make([]byte, 0, len(s))
				out = append(out, s[:i]...)
				offsets = make([]int, i, len(s)+1)
				for j := range offsets {
					offsets[j] = j
				}
			}
		} else {
			if offsets != nil {
				out = append(out, s[i:i+n]...)
				for j := 0; j < n; j++ {
					offsets = append(offsets, i+j)
				}
			}
			prev = r
		}
		i += n
	}
	if offsets == nil {
		return s, nil
	}
	return out, offsets
}

// foldDigits maps Devanagari digits to ASCII (२०१९ → 2019), so a year or a
// seat count matches whichever digits the writer used.
func foldDigits(s string) string {
	if !strings.ContainsFunc(s, isDevanagariDigit) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isDevanagariDigit(r) {
			return '0' + (r - '\u0966')
		}
		return r
	}, s)
}

func isDevanagariDigit(r rune) bool { return r >= '\u0966' && r <= '\u096F' }

// nasalClass gives, for each nasal consonant, the consonants before which a
// half form (nasal + virama) is written interchangeably with anusvara:
// पण्डित/पंडित, गङ्गा/गंगा, सम्बन्ध/संबंध. Bleve's Hindi normalizer already
// folds half-न before anything; half-म is folded only before labials because
// म् before other consonants (तुम्हें, उम्मीद) is never written as anusvara.
func nasalClass(nasal, next rune) bool {
	switch nasal {
	case '\u0919': // ङ before velars क–घ
		return next >= '\u0915' && next <= '\u0918'
	case '\u091E': // ञ before palatals च–झ
		return next >= '\u091A' && next <= '\u091D'
	case '\u0923': // ण before retroflexes ट–ढ
		return next >= '\u091F' && next <= '\u0922'
	case '\u092E': // म before labials प–भ
		return next >= '\u092A' && next <= '\u092D'
	}
	return false
}

// isConsonant reports whether r is a Devanagari consonant (with or without
// nukta precomposed).
func isConsonant(r rune) bool {
	return (r >= '\u0915' && r <= '\u0939') || (r >= '\u0958' && r <= '\u095F')
}

// foldVariants folds the spelling variants Bleve's Hindi normalizer leaves
// apart: ऑ/ॉ (the English "o" of कॉलेज, कॉन्ग्रेस) to आ/ा, because Hindi
// papers write the same loanwords with आ (कांग्रेस, डाक्टर) and Bleve would
// fold ॉ to ो instead; a half nasal before a consonant of its class to
// anusvara; candrabindu to anusvara; and visarga inside a word (दुःख/दुख).
// Nukta, the remaining candra vowels and half-न are left to Bleve.
func foldVariants(s string) string {
	if !script.HasDevanagari(s) {
		return s
	}
	rs := []rune(s)
	out := rs[:0]
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\u0911': // ऑ
			r = '\u0906' // आ
		case r == '\u0949': // ॉ
			r = '\u093E' // ा
		case r == candrabindu:
			r = anusvara
		case r == visarga && i+1 < len(rs) && isConsonant(rs[i+1]):
			continue
		case i+2 < len(rs) && rs[i+1] == virama && nasalClass(r, rs[i+2]):
			out = append(out, anusvara)
			i++ // skip the virama
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// FoldDevanagari applies the same character-level normalization the Hindi
// analyzer applies before stemming (NFC, invisible characters removed,
// digits, ऑ/candrabindu/nukta folding, ॰ removed, then Bleve's Indic and Hindi
// normalizers) to a whole string, so the entity matcher and query code agree
// with the index. Latin letters are not lowercased.
func FoldDevanagari(s string) string {
	return foldDevanagari(s, script.HasDevanagari(s))
}

// foldDevanagari is FoldDevanagari with the decision to run Bleve's
// normalizers made by the caller: they run when indic is true.
func foldDevanagari(s string, indic bool) string {
	s = StripInvisible(s)
	if strings.ContainsRune(s, abbrevSign) {
		b, _ := stripForTokenizer([]byte(s))
		s = string(b)
	}
	s = norm.NFC.String(s)
	s = foldDigits(s)
	s = foldVariants(s)
	if !indic {
		return s
	}
	tok := &analysis.Token{Term: []byte(s)}
	ts := analysis.TokenStream{tok}
	ts = in.NewIndicNormalizeFilter().Filter(ts)
	ts = hi.NewHindiNormalizeFilter().Filter(ts)
	return string(ts[0].Term)
}

// FoldPieces calls yield, in order, with FoldDevanagari(strings.ToLower(text))
// cut at its ASCII white space (the white space itself left out), but folds
// one piece at a time: none of the folds looks past an ASCII space, tab or
// line break, nor removes or adds one, so the pieces are the same, and a long
// body is not one string in which each deleted virama shifts everything
// after it (Bleve's normalizers). Whether the normalizers run is still
// decided by the whole text. A PieceFolder does the same, remembering pieces.
func FoldPieces(text string, yield func(piece string)) {
	NewPieceFolder().Fold(text, yield)
}

// pieceMemoCapacity bounds the pieces a PieceFolder remembers; news
// vocabulary is Zipfian, so a few tens of thousands cover nearly every word.
const pieceMemoCapacity = 1 << 15

// PieceFolder is FoldPieces for one goroutine folding many texts: it folds
// each distinct piece once and remembers it (Bleve's Indic normalizer looks
// up every rune's script in a map, the costliest part of a fold). Not safe
// for concurrent use.
type PieceFolder struct {
	memo [2]map[string]string // by whether the normalizers run
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// NewPieceFolder returns a PieceFolder with an empty memory.
func NewPieceFolder() *PieceFolder {
	return &PieceFolder{memo: [2]map[string]string{{}, {}}}
}

// Fold is FoldPieces.
func (f *PieceFolder) Fold(text string, yield func(piece string)) {
	indic := script.HasDevanagari(text)
	memo := f.memo[0]
	if indic {
		memo = f.memo[1]
	}
	for len(text) > 0 {
		end := strings.IndexAny(text, " \t\n\r")
		if end < 0 {
			end = len(text)
		}
		if piece := text[:end]; isASCII(piece) {
			// Lowercasing is all that changes ASCII (the other folds are
			// of Devanagari and invisible marks), and cheaper than the memo.
			if piece != "" {
				yield(strings.ToLower(piece))
			}
		} else {
			folded, ok := memo[piece]
			if !ok {
				folded = foldDevanagari(strings.ToLower(piece), indic)
				if len(memo) >= pieceMemoCapacity {
					clear(memo) // the frequent words come back at once
				}
				// Copies, so the memo does not keep the whole text alive
				// (an unchanged piece is a slice of it).
				folded = strings.Clone(folded)
				memo[strings.Clone(piece)] = folded
			}
			yield(folded)
		}
		if end < len(text) {
			end++
		}
		text = text[end:]
	}
}
