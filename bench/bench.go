// Package bench measures the indexer and the search server on synthesized
// corpora: indexing throughput and memory against plain Bleve, query latency
// by query class, and throughput under concurrent clients.
package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Result is one measurement, written as a JSON line.
type Result struct {
	Time   string  `json:"timestamp"`
	Commit string  `json:"commit,omitempty"`
	Docs   int     `json:"docs"`
	Metric string  `json:"metric"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit"`
}

// Recorder appends results to a JSON-lines writer, stamping each with the
// time, commit and corpus size.
type Recorder struct {
	w      io.Writer
	commit string
	docs   int
	err    error
}

// NewRecorder returns a Recorder writing to w for a corpus of docs articles.
func NewRecorder(w io.Writer, commit string, docs int) *Recorder {
	return &Recorder{w: w, commit: commit, docs: docs}
}

// Add records one measurement; the first write error is kept for Err.
func (r *Recorder) Add(metric string, value float64, unit string) {
	if r.err != nil {
		return
	}
	if math.IsNaN(value) || math.IsInf(value, 0) {
		value = 0 // JSON has no NaN; a missing figure reads as 0
	}
	b, err := json.Marshal(Result{Time: time.Now().UTC().Format(time.RFC3339), Commit: r.commit,
		Docs: r.docs, Metric: metric, Value: value, Unit: unit})
	if err == nil {
		_, err = r.w.Write(append(b, '\n'))
	}
	if err != nil {
		r.err = fmt.Errorf("write result %s: %w", metric, err)
	}
}

// Err returns the first error Add met.
func (r *Recorder) Err() error { return r.err }

// GitCommit returns the short hash of HEAD in dir, or "" outside a repository.
func GitCommit(dir string) string {
	cmd := exec.Command("git", "rev-parse", "--short", "HEAD")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// Percentile returns the nearest-rank p-th percentile (0 < p <= 100) of ds,
// which need not be sorted; it returns 0 for no samples.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	rank = min(max(rank, 1), len(s))
	return s[rank-1]
}

// DirSize returns the total size in bytes of the regular files under dir.
func DirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		n += fi.Size()
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("size of %s: %w", dir, err)
	}
	return n, nil
}
