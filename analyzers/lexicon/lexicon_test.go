package lexicon

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/blevesearch/go-porterstemmer"

	"github.com/newsearch/bilingual/internal/shared"
)

func mustLoad(t *testing.T) *Lexicon {
	t.Helper()
	l, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return l
}

func TestLoadValidates(t *testing.T) {
	l := mustLoad(t)
	entries := l.Entries()
	if len(entries) < 1500 {
		t.Errorf("got %d entries, want at least 1500", len(entries))
	}
	if l.Len() != len(entries) {
		t.Errorf("Len() = %d, Entries() has %d", l.Len(), len(entries))
	}
	seen := make(map[string]bool)
	for _, e := range entries {
		if seen[e.En] {
			t.Errorf("duplicate english key %q", e.En)
		}
		seen[e.En] = true
		if e.En == "" || e.En != strings.ToLower(e.En) {
			t.Errorf("english %q is empty or not lowercase", e.En)
		}
		for _, r := range e.En {
			if r > unicode.MaxASCII || unicode.IsUpper(r) {
				t.Errorf("english %q has non-latin or uppercase %q", e.En, r)
			}
		}
		if len(e.Hi) == 0 {
			t.Errorf("english %q has no hindi", e.En)
		}
		for _, h := range e.Hi {
			if h == "" || strings.TrimSpace(h) != h || strings.Contains(h, "  ") {
				t.Errorf("%q: hindi %q is empty or badly spaced", e.En, h)
			}
			for _, r := range h {
				if r != ' ' && !unicode.Is(unicode.Devanagari, r) {
					t.Errorf("%q: hindi %q has non-devanagari %q", e.En, h, r)
				}
			}
		}
	}
}

func TestEnglish(t *testing.T) {
	l := mustLoad(t)
	tests := []struct {
		en   string
		want string // one rendering that must be present
	}{
		{"resignation", "इस्तीफा"},
		{"resignation", "त्यागपत्र"},
		{"resign", "इस्तीफा"},
		{"election", "चुनाव"},
		{"spokesperson", "प्रवक्ता"},
		{"chief minister", "मुख्यमंत्री"},
		{"Chief  Minister", "मुख्यमंत्री"}, // case and spacing are folded
		{"defeat", "हार"},
		{"opposition", "विपक्ष"},
		{"alliance", "गठबंधन"},
		{"lockdown", "लॉकडाउन"},
		{"hospital", "अस्पताल"},
		{"farmer", "किसान"},
		{"no confidence motion", "अविश्वास प्रस्ताव"},
		{"lok sabha", "लोकसभा"},
	}
	for _, tt := range tests {
		got := l.English(tt.en)
		if !slices.Contains(got, tt.want) {
			t.Errorf("English(%q) = %q, want it to contain %q", tt.en, got, tt.want)
		}
	}
	if got := l.English("zzqx"); got != nil {
		t.Errorf("English(unknown) = %q, want nil", got)
	}
}

func TestHindi(t *testing.T) {
	l := mustLoad(t)
	tests := []struct {
		hi   string
		want string
	}{
		{"इस्तीफे", "resignation"},
		{"इस्तीफा", "resignation"},
		{"चुनाव", "election"},
		{"प्रवक्ता", "spokesperson"},
		{"मुख्यमंत्री", "chief minister"},
		{"हार", "defeat"},
		{"किसानों", "farmer"},
		// Decomposed nukta (U+0915 U+093C style) must match after NFC.
		{"इस्तीफ\u093c\u093e", "resignation"},
		{"\u095Bमानत", "bail"}, // precomposed ज़ (U+095B) decomposes under NFC
	}
	for _, tt := range tests {
		got := l.Hindi(tt.hi)
		if !slices.Contains(got, tt.want) {
			t.Errorf("Hindi(%q) = %q, want it to contain %q", tt.hi, got, tt.want)
		}
	}
	if got := l.Hindi("क्ष्ज्ञ"); got != nil {
		t.Errorf("Hindi(unknown) = %q, want nil", got)
	}
}

func TestEntriesIsACopy(t *testing.T) {
	l := mustLoad(t)
	e := l.Entries()
	e[0].Hi[0] = "बदला"
	if got := l.Entries()[0].Hi[0]; got == "बदला" {
		t.Errorf("mutating Entries() changed the lexicon")
	}
	h := l.English("election")
	h[0] = "बदला"
	if got := l.English("election")[0]; got == "बदला" {
		t.Errorf("mutating English() changed the lexicon")
	}
}

func TestParseLine(t *testing.T) {
	tests := []struct {
		line    string
		want    Entry
		ok      bool
		wantErr bool
	}{
		{"", Entry{}, false, false},
		{"   ", Entry{}, false, false},
		{"# comment\twith tab", Entry{}, false, false},
		{"election\tचुनाव|निर्वाचन", Entry{"election", []string{"चुनाव", "निर्वाचन"}}, true, false},
		{"chief  minister\tमुख्यमंत्री|सीएम\r", Entry{"chief minister", []string{"मुख्यमंत्री", "सीएम"}}, true, false},
		{"vote\tवोट|वोट", Entry{"vote", []string{"वोट"}}, true, false},
		{"no-confidence motion\tअविश्वास  प्रस्ताव", Entry{"no-confidence motion", []string{"अविश्वास प्रस्ताव"}}, true, false},
		{"covid-19\tकोविड", Entry{"covid-19", []string{"कोविड"}}, true, false},
		{"election", Entry{}, false, true},               // no tab
		{"Election\tचुनाव", Entry{}, false, true},        // uppercase
		{"\tचुनाव", Entry{}, false, true},                // empty english
		{"election\t", Entry{}, false, true},             // empty hindi
		{"election\tचुनाव||मत", Entry{}, false, true},    // empty alternative
		{"election\tchunav", Entry{}, false, true},       // latin hindi side
		{"election\tचुनाव।", Entry{}, false, true},       // danda
		{"election\tचुनाव\textra", Entry{}, false, true}, // two tabs
		{"चुनाव\tचुनाव", Entry{}, false, true},           // devanagari english
		{"123\tएक सौ तेईस", Entry{}, false, true},        // no letter
		{"résumé\tबायोडाटा", Entry{}, false, true},       // non-ascii latin
		{"election\tচুনাও", Entry{}, false, true},        // bengali script
	}
	for _, tt := range tests {
		got, ok, err := parseLine(tt.line)
		if (err != nil) != tt.wantErr {
			t.Errorf("parseLine(%q) error = %v, wantErr %v", tt.line, err, tt.wantErr)
			continue
		}
		if ok != tt.ok || got.En != tt.want.En || !slices.Equal(got.Hi, tt.want.Hi) {
			t.Errorf("parseLine(%q) = %+v, %v; want %+v, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseRejectsDuplicates(t *testing.T) {
	_, err := parse("# x\nvote\tवोट\nballot\tमतपत्र\nvote\tमत\n")
	if err == nil || !strings.Contains(err.Error(), "line 4") || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("parse with duplicate key: err = %v, want one naming lines 4 and 2", err)
	}
	_, err = parse("vote\tवोट\nbad line\n")
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("parse with bad line: err = %v, want one naming line 2", err)
	}
}

func TestHindiSharedAcrossEntries(t *testing.T) {
	l, err := parse("win\tजीत|विजय\nvictory\tजीत|विजय\n")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := l.Hindi("जीत"), []string{"win", "victory"}; !slices.Equal(got, want) {
		t.Errorf("Hindi(जीत) = %q, want %q in file order", got, want)
	}
}

func FuzzParseLine(f *testing.F) {
	for _, s := range []string{
		"election\tचुनाव|निर्वाचन",
		"chief minister\tमुख्यमंत्री|सीएम",
		"# comment",
		"",
		"a\tक",
		"bad",
		"x\t|",
		"bail\tज\u093cमानत",
		"election\tचुनाव\t",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		e, ok, err := parseLine(line)
		if err != nil || !ok {
			if ok {
				t.Fatalf("ok with error %v", err)
			}
			return
		}
		if checkEnglish(e.En) != nil || e.En != strings.ToLower(e.En) {
			t.Fatalf("accepted bad english %q", e.En)
		}
		if len(e.Hi) == 0 {
			t.Fatalf("accepted %q with no hindi", line)
		}
		for _, h := range e.Hi {
			if checkHindi(h) != nil || collapseSpace(h) != h {
				t.Fatalf("accepted bad hindi %q", h)
			}
		}
		// A parsed entry written back out must parse to itself.
		again, ok2, err := parseLine(e.En + "\t" + strings.Join(e.Hi, "|"))
		if err != nil || !ok2 || again.En != e.En || !slices.Equal(again.Hi, e.Hi) {
			t.Fatalf("round trip of %+v gave %+v, %v, %v", e, again, ok2, err)
		}
	})
}

// TestCoverageFIRE measures how many content words of the FIRE 2012 English
// topic titles the lexicon can translate, the first thing a query translator
// needs. Words are matched as the consumer will: Porter-stemmed, and inside the
// longest lexicon phrase that starts at their position ("bharat ratna").
func TestCoverageFIRE(t *testing.T) {
	topics := shared.Path(t, "eval/fire12/topics.fire12en.176-225.txt")
	stopPath := shared.Path(t, "lexicon/stopwords-iso-1.1.0_en.txt")
	stopData, err := os.ReadFile(stopPath)
	if err != nil {
		t.Fatal(err)
	}
	stop := make(map[string]bool)
	for _, w := range strings.Fields(strings.ToLower(string(stopData))) {
		stop[w] = true
	}
	data, err := os.ReadFile(topics)
	if err != nil {
		t.Fatal(err)
	}
	l := mustLoad(t)
	keys := make(map[string]bool)
	maxWords := 1
	for _, e := range l.Entries() {
		ws := strings.Fields(e.En)
		keys[stemAll(ws)] = true
		maxWords = max(maxWords, len(ws))
	}
	titleRE := regexp.MustCompile(`(?s)<title>(.*?)</title>`)
	wordRE := regexp.MustCompile(`[a-z]+`)
	var total, covered int
	var missed []string
	for _, m := range titleRE.FindAllStringSubmatch(string(data), -1) {
		words := wordRE.FindAllString(strings.ToLower(m[1]), -1)
		for i := 0; i < len(words); {
			n := 0
			for k := min(maxWords, len(words)-i); k >= 1; k-- {
				if keys[stemAll(words[i:i+k])] {
					n = k
					break
				}
			}
			for _, w := range words[i : i+max(n, 1)] {
				if stop[w] || len(w) < 2 {
					continue
				}
				total++
				if n > 0 {
					covered++
				} else {
					missed = append(missed, w)
				}
			}
			i += max(n, 1)
		}
	}
	if total == 0 {
		t.Fatal("no title words found")
	}
	pct := 100 * float64(covered) / float64(total)
	t.Logf("FIRE 2012 title content words covered: %d/%d = %.1f%%; missed: %s", covered, total, pct, strings.Join(missed, " "))
	if pct < 60 {
		t.Errorf("coverage %.1f%% below the 60%% floor", pct)
	}
}

// stemAll Porter-stems each word, as the consumer does with English queries.
func stemAll(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = porterstemmer.StemString(w)
	}
	return strings.Join(out, " ")
}
