package server

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"slices"
	"time"

	"github.com/newsearch/bilingual/index"
)

// histView is the date facet drawn as inline SVG, so the page needs no
// charting script and the bars work as plain links.
type histView struct {
	W, H, Base int
	Interval   string
	Bars       []barView
}

type barView struct {
	X, Y, W, H, FullH, LabelX int
	Label, Title, Href        string
	From, To                  string
	Selected, ShowLabel       bool
}

// Histogram geometry in SVG user units; the CSS scales it to the sidebar.
const (
	histWidth  = 240
	histBars   = 64 // height of the tallest bar
	histHeight = histBars + 16
)

// histogram scales the date buckets against the tallest one; each non-empty
// bar links to the page filtered to its range, and bars inside the date
// filter (from, to: days, "" for open) are marked selected.
func histogram(l links, dates []index.DateBucket, interval, from, to string) *histView {
	h := &histView{W: histWidth, H: histHeight, Base: histBars, Interval: interval}
	top := 1
	for _, d := range dates {
		top = max(top, d.Count)
	}
	// A few bars (a drilled-down range) keep a bar's width and sit centred.
	slot := float64(histWidth) / float64(max(len(dates), 8))
	left := (float64(histWidth) - slot*float64(len(dates))) / 2
	gap := math.Min(slot*0.2, 6)
	every := (len(dates) + 5) / 6 // at most about six axis labels
	for i, d := range dates {
		x := left + float64(i)*slot
		b := barView{
			X: int(math.Round(x + gap/2)), W: max(int(math.Round(slot-gap)), 1), FullH: histBars,
			LabelX: int(math.Round(x + slot/2)), Label: axisLabel(interval, d.Label), From: d.From, To: d.To,
			Title:     fmt.Sprintf("%s: %d %s", d.Label, d.Count, plural(d.Count, "article", "articles")),
			Selected:  (from == "" || d.From >= from) && (to == "" || d.To <= to) && (from != "" || to != ""),
			ShowLabel: i%every == 0,
		}
		if d.Count > 0 {
			b.H = max(int(math.Round(float64(d.Count)/float64(top)*histBars)), 2)
			b.Href = l.with(func(u url.Values) { u.Set("from", d.From); u.Set("to", d.To) })
		}
		b.Y = histBars - b.H
		h.Bars = append(h.Bars, b)
	}
	return h
}

// axisLabel shortens a day's label under its bar to month and day, so six
// fit under the histogram; the bar's title keeps the year.
func axisLabel(interval, label string) string {
	if interval == "day" && len(label) == len(time.DateOnly) {
		return label[5:]
	}
	return label
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// zoomBuckets are the buckets the page draws for a bounded date range: the
// API's histogram is counted without the date filter (so a range can be
// widened), which at the range's own scale would show one bar; the page
// instead shows the range by month or by day, so a year bar drills down to
// months and a month bar to days. Ranges of two calendar years or more keep
// the API's histogram. At most maxZoomBars buckets: each costs one
// count-only search.
func zoomBuckets(from, to time.Time) (string, []index.DateBucket) {
	if from.IsZero() || to.IsZero() || to.Year()-from.Year() >= 2 {
		return "", nil
	}
	var out []index.DateBucket
	add := func(label string, a, b time.Time) {
		out = append(out, index.DateBucket{Label: label, From: a.Format(time.DateOnly), To: b.Format(time.DateOnly)})
	}
	if to.Sub(from) < 31*24*time.Hour {
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			add(d.Format(time.DateOnly), d, d)
		}
		return "day", out
	}
	for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(to); m = m.AddDate(0, 1, 0) {
		// The first and last months are cut to the range.
		add(m.Format("2006-01"), later(m, from), earlier(m.AddDate(0, 1, -1), to))
	}
	return "month", out
}

// maxZoomBars bounds zoomBuckets: a month has 31 days, two years 24 months.
const maxZoomBars = 31

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// zoomDates counts req's matches in each zoom bucket of its date range; ok
// is false when the range is not zoomed. One counts-only search draws the
// histogram within the range (DatesWithin), whose buckets add up into the
// zoom's; only when it comes back coarser than them (a range across three
// calendar years is counted by year) is each zoom bucket counted alone.
func zoomDates(ctx context.Context, s *index.Searcher, req index.Request) (interval string, dates []index.DateBucket, ok bool, err error) {
	interval, dates = zoomBuckets(req.From, req.To)
	if len(dates) == 0 || len(dates) > maxZoomBars {
		return "", nil, false, nil
	}
	r := req
	r.DatesWithin, r.CountOnly, r.Size, r.Offset, r.FacetSize = true, true, 0, 0, 1
	res, err := s.Search(ctx, r)
	if err != nil {
		return "", nil, false, fmt.Errorf("count %s..%s for the date histogram: %w", dates[0].From, dates[len(dates)-1].To, err)
	}
	for _, b := range res.Facets.Dates {
		i := slices.IndexFunc(dates, func(z index.DateBucket) bool { return z.From <= b.From && b.To <= z.To })
		if i < 0 {
			return zoomBySearches(ctx, s, req, interval, dates)
		}
		dates[i].Count += b.Count
	}
	return interval, dates, true, nil
}

// zoomBySearches counts each zoom bucket with a counts-only search of its own.
func zoomBySearches(ctx context.Context, s *index.Searcher, req index.Request, interval string, dates []index.DateBucket) (string, []index.DateBucket, bool, error) {
	for i, b := range dates {
		r := req
		r.From, _ = time.Parse(time.DateOnly, b.From)
		r.To, _ = time.Parse(time.DateOnly, b.To)
		r.CountOnly, r.Size, r.Offset, r.FacetSize = true, 0, 0, 1
		res, err := s.Search(ctx, r)
		if err != nil {
			return "", nil, false, fmt.Errorf("count %s..%s for the date histogram: %w", b.From, b.To, err)
		}
		dates[i].Count = int(res.Total)
	}
	return interval, dates, true, nil
}
