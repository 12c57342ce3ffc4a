package server

import (
	"fmt"
	"math"
	"net/url"

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
// bar links to the page filtered to its range.
func histogram(l links, dates []index.DateBucket, interval, from, to string) *histView {
	h := &histView{W: histWidth, H: histHeight, Base: histBars, Interval: interval}
	top := 1
	for _, d := range dates {
		top = max(top, d.Count)
	}
	slot := float64(histWidth) / float64(len(dates))
	gap := math.Min(slot*0.2, 6)
	every := (len(dates) + 5) / 6 // at most about six axis labels
	for i, d := range dates {
		x := float64(i) * slot
		b := barView{
			X: int(math.Round(x + gap/2)), W: max(int(math.Round(slot-gap)), 1), FullH: histBars,
			LabelX: int(math.Round(x + slot/2)), Label: d.Label, From: d.From, To: d.To,
			Title:     fmt.Sprintf("%s: %d %s", d.Label, d.Count, plural(d.Count, "article", "articles")),
			Selected:  d.From == from && d.To == to,
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

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
