package analyzers

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// protectedData is the list of words the Hindi light stemmer must leave
// alone or stem to a given form; see the file's header for the format.
//
//go:embed data/hi_protected.txt
var protectedData string

// protectFilter marks protected tokens as keywords, which Bleve's Hindi
// stemmer skips, and rewrites those with a chosen stem to it.
type protectFilter struct {
	// stems maps a normalized word to its stem; "" means keep the word.
	stems map[string]string
}

// parseProtected reads lines of `word` or `word<TAB>stem`, with blank lines
// and `#` comments ignored. Words and stems are normalized the way the Hindi
// chain normalizes tokens before the stemmer, so the list can be written in
// ordinary spelling.
func parseProtected(data string) (map[string]string, error) {
	stems := make(map[string]string)
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.Trim(sc.Text(), " \r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) > 2 {
			return nil, fmt.Errorf("line %d: %d tab-separated fields, want word or word<TAB>stem", n, len(fields))
		}
		word := normalizeProtected(fields[0])
		if word == "" || strings.ContainsAny(word, " \u00a0") {
			return nil, fmt.Errorf("line %d: word %q is not a single word", n, fields[0])
		}
		stem := ""
		if len(fields) == 2 {
			stem = normalizeProtected(fields[1])
			if stem == "" {
				return nil, fmt.Errorf("line %d: empty stem for %q", n, fields[0])
			}
		}
		if old, dup := stems[word]; dup && old != stem {
			return nil, fmt.Errorf("line %d: %q already listed with stem %q", n, fields[0], old)
		}
		stems[word] = stem
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading protected words: %w", err)
	}
	return stems, nil
}

func normalizeProtected(s string) string {
	return strings.ToLower(FoldDevanagari(strings.TrimSpace(s)))
}

func newProtectFilter(data string) (*protectFilter, error) {
	stems, err := parseProtected(data)
	if err != nil {
		return nil, fmt.Errorf("data/hi_protected.txt: %w", err)
	}
	return &protectFilter{stems: stems}, nil
}

// Filter implements analysis.TokenFilter.
func (f *protectFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		stem, ok := f.stems[string(tok.Term)]
		if !ok {
			continue
		}
		tok.KeyWord = true
		if stem != "" {
			tok.Term = []byte(stem)
		}
	}
	return input
}
