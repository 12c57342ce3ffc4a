//go:build linux

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsearch/bilingual/index"
	"github.com/newsearch/bilingual/internal/diskfault"
)

// TestSearchdSurvivesWriteFailures makes searchd's disk refuse writes, a
// full tmpfs (as root) or a file size limit put on the running process
// (anywhere), and checks from outside: searches and lookups keep answering
// with the documents it had, writes get 507/503 saying nothing was written,
// /healthz says read-only and why, /metrics counts the failures, writes come
// back once the cause is gone, and the process never exits.
func TestSearchdSurvivesWriteFailures(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs searchd: not in -short")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "searchd")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		name   string
		status int
		reason string
		tmpfs  bool
	}{
		{"disk full", http.StatusInsufficientStorage, "disk full", true},
		{"file size limit", http.StatusServiceUnavailable, "file size limit reached", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			var cause, cure func()
			if tc.tmpfs {
				dir, cause, cure = diskfault.Tmpfs(t, t.TempDir())
			}
			idx, err := index.Open(dir, index.BuildOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := idx.Close(); err != nil {
				t.Fatal(err)
			}
			d := startDaemon(t, bin, dir)
			if !tc.tmpfs {
				var lift func() error
				cause = func() {
					if lift, err = diskfault.LimitProcess(d.cmd.Process.Pid, 64); err != nil {
						t.Skipf("file size limit on searchd: %v", err)
					}
				}
				cure = func() {
					if err := lift(); err != nil {
						t.Error(err)
					}
				}
			}
			c := &http.Client{Timeout: 30 * time.Second}
			if st, body, _ := postDocs(t, c, d.url, "kept", 20); st != http.StatusOK {
				t.Fatalf("first write: %d %s", st, body)
			}
			cause()

			var failed string
			for i := 0; failed == ""; i++ {
				st, body, hdr := postDocs(t, c, d.url, fmt.Sprint("lost", i), 20)
				switch {
				case st == tc.status:
					failed = fmt.Sprint("lost", i)
					if hdr.Get("Retry-After") == "" || !strings.Contains(body, tc.reason) {
						t.Errorf("failed write: Retry-After %q, body %s; want both, naming %q", hdr.Get("Retry-After"), body, tc.reason)
					}
					if !strings.Contains(body, `"applied":false`) {
						failed = "" // outcome unknown: nothing to check by id
						t.Logf("failed write of unknown outcome: %s", body)
						if i > 50 {
							t.Fatal("no write answered not applied")
						}
					}
				case st != http.StatusOK:
					t.Fatalf("write %d: %d %s; want 200 or %d", i, st, body, tc.status)
				case i == 50:
					t.Fatal("50 writes succeeded on a disk that refuses them")
				}
			}
			// Said not applied: not there, and asking does not crash anything.
			if st, body := get(t, c, d.url+"/api/docs/"+failed+"-3"); st != http.StatusNotFound {
				t.Errorf("GET a document of the failed write: %d %s; want 404", st, body)
			}
			if st, body := get(t, c, d.url+"/api/docs/kept-3"); st != http.StatusOK {
				t.Errorf("GET kept-3 after the failure: %d %s", st, body)
			}
			st, body := get(t, c, d.url+"/api/search?q=modi")
			var res struct{ Total int }
			if st != http.StatusOK || json.Unmarshal([]byte(body), &res) != nil || res.Total < 20 {
				t.Errorf("search after the failure: %d %.300s; want the 20 kept documents", st, body)
			}
			st, body = get(t, c, d.url+"/healthz")
			if st != http.StatusOK || !strings.Contains(body, `"status":"read-only"`) || !strings.Contains(body, tc.reason) {
				t.Errorf("/healthz during the fault: %d %s; want read-only naming %q", st, body, tc.reason)
			}
			if n := metric(t, c, d.url, "searchd_write_failures_total"); n < 1 {
				t.Errorf("searchd_write_failures_total = %v; want at least 1", n)
			}

			cure()
			var last string
			for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(250 * time.Millisecond) {
				st, body, _ := postDocs(t, c, d.url, "after", 2)
				if st == http.StatusOK {
					break
				}
				if last = fmt.Sprint(st, " ", body); time.Now().After(deadline) {
					t.Fatalf("writes did not come back once the cause was gone: %s", last)
				}
			}
			if st, body := get(t, c, d.url+"/healthz"); !strings.Contains(body, `"status":"ok"`) {
				t.Errorf("/healthz after recovery: %d %s", st, body)
			}
			select {
			case <-d.done:
				t.Fatal("searchd exited")
			default:
			}
		})
	}
}

// postDocs writes n documents with ids prefix-0.. in one request.
func postDocs(t *testing.T, c *http.Client, base, prefix string, n int) (int, string, http.Header) {
	t.Helper()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id":"%s-%d","title":"Modi report %d","text":%q}`+"\n", prefix, i, i,
			strings.Repeat(fmt.Sprintf("Prime Minister Modi spoke in Varanasi, %s %d. ", prefix, i), 40))
	}
	req, err := http.NewRequest(http.MethodPost, base+"/api/docs", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+crashToken)
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("POST: %v", err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body), res.Header
}

func get(t *testing.T, c *http.Client, url string) (int, string) {
	t.Helper()
	res, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// metric reads one unlabelled value from /metrics, or -1 when absent.
func metric(t *testing.T, c *http.Client, base, name string) float64 {
	t.Helper()
	_, body := get(t, c, base+"/metrics")
	m := regexp.MustCompile(`(?m)^` + name + ` (\S+)$`).FindStringSubmatch(body)
	if m == nil {
		return -1
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}
