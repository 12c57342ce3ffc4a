package bench

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// IndexRun is one indexing run of a program over a corpus.
type IndexRun struct {
	Name       string
	Docs       int           // documents the program reported indexed
	Elapsed    time.Duration // wall time, process start to exit
	MaxRSS     int64         // peak resident set size in bytes
	IndexBytes int64         // size of the index directory afterwards
	InputBytes int64         // size of the corpus file
}

// DocsPerSec is the indexing rate in documents per second.
func (r IndexRun) DocsPerSec() float64 { return float64(r.Docs) / r.Elapsed.Seconds() }

// MBPerSec is the indexing rate in megabytes (10^6) of input JSONL per second.
func (r IndexRun) MBPerSec() float64 { return float64(r.InputBytes) / 1e6 / r.Elapsed.Seconds() }

// RunIndexer runs argv, a program that builds the index in dir from input and
// prints a summary line with "indexed=N", and measures it. dir is removed first.
func RunIndexer(ctx context.Context, name string, argv []string, dir, input string) (IndexRun, error) {
	run := IndexRun{Name: name}
	fi, err := os.Stat(input)
	if err != nil {
		return run, fmt.Errorf("%s: %w", name, err)
	}
	run.InputBytes = fi.Size()
	if err := os.RemoveAll(dir); err != nil {
		return run, fmt.Errorf("%s: remove old index: %w", name, err)
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	began := time.Now()
	err = cmd.Run()
	run.Elapsed = time.Since(began)
	if err != nil {
		return run, fmt.Errorf("%s: %s: %w\n%s", name, strings.Join(argv, " "), err, tail(stderr.String(), 2000))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		run.MaxRSS = ru.Maxrss * 1024 // Linux reports kilobytes
	}
	if run.Docs, err = parseIndexed(stdout.String()); err != nil {
		return run, fmt.Errorf("%s: %w", name, err)
	}
	if run.IndexBytes, err = DirSize(dir); err != nil {
		return run, fmt.Errorf("%s: %w", name, err)
	}
	return run, nil
}

// parseIndexed returns N from the last "indexed=N" field of a summary.
func parseIndexed(out string) (int, error) {
	f := strings.Fields(out)
	for i := len(f) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(f[i], "indexed="); ok {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return 0, fmt.Errorf("bad count in %q", f[i])
			}
			return n, nil
		}
	}
	return 0, fmt.Errorf("no indexed=N in output %q", tail(out, 500))
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// Server is a running searchd started for a benchmark.
type Server struct {
	Base    string        // http://127.0.0.1:PORT
	Startup time.Duration // process start until /healthz answered 200
	cmd     *exec.Cmd
	done    chan error
	stderr  *bytes.Buffer
	stop    sync.Once
	stopErr error
}

// startupLimit bounds how long a server may take to answer /healthz.
const startupLimit = 2 * time.Minute

// StartServer starts bin (searchd) on a free loopback port over the index in
// dir and waits until /healthz answers 200.
func StartServer(ctx context.Context, bin, dir string) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("searchd: find a free port: %w", err)
	}
	addr := ln.Addr().String()
	ln.Close()
	s := &Server{Base: "http://" + addr, done: make(chan error, 1), stderr: &bytes.Buffer{}}
	s.cmd = exec.Command(bin, "--index", dir, "--addr", addr)
	s.cmd.Stderr = &lockedWriter{w: s.stderr}
	began := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("searchd: start %s: %w", bin, err)
	}
	go func() { s.done <- s.cmd.Wait() }()
	c := &http.Client{Timeout: time.Second}
	for {
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("searchd exited before it was healthy: %v\n%s", err, tail(s.stderr.String(), 2000))
		case <-ctx.Done():
			s.Stop()
			return nil, ctx.Err()
		default:
		}
		if resp, err := c.Get(s.Base + "/healthz"); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				s.Startup = time.Since(began)
				return s, nil
			}
		}
		if time.Since(began) > startupLimit {
			s.Stop()
			return nil, fmt.Errorf("searchd not healthy after %s", startupLimit)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// lockedWriter lets the child's stderr be read while it is being written.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// Memory returns the server's current and peak resident set sizes in bytes,
// from /proc/PID/status (VmRSS, VmHWM).
func (s *Server) Memory() (rss, peak int64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0, fmt.Errorf("searchd memory: %w", err)
	}
	defer f.Close()
	return parseStatus(f)
}

// parseStatus reads VmRSS and VmHWM, in bytes, from a /proc/PID/status file.
func parseStatus(r io.Reader) (rss, peak int64, err error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil || n < 0 || n > 1<<40 {
			return 0, 0, fmt.Errorf("searchd memory: %s: bad value %q", k, v)
		}
		if k == "VmRSS" {
			rss = n * 1024
		} else {
			peak = n * 1024
		}
	}
	if err := sc.Err(); err != nil {
		return 0, 0, fmt.Errorf("searchd memory: %w", err)
	}
	return rss, peak, nil
}

// Stop ends the server with SIGTERM, and kills it when it has not exited
// within ten seconds. Calls after the first return the first one's result.
// Counters reads the named counters from the server's /metrics, in order;
// one it does not serve reads 0.
func (s *Server) Counters(ctx context.Context, names ...string) ([]float64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.Base+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET /metrics: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET /metrics: status %d", res.StatusCode)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(res.Body)
	if err != nil {
		return nil, fmt.Errorf("parse /metrics: %w", err)
	}
	out := make([]float64, len(names))
	for i, n := range names {
		if f := fams[n]; f != nil && len(f.GetMetric()) > 0 {
			out[i] = f.GetMetric()[0].GetCounter().GetValue()
		}
	}
	return out, nil
}

func (s *Server) Stop() error {
	s.stop.Do(func() { s.stopErr = s.terminate() })
	return s.stopErr
}

func (s *Server) terminate() error {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			return fmt.Errorf("searchd: %w", err)
		}
		return nil
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		return errors.New("searchd did not stop on SIGTERM; killed")
	}
}

// NewClient returns an HTTP client for up to conns concurrent loopback requests.
func NewClient(conns int) *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: conns, MaxIdleConnsPerHost: conns, IdleConnTimeout: time.Minute}}
}

// get runs one search and reports whether it answered 200.
func get(ctx context.Context, c *http.Client, u string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return false
	}
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return err == nil && resp.StatusCode == http.StatusOK
}

// Latency is the latency distribution of one query class.
type Latency struct {
	Class         string
	N, Errors     int
	P50, P95, P99 time.Duration
	// FirstP50 is the median of each query's first run, before any cache
	// the server keeps by query could answer it.
	FirstP50 time.Duration
}

// MeasureLatency sends n requests of class c one after another, cycling
// through its queries after one warming pass, and times each. Errors count
// non-200 answers in both.
func MeasureLatency(ctx context.Context, c *http.Client, base string, class QueryClass, n int) Latency {
	l := Latency{Class: class.Name}
	urls := make([]string, len(class.Queries))
	first := make([]time.Duration, 0, len(urls))
	for i, q := range class.Queries {
		urls[i] = base + "/api/search?" + q.Encode()
		began := time.Now()
		if !get(ctx, c, urls[i]) {
			l.Errors++
		}
		first = append(first, time.Since(began))
	}
	l.FirstP50 = Percentile(first, 50)
	ds := make([]time.Duration, 0, n)
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		began := time.Now()
		if !get(ctx, c, urls[i%len(urls)]) {
			l.Errors++
		}
		ds = append(ds, time.Since(began))
	}
	l.N = len(ds)
	l.P50, l.P95, l.P99 = Percentile(ds, 50), Percentile(ds, 95), Percentile(ds, 99)
	return l
}

// Throughput is the outcome of a concurrent load run.
type Throughput struct {
	Clients, Requests, Errors int
	Elapsed                   time.Duration
	Rounds                    int // rounds over the queries begun
}

// QPS is the completed requests per second.
func (t Throughput) QPS() float64 { return float64(t.Requests) / t.Elapsed.Seconds() }

// MeasureThroughput runs clients concurrent clients over the queries of all
// classes in turn for dur or until maxRequests requests have been sent.
// With pad > 0, round k over the queries (from 0) pads each q with pad+k
// trailing spaces: searchd reads the same query, but keys its caches by q
// as typed, so each request is a first run (a filtered one still follows
// its unfiltered search of the same round, as a reader's click does); the
// next run's pad is this one's plus its Rounds.
func MeasureThroughput(ctx context.Context, c *http.Client, base string, classes []QueryClass, clients int, dur time.Duration, maxRequests, pad int) Throughput {
	var queries []url.Values
	for _, cl := range classes {
		queries = append(queries, cl.Queries...)
	}
	urlOf := func(i int) string {
		q := queries[i%len(queries)]
		if pad > 0 {
			q = maps.Clone(q)
			q.Set("q", q.Get("q")+strings.Repeat(" ", pad+i/len(queries)))
		}
		return base + "/api/search?" + q.Encode()
	}
	ctx, cancel := context.WithTimeout(ctx, dur)
	defer cancel()
	var next, errs atomic.Int64
	var done atomic.Int64
	var wg sync.WaitGroup
	began := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= int64(maxRequests) {
					return
				}
				ok := get(ctx, c, urlOf(int(i)))
				if ctx.Err() != nil {
					return // cut short by the deadline: neither a result nor an error
				}
				done.Add(1)
				if !ok {
					errs.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return Throughput{Clients: clients, Requests: int(done.Load()), Errors: int(errs.Load()), Elapsed: time.Since(began),
		Rounds: (int(next.Load()) + len(queries) - 1) / len(queries)}
}
