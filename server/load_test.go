package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// loadQueries is the fixed mix the load test's readers cycle through: both
// scripts, romanized Hindi, facets, filters, sorting, paging and type-ahead.
func loadQueries() []string {
	return []string{
		"/api/search?q=" + url.QueryEscape("Rahul Gandhi"),
		"/api/search?q=" + url.QueryEscape("राहुल गांधी"),
		"/api/search?q=" + url.QueryEscape("भाजपा चुनाव"),
		"/api/search?q=" + url.QueryEscape("bhajpa chunav"),
		"/api/search?q=" + url.QueryEscape("Modi Varanasi") + "&sort=-date",
		"/api/search?q=election&party=BJP&lang=en",
		"/api/search?q=" + url.QueryEscape("कांग्रेस") + "&party=INC&lang=hi",
		"/api/search?person=rahul-gandhi&from=2019-01-01&to=2019-12-31",
		"/api/search?q=Congress&size=50&offset=10",
		"/api/search?lang=mixed&lang=hi&sort=date",
		"/api/search?q=" + url.QueryEscape("Lok Sabha लोकसभा") + "&party=BJP&party=INC",
		"/api/search",
		"/api/facets/people?prefix=ra",
		"/api/facets/parties?prefix=" + url.QueryEscape("भा"),
		"/api/docs/" + seed002,
		"/healthz",
	}
}

// loadSeconds is how long TestLoad runs: $LOAD_SECONDS, 5 by default.
func loadSeconds(t *testing.T) time.Duration {
	s := os.Getenv("LOAD_SECONDS")
	if s == "" {
		return 5 * time.Second
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 3600 {
		t.Fatalf("LOAD_SECONDS=%q: want whole seconds in 1..3600", s)
	}
	return time.Duration(n) * time.Second
}

// TestLoad runs 64 reading clients and 2 writers against one server for
// LOAD_SECONDS and requires no failed request and no lost write. Latency is
// logged, never asserted.
func TestLoad(t *testing.T) {
	const clients, writers = 64, 2
	dur := loadSeconds(t)
	// A bound on the requests too, so a very fast machine still stops early.
	maxRequests := int64(4000 * dur.Seconds())
	queries := loadQueries()
	ts := writableServer(t, nil)
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 2 * clients, MaxIdleConnsPerHost: 2 * clients},
	}
	defer client.CloseIdleConnections()

	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	var (
		mu        sync.Mutex
		requests  int64
		failures  []string // first few failures, for the log
		errCount  int
		readTimes []time.Duration
		writeTime []time.Duration
		acked     []string
	)
	fail := func(what string) {
		mu.Lock()
		defer mu.Unlock()
		errCount++
		if len(failures) < 10 {
			failures = append(failures, what)
		}
	}
	// next reserves one request of the budget, or says the run is over.
	next := func() bool {
		mu.Lock()
		defer mu.Unlock()
		if ctx.Err() != nil || requests >= maxRequests {
			return false
		}
		requests++
		return true
	}

	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var times []time.Duration
			for i := c; next(); i++ {
				path := queries[i%len(queries)]
				began := time.Now()
				status, err := fetch(client, http.MethodGet, ts.URL+path, "")
				took := time.Since(began)
				if err != nil || status/100 != 2 {
					fail(fmt.Sprintf("GET %s: %d %v", path, status, err))
					continue
				}
				times = append(times, took)
			}
			mu.Lock()
			readTimes = append(readTimes, times...)
			mu.Unlock()
		}()
	}
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; next(); i++ {
				id := fmt.Sprintf("load-w%d-%d", w, i)
				body := fmt.Sprintf(`{"id":%q,"title":"Load %d","text":"Rahul Gandhi met Narendra Modi; भाजपा और कांग्रेस के नेता %d.","date":"2024-06-04"}`, id, i, i)
				began := time.Now()
				status, err := fetch(client, http.MethodPost, ts.URL+"/api/docs", body)
				took := time.Since(began)
				if err != nil || status != http.StatusOK {
					fail(fmt.Sprintf("POST %s: %d %v", id, status, err))
					continue
				}
				mu.Lock()
				acked = append(acked, id)
				writeTime = append(writeTime, took)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()

	lost := 0
	for _, id := range acked {
		if status, err := fetch(client, http.MethodGet, ts.URL+"/api/docs/"+id, ""); err != nil || status != http.StatusOK {
			lost++
			if lost <= 5 {
				t.Errorf("acknowledged %s not found: %d %v", id, status, err)
			}
		}
	}
	t.Logf("load: %s, %d clients + %d writers: %d requests (%d reads, %d acknowledged writes), %d errors, %d lost writes",
		dur, clients, writers, requests, len(readTimes), len(acked), errCount, lost)
	t.Logf("load: reads p50 %s p99 %s; writes p50 %s p99 %s",
		percentile(readTimes, 50), percentile(readTimes, 99), percentile(writeTime, 50), percentile(writeTime, 99))
	for _, f := range failures {
		t.Log("failure:", f)
	}
	if errCount != 0 || lost != 0 {
		t.Errorf("%d failed requests and %d lost writes; want none", errCount, lost)
	}
	if len(readTimes) == 0 || len(acked) == 0 {
		t.Errorf("%d reads and %d writes succeeded: the load test exercised nothing", len(readTimes), len(acked))
	}
}

// fetch sends one request with the admin token and drains the answer.
func fetch(c *http.Client, method, url, body string) (int, error) {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return res.StatusCode, err
	}
	return res.StatusCode, nil
}

// percentile returns the p-th percentile of ds (nearest rank), 0 when empty.
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100 // ceil(len·p/100), the nearest rank
	return s[max(i-1, 0)].Round(10 * time.Microsecond)
}

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		var out []time.Duration
		for _, n := range ns {
			out = append(out, time.Duration(n)*time.Millisecond)
		}
		return out
	}
	tests := []struct {
		ds   []time.Duration
		p    int
		want time.Duration
	}{
		{nil, 50, 0},
		{ms(7), 99, 7 * time.Millisecond},
		{ms(5, 1, 4, 2, 3), 50, 3 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 50, 5 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
	}
	for _, tc := range tests {
		if got := percentile(tc.ds, tc.p); got != tc.want {
			t.Errorf("percentile(%v, %d) = %s, want %s", tc.ds, tc.p, got, tc.want)
		}
	}
}
