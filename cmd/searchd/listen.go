package main

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/net/netutil"
)

// defaultMaxConns is how many connections searchd keeps open at most: well
// below the usual limit of open files, so that a flood of idle connections
// cannot leave the index without file handles.
const defaultMaxConns = 1024

// limitConns caps hs's open connections on ln at max: further clients wait in
// the listen backlog until one closes. While more than half the cap is open,
// idle keep-alive connections are closed as soon as they go idle, so that a
// flood of held connections (or many browsers) makes room for the clients
// waiting to be accepted; at a quarter of the cap keep-alive is back, so the
// shedding does not flap at one threshold. It sets hs.ConnState, calling any
// hook set before.
func limitConns(hs *http.Server, ln net.Listener, max int, log *slog.Logger) net.Listener {
	g := &connGuard{Listener: ln, max: int64(max), log: log, idle: map[net.Conn]struct{}{}}
	prev := hs.ConnState
	hs.ConnState = func(c net.Conn, st http.ConnState) {
		g.track(c, st)
		if prev != nil {
			prev(c, st)
		}
	}
	return netutil.LimitListener(g, max)
}

// connGuard counts the connections open on a listener, down to the socket,
// and closes idle ones while shedding. Counts and the shedding flag are
// atomic and no lock is held while closing a connection, because closing
// one comes back to the guard (and may happen under http.Server's own lock).
type connGuard struct {
	net.Listener
	max  int64
	log  *slog.Logger
	open atomic.Int64
	shed atomic.Bool
	// warned is when shedding was last logged (Unix nanoseconds): a flood
	// can turn it on and off many times a second.
	warned atomic.Int64
	mu     sync.Mutex
	idle   map[net.Conn]struct{} // keep-alive connections waiting for a request
}

func (g *connGuard) Accept() (net.Conn, error) {
	c, err := g.Listener.Accept()
	if err != nil {
		return nil, err
	}
	if n := g.open.Add(1); n > g.max/2 && g.shed.CompareAndSwap(false, true) {
		if now, last := time.Now().UnixNano(), g.warned.Load(); now-last > int64(time.Minute) && g.warned.CompareAndSwap(last, now) {
			g.log.Warn("many open connections: closing idle keep-alive connections (logged once a minute)", "open", n, "max_conns", g.max)
		}
		g.closeIdle()
	}
	return &guardedConn{Conn: c, g: g}, nil
}

// closed counts one connection less.
func (g *connGuard) closed() {
	if n := g.open.Add(-1); n <= g.max/4 && g.shed.CompareAndSwap(true, false) {
		g.log.Debug("open connections back to normal: keep-alive on", "open", n, "max_conns", g.max)
	}
}

// track follows a connection's state to know which are idle.
func (g *connGuard) track(c net.Conn, st http.ConnState) {
	switch st {
	case http.StateIdle:
		g.mu.Lock()
		g.idle[c] = struct{}{}
		g.mu.Unlock()
		// Checked after recording it, so that shedding which began in
		// between finds it either in the set or here.
		if g.shed.Load() {
			g.forget(c)
			_ = c.Close()
		}
	case http.StateActive, http.StateClosed, http.StateHijacked:
		g.forget(c)
	}
}

func (g *connGuard) forget(c net.Conn) {
	g.mu.Lock()
	delete(g.idle, c)
	g.mu.Unlock()
}

// closeIdle closes the connections idle now, as http.Server does when its
// idle timeout passes: a client that sends a request at that moment sees
// the connection close and, for an idempotent request, retries.
func (g *connGuard) closeIdle() {
	g.mu.Lock()
	idle := make([]net.Conn, 0, len(g.idle))
	for c := range g.idle {
		idle = append(idle, c)
	}
	clear(g.idle)
	g.mu.Unlock()
	for _, c := range idle {
		_ = c.Close()
	}
}

// guardedConn tells the guard when it closes, once.
type guardedConn struct {
	net.Conn
	g    *connGuard
	once sync.Once
}

func (c *guardedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.g.closed)
	return err
}

// beyondLoopback says whether a listener on addr can be reached from other
// hosts: any address but a loopback one, the unspecified 0.0.0.0 and [::]
// included.
func beyondLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return !ok || !tcp.IP.IsLoopback()
}

// served is one HTTP server with its listener.
type served struct {
	hs *http.Server
	ln net.Listener
}

// serve runs every server until one fails or ctx ends, then shuts them all
// down, letting requests under way finish for a while; it returns the exit
// status.
func serve(ctx context.Context, servers []served, log *slog.Logger) int {
	errc := make(chan error, len(servers))
	for _, s := range servers {
		go func() { errc <- s.hs.Serve(s.ln) }()
	}
	code := 0
	select {
	case err := <-errc:
		log.Error("serve", "err", err)
		code = 1
	case <-ctx.Done():
		log.Info("shutting down")
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, s := range servers {
		if err := s.hs.Shutdown(sctx); err != nil {
			log.Error("shutdown", "err", err)
			code = 1
		}
	}
	return code
}
