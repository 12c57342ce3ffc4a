package server

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

// MinAdminTokenBytes is the shortest admin token searchd accepts: with the
// attempts a client may make (authBurst, then one per authRefill), a
// random token of this length cannot be guessed, where a word could be.
const MinAdminTokenBytes = 16

// The budget of failed token attempts per client address: authBurst at
// once, then one more every authRefill. An address over it gets 429 without
// its token being looked at, so guessing from one address is slowed to a
// crawl while every other client goes on as before.
const (
	authBurst  = 10
	authRefill = 3 * time.Second
	// authMaxAddrs bounds the addresses remembered, so that failed attempts
	// from very many addresses cannot grow memory without bound.
	authMaxAddrs = 10_000
	// failedAuthDelay holds each failed attempt's answer back, in that
	// request alone: one client trying tokens in turn gets few per second.
	failedAuthDelay = 250 * time.Millisecond
)

// authLimiter counts failed token attempts per client address; the zero
// value is ready to use and safe for concurrent use.
type authLimiter struct {
	mu    sync.Mutex
	addrs map[string]authBudget
}

// authBudget is what an address has left of its failed attempts at a time.
type authBudget struct {
	left float64
	at   time.Time
}

// budget returns what addr has left at now.
func (l *authLimiter) budget(addr string, now time.Time) float64 {
	b, ok := l.addrs[addr]
	if !ok {
		return authBurst
	}
	return min(authBurst, b.left+float64(now.Sub(b.at))/float64(authRefill))
}

// allow says whether addr may present a token at now and, if not, how long
// until it may.
func (l *authLimiter) allow(addr string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	left := l.budget(addr, now)
	if left >= 1 {
		return true, 0
	}
	return false, time.Duration((1 - left) * float64(authRefill))
}

// failed spends one attempt of addr's budget at now.
func (l *authLimiter) failed(addr string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.addrs == nil {
		l.addrs = map[string]authBudget{}
	}
	if _, ok := l.addrs[addr]; !ok && len(l.addrs) >= authMaxAddrs {
		for a := range l.addrs {
			if l.budget(a, now) >= authBurst {
				delete(l.addrs, a) // back to a full budget: nothing to remember
			}
		}
		if len(l.addrs) >= authMaxAddrs {
			// Attempts from this many addresses at once: start over rather
			// than grow. The delay and the token's length still hold.
			clear(l.addrs)
		}
	}
	l.addrs[addr] = authBudget{left: l.budget(addr, now) - 1, at: now}
}

// clientAddr is the address a request's budget is counted under: the peer's
// IP, without the port, which a client changes with every connection.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// pause waits d, or less if ctx ends first.
func pause(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
