package index

import (
	"log/slog"

	"github.com/newsearch/bilingual/analyzers/lexicon"
)

// SearchConfig holds what a Searcher is told at start, as opposed to what
// the index was built with (BuildOptions), which it reads from the index's
// own mapping. The zero value searches with full expansion, the installed
// FreeDict dictionary if any, and logs nothing.
type SearchConfig struct {
	// Logger receives the Searcher's background work (facet columns); nil
	// discards it.
	Logger *slog.Logger
	// NoExpand searches the query's own words only: no translation and no
	// phonetic keys (to measure what expansion costs and brings).
	NoExpand bool
	// Freedict is the path of Debian's FreeDict English–Hindi dictionary, a
	// fallback for query translation when present; "" means
	// lexicon.FreedictPath, NoFreedict means none.
	Freedict string
	// MinMatch is how many of a query's concepts a match needs; the zero
	// value means DefaultMinMatch.
	MinMatch MinMatch
}

// NoFreedict as SearchConfig.Freedict translates with the embedded lexicon
// only, so results do not depend on what the machine has installed.
const NoFreedict = "-"

// logger returns the configured logger, or one that discards.
func (c SearchConfig) logger() *slog.Logger {
	if c.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Logger
}

// freedictPath returns the dictionary to read, "" for none.
func (c SearchConfig) freedictPath() string {
	switch c.Freedict {
	case "":
		return lexicon.FreedictPath
	case NoFreedict:
		return ""
	}
	return c.Freedict
}
