// Package shared locates the project's shared data directory (../shared) for
// tests and benchmarks, which must skip when it is absent.
package shared

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the absolute path of the shared data directory, honouring
// $SHARED_DIR, or "" when it cannot be found.
func Dir() string {
	if d := os.Getenv("SHARED_DIR"); d != "" {
		return d
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	// file is <repo>/internal/shared/shared.go; shared/ sits beside <repo>.
	d := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared")
	if st, err := os.Stat(d); err == nil && st.IsDir() {
		return filepath.Clean(d)
	}
	return ""
}

// Path returns the path of rel inside the shared directory, or skips the test
// with a reason when the directory or the file is absent.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	d := Dir()
	if d == "" {
		tb.Skip("../shared is absent: set SHARED_DIR or place shared/ beside the repository")
	}
	p := filepath.Join(d, rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared data %s is absent: %v", rel, err)
	}
	return p
}
