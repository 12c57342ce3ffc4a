package server

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsearch/bilingual/analyzers"
	"github.com/newsearch/bilingual/articles"
	"github.com/newsearch/bilingual/index"
)

// MaxQueryBytes bounds the query text a request may carry.
const MaxQueryBytes = 1024

// ParamError is a bad request parameter; the handler answers it with 400.
type ParamError struct {
	Param string
	Msg   string
}

func (e *ParamError) Error() string { return fmt.Sprintf("parameter %s: %s", e.Param, e.Msg) }

func paramErr(param, format string, args ...any) error {
	return &ParamError{Param: param, Msg: fmt.Sprintf(format, args...)}
}

// ParseQuery splits a raw query string into its parameters like
// url.ParseQuery, but fails on the first pair it cannot read with a
// ParamError naming its key: net/http drops such a pair silently, so
// q=modi% would search for everything. A raw ';' is refused too, for the
// same reason (Go no longer takes it for a separator).
func ParseQuery(raw string) (url.Values, error) {
	v := url.Values{}
	for pair := range strings.SplitSeq(raw, "&") {
		if pair == "" {
			continue
		}
		rawKey, rawVal, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(rawKey)
		if err != nil {
			return nil, paramErr(clip(rawKey), "invalid percent-encoding in the parameter's name (write %% as %%25)")
		}
		if strings.Contains(pair, ";") {
			return nil, paramErr(clip(key), "holds a raw ';' (separate parameters with &, write ; as %%3B)")
		}
		val, err := url.QueryUnescape(rawVal)
		if err != nil {
			return nil, paramErr(clip(key), "invalid percent-encoding in %q (write %% as %%25)", clip(rawVal))
		}
		v[key] = append(v[key], val)
	}
	return v, nil
}

// knownParam reports whether /api/search accepts a parameter; anything else is
// a 400, so a misspelt filter is not silently ignored.
func knownParam(k string) bool {
	switch k {
	case "q", "op", "person", "party", "source", "place", "lang", "from", "to", "sort", "size", "offset", "facet_size", "collapse", "cursor":
		return true
	}
	return false
}

// ParseSearch reads /api/search parameters into an index.Request.
func ParseSearch(v map[string][]string) (index.Request, error) {
	var r index.Request
	for k := range v {
		if !knownParam(k) {
			return r, paramErr(k, "unknown parameter")
		}
	}
	one := func(name string) (string, error) {
		vs := v[name]
		if len(vs) > 1 {
			return "", paramErr(name, "given %d times, want at most once", len(vs))
		}
		if len(vs) == 0 {
			return "", nil
		}
		if !utf8.ValidString(vs[0]) {
			return "", paramErr(name, "not valid UTF-8")
		}
		return vs[0], nil
	}
	var err error
	if r.Q, err = one("q"); err != nil {
		return r, err
	}
	if len(r.Q) > MaxQueryBytes {
		return r, paramErr("q", "longer than %d bytes", MaxQueryBytes)
	}
	for _, p := range []struct {
		name string
		dst  *[]string
	}{{"person", &r.People}, {"party", &r.Parties}, {"source", &r.Sources}, {"place", &r.Places}} {
		for _, s := range v[p.name] {
			s = strings.TrimSpace(s)
			if s == "" || !utf8.ValidString(s) || len(s) > MaxQueryBytes {
				return r, paramErr(p.name, "%q is not a name or id", clip(s))
			}
			*p.dst = append(*p.dst, s)
		}
	}
	for _, l := range v["lang"] {
		if lang, ok := analyzers.LanguageOf(l); !ok || !lang.Document {
			return r, paramErr("lang", "%q is not one of %s", clip(l), strings.Join(analyzers.DocumentLanguages(), ", "))
		}
		r.Langs = append(r.Langs, l)
	}
	for _, p := range []struct {
		name string
		dst  *time.Time
		end  bool
	}{{"from", &r.From, false}, {"to", &r.To, true}} {
		s, err := one(p.name)
		if err != nil {
			return r, err
		}
		if s == "" {
			continue
		}
		t, ok := parsePeriod(s, p.end)
		if !ok {
			return r, paramErr(p.name, "%q is not a date YYYY-MM-DD, a month YYYY-MM or a year YYYY", clip(s))
		}
		if why := articles.CheckYear(t); why != "" {
			return r, paramErr(p.name, "%s: %s", s, why)
		}
		*p.dst = t
	}
	if !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
		return r, paramErr("to", "is before from")
	}
	if r.Sort, err = one("sort"); err != nil {
		return r, err
	}
	switch r.Sort {
	case "", index.SortRelevance, index.SortDate, index.SortDateDesc:
	default:
		return r, paramErr("sort", "%q is not one of relevance, date, -date", clip(r.Sort))
	}
	if r.Op, err = one("op"); err != nil {
		return r, err
	}
	switch r.Op {
	case index.OpAuto, index.OpAnd, index.OpOr:
	default:
		return r, paramErr("op", "%q is not one of and, or", clip(r.Op))
	}
	if r.Size, err = intParam(one, "size", index.DefaultSize, 0, index.MaxSize); err != nil {
		return r, err
	}
	r.CountOnly = r.Size == 0
	if r.FacetSize, err = intParam(one, "facet_size", index.FacetSize, 1, index.MaxFacetSize); err != nil {
		return r, err
	}
	if r.Offset, err = intParam(one, "offset", 0, 0, index.MaxOffset); err != nil {
		return r, err
	}
	c, err := one("collapse")
	if err != nil {
		return r, err
	}
	switch c {
	case "", "true":
	case "false":
		r.NoCollapse = true
	default:
		return r, paramErr("collapse", "%q is not one of true, false", clip(c))
	}
	cursor, err := one("cursor")
	if err != nil || cursor == "" {
		return r, err
	}
	if r.Sort != index.SortDate && r.Sort != index.SortDateDesc {
		return r, paramErr("cursor", "needs sort=date or sort=-date")
	}
	if r.Offset != 0 {
		return r, paramErr("cursor", "cannot be combined with offset")
	}
	if r.After, err = index.DecodeCursor(cursor); err != nil {
		return r, paramErr("cursor", "%q is not a cursor from a search's answer: %v", clip(cursor), err)
	}
	return r, nil
}

// parsePeriod reads a day (YYYY-MM-DD), month (YYYY-MM) or year (YYYY): its
// first day, or with end its last, so from=2020-04&to=2020-04 is April.
func parsePeriod(s string, end bool) (time.Time, bool) {
	for _, p := range []struct {
		layout      string
		years, mons int
	}{{time.DateOnly, 0, 0}, {"2006-01", 0, 1}, {"2006", 1, 0}} {
		if len(s) != len(p.layout) {
			continue
		}
		t, err := time.Parse(p.layout, s)
		if err != nil {
			return time.Time{}, false
		}
		if end && p.layout != time.DateOnly {
			t = t.AddDate(p.years, p.mons, -1)
		}
		return t, true
	}
	return time.Time{}, false
}

func intParam(one func(string) (string, error), name string, def, lo, hi int) (int, error) {
	s, err := one(name)
	if err != nil || s == "" {
		return def, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, paramErr(name, "%q is not a whole number", clip(s))
	}
	if n < lo || n > hi {
		return 0, paramErr(name, "%d is outside %d..%d", n, lo, hi)
	}
	return n, nil
}

// clip shortens a value quoted back in an error message.
func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	i := 40
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
