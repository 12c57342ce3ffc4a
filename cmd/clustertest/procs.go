package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// node is one searchd of the test cluster, which it can kill and restart.
type node struct {
	name    string
	args    []string // searchd's arguments, the same at every start
	http    string   // base URL
	natsURL string   // its embedded NATS server's client URL, "" if none
	shards  []int    // shards it holds
	logPath string
	cmd     *exec.Cmd
	done    chan struct{}
	up      atomic.Bool // ready and not being killed; read by the searching client
}

// freePort returns a loopback port free at the time of asking.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// start runs the node's searchd, appending its log to logPath.
func (n *node) start(bin string) error {
	f, err := os.OpenFile(n.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(bin, n.args...)
	cmd.Stdout, cmd.Stderr = f, f
	cmd.Env = append(os.Environ(), "GOMAXPROCS=2")
	if err := cmd.Start(); err != nil {
		f.Close()
		return fmt.Errorf("start %s: %w", n.name, err)
	}
	n.cmd, n.done = cmd, make(chan struct{})
	go func() {
		_ = cmd.Wait()
		n.up.Store(false)
		f.Close()
		close(n.done)
	}()
	return nil
}

// kill sends SIGKILL and waits for the process to be gone.
func (n *node) kill() {
	if n.cmd == nil {
		return
	}
	n.up.Store(false)
	_ = n.cmd.Process.Signal(syscall.SIGKILL)
	<-n.done
	n.cmd = nil
}

// exited reports whether the process has ended (or was never started).
func (n *node) exited() bool {
	if n.done == nil {
		return true
	}
	select {
	case <-n.done:
		return true
	default:
		return false
	}
}

// alive reports whether the node is ready and not being killed.
func (n *node) alive() bool { return n.up.Load() }

// nodeHealth is a cluster node's /healthz.
type nodeHealth struct {
	Status string `json:"status"`
	Shards []struct {
		Shard     int    `json:"shard"`
		Applied   uint64 `json:"applied"`
		Documents uint64 `json:"documents"`
		Serving   bool   `json:"serving"`
	} `json:"shards"`
}

func (n *node) health(ctx context.Context) (*nodeHealth, error) {
	var h nodeHealth
	err := getJSON(ctx, n.http+"/healthz", &h)
	return &h, err
}

// waitReady waits until the node answers /healthz with every shard it
// holds serving.
func (n *node) waitReady(ctx context.Context, within time.Duration) error {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if n.exited() {
			return fmt.Errorf("%s exited; log %s:\n%s", n.name, n.logPath, tail(n.logPath, 2000))
		}
		h, err := n.health(ctx)
		if err == nil && h.Status == "ok" {
			ready := len(h.Shards) == len(n.shards)
			for _, s := range h.Shards {
				ready = ready && s.Serving
			}
			if ready {
				n.up.Store(true)
				return nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("%s not ready within %s; log %s:\n%s", n.name, within, n.logPath, tail(n.logPath, 2000))
}

var client = &http.Client{Timeout: 60 * time.Second}

func getJSON(ctx context.Context, url string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 500))
		return fmt.Errorf("GET %s: status %d: %s", url, resp.StatusCode, strings.TrimSpace(string(b)))
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// logSpan is the time from the first log line of path with msg=from to
// the last with msg=to, read from their time= fields.
func logSpan(path, from, to string) (time.Duration, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	var start, end time.Time
	for line := range strings.SplitSeq(string(b), "\n") {
		ts, _, ok := strings.Cut(strings.TrimPrefix(line, "time="), " ")
		if !ok {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, ts)
		if err != nil {
			continue
		}
		if start.IsZero() && strings.Contains(line, "msg=\""+from+"\"") {
			start = t
		}
		if !start.IsZero() && strings.Contains(line, "msg=\""+to) {
			end = t
		}
	}
	return end.Sub(start), !start.IsZero() && !end.IsZero()
}

// tail returns the last n bytes of the file at path.
func tail(path string, n int) string {
	b, _ := os.ReadFile(path)
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// buildBinaries builds searchd and indexer into dir, returning their paths.
func buildBinaries(dir string) (searchd, indexer string, err error) {
	root, err := moduleRoot()
	if err != nil {
		return "", "", err
	}
	for _, name := range []string{"searchd", "indexer"} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, name), "./cmd/"+name)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", "", fmt.Errorf("go build %s: %v\n%s", name, err, out)
		}
	}
	return filepath.Join(dir, "searchd"), filepath.Join(dir, "indexer"), nil
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("not inside the module")
	}
	return filepath.Dir(mod), nil
}
