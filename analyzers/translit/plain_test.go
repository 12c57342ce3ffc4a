package translit

import "testing"

func TestPlain(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"राजेश टोपे", "rajesh tope"},
		{"अनिल देशमुख", "anil deshmukh"}, // medial schwa after a sign, before a consonant with one
		{"राजकुमार", "rajkumar"},
		{"अरविंद", "aravind"}, // no medial deletion after an independent vowel, unlike Romanize
		{"सिंह", "sinh"},      // no conventional spellings
		{"मिश्र", "mishr"},    // the final schwa goes after any cluster
		{"क", "ka"},           // but not from a one-letter word
		{"ज्ञान", "jnan"},     // ज्ञ letter by letter
		{"संबंध", "sanbandh"}, // anusvara is always n
		{"दुःख", "dukh"},      // visarga silent
		{"ॐ", "ॐ"},            // letters the first ids did not know pass through
		{"कॆ", "kaॆ"},
		{"Modi और", "Modi aur"}, // other text passes through, case and all
		{"गांधी।", "gandhi।"},
	} {
		if got := Plain(tc.in); got != tc.want {
			t.Errorf("Plain(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
