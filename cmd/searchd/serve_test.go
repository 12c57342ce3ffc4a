package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsearch/bilingual/index"
)

// syncBuffer is a bytes.Buffer that run's logger and the test can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestMetricsOnItsOwnAddress runs searchd with --metrics-addr and checks that
// /metrics is served there, counting the API's requests, and not on --addr;
// then that searchd stops cleanly when told to.
func TestMetricsOnItsOwnAddress(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := index.Open(dir, index.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs syncBuffer
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"--index", dir, "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0"}, io.Discard, &logs)
	}()
	addrRE := regexp.MustCompile(`msg="serving metrics" addr=(http://\S+)/metrics`)
	apiRE := regexp.MustCompile(`msg=serving addr=(http://\S+)`)
	var api, metrics string
	for wait := time.Now().Add(60 * time.Second); metrics == ""; time.Sleep(20 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(logs.String()); m != nil {
			metrics, api = m[1], apiRE.FindStringSubmatch(logs.String())[1]
		}
		if time.Now().After(wait) {
			t.Fatalf("searchd did not start serving within 60s:\n%s", logs.String())
		}
	}
	if strings.Contains(logs.String(), "beyond loopback") {
		t.Errorf("a loopback address was warned about:\n%s", logs.String())
	}
	client := &http.Client{Timeout: 10 * time.Second}
	get := func(url string) (int, string) {
		t.Helper()
		res, err := client.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if status, _ := get(api + "/healthz"); status != 200 {
		t.Errorf("GET /healthz = %d, want 200", status)
	}
	if status, _ := get(api + "/metrics"); status != http.StatusNotFound {
		t.Errorf("GET /metrics on --addr = %d, want 404", status)
	}
	if status, body := get(metrics + "/metrics"); status != 200 || !strings.Contains(body, `searchd_http_requests_total{code="200",route="/healthz"} 1`) {
		t.Errorf("GET /metrics on --metrics-addr = %d; want 200 counting the /healthz request:\n%.2000s", status, body)
	}
	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("run = %d after ctx ended, want 0:\n%s", c, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("searchd did not stop within 30s")
	}
}
