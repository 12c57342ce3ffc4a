package lexicon

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// FreedictPath is where Debian's dict-freedict-eng-hin package installs the
// compressed dictionary; its index sits beside it with the suffix ".index".
const FreedictPath = "/usr/share/dictd/freedict-eng-hin.dict.dz"

// maxFreedictWords bounds the length of a FreeDict rendering: longer ones are
// explanatory glosses ("a sound made with the tongue and lips ...") that would
// only add noise to a translated query.
const maxFreedictWords = 3

// LoadFreedict reads a dictd English–Hindi dictionary (the FreeDict one from
// Debian by default) as a fallback lexicon. path names the .dict.dz (or .dict)
// file; the .index file is found beside it. The data is GPL, so it is only
// ever read at run time and never embedded.
func LoadFreedict(path string) (*Lexicon, error) {
	base := strings.TrimSuffix(strings.TrimSuffix(path, ".dz"), ".dict")
	dict, err := readDict(path)
	if err != nil {
		return nil, err
	}
	indexPath := base + ".index"
	f, err := os.Open(indexPath)
	if err != nil {
		return nil, fmt.Errorf("lexicon: freedict index: %w", err)
	}
	defer f.Close()

	var entries []Entry
	pos := make(map[string]int)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		head, off, size, err := parseIndexLine(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("lexicon: %s:%d: %w", indexPath, n, err)
		}
		if strings.HasPrefix(head, "00database") || strings.HasPrefix(head, "00-database") {
			continue
		}
		if off > int64(len(dict)) || size > int64(len(dict))-off {
			return nil, fmt.Errorf("lexicon: %s:%d: entry %q at %d+%d lies outside the %d-byte dictionary",
				indexPath, n, head, off, size, len(dict))
		}
		en := collapseSpace(strings.ToLower(head))
		hi := freedictRenderings(dict[off : off+size])
		if en == "" || len(hi) == 0 {
			continue
		}
		if i, ok := pos[en]; ok {
			entries[i].Hi = appendNew(entries[i].Hi, hi...)
			continue
		}
		pos[en] = len(entries)
		entries = append(entries, Entry{En: en, Hi: hi})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: reading %s: %w", indexPath, err)
	}
	return build(entries), nil
}

// readDict returns the whole uncompressed dictionary; dictzip files are
// ordinary gzip streams, and this dictionary is small enough to hold in memory.
func readDict(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("lexicon: freedict dictionary: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".dz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("lexicon: reading %s: %w", path, err)
	}
	return b, nil
}

// parseIndexLine splits a dictd index line "headword TAB offset TAB length",
// with offset and length in dictd's base64 digits.
func parseIndexLine(line string) (head string, off, size int64, err error) {
	f := strings.Split(line, "\t")
	if len(f) < 3 {
		return "", 0, 0, fmt.Errorf("want 3 tab-separated fields, got %d in %q", len(f), line)
	}
	if off, err = decodeB64(f[1]); err != nil {
		return "", 0, 0, fmt.Errorf("offset of %q: %w", f[0], err)
	}
	if size, err = decodeB64(f[2]); err != nil {
		return "", 0, 0, fmt.Errorf("length of %q: %w", f[0], err)
	}
	return f[0], off, size, nil
}

// errB64 reports a malformed dictd number.
var errB64 = errors.New("bad dictd base64 number")

// decodeB64 decodes dictd's unpadded big-endian base-64 numbers.
func decodeB64(s string) (int64, error) {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	if s == "" || len(s) > 10 {
		return 0, fmt.Errorf("%w: %q", errB64, s)
	}
	var n int64
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(digits, s[i])
		if d < 0 {
			return 0, fmt.Errorf("%w: %q", errB64, s)
		}
		n = n*64 + int64(d)
	}
	return n, nil
}

var (
	// senseLine matches FreeDict's numbered sense lines ("1. चुनाव"); the
	// headword line (pronunciation, POS tag) and quoted examples do not match.
	senseLine = regexp.MustCompile(`^\s*\d+\.\s*(.*)$`)
	// annotation matches editorial notes in braces ("{inf.}", "{deposit}").
	annotation = regexp.MustCompile(`\{[^}]*\}`)
)

// freedictRenderings extracts the Devanagari translations from one entry
// body, dropping renderings that hold Latin text or are long glosses.
func freedictRenderings(body []byte) []string {
	var out []string
	for _, line := range strings.Split(string(body), "\n") {
		m := senseLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		text := annotation.ReplaceAllString(m[1], " ")
		for _, part := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == '/' }) {
			part = strings.ReplaceAll(part, "~", " ")
			// Some renderings carry a stray Latin letter from the source markup ("माँसr").
			part = strings.TrimRight(strings.TrimSpace(part), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
			part = collapseSpace(norm.NFC.String(part))
			if checkHindi(part) != nil || len(strings.Fields(part)) > maxFreedictWords {
				continue
			}
			out = appendNew(out, part)
		}
	}
	return out
}
