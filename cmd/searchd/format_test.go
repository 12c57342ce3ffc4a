package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/newsearch/bilingual/internal/indextest"
)

// An old, foreign or damaged index stops searchd at start with status 2 and
// a message naming the directory and the problem.
func TestRefusesIndexesItCannotServe(t *testing.T) {
	for _, tc := range indextest.BadIndexes(t) {
		t.Run(tc.Name, func(t *testing.T) {
			var errb bytes.Buffer
			code := run(context.Background(), []string{"--index", tc.Dir, "--addr", "127.0.0.1:0"}, io.Discard, &errb)
			if code != 2 || !strings.Contains(errb.String(), tc.Want) || !strings.Contains(errb.String(), tc.Dir) {
				t.Errorf("exit %d, stderr %q; want 2 naming %s and saying %q", code, errb.String(), tc.Dir, tc.Want)
			}
		})
	}
}
