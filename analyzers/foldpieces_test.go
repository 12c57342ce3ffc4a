package analyzers

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/newsearch/bilingual/internal/shared"
)

// wholeFoldPieces is what FoldPieces must give: the whole text lowercased
// and folded at once, then cut at ASCII white space.
func wholeFoldPieces(text string) []string {
	return strings.FieldsFunc(FoldDevanagari(strings.ToLower(text)), func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r'
	})
}

func foldPieces(text string) []string {
	var out []string
	FoldPieces(text, func(p string) {
		if p != "" {
			out = append(out, p)
		}
	})
	return out
}

func TestFoldPiecesLikeWholeFold(t *testing.T) {
	cases := []string{
		"",
		"   \n\t ",
		"Modi said", "NARENDRA  Modi\r\nsaid",
		"अस्\u200dपताल में भर्ती", // joiner inside a word
		"बी॰जे॰पी॰ ॰अलग",          // abbreviation sign, and one after a space
		"कॉन्ग्रेस कांग्रेस पण्डित दुःख ज़रूरी",
		"२०१९ के चुनाव",
		"क\u093c ख\u093c",   // nukta as a separate mark
		"ক্ষ বাংলা and देश", // another Indic script beside Devanagari
		"ক্ষ বাংলা only",    // and without any
		"e\u0301 \u0301x",   // combining acute after a letter, and after a space
		"word\u200b word",   // zero width space
		"न् न्\tक",          // dead n before a tab
		"\xff\xfe bad utf8 क\xff",
	}
	// One folder for every case, twice over: what it remembers of one
	// text (with or without Devanagari) must not change another's folds.
	shared := NewPieceFolder()
	for range 2 {
		for _, c := range cases {
			want := wholeFoldPieces(c)
			if got := foldPieces(c); !slices.Equal(got, want) {
				t.Errorf("FoldPieces(%q) = %q, want %q", c, got, want)
			}
			var got []string
			shared.Fold(c, func(p string) {
				if p != "" {
					got = append(got, p)
				}
			})
			if !slices.Equal(got, want) {
				t.Errorf("PieceFolder.Fold(%q) after the other cases = %q, want %q", c, got, want)
			}
		}
	}
}

// TestFoldPiecesLikeWholeFoldOnCorpus holds the two together on real news.
func TestFoldPiecesLikeWholeFoldOnCorpus(t *testing.T) {
	path := shared.Path(t, "corpus/hi-news-2020.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<26)
	for line := 1; sc.Scan() && line <= 400; line++ {
		var d struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		for _, s := range []string{d.Title, d.Text} {
			if got, want := foldPieces(s), wholeFoldPieces(s); !slices.Equal(got, want) {
				t.Fatalf("%s:%d: FoldPieces differs from folding the whole text:\n got %q\nwant %q", path, line, got, want)
			}
		}
	}
}

func FuzzFoldPiecesLikeWholeFold(f *testing.F) {
	for _, s := range []string{"अस्\u200dपताल में", "बी॰जे॰पी॰ ॰x", "ক্ষ देश", "न्\nक", "कॉन्ग्रेस Modi"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := foldPieces(s), wholeFoldPieces(s); !slices.Equal(got, want) {
			t.Errorf("FoldPieces(%q) = %q, want %q", s, got, want)
		}
	})
}
