package main

import (
	"bytes"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestOversizedHeaderIs431 checks that the server searchd builds refuses a
// request whose headers exceed MaxHeaderBytes before any handler runs.
func TestOversizedHeaderIs431(t *testing.T) {
	var handled atomic.Bool
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handled.Store(true) })
	hs := newHTTPServer(h, time.Second, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()

	tests := []struct {
		name   string
		header int // bytes in one header value
		status int
	}{
		{"small header", 1 << 10, http.StatusOK},
		{"header over the limit", 200 << 10, http.StatusRequestHeaderFieldsTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest("GET", "http://"+ln.Addr().String()+"/", nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("X-Padding", strings.Repeat("a", tc.header))
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			if res.StatusCode != tc.status {
				t.Errorf("status %d, want %d", res.StatusCode, tc.status)
			}
		})
	}
	if !handled.Load() {
		t.Error("the small request never reached the handler")
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"help names the write flags", []string{"--help"}, 0, "--admin-token"},
		{"help names CORS", []string{"--help"}, 0, "--cors-origin"},
		{"no index", nil, 2, "--index DIR is required"},
		{"missing index", []string{"--index", t.TempDir() + "/none"}, 2, "no such file"},
		{"bad body limit", []string{"--index", t.TempDir(), "--max-body-bytes", "0"}, 2, "must be positive"},
		{"bad record limit", []string{"--index", t.TempDir(), "--max-records", "0"}, 2, "must be positive"},
		{"help names the record limit", []string{"--help"}, 0, "--max-records"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var errb bytes.Buffer
			if code := run(tc.args, &errb); code != tc.code || !strings.Contains(errb.String(), tc.msg) {
				t.Errorf("run(%q) = %d, %q; want %d containing %q", tc.args, code, errb.String(), tc.code, tc.msg)
			}
		})
	}
}
