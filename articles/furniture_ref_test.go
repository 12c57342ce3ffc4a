package articles

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsearch/bilingual/internal/shared"
)

// The furniture rule as it was before its scan was made faster: the tests
// hold the fast one to it, span for span (TestFurnitureLikeReference,
// FuzzFurniture).

func refFurniture(body string) []Span {
	var out []Span
	add := func(s, e int) {
		if n := len(out); n > 0 && strings.TrimSpace(body[min(out[n-1].End, s):s]) == "" {
			out[n-1].End = max(out[n-1].End, e)
			return
		}
		out = append(out, Span{s, e})
	}
	takeNext := false // a cue stood alone on its line: the headline is on the next
	for start := 0; start < len(body); {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		line := body[start:end]
		ls := start + (len(line) - len(strings.TrimLeft(line, " \t\r\u00a0•*>|-–—")))
		trimmed := strings.TrimSpace(body[ls:end])
		switch {
		case trimmed == "":
			// blank lines keep a pending cue for the next line
		case takeNext:
			takeNext = false
			if utf8.RuneCountInString(trimmed) <= maxCueLineRunes {
				add(ls, end)
			}
		default:
			if at, rest, ok := refReadCue(body, start, end); ok {
				if utf8.RuneCountInString(body[at:end]) <= maxCueLineRunes {
					add(at, end)
					takeNext = strings.Trim(rest, " \t\r\u00a0:-–—|>»") == ""
				}
			} else if refIsPromo(trimmed) || refIsShareBar(trimmed) || refIsHeadlineList(trimmed) {
				add(ls, end)
			}
		}
		start = end + 1
	}
	return out
}

func refReadCue(body string, start, end int) (at int, rest string, ok bool) {
	line := body[start:end]
	try := func(i int) (int, string, bool) {
		for _, c := range readCues {
			if n := refHasPrefixFold(line[i:], c); n > 0 {
				after := line[i+n:]
				next, _ := utf8.DecodeRuneInString(after)
				if after == "" || !unicode.IsLetter(next) && !unicode.In(next, unicode.Mn, unicode.Mc) {
					return start + i, after, true
				}
			}
		}
		return 0, "", false
	}
	first := len(line) - len(strings.TrimLeft(line, " \t\r\u00a0•*>|-–—"))
	if at, rest, ok := try(first); ok {
		return at, rest, true
	}
	for i, r := range line {
		if !strings.ContainsRune(".?!।|", r) {
			continue
		}
		j := i + utf8.RuneLen(r)
		k := len(line) - len(strings.TrimLeft(line[j:], " \t\u00a0"))
		if k > j && k < len(line) {
			if at, rest, ok := try(k); ok {
				return at, rest, true
			}
		}
	}
	return 0, "", false
}

func refHasPrefixFold(s, p string) int {
	if len(s) < len(p) {
		return 0
	}
	if strings.EqualFold(s[:len(p)], p) {
		return len(p)
	}
	return 0
}

func refIsPromo(line string) bool {
	if utf8.RuneCountInString(line) > maxCueLineRunes {
		return false
	}
	for _, c := range promoCues {
		if refHasPrefixFold(line, c) > 0 {
			return true
		}
	}
	return false
}

func refIsShareBar(line string) bool {
	if len(line) > 120 {
		return false
	}
	var b strings.Builder
	for _, r := range line {
		switch {
		case r < utf8.RuneSelf && unicode.IsLetter(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || unicode.IsPunct(r) || r == '|':
		default:
			return false
		}
	}
	s := b.String()
	if s == "" {
		return false
	}
	words := 0
	for s != "" {
		found := false
		for _, w := range shareWords {
			if strings.HasPrefix(s, w) {
				s, found = s[len(w):], true
				words++
				break
			}
		}
		if !found {
			return false
		}
	}
	return words >= 2 || len(line) <= 12 && words == 1 && strings.EqualFold(strings.Trim(line, " :|"), "share")
}

func refIsHeadlineList(line string) bool {
	words, caps, latin, commas := 0, 0, 0, 0
	for _, w := range strings.Fields(line) {
		words++
		if strings.HasSuffix(w, ",") {
			commas++
		}
		w = strings.TrimLeft(w, `"'“‘(`)
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.Is(unicode.Latin, r) {
			if unicode.IsDigit(r) {
				latin++ // numbers stand in headlines: "Hiring For 118 Posts"
				caps++
			}
			continue
		}
		latin++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return latin >= minHeadlineListWords && latin*10 >= words*9 && caps*100 >= latin*headlineCapsPercent &&
		commas*maxCommaPer <= words
}

// TestFurnitureLikeReference holds Furniture to refFurniture on the seeds,
// on every article of the shared corpus and on lines made to meet each rule.
func TestFurnitureLikeReference(t *testing.T) {
	bodies := []string{
		"x. ALSO READ | y\nz", "x।  यह भी पढ़ें: y", "ſubscribe to our channel", "Kelvin: ALSO READ| x",
		"Sign up for news\nFacebook Twitter\n" + strings.Repeat("Big Words Here, ", 8) + "End",
		strings.Repeat("Big Words Here ", 8), strings.Repeat("Big Words Here ", 5) + "End", "a.\xe0\xa5 also read",
		"trending\nनई लाइन",
	}
	seeds, err := filepath.Glob("../testdata/seeds/*.txt")
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	for _, f := range seeds {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, string(b))
	}
	if shared.Dir() != "" {
		inputs := []string{shared.Path(t, "corpus/en-inshorts-2020.jsonl"), shared.Path(t, "corpus/hi-news-2020.jsonl"),
			shared.Path(t, "corpus/en-toi-headlines.jsonl")}
		if _, err := (Reader{}).Read(context.Background(), inputs, func(r Record) error {
			bodies = append(bodies, r.Doc.Body)
			return nil
		}, nil); err != nil {
			t.Fatal(err)
		}
	}
	found := 0
	for _, b := range bodies {
		got, want := Furniture(b), refFurniture(b)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Furniture(%q) = %v, the reference %v", b, got, want)
		}
		found += len(want)
	}
	// The corpus has a few dozen such spans; the made-up lines have several.
	if found < 5 {
		t.Fatalf("only %d spans in %d bodies: the comparison tests little", found, len(bodies))
	}
}

// BenchmarkFurniture scans the shared corpus's bodies with the rule and with
// its reference, for the speed-up's figure.
func BenchmarkFurniture(b *testing.B) {
	var bodies []string
	size := 0
	inputs := []string{shared.Path(b, "corpus/en-inshorts-2020.jsonl"), shared.Path(b, "corpus/hi-news-2020.jsonl")}
	if _, err := (Reader{}).Read(context.Background(), inputs, func(r Record) error {
		bodies = append(bodies, r.Doc.Body)
		size += len(r.Doc.Body)
		return nil
	}, nil); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    func(string) []Span
	}{{"reference", refFurniture}, {"now", Furniture}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, body := range bodies {
					c.f(body)
				}
			}
		})
	}
}
