package main

import (
	"bytes"
	"context"
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
		{"bad connection limit", []string{"--index", t.TempDir(), "--max-conns", "0"}, 2, "must be positive"},
		{"short token", []string{"--index", t.TempDir(), "--admin-token", "fifteen-bytes!!"}, 2, "want at least 16"},
		{"help names the record limit", []string{"--help"}, 0, "--max-records"},
		{"help names the connection limit", []string{"--help"}, 0, "--max-conns"},
		{"help names the metrics address", []string{"--help"}, 0, "--metrics-addr"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var errb bytes.Buffer
			if code := run(context.Background(), tc.args, io.Discard, &errb); code != tc.code || !strings.Contains(errb.String(), tc.msg) {
				t.Errorf("run(%q) = %d, %q; want %d containing %q", tc.args, code, errb.String(), tc.code, tc.msg)
			}
		})
	}
}

func TestBeyondLoopback(t *testing.T) {
	tests := []struct {
		addr net.Addr
		want bool
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, false},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 8080}, false},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 8080}, true},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 8080}, true},
		{&net.TCPAddr{IP: net.IPv4(192, 168, 1, 5), Port: 8080}, true},
	}
	for _, tc := range tests {
		if got := beyondLoopback(tc.addr); got != tc.want {
			t.Errorf("beyondLoopback(%v) = %v, want %v", tc.addr, got, tc.want)
		}
	}
}
