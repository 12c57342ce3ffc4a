package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsearch/bilingual/index"
)

// freePort returns a loopback address nothing listens on just now.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// startSearchd runs searchd with args on a new empty index until the test
// ends, and returns its base URL once it serves.
func startSearchd(t *testing.T, args ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := index.Open(dir, index.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var logs syncBuffer
	code := make(chan int, 1)
	go func() { code <- run(ctx, append([]string{"--index", dir}, args...), io.Discard, &logs) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-code:
		case <-time.After(30 * time.Second):
			t.Error("searchd did not stop within 30s")
		}
	})
	apiRE := regexp.MustCompile(`msg=serving addr=(http://\S+)`)
	for wait := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if m := apiRE.FindStringSubmatch(logs.String()); m != nil {
			return m[1]
		}
		select {
		case c := <-code:
			t.Fatalf("searchd exited with %d:\n%s", c, logs.String())
		default:
		}
		if time.Now().After(wait) {
			t.Fatalf("searchd did not start serving within 60s:\n%s", logs.String())
		}
	}
}

// TestEnvironmentConfigures checks that SEARCHD_ADDR and SEARCHD_ADMIN_TOKEN
// configure searchd, and that flags on the command line beat them.
func TestEnvironmentConfigures(t *testing.T) {
	const envToken, flagToken = "env-token-0123456789", "flag-token-0123456789"
	tests := []struct {
		name     string
		flags    bool // give --addr and --admin-token too
		wantAddr string
		token    string // the token writes need
		refused  string // a token they refuse
	}{
		{name: "environment alone", token: envToken, refused: flagToken},
		{name: "flags beat the environment", flags: true, token: flagToken, refused: envToken},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			envAddr, flagAddr := freePort(t), freePort(t)
			t.Setenv("SEARCHD_ADDR", envAddr)
			t.Setenv("SEARCHD_ADMIN_TOKEN", envToken)
			want, args := envAddr, []string(nil)
			if tc.flags {
				want, args = flagAddr, []string{"--addr", flagAddr, "--admin-token", flagToken}
			}
			base := startSearchd(t, args...)
			if base != "http://"+want {
				t.Fatalf("serving at %s, want http://%s", base, want)
			}
			post := func(token string) int {
				req, err := http.NewRequest("POST", base+"/api/docs", strings.NewReader(`{"id":"e1","text":"Patna."}`))
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Authorization", "Bearer "+token)
				res, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				return res.StatusCode
			}
			if got := post(tc.refused); got != http.StatusUnauthorized {
				t.Errorf("write with the overridden token = %d, want 401", got)
			}
			if got := post(tc.token); got != http.StatusOK {
				t.Errorf("write with the token in force = %d, want 200", got)
			}
		})
	}
}

func TestEnvironmentErrors(t *testing.T) {
	t.Setenv("SEARCHD_MAX_CONNS", "lots")
	var errb bytes.Buffer
	if code := run(context.Background(), []string{"--index", t.TempDir()}, io.Discard, &errb); code != 2 ||
		!strings.Contains(errb.String(), "$SEARCHD_MAX_CONNS") {
		t.Errorf("run with a bad SEARCHD_MAX_CONNS = %d, %q; want 2 naming the variable", code, errb.String())
	}
}

func TestVersionAndHelp(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"--version"}, &out, &errb); code != 0 {
		t.Fatalf("--version = %d: %s", code, errb.String())
	}
	if want := fmt.Sprintf("index format %d\n", index.FormatVersion); !strings.HasPrefix(out.String(), "searchd ") ||
		!strings.Contains(out.String(), want) {
		t.Errorf("--version printed %q, want searchd VERSION and %q", out.String(), want)
	}
	out.Reset()
	errb.Reset()
	if code := run(context.Background(), []string{"--help"}, &out, &errb); code != 0 {
		t.Fatalf("--help = %d", code)
	}
	for _, want := range []string{"set from the environment", "[$SEARCHD_ADDR]", "[$SEARCHD_INDEX]", "[$SEARCHD_LOG_QUERIES]", "--snapshot-dir"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("--help lacks %q:\n%s", want, errb.String())
		}
	}
}
