package server

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsearch/bilingual/index"
)

func TestParseSearch(t *testing.T) {
	r, err := ParseSearch(url.Values{"q": {"इस्तीफा"}, "lang": {"hi", "mixed"}, "from": {"2019-06-01"},
		"to": {"2019-06-30"}, "sort": {"-date"}, "size": {"20"}, "offset": {"40"}})
	if err != nil {
		t.Fatal(err)
	}
	want := index.Request{Q: "इस्तीफा", Langs: []string{"hi", "mixed"},
		From: time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2019, 6, 30, 0, 0, 0, 0, time.UTC),
		Sort: "-date", Size: 20, Offset: 40}
	if r.Q != want.Q || len(r.Langs) != 2 || !r.From.Equal(want.From) || !r.To.Equal(want.To) ||
		r.Sort != want.Sort || r.Size != want.Size || r.Offset != want.Offset {
		t.Errorf("got %+v, want %+v", r, want)
	}
	r, err = ParseSearch(url.Values{})
	if err != nil || r.Size != index.DefaultSize || r.Offset != 0 {
		t.Errorf("defaults: %+v, %v", r, err)
	}
}

func FuzzParseSearch(f *testing.F) {
	for _, s := range []string{"q=x", "size=10&offset=5", "from=2019-01-01&to=2018-01-01", "lang=hi&lang=xx",
		"q=%E0%A4", "size=-1", "size=0", "facet_size=501", "from=2019&to=2019-02", "size=99999999999999999999", "sort=-date", "q=a&q=b", "sort=-date&cursor=W10", "cursor=x&offset=3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		r, err := ParseSearch(v)
		if err != nil {
			var pe *ParamError
			if !errors.As(err, &pe) || pe.Param == "" {
				t.Fatalf("error %v does not name a parameter", err)
			}
			return
		}
		if r.Size < 0 || r.Size > index.MaxSize || (r.Size == 0) != r.CountOnly || r.Offset < 0 || r.Offset > index.MaxOffset {
			t.Fatalf("accepted out-of-range size %d offset %d (counts only %v)", r.Size, r.Offset, r.CountOnly)
		}
		if r.FacetSize < 1 || r.FacetSize > index.MaxFacetSize {
			t.Fatalf("accepted facet size %d", r.FacetSize)
		}
		if !utf8.ValidString(r.Q) || len(r.Q) > MaxQueryBytes {
			t.Fatalf("accepted bad q %q", r.Q)
		}
	})
}

// lang= takes only the languages a document can be in, and says which.
func TestParseSearchLang(t *testing.T) {
	for _, l := range []string{"xx", "deva", "other", "EN", ""} {
		_, err := ParseSearch(url.Values{"lang": {l}})
		var pe *ParamError
		if !errors.As(err, &pe) || pe.Param != "lang" || !strings.Contains(pe.Msg, "en, hi, mixed") {
			t.Errorf("lang=%q: error %v, want one naming lang and en, hi, mixed", l, err)
		}
	}
}

// op= says how many of the query's concepts a match needs.
func TestParseSearchOp(t *testing.T) {
	for _, c := range []struct {
		op   string
		want string
		bad  bool
	}{{"and", index.OpAnd, false}, {"or", index.OpOr, false}, {"", index.OpAuto, false}, {"AND", "", true}, {"most", "", true}} {
		r, err := ParseSearch(url.Values{"q": {"modi lockdown"}, "op": {c.op}})
		var pe *ParamError
		switch {
		case c.bad && (!errors.As(err, &pe) || pe.Param != "op"):
			t.Errorf("op=%q: %v, want a 400 naming op", c.op, err)
		case !c.bad && (err != nil || r.Op != c.want):
			t.Errorf("op=%q: %+v, %v; want op %q", c.op, r, err, c.want)
		}
	}
}

func TestParseCollapse(t *testing.T) {
	for _, c := range []struct {
		raw    string
		no     bool
		failed bool
	}{{"", false, false}, {"collapse=true", false, false}, {"collapse=false", true, false}, {"collapse=no", false, true}, {"collapse=1", false, true}} {
		v, _ := url.ParseQuery(c.raw)
		r, err := ParseSearch(v)
		var pe *ParamError
		if c.failed != (err != nil) || c.failed && (!errors.As(err, &pe) || pe.Param != "collapse") || r.NoCollapse != c.no {
			t.Errorf("%q: NoCollapse %v, err %v; want %v, failure %v", c.raw, r.NoCollapse, err, c.no, c.failed)
		}
	}
}
