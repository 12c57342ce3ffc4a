package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// spec is the part of the OpenAPI description the tests read.
type spec struct {
	OpenAPI string `json:"openapi"`
	Paths   map[string]map[string]struct {
		Parameters []param `json:"parameters"`
	} `json:"paths"`
	Components struct {
		Parameters map[string]param `json:"parameters"`
	} `json:"components"`
}

type param struct {
	Ref  string `json:"$ref"`
	Name string `json:"name"`
	In   string `json:"in"`
}

func loadSpec(t *testing.T, ts *httptest.Server) spec {
	t.Helper()
	code, body := get(t, ts, "/api/openapi.json")
	if code != http.StatusOK {
		t.Fatalf("/api/openapi.json: status %d", code)
	}
	var sp spec
	if err := json.Unmarshal(body, &sp); err != nil {
		t.Fatalf("/api/openapi.json: %v", err)
	}
	if !strings.HasPrefix(sp.OpenAPI, "3.") || len(sp.Paths) == 0 {
		t.Fatalf("not an OpenAPI 3 description: %q, %d paths", sp.OpenAPI, len(sp.Paths))
	}
	return sp
}

// resolve follows a parameter's $ref into the components.
func (sp spec) resolve(t *testing.T, p param) param {
	if p.Ref == "" {
		return p
	}
	name := strings.TrimPrefix(p.Ref, "#/components/parameters/")
	q, ok := sp.Components.Parameters[name]
	if !ok {
		t.Fatalf("parameter %s is not among the components", p.Ref)
	}
	return q
}

// specPath is the path the description gives a mux pattern: /{$} is /, and
// the static file tree is /static/{file}.
func specPath(pattern string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	switch {
	case path == "/{$}":
		path = "/"
	case strings.HasSuffix(path, "/"):
		path += "{file}"
	}
	return strings.ToLower(method), path
}

// Every route the server registers is described, and every described
// route is registered.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	s := seedHandler(t)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	sp := loadSpec(t, ts)
	mux, _ := s.routes(true)
	registered := map[string]bool{}
	for _, p := range mux.patterns {
		method, path := specPath(p)
		registered[method+" "+path] = true
		if _, ok := sp.Paths[path][method]; !ok {
			t.Errorf("route %q is not described in openapi.json", p)
		}
	}
	for path, ops := range sp.Paths {
		for method := range ops {
			if !registered[method+" "+path] {
				t.Errorf("openapi.json describes %s %s, which the server does not serve", method, path)
			}
		}
	}
}

// examples are values each described parameter accepts.
var examples = map[string]string{
	"q": "modi", "op": "and", "person": "rahul-gandhi", "party": "BJP", "source": "x", "place": "IN-RJ",
	"lang": "en", "from": "2019", "to": "2020-06", "sort": "-date", "size": "5", "offset": "0",
	"facet_size": "30", "collapse": "false", "format": "csv", "prefix": "ra",
	"id": "000_a40097178b98bcf5", "facet": "people", "file": "app.css",
}

// Every described query parameter of a GET route is accepted there: alone,
// with an example value, it is never refused as unknown.
func TestOpenAPIParametersAccepted(t *testing.T) {
	ts := seedServer(t)
	sp := loadSpec(t, ts)
	for path, ops := range sp.Paths {
		op, ok := ops["get"]
		if !ok || path == "/metrics" {
			continue
		}
		u := path
		var queries []string
		for _, p := range op.Parameters {
			p = sp.resolve(t, p)
			switch p.In {
			case "path":
				u = strings.ReplaceAll(u, "{"+p.Name+"}", url.PathEscape(examples[p.Name]))
			case "query":
				queries = append(queries, p.Name)
			}
		}
		slices.Sort(queries)
		for _, name := range queries {
			v, ok := examples[name]
			if !ok {
				v = "x" // a cursor: refused as unreadable, by name, not as unknown
			}
			code, body := get(t, ts, u+"?"+url.Values{name: {v}}.Encode())
			if code >= 500 || strings.Contains(string(body), "unknown parameter") {
				t.Errorf("GET %s?%s=%s: %d %s", u, name, v, code, body)
			}
		}
	}
}
