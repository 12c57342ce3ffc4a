package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		raw   string
		want  url.Values // when it parses
		param string     // the parameter a refusal names
	}{
		{"", url.Values{}, ""},
		{"q=modi&lang=hi&lang=en", url.Values{"q": {"modi"}, "lang": {"hi", "en"}}, ""},
		{"q=a+b%20c&&x", url.Values{"q": {"a b c"}, "x": {""}}, ""},
		{"q=%E0%A4%AE", url.Values{"q": {"म"}}, ""},
		{"q=50%25", url.Values{"q": {"50%"}}, ""},
		{"q=modi%", nil, "q"},
		{"lang=%zz", nil, "lang"},
		{"q=ok&from=2019%2", nil, "from"},
		{"%zz=1", nil, "%zz"},
		{"q=a;b", nil, "q"},
		{"q=a&size=1;offset=2", nil, "size"},
	}
	for _, tc := range tests {
		v, err := ParseQuery(tc.raw)
		var pe *ParamError
		switch {
		case tc.param == "" && (err != nil || !reflect.DeepEqual(v, tc.want)):
			t.Errorf("ParseQuery(%q) = %v, %v; want %v", tc.raw, v, err, tc.want)
		case tc.param != "" && (!errors.As(err, &pe) || pe.Param != tc.param):
			t.Errorf("ParseQuery(%q) = %v, %v; want an error naming %s", tc.raw, v, err, tc.param)
		}
	}
}

// FuzzParseQuery: whatever url.ParseQuery reads without error, ParseQuery
// reads the same; whatever it refuses, ParseQuery refuses naming a parameter.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"q=x", "q=modi%", "lang=%zz", "a;b", "%zz", "q=%E0%A4", "=x&&y="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		want, werr := url.ParseQuery(raw)
		got, err := ParseQuery(raw)
		var pe *ParamError
		switch {
		case werr == nil && (err != nil || !reflect.DeepEqual(got, want)):
			t.Fatalf("ParseQuery(%q) = %v, %v; url.ParseQuery %v", raw, got, err, want)
		case werr != nil && !errors.As(err, &pe):
			t.Fatalf("ParseQuery(%q) = %v, %v; want a ParamError (url.ParseQuery: %v)", raw, got, err, werr)
		}
	})
}

// A parameter that cannot be read is a 400 naming it on every route that
// takes parameters, never a search without it.
func TestUnreadableParameters(t *testing.T) {
	ts := seedServer(t)
	tests := []struct{ path, param string }{
		{"/api/search?q=modi%", "q"},
		{"/api/search?q=modi&lang=%zz", "lang"},
		{"/api/search?from=2019-01-0%", "from"},
		{"/api/search?to=%zz", "to"},
		{"/api/search?q=modi;lang=hi", "q"},
		{"/api/search?%zz=1", "%zz"},
		{"/api/facets/people?prefix=ra%", "prefix"},
		{"/api/facets/parties?prefix=%zzb", "prefix"},
	}
	for _, tc := range tests {
		code, body := get(t, ts, tc.path)
		var e struct{ Error string }
		if code != http.StatusBadRequest || json.Unmarshal(body, &e) != nil || !strings.Contains(e.Error, "parameter "+tc.param) {
			t.Errorf("GET %s: %d %s; want 400 naming parameter %s", tc.path, code, body, tc.param)
		}
	}
	for _, tc := range []struct{ path, param string }{{"/?q=modi%", "q"}, {"/?q=modi&lang=%zz", "lang"}} {
		res, doc := getPage(t, ts, tc.path)
		msg := textOf(one(t, doc, "error notice", byClass("p", "error-msg")))
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(msg, "parameter "+tc.param) {
			t.Errorf("GET %s: %d, notice %q; want 400 naming parameter %s", tc.path, res.StatusCode, msg, tc.param)
		}
		if tc.param != "q" {
			box := one(t, doc, "search box", func(n *html.Node) bool { return n.Data == "input" && attr(n, "name") == "q" })
			if attr(box, "value") != "modi" {
				t.Errorf("GET %s: search box holds %q, want the query kept", tc.path, attr(box, "value"))
			}
		}
	}
}

// /static/ answers a name no embedded file can have with 404, never 500.
func TestStaticNeverFails(t *testing.T) {
	ts := seedServer(t)
	for _, p := range []string{"/static/a%ffb", "/static/%ff", "/static/app.js%00", "/static/a%2F..%2Fpage.html",
		"/static/.%2Fapp.js", "/static/%2e%2e/page.go", "/static/a\\b"} {
		code, _ := get(t, ts, p)
		if code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", p, code)
		}
	}
}

// POST /api/docs refuses a date the index cannot store, by line, and keeps
// the good records; the API's date filters have the same bounds.
func TestDatesOutsideTheIndexRange(t *testing.T) {
	ts := writableServer(t, nil)
	body := `{"id":"d-ok","text":"Nitish Kumar met Lalu Prasad in Patna.","date":"2019-06-29"}` + "\n" +
		`{"id":"d-old","text":"Nitish Kumar met Lalu Prasad in Patna.","date":"1600-01-01"}` + "\n"
	status, b, _ := do(t, "POST", ts.URL+"/api/docs", testToken, body)
	var res struct {
		Indexed  int
		Rejected []struct {
			Line   int
			Reason string
		}
	}
	if err := json.Unmarshal(b, &res); err != nil || status != http.StatusOK || res.Indexed != 1 || len(res.Rejected) != 1 ||
		res.Rejected[0].Line != 2 || !strings.Contains(res.Rejected[0].Reason, "year 1600 is outside the years 1700..2200") {
		t.Errorf("POST: %d %s; want 200, 1 indexed, line 2 rejected for its year", status, b)
	}
	if code, _ := get(t, ts, "/api/docs/d-old"); code != http.StatusNotFound {
		t.Errorf("the refused record was indexed: GET status %d", code)
	}
	for _, q := range []string{"from=1699-12-31", "to=2201-01-01"} {
		code, body := get(t, ts, "/api/search?"+q)
		if code != http.StatusBadRequest || !strings.Contains(string(body), "outside the years 1700..2200") {
			t.Errorf("%s: %d %s; want 400 naming the years", q, code, body)
		}
	}
}
