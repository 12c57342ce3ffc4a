package entities

import (
	"sync"
	"testing"
)

var (
	testOnce sync.Once
	testX    *Extractor
	testErr  error
)

// newTestExtractor shares one extractor between tests; building the automaton takes a moment.
func newTestExtractor(tb testing.TB) *Extractor {
	tb.Helper()
	testOnce.Do(func() {
		g, err := Load()
		if err != nil {
			testErr = err
			return
		}
		testX = NewExtractor(g)
	})
	if testErr != nil {
		tb.Fatalf("Load: %v", testErr)
	}
	return testX
}
