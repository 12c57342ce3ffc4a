package server

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// findBrowser returns the Chromium to drive: $CHROME_PATH, else Debian's
// chromium, else whatever Chrome is on PATH.
func findBrowser() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		if p, err := exec.LookPath(p); err == nil {
			return p
		}
		return ""
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// settled is a predicate that holds once app.js has no fetch in flight.
const settled = `!document.body.classList.contains('loading')`

// TestBrowser drives the page in headless Chromium: search in Hindi, filter
// by a party, by a histogram bar, and go back, checking the URL carries the
// state at each step.
func TestBrowser(t *testing.T) {
	browser := findBrowser()
	if browser == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but no Chromium was found: install chromium or set CHROME_PATH")
		}
		t.Skip("no Chromium found (install chromium or set CHROME_PATH to one); CI is unset, so skipping")
	}
	ts := httptest.NewServer(seedHandler(t).Handler())
	defer ts.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(browser),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	defer cancelBrowser()

	eval := func(what, js string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return s
	}
	wait := func(what, predicate string) {
		t.Helper()
		if _, err := chromedp.Run(bctx, chromedp.Poll[bool](predicate+" && "+settled,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Fatalf("waiting for %s: %v (location %s)", what, err, eval("location", "location.href"))
		}
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// The summary's first text node is the counts, without the query time.
	summary := func() string {
		return eval("summary", `document.getElementById('summary').firstChild.textContent.trim()`)
	}

	do("open the page", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#q")))
	wait("app.js", `document.documentElement.classList.contains('js')`)
	if got := eval("first paint", `String(document.querySelectorAll('.hit').length)`); got != "5" {
		t.Fatalf("empty query shows %s hits, want all 5", got)
	}

	// A Hindi query, typed and submitted with Enter.
	do("type a query", chromedp.Click(chromedp.CSS("#q")), chromedp.SendKeys(chromedp.CSS("#q"), "इस्तीफा"+kb.Enter))
	wait("results with <mark>", `location.search.includes('q=') && document.querySelector('.hit .snippet mark') !== null`)
	if got, _ := url.ParseQuery(strings.TrimPrefix(eval("location", "location.search"), "?")); got.Get("q") != "इस्तीफा" {
		t.Errorf("URL query %q, want q=इस्तीफा", got)
	}
	before := summary()
	// By hand: all five seeds speak of a resignation.
	if !strings.HasPrefix(before, "Showing 1–5 of 5") {
		t.Errorf("summary %q, want 5 results", before)
	}

	// Tick a party: the URL gains party= and the counts change.
	do("tick BJP", chromedp.Click(chromedp.CSS(`#facet-parties input[value="BJP"]`)))
	wait("party in the URL", `location.search.includes('party=BJP') && document.querySelector('#facet-parties input[value="BJP"]').checked`)
	afterParty := summary()
	if afterParty == before || !strings.HasPrefix(afterParty, "Showing 1–3 of 3") {
		t.Errorf("after ticking BJP the summary is %q (was %q), want 3 results", afterParty, before)
	}

	// Click a histogram bar: the URL gains from= and to=.
	do("click a bar", chromedp.Click(chromedp.CSS(`svg.hist a.bar`)))
	wait("date range in the URL", `location.search.includes('from=') && location.search.includes('to=') && document.querySelector('svg.hist a.bar.selected') !== null`)
	if got := eval("party kept", "location.search"); !strings.Contains(got, "party=BJP") {
		t.Errorf("the date filter dropped the party: %s", got)
	}

	// Back: the previous state, party but no dates, comes back.
	eval("go back", `history.back(), 'ok'`)
	wait("previous state", `!location.search.includes('from=') && location.search.includes('party=BJP') && document.querySelector('svg.hist a.bar.selected') === null`)
	if got := summary(); got != afterParty {
		t.Errorf("after going back the summary is %q, want %q", got, afterParty)
	}

	// The type-ahead finds a person by the Hindi surname and filters by them.
	do("type in the finder", chromedp.SendKeys(chromedp.CSS("#facet-find"), "गहलोत"))
	wait("a suggestion", `[...document.querySelectorAll('#facet-suggest a')].some(a => a.textContent.includes('Ashok Gehlot'))`)
	do("pick it", chromedp.Click(chromedp.CSS("#facet-suggest a")))
	wait("person in the URL", `location.search.includes('person=ashok-gehlot') && location.search.includes('party=BJP')`)
	// By hand: only 002 names Ashok Gehlot, and it names the BJP too.
	if got := eval("hits", `[...document.querySelectorAll('.hit')].map(h => h.dataset.id).join(',')`); got != seed002 {
		t.Errorf("after picking Ashok Gehlot the hits are %q, want %s", got, seed002)
	}

	// A full-page screenshot of a name search for the lead to look at.
	do("open राहुल गांधी", chromedp.Navigate(ts.URL+"/?q="+url.QueryEscape("राहुल गांधी")), chromedp.WaitVisible(chromedp.CSS(".hit mark")))
	png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if len(png) < 8 || string(png[1:4]) != "PNG" {
		t.Fatalf("screenshot is not a PNG (%d bytes)", len(png))
	}
	shot := filepath.Join(t.TempDir(), "page-rahul.png")
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("/tmp/page-rahul.png", png, 0o644); err != nil {
		t.Logf("copy screenshot to /tmp: %v", err)
	}
}

// TestBrowserArticlePage follows a hit's title to its article page and
// shows it at 1280 and 390 px: the query's matches marked, the people and
// parties linked, nothing wider than the screen. It saves screenshots to
// /tmp/article-*.png for a person to look at.
func TestBrowserArticlePage(t *testing.T) {
	browser := findBrowser()
	if browser == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but no Chromium was found: install chromium or set CHROME_PATH")
		}
		t.Skip("no Chromium found (install chromium or set CHROME_PATH to one); CI is unset, so skipping")
	}
	ts := httptest.NewServer(seedHandler(t).Handler())
	defer ts.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(browser),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	defer cancelBrowser()
	eval := func(what, js string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return s
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	shoot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil || len(png) < 8 || string(png[1:4]) != "PNG" {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join("/tmp", name), png, 0o644); err != nil {
			t.Logf("save screenshot: %v", err)
		}
	}

	do("search", chromedp.Navigate(ts.URL+"/?q=resigned"), chromedp.WaitVisible(chromedp.CSS(".hit h2 a")))
	do("open seed 003", chromedp.Click(chromedp.CSS(`#hit-`+seed003+` h2 a`)), chromedp.WaitVisible(chromedp.CSS(".story-body")))
	if got := eval("location", "location.pathname + location.search"); got != "/articles/"+seed003+"?q=resigned" {
		t.Errorf("the hit's title opened %q", got)
	}
	if n := eval("marks", `String(document.querySelectorAll('.story-body mark').length)`); n == "0" {
		t.Error("no marks on the article page reached from q=resigned")
	}
	if got := eval("entity link", `(document.querySelector('.story-body a.ent.person') || {}).getAttribute?.('href') || ''`); !strings.HasPrefix(got, "/?person=") {
		t.Errorf("first person link %q", got)
	}
	shoot("article-1280.png")

	do("narrow to 390 px", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(".story-body")))
	for _, id := range []string{seed003, seed002} {
		do("open "+id, chromedp.Navigate(ts.URL+"/articles/"+id+"?q="+url.QueryEscape("इस्तीफा")),
			chromedp.WaitVisible(chromedp.CSS(".story-body")))
		if w := eval("width", `String(document.documentElement.scrollWidth)`); w != "390" {
			t.Errorf("%s at 390 px is %s px wide", id, w)
		}
		if ok := eval("font", `String(parseFloat(getComputedStyle(document.querySelector('.story-body')).fontSize) >= 16)`); ok != "true" {
			t.Errorf("%s: body text under 16 px at 390 px", id)
		}
		shoot("article-" + id[:3] + "-390.png")
		top, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		_ = os.WriteFile(filepath.Join("/tmp", "article-"+id[:3]+"-390-top.png"), top, 0o644)
	}
}
