package lexicon

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestLoadFreedictFixture(t *testing.T) {
	l, err := LoadFreedict(filepath.Join("testdata", "mini.dict.dz"))
	if err != nil {
		t.Fatalf("LoadFreedict: %v", err)
	}
	tests := []struct {
		en   string
		want []string
	}{
		// Two index lines for one headword are merged; the {formal} note and
		// the example sentence are dropped; ~ becomes a space.
		{"ballot", []string{"मतपत्र", "बैलेट पेपर", "मतदान करना"}},
		// Senses split on ';' as well as ','; the "?" sense is dropped.
		{"rally", []string{"रैली", "जनसभा", "सभा"}},
		// The five-word gloss is dropped and the stray Latin "r" trimmed.
		{"gloss", []string{"चमक"}},
		// Headwords are lowercased.
		{"chief minister", []string{"मुख्यमंत्री"}},
		// A sense with no Devanagari gives no entry.
		{"latin", nil},
		// The dictd metadata entries are not words.
		{"00-database-short", nil},
	}
	for _, tt := range tests {
		if got := l.English(tt.en); !slices.Equal(got, tt.want) {
			t.Errorf("English(%q) = %q, want %q", tt.en, got, tt.want)
		}
	}
	if got, want := l.Hindi("सभा"), []string{"rally"}; !slices.Equal(got, want) {
		t.Errorf("Hindi(सभा) = %q, want %q", got, want)
	}
	var heads []string
	for _, e := range l.Entries() {
		heads = append(heads, e.En)
	}
	if want := []string{"ballot", "chief minister", "gloss", "rally"}; !slices.Equal(heads, want) {
		t.Errorf("entries = %q, want %q", heads, want)
	}
}

// TestLoadFreedictUncompressed checks that a plain .dict beside its index
// reads the same as the dictzip one.
func TestLoadFreedictUncompressed(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Open(filepath.Join("testdata", "mini.dict.dz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := os.ReadFile(filepath.Join("testdata", "mini.index"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "mini.dict"), string(raw))
	writeFile(t, filepath.Join(dir, "mini.index"), string(idx))
	l, err := LoadFreedict(filepath.Join(dir, "mini.dict"))
	if err != nil {
		t.Fatalf("LoadFreedict: %v", err)
	}
	if got, want := l.English("rally"), []string{"रैली", "जनसभा", "सभा"}; !slices.Equal(got, want) {
		t.Errorf("English(rally) = %q, want %q", got, want)
	}
}

func TestLoadFreedictErrors(t *testing.T) {
	dir := t.TempDir()
	dict := "rally <N>\n1. रैली\n" // 21 bytes
	writeFile(t, filepath.Join(dir, "ok.dict"), dict)
	tests := []struct {
		name, index, wantErr string
	}{
		{"outside", "rally\tA\tZZ\n", "outside"},
		{"bad offset", "rally\t*\tB\n", "offset"},
		{"bad length", "rally\tA\t\n", "length"},
		{"too few fields", "rally\tA\n", "3 tab-separated fields"},
	}
	for _, tt := range tests {
		base := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_"))
		writeFile(t, base+".dict", dict)
		writeFile(t, base+".index", tt.index)
		_, err := LoadFreedict(base + ".dict")
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: err = %v, want one mentioning %q", tt.name, err, tt.wantErr)
		}
	}
	if _, err := LoadFreedict(filepath.Join(dir, "absent.dict.dz")); err == nil {
		t.Errorf("absent file: no error")
	}
	// A .dz that is not gzip is an error, not an empty lexicon.
	writeFile(t, filepath.Join(dir, "plain.dict.dz"), dict)
	writeFile(t, filepath.Join(dir, "plain.index"), "rally\tA\tV\n")
	if _, err := LoadFreedict(filepath.Join(dir, "plain.dict.dz")); err == nil {
		t.Errorf("non-gzip .dz: no error")
	}
}

func TestDecodeB64(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"A", 0, false},
		{"B", 1, false},
		{"t", 45, false},
		{"/", 63, false},
		{"BA", 64, false},
		{"KW9a", 10*64*64*64 + 22*64*64 + 61*64 + 26, false}, // "resignation" in Debian's index
		{"", 0, true},
		{"A=", 0, true},
		{"AAAAAAAAAAA", 0, true}, // longer than any int64 offset needs
	}
	for _, tt := range tests {
		got, err := decodeB64(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("decodeB64(%q) = %d, %v; want %d, err %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestLoadFreedictInstalled reads Debian's package when it is installed.
func TestLoadFreedictInstalled(t *testing.T) {
	if _, err := os.Stat(FreedictPath); err != nil {
		t.Skipf("dict-freedict-eng-hin is not installed: %v", err)
	}
	l, err := LoadFreedict(FreedictPath)
	if err != nil {
		t.Fatalf("LoadFreedict: %v", err)
	}
	t.Logf("FreeDict entries with Hindi: %d", l.Len())
	if l.Len() < 10000 {
		t.Errorf("only %d entries, want over 10000", l.Len())
	}
	for _, en := range []string{"resignation", "election"} {
		hi := l.English(en)
		if len(hi) == 0 {
			t.Errorf("English(%q) is empty", en)
		}
		for _, h := range hi {
			if !strings.ContainsFunc(h, func(r rune) bool { return unicode.Is(unicode.Devanagari, r) }) {
				t.Errorf("English(%q) has non-Devanagari %q", en, h)
			}
		}
	}
	if !slices.Contains(l.English("resignation"), "त्यागपत्र") {
		t.Errorf("English(resignation) = %q, want त्यागपत्र among them", l.English("resignation"))
	}
	if !slices.Contains(l.Hindi("चुनाव"), "election") {
		t.Errorf("Hindi(चुनाव) = %q, want election among them", l.Hindi("चुनाव"))
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
