package main

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"
)

// TestConnCapHoldsAgainstIdleFlood opens ten times the cap of keep-alive
// connections, each sending one request and then holding on, as the flood
// that used up searchd's file handles did: the cap must hold, a normal client
// must still be served, and the server must close the flood's idle
// connections down to half the cap while the flood still holds them, rather
// than keep them for the idle timeout.
func TestConnCapHoldsAgainstIdleFlood(t *testing.T) {
	const maxConns, flood = 8, 80
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok") })
	hs := newHTTPServer(h, time.Second, quiet)
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := &countingListener{Listener: inner}
	go func() { _ = hs.Serve(limitConns(hs, ln, maxConns, quiet)) }()
	defer hs.Close()
	addr := ln.Addr().String()

	// A bound on the whole test: far beyond what it needs, far below the
	// two-minute idle timeout a held connection would wait for.
	deadline := time.Now().Add(30 * time.Second)
	var answered, done sync.WaitGroup
	errs := make(chan error, flood)
	conns := make([]net.Conn, 0, flood)
	defer func() {
		for _, c := range conns {
			_ = c.Close()
		}
		done.Wait()
	}()
	for range flood {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatalf("dial: %v", err)
		}
		conns = append(conns, c)
		answered.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			_ = c.SetDeadline(deadline)
			br := bufio.NewReader(c)
			err := func() error {
				defer answered.Done()
				if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: flood\r\n\r\n"); err != nil {
					return err
				}
				res, err := http.ReadResponse(br, nil)
				if err != nil {
					return err
				}
				_, _ = io.Copy(io.Discard, res.Body)
				return res.Body.Close()
			}()
			if err != nil {
				errs <- err
				return
			}
			_, _ = br.ReadByte() // hold the connection as an idle keep-alive client would
		}()
	}

	client := &http.Client{Timeout: time.Until(deadline), Transport: &http.Transport{DisableKeepAlives: true}}
	res, err := client.Get("http://" + addr + "/")
	if err != nil {
		t.Fatalf("normal client during the flood: %v", err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || string(body) != "ok" {
		t.Errorf("normal client = %d %q; want 200 ok", res.StatusCode, body)
	}
	answered.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("flood connection: %v", err)
	}
	for {
		open, _ := ln.counts()
		if open <= maxConns/2 {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("the server still holds %d idle connections (cap %d)", open, maxConns)
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, peak := ln.counts(); peak > maxConns {
		t.Errorf("%d connections open at once; the cap is %d", peak, maxConns)
	}
}

// countingListener counts the connections open on it, down to the socket:
// it sits under the cap.
type countingListener struct {
	net.Listener
	mu         sync.Mutex
	open, peak int
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	l.open++
	l.peak = max(l.peak, l.open)
	l.mu.Unlock()
	return &countedConn{Conn: c, l: l}, nil
}

// counts returns the connections open now and the most ever open at once.
func (l *countingListener) counts() (open, peak int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.open, l.peak
}

type countedConn struct {
	net.Conn
	l    *countingListener
	once sync.Once
}

func (c *countedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		c.l.mu.Lock()
		c.l.open--
		c.l.mu.Unlock()
	})
	return err
}
