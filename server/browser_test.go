package server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
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

// browserSession starts headless Chromium on a page of the seeds' server and
// returns helpers bound to it: eval runs a script returning a string, wait
// polls a predicate until app.js has settled, do runs actions, shoot saves a
// full-page screenshot to /tmp/name.
type browserSession struct {
	ts    *httptest.Server
	eval  func(what, js string) string
	wait  func(what, predicate string)
	do    func(what string, steps ...chromedp.Action[chromedp.Void])
	shoot func(name string)
	// screen saves what the viewport shows, as a phone's screen would.
	screen func(name string)
}

func newBrowserSession(t *testing.T) *browserSession {
	t.Helper()
	browser := findBrowser()
	if browser == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but no Chromium was found: install chromium or set CHROME_PATH")
		}
		t.Skip("no Chromium found (install chromium or set CHROME_PATH to one); CI is unset, so skipping")
	}
	ts := httptest.NewServer(seedHandler(t).Handler())
	t.Cleanup(ts.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
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
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(cancelBrowser)
	s := &browserSession{ts: ts}
	s.eval = func(what, js string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
	s.wait = func(what, predicate string) {
		t.Helper()
		if _, err := chromedp.Run(bctx, chromedp.Poll[bool](predicate+" && "+settled,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Fatalf("waiting for %s: %v (location %s)", what, err, s.eval("location", "location.href"))
		}
	}
	s.do = func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	s.shoot = func(name string) {
		t.Helper()
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil || len(png) < 8 || string(png[1:4]) != "PNG" {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join("/tmp", name), png, 0o644); err != nil {
			t.Logf("save screenshot: %v", err)
		}
	}
	s.screen = func(name string) {
		t.Helper()
		png, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
		if err != nil || len(png) < 8 || string(png[1:4]) != "PNG" {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join("/tmp", name), png, 0o644); err != nil {
			t.Logf("save screenshot: %v", err)
		}
	}
	return s
}

// hitDates is a script listing the shown hits' dates, comma-separated.
const hitDates = `[...document.querySelectorAll('.hit time')].map(t => t.getAttribute('datetime')).join(',')`

// urlDates reads from and to from the page's address.
func urlDates(t *testing.T, s *browserSession) (from, to string) {
	t.Helper()
	v, err := url.ParseQuery(strings.TrimPrefix(s.eval("location", "location.search"), "?"))
	if err != nil {
		t.Fatal(err)
	}
	return v.Get("from"), v.Get("to")
}

// within fails unless every date in the comma list lies in from..to.
func within(t *testing.T, what, dates, from, to string) {
	t.Helper()
	if dates == "" {
		t.Errorf("%s: no dated hits", what)
	}
	for _, d := range strings.Split(dates, ",") {
		if d < from || d > to {
			t.Errorf("%s: hit dated %s outside %s..%s", what, d, from, to)
		}
	}
}

// TestBrowserPhoneAndDates checks the page on a desk and on a phone: at
// 390 px the Filters button opens the facets above the first hit; a range
// set to the day with the two date inputs keeps the rest of the search; and
// clicking histogram bars drills down from years to narrower periods. It
// saves screenshots to /tmp/i14d-*.png for a person to look at.
func TestBrowserPhoneAndDates(t *testing.T) {
	s := newBrowserSession(t)
	q := url.QueryEscape("इस्तीफा")

	// On a desk the sidebar shows at once and there is no Filters button.
	s.do("open at 1280", chromedp.Navigate(s.ts.URL+"/?q="+q), chromedp.WaitVisible(chromedp.CSS(".hit")))
	s.wait("app.js", `document.documentElement.classList.contains('js')`)
	if got := s.eval("desk layout", `getComputedStyle(document.querySelector('.filters-button')).display + ' ' + getComputedStyle(document.getElementById('filters')).display`); got != "none block" {
		t.Errorf("at 1280 px the Filters button and facets are displayed %q, want none block", got)
	}
	s.shoot("i14d-desk-1280.png")

	// A day-level range from the two date inputs: the earliest hit's day.
	all := s.eval("dates", hitDates)
	days := strings.Split(all, ",")
	// By hand: four of the five seeds are dated, two on 2019-06-29.
	if len(days) != 4 {
		t.Fatalf("q=इस्तीफा shows dates %q, want the four dated seeds", all)
	}
	day := slices.Min(days)
	s.eval("set the dates", `(() => {
		document.querySelector('#facet-dates input[name=from]').value = '`+day+`';
		document.querySelector('#facet-dates input[name=to]').value = '`+day+`';
		return 'ok'; })()`)
	s.do("set dates", chromedp.Click(chromedp.CSS("#facet-dates .date-apply")))
	s.wait("the range in the URL", `location.search.includes('from=`+day+`') && location.search.includes('to=`+day+`')`)
	if got := s.eval("query kept", "location.search"); !strings.Contains(got, "q="+q) {
		t.Errorf("setting the dates dropped the query: %s", got)
	}
	if got := s.eval("dates", hitDates); strings.Count(got, ",")+1 >= len(days) {
		t.Errorf("from=to=%s still shows %q", day, got)
	} else {
		within(t, "day range", got, day, day)
	}
	if got := s.eval("inputs", `[...document.querySelectorAll('#facet-dates input[type=date]')].map(i => i.value).join(' ')`); got != day+" "+day {
		t.Errorf("the date inputs show %q after the search, want %s twice", got, day)
	}

	// Drill down: a year bar, then a bar of the finer histogram it shows.
	s.do("back to all dates", chromedp.Navigate(s.ts.URL+"/?q="+q), chromedp.WaitVisible(chromedp.CSS("svg.hist a.bar")))
	s.wait("app.js", `document.documentElement.classList.contains('js')`)
	label := s.eval("histogram", `document.querySelector('svg.hist').getAttribute('aria-label')`)
	if !strings.Contains(label, "by year") {
		t.Fatalf("seeds from 2019 to 2024 are drawn %q, want years", label)
	}
	span := func(from, to string) time.Duration {
		a, err1 := time.Parse(time.DateOnly, from)
		b, err2 := time.Parse(time.DateOnly, to)
		if err1 != nil || err2 != nil {
			t.Fatalf("bar range %q..%q is not two days", from, to)
		}
		return b.Sub(a)
	}
	prev := time.Duration(1 << 62)
	for step := 0; step < 3; step++ {
		if from, to := urlDates(t, s); from != "" && from == to {
			break
		}
		before := s.eval("location", "location.search")
		s.do("click a bar", chromedp.Click(chromedp.CSS(`svg.hist a.bar`)))
		s.wait("a narrower range", `location.search !== `+strconvQuote(before))
		from, to := urlDates(t, s)
		if d := span(from, to); d >= prev {
			t.Errorf("step %d: bar range %s..%s is no narrower", step, from, to)
		} else {
			prev = d
		}
		within(t, fmt.Sprintf("step %d", step), s.eval("dates", hitDates), from, to)
		s.shoot(fmt.Sprintf("i14d-desk-drill%d-1280.png", step))
		if !strings.Contains(s.eval("location", "location.search"), "q="+q) {
			t.Errorf("step %d: the bar dropped the query", step)
		}
	}
	if prev != 0 {
		t.Errorf("drilling down ended at a range of %v, want a single day", prev)
	}
	s.shoot("i14d-desk-drilled-1280.png")

	// On a phone the facets wait behind the Filters button, above the hits.
	s.do("narrow to 390 px", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(s.ts.URL+"/?q="+q), chromedp.WaitVisible(chromedp.CSS(".filters-button")))
	s.wait("app.js", `document.documentElement.classList.contains('js')`)
	if w := s.eval("width", `String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the search page at 390 px is %s px wide", w)
	}
	if got := s.eval("closed", `getComputedStyle(document.getElementById('filters')).display`); got != "none" {
		t.Errorf("at 390 px the facets show before the button is pressed (display %s)", got)
	}
	s.shoot("i14d-phone-closed-390.png")
	s.screen("i14d-phone-closed-390-top.png")
	s.do("press Filters", chromedp.Click(chromedp.CSS(".filters-button")))
	s.wait("facets shown", `getComputedStyle(document.getElementById('filters')).display === 'block'`)
	pos := s.eval("positions", `(() => {
		const f = document.getElementById('filters').getBoundingClientRect().top + scrollY;
		const h = document.querySelector('.hit').getBoundingClientRect().top + scrollY;
		return f + ' ' + h; })()`)
	var facetsY, hitY float64
	if _, err := fmt.Sscan(pos, &facetsY, &hitY); err != nil {
		t.Fatalf("positions %q: %v", pos, err)
	}
	if facetsY >= hitY || facetsY > 400 {
		t.Errorf("at 390 px the open facets start at y=%v, the first hit at y=%v: want the facets first, near the top", facetsY, hitY)
	}
	s.shoot("i14d-phone-open-390.png")
	s.screen("i14d-phone-open-390-top.png")

	// Ticking a filter keeps the panel open and applies it.
	s.do("tick BJP", chromedp.Click(chromedp.CSS(`#facet-parties input[value="BJP"]`)))
	s.wait("party in the URL", `location.search.includes('party=BJP')`)
	if got := s.eval("still open", `getComputedStyle(document.getElementById('filters')).display + ' ' + document.querySelector('.filters-count')?.textContent`); got != "block 1" {
		t.Errorf("after ticking BJP on a phone the panel and count are %q, want it open with 1 filter", got)
	}
	s.shoot("i14d-phone-filtered-390.png")

	// Without JavaScript the button still opens the facets, and Apply filters submits them.
	s.do("turn scripts off", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}), chromedp.Navigate(s.ts.URL+"/?q="+q), chromedp.WaitVisible(chromedp.CSS(".filters-button")))
	if got := s.eval("no js", `String(document.documentElement.classList.contains('js'))`); got != "false" {
		t.Fatalf("app.js ran with scripts off")
	}
	if got := s.eval("closed", `getComputedStyle(document.getElementById('filters')).display`); got != "none" {
		t.Errorf("without JS at 390 px the facets show before the button is pressed (display %s)", got)
	}
	s.do("press Filters without JS", chromedp.Click(chromedp.CSS(".filters-button")))
	s.wait("facets shown without JS", `getComputedStyle(document.getElementById('filters')).display === 'block'`)
	s.do("tick BJP and apply", chromedp.Click(chromedp.CSS(`#facet-parties input[value="BJP"]`)),
		chromedp.Click(chromedp.CSS(`.facets .apply`)),
		chromedp.WaitVisible(chromedp.CSS(`.filters-count`)))
	s.wait("party in the URL without JS", `location.search.includes('party=BJP') && location.search.includes('q=')`)
	s.screen("i14d-phone-nojs-390-top.png")
}

// strconvQuote quotes s as a JavaScript string literal.
func strconvQuote(s string) string { return strconv.Quote(s) }
