package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestAuthLimiter(t *testing.T) {
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		failures int           // failed attempts of 192.0.2.1 at t0
		at       time.Duration // when it tries again, after t0
		allowed  bool
	}{
		{"first attempt", 0, 0, true},
		{"within the burst", authBurst - 1, 0, true},
		{"burst spent", authBurst, 0, false},
		{"burst spent, not yet refilled", authBurst, authRefill / 2, false},
		{"burst spent, one refilled", authBurst, authRefill, true},
		{"far over, still waiting", 3 * authBurst, 5 * authRefill, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var l authLimiter
			for range tc.failures {
				l.failed("192.0.2.1", t0)
			}
			ok, wait := l.allow("192.0.2.1", t0.Add(tc.at))
			if ok != tc.allowed || (!ok && wait <= 0) {
				t.Errorf("allow = %v, wait %v; want %v and a wait when refused", ok, wait, tc.allowed)
			}
			if ok, _ := l.allow("192.0.2.2", t0.Add(tc.at)); !ok {
				t.Error("another address was refused")
			}
		})
	}
}

// TestAuthLimiterBounded checks that failures from very many addresses do
// not grow the limiter past its bound.
func TestAuthLimiterBounded(t *testing.T) {
	var l authLimiter
	t0 := time.Now()
	for i := range authMaxAddrs + 50 {
		l.failed(fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255), t0)
	}
	if n := len(l.addrs); n > authMaxAddrs {
		t.Errorf("%d addresses remembered; the bound is %d", n, authMaxAddrs)
	}
}

// TestFailedTokensSlowed spends one address's budget of failed attempts and
// checks that it is then refused, even with the right token, while another
// address is not.
func TestFailedTokensSlowed(t *testing.T) {
	srv := seedHandler(t)
	srv.Writer, srv.AdminToken = srv.search.Writer(), testToken
	h := srv.Handler()
	post := func(addr, token, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/api/docs", strings.NewReader(body))
		req.RemoteAddr = addr
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	var wg sync.WaitGroup
	for i := range authBurst {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A new port each time, as a new connection has.
			if rec := post(fmt.Sprintf("192.0.2.1:%d", 1000+i), "wrong-token-guess", `{"id":"x","text":"y"}`); rec.Code != http.StatusUnauthorized {
				t.Errorf("failed attempt within the budget = %d, want 401", rec.Code)
			}
		}()
	}
	wg.Wait()
	rec := post("192.0.2.1:2000", testToken, `{"id":"late","text":"y"}`)
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), "too many failed token attempts") {
		t.Errorf("after %d failures = %d %s (Retry-After %q); want 429 with Retry-After", authBurst, rec.Code, rec.Body, rec.Header().Get("Retry-After"))
	}
	if rec := post("192.0.2.2:1000", testToken, `{"id":"other","text":"Sharad Pawar"}`); rec.Code != http.StatusOK {
		t.Errorf("another address with the token = %d %s; want 200", rec.Code, rec.Body)
	}
}
