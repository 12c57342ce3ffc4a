package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsearch/bilingual/index"
)

const crashToken = "crash-test-token"

// daemon is one running searchd.
type daemon struct {
	cmd  *exec.Cmd
	url  string
	done chan struct{} // closed once the process has exited
}

// startDaemon runs bin on the index in dir, on a free loopback port, and
// waits until it says where it serves.
func startDaemon(t *testing.T, bin, dir string) *daemon {
	t.Helper()
	cmd := exec.Command(bin, "--index", dir, "--addr", "127.0.0.1:0", "--admin-token", crashToken)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	d := &daemon{cmd: cmd, done: make(chan struct{})}
	servingRE := regexp.MustCompile(`msg=serving addr=(http://\S+)`)
	urlc := make(chan string, 1)
	var tail strings.Builder
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			if m := servingRE.FindStringSubmatch(sc.Text()); m != nil {
				urlc <- m[1]
			} else if !strings.Contains(sc.Text(), "msg=request") && tail.Len() < 4096 {
				tail.WriteString(sc.Text() + "\n")
			}
		}
		_, _ = io.Copy(io.Discard, stderr)
		_ = cmd.Wait()
		close(d.done)
	}()
	t.Cleanup(func() { d.kill() })
	select {
	case d.url = <-urlc:
		return d
	case <-d.done:
		t.Fatalf("searchd exited before serving:\n%s", tail.String())
	case <-time.After(60 * time.Second):
		t.Fatal("searchd did not start serving within 60s")
	}
	return nil
}

// kill sends SIGKILL and waits for the process to be gone.
func (d *daemon) kill() {
	_ = d.cmd.Process.Signal(syscall.SIGKILL)
	<-d.done
}

// TestKilledSearchdKeepsAcknowledgedWrites streams writes into searchd from
// two clients, kills it with SIGKILL mid-stream, restarts it, and checks that
// every write it acknowledged survived. It repeats this three times.
func TestKilledSearchdKeepsAcknowledgedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills searchd: not in -short")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "searchd")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	dir := filepath.Join(tmp, "idx")
	idx, err := index.Open(dir, index.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}

	client := &http.Client{Timeout: 20 * time.Second}
	var acked []string // every acknowledged id, over all trials
	d := startDaemon(t, bin, dir)
	for trial := range 3 {
		killAfter := 20 + 40*trial // acknowledgements before the kill
		var (
			mu       sync.Mutex
			ids      []string
			broken   int // writers whose stream the kill cut
			wg       sync.WaitGroup
			enough   = make(chan struct{})
			closeOne sync.Once
		)
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		for w := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ctx.Err() == nil; i++ {
					id := fmt.Sprintf("t%d-w%d-%d", trial, w, i)
					body := fmt.Sprintf(`{"id":%q,"title":"Trial %d","text":"Rahul Gandhi और भाजपा, write %d of writer %d."}`, id, trial, i, w)
					err := post(ctx, client, d.url, body)
					if err != nil {
						mu.Lock()
						if broken == 0 {
							t.Logf("trial %d: writer %d stopped by: %v", trial, w, err)
						}
						broken++
						mu.Unlock()
						return
					}
					mu.Lock()
					ids = append(ids, id)
					if len(ids) >= killAfter {
						closeOne.Do(func() { close(enough) })
					}
					mu.Unlock()
				}
			}()
		}
		select {
		case <-enough:
		case <-ctx.Done():
			t.Fatalf("trial %d: not %d acknowledgements within 90s", trial, killAfter)
		}
		d.kill()
		wg.Wait()
		cancel()
		mu.Lock()
		before := len(ids)
		mu.Unlock()
		t.Logf("trial %d: killed after %d acknowledged writes; %d of 2 streams cut by the kill", trial, before, broken)
		if before == 0 || broken == 0 {
			t.Errorf("trial %d: kill did not land mid-stream (%d acks before, %d streams broken)", trial, before, broken)
		}
		acked = append(acked, ids...)

		d = startDaemon(t, bin, dir)
		missing := 0
		for _, id := range acked {
			res, err := client.Get(d.url + "/api/docs/" + id)
			if err != nil {
				t.Fatalf("trial %d: GET %s: %v", trial, id, err)
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				missing++
				if missing <= 5 {
					t.Errorf("trial %d: acknowledged %s is gone after restart (%s)", trial, id, res.Status)
				}
			}
		}
		t.Logf("trial %d: after restart %d of %d acknowledged writes found", trial, len(acked)-missing, len(acked))
	}
	_ = d.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-d.done:
	case <-time.After(30 * time.Second):
		t.Error("searchd did not stop within 30s of SIGTERM")
	}
}

// post writes one document and reports an error unless it was acknowledged.
func post(ctx context.Context, c *http.Client, base, body string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/docs", strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+crashToken)
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK || !strings.Contains(string(b), `"indexed":1`) {
		return errors.New(res.Status + ": " + string(b))
	}
	return nil
}
